package chat.server.persist;

import chat.common.Message;
import chat.common.MessageType;
import chat.server.store.ChangeLog;
import chat.server.store.ChangeNotSaved;
import chat.server.store.ChatImage;
import chat.server.store.StoredMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * A chat kept in a database: an SQLite file on this machine, or a PostgreSQL database shared by several. It
 * checks at opening that the database is a chat's of the schema version it reads ({@link Schema}), creating
 * the tables in an empty one; {@link #load} reads the whole chat back; and as a {@link ChangeLog} it commits
 * each change before returning (changes waiting at the same time share a transaction), except a message handed
 * over with {@link #postLater}, which its writer thread commits while nobody waits.
 *
 * <p>Every write is keyed (a message by room and sequence number, a member by room and name, a name by
 * itself), so a change written again is stored once. Thread-safe: the writes take turns on one connection.
 *
 * <p>A PostgreSQL connection that is lost (the server restarted, the network failed, the backend was ended) is
 * replaced: the change or read that meets the loss opens a new connection from the same URL and runs once more on
 * it. When none can be opened it fails, as any change that cannot be written does, and the next one tries again.
 * An SQLite file is never lost, and costs nothing of this.
 */
public final class ChatDatabase implements ChangeLog, AutoCloseable {
    /** A room's messages beyond its history limit are deleted every this many messages, not at each one. */
    private static final int TRIM_EVERY = 128;
    private static final int BUSY_TIMEOUT_MILLIS = 10_000;
    /**
     * A standalone server's least time from one commit to the next: a commit costs several times the change it
     * writes, so a busy chat's messages share commits, a thousand a second at most; a quiet chat's change, coming
     * later than that after the last commit, waits for none.
     */
    static final Duration STANDALONE_COMMIT_SPACING = Duration.ofMillis(1);
    /** When this many changes wait for the spacing to pass, they are committed without waiting longer. */
    static final int ENOUGH_FOR_A_COMMIT = 256;
    /** How long a PostgreSQL connection has to answer when a statement failed for a reason that names no loss. */
    private static final int CHECK_TIMEOUT_SECONDS = 2;
    private static final Logger LOG = LoggerFactory.getLogger(ChatDatabase.class);
    /** A room's newest message's sequence number and stamp; no row when it has none. */
    private static final String NEWEST = "SELECT seq, stamp FROM chat_messages WHERE room = ? ORDER BY seq DESC LIMIT 1";
    /**
     * A room's messages after a sequence number, oldest first. A restart reads a million of them, and each text
     * column read costs as much as the rest of the row: the type comes as a number (1 broadcast, 2 unicast, null
     * for anything else, whose text is then read from the last column to be refused), and a broadcast's destination,
     * always {@value Message#EVERYONE}, as null; any other destination as it is.
     */
    private static final String MESSAGES = "SELECT seq, CASE type WHEN '" + MessageType.BROADCAST.wireName()
            + "' THEN 1 WHEN '" + MessageType.UNICAST.wireName() + "' THEN 2 END, origin, CASE WHEN type = '"
            + MessageType.BROADCAST.wireName() + "' AND destination = '" + Message.EVERYONE
            + "' THEN NULL ELSE destination END, content, stamp, type FROM chat_messages WHERE room = ? AND seq > ?"
            + " ORDER BY seq";

    /** Where a new connection is opened from when this one is lost; null for an SQLite file, which is not lost. */
    private final String url;
    private final String where;
    private final int historyLimit;
    /** The least time from the start of one commit to the start of the next, in nanoseconds; 0 for none. */
    private final long commitSpacing;
    /** When the last commit started ({@link System#nanoTime}). Guarded by {@link #queue}. */
    private long lastCommit;
    /** The connection, replaced when it is lost. It and the three fields below are guarded by this. */
    private Connection connection;
    /** The statements of the writes, prepared on {@link #connection}. */
    private Statements statements;
    /** Why the connection was lost, while no new one could be opened; null while it works. */
    private SQLException lost;
    private boolean closed;
    /** The lock of the group commit: {@link #waiting}, {@link #committing}, {@link #lastCommit}, each change's outcome. */
    private final ReentrantLock queue = new ReentrantLock();
    /** Signalled when a commit ends, and when enough changes wait for one. */
    private final Condition changed = queue.newCondition();
    /**
     * Whether a change made under a lock of the chat's waits for the next commit: the commit waits no longer for the
     * spacing. Guarded by {@link #queue}.
     */
    private boolean hurried;
    /** Changes waiting for the commit under way to end. Guarded by {@link #queue}. */
    private final List<Change> waiting = new ArrayList<>();
    /** Whether a thread is committing a batch of changes. Guarded by {@link #queue}. */
    private boolean committing;
    /**
     * Messages handed over ({@link #postLater}) whose {@link Change#whenDone} actions the {@link #writer} has not run
     * yet, oldest first. Guarded by {@link #queue}.
     */
    private final ArrayDeque<Change> handedOver = new ArrayDeque<>();
    /** Signalled when a message is handed over, and when the database is closing. */
    private final Condition handedOverSignal = queue.newCondition();
    /**
     * The thread that commits the messages handed over (nobody waits for them) and runs their actions; started with the
     * first one. Guarded by {@link #queue}.
     */
    private Thread writer;
    /** Whether {@link #close} has begun: messages handed over from then on fail at once. Guarded by {@link #queue}. */
    private boolean closing;

    private ChatDatabase(Connection connection, String url, String where, int historyLimit, Duration commitSpacing)
            throws SQLException {
        this.connection = connection;
        this.url = url;
        this.where = where;
        this.historyLimit = historyLimit;
        this.commitSpacing = commitSpacing.toNanos();
        this.lastCommit = System.nanoTime() - this.commitSpacing;
        this.statements = new Statements(connection);
    }

    /**
     * Opens the SQLite file {@code file}, creating it (and its tables) when it does not exist.
     *
     * @param file         the chat's file
     * @param historyLimit how many of its newest messages each room keeps (older ones are deleted)
     * @return the open database
     * @throws DatabaseProblem the file is damaged, of another kind or another schema version, or out of reach;
     *                         it is left as it was
     */
    public static ChatDatabase openFile(Path file, int historyLimit) throws DatabaseProblem {
        return openFile(file, historyLimit, Duration.ZERO);
    }

    /**
     * Opens, as {@link #openFile}, the file of a standalone server, whose messages are handed over
     * ({@link #postLater}) and committed by this database's writer thread: its commits are
     * {@link #STANDALONE_COMMIT_SPACING} apart at least, so that a busy chat's messages share them (the server's
     * other changes, made under its locks, hurry the commit).
     *
     * @param file         the chat's file
     * @param historyLimit how many of its newest messages each room keeps (older ones are deleted)
     * @return the open database
     * @throws DatabaseProblem the file is damaged, of another kind or another schema version, or out of reach;
     *                         it is left as it was
     */
    public static ChatDatabase openStandaloneFile(Path file, int historyLimit) throws DatabaseProblem {
        return openFile(file, historyLimit, STANDALONE_COMMIT_SPACING);
    }

    /**
     * Opens the SQLite file {@code file} as {@link #openFile} does, its commits {@code commitSpacing} apart at
     * least ({@link Duration#ZERO}: each as soon as the one before it ends). Only messages handed over
     * ({@link #postLater}) wait for the spacing, on this database's writer thread; a change written at once commits
     * without it.
     */
    static ChatDatabase openFile(Path file, int historyLimit, Duration commitSpacing) throws DatabaseProblem {
        SqliteFile.check(file);
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        // No key is generated here: without this the driver asks SQLite for the last row id after every insert.
        config.setGetGeneratedKeys(false);
        Connection connection;
        try {
            connection = DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties());
        } catch (SQLException e) {
            throw new DatabaseProblem("cannot open the chat database " + file + ": " + e.getMessage(), e);
        }
        return open(connection, Dialect.SQLITE, null, file.toString(), historyLimit, commitSpacing);
    }

    /**
     * Opens the PostgreSQL database at {@code url} (a {@code jdbc:postgresql:} URL; its {@code currentSchema}
     * parameter chooses the schema), creating the tables when it has none.
     *
     * @param url          the database's JDBC URL
     * @param historyLimit how many of its newest messages each room keeps (older ones are deleted)
     * @return the open database
     * @throws DatabaseProblem the database does not answer, or holds tables of another kind or schema version
     */
    public static ChatDatabase openUrl(String url, int historyLimit) throws DatabaseProblem {
        String shown = Persistence.Database.withoutPassword(url);
        Connection connection;
        try {
            connection = DriverManager.getConnection(url, new Properties());
        } catch (SQLException e) {
            throw new DatabaseProblem("cannot reach the chat database " + shown + ": " + e.getMessage(), e);
        }
        return open(connection, Dialect.POSTGRESQL, url, shown, historyLimit, Duration.ZERO);
    }

    /** Checks the schema, creating it in an empty database; {@code url} is null for a file, never reopened. */
    private static ChatDatabase open(Connection connection, Dialect dialect, String url, String where,
                                     int historyLimit, Duration commitSpacing) throws DatabaseProblem {
        try {
            connection.setAutoCommit(false);
            if (dialect == Dialect.SQLITE) {
                quickCheck(connection, where);
            }
            if (!checkVersion(connection, where)) {
                dialect.lockForSchema(connection);
                if (!checkVersion(connection, where)) {
                    try (Statement statement = connection.createStatement()) {
                        for (String sql : Schema.CREATE) {
                            statement.execute(sql);
                        }
                    }
                }
            }
            connection.setAutoCommit(true); // commits
            dialect.afterSchema(connection);
            return new ChatDatabase(connection, url, where, historyLimit, commitSpacing);
        } catch (SQLException | DatabaseProblem e) {
            try {
                connection.rollback();
            } catch (SQLException ignored) {
                // the connection is closed next; nothing was written
            }
            try {
                connection.close();
            } catch (SQLException closing) {
                e.addSuppressed(closing);
            }
            if (e instanceof DatabaseProblem problem) {
                throw problem;
            }
            throw new DatabaseProblem("cannot use the chat database " + where + ": " + e.getMessage(), e);
        }
    }

    private static void quickCheck(Connection connection, String where) throws SQLException, DatabaseProblem {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("PRAGMA quick_check(1)")) {
            String verdict = result.next() ? result.getString(1) : "no answer";
            if (!"ok".equals(verdict)) {
                throw new DatabaseProblem("the chat database " + where + " is damaged (" + verdict
                        + "): restore it from a backup, or move it away to start a new chat");
            }
        }
    }

    /**
     * Checks the schema version; false when the database holds no chat yet (none of its tables), so the caller
     * creates them.
     */
    private static boolean checkVersion(Connection connection, String where) throws SQLException, DatabaseProblem {
        TreeSet<String> tables = new TreeSet<>();
        DatabaseMetaData meta = connection.getMetaData();
        try (ResultSet result = meta.getTables(null, connection.getSchema(), "%", new String[] {"TABLE"})) {
            while (result.next()) {
                tables.add(result.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
            }
        }
        if (!tables.contains(Schema.VERSION_TABLE)) {
            boolean sqlite = meta.getDatabaseProductName().toLowerCase(Locale.ROOT).contains("sqlite");
            List<String> foreign = tables.stream().filter(name -> sqlite || name.startsWith("chat_")).toList();
            if (!foreign.isEmpty()) {
                throw new DatabaseProblem("the database " + where + " is not a chat's: it holds other tables ("
                        + String.join(", ", foreign) + ") and no " + Schema.VERSION_TABLE);
            }
            return false;
        }
        List<Integer> versions = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT version FROM " + Schema.VERSION_TABLE)) {
            while (result.next()) {
                versions.add(result.getInt(1));
            }
        }
        if (versions.size() != 1) {
            throw new DatabaseProblem("the chat database " + where + " is damaged: " + versions.size()
                    + " schema versions recorded instead of one");
        }
        int version = versions.get(0);
        if (version > Schema.VERSION) {
            throw new DatabaseProblem("the chat database " + where + " has schema version " + version
                    + ", newer than this server's " + Schema.VERSION + ": run the newer server, or give another"
                    + " database");
        }
        if (version < Schema.VERSION) {
            throw new DatabaseProblem("the chat database " + where + " has schema version " + version
                    + ", which this server (version " + Schema.VERSION + ") does not read");
        }
        return true;
    }

    /** {@return the file or URL (without password) of this database, as messages name it} */
    public String where() {
        return where;
    }

    /** {@return every room's name, oldest first} */
    public synchronized List<String> roomNames() {
        return read("the room names", () -> strings("SELECT name FROM chat_rooms ORDER BY created_order"));
    }

    /** {@return every registered name} */
    public synchronized List<String> userNames() {
        return read("the names", () -> strings("SELECT name FROM chat_users"));
    }

    /**
     * The rooms of those {@code names} that are kept, with their members and newest messages.
     *
     * @param names the rooms' names
     * @return the rooms found
     */
    public List<ChatImage.Room> rooms(Collection<String> names) {
        return rooms(names, Map.of());
    }

    /**
     * The rooms of those {@code names} that are kept, as {@link #rooms(Collection)} reads them, but a room's messages
     * taken from {@code readEarlier} when it is still the room read then and its newest message still the same: a
     * kept message never changes, and a room removed and made again has another place among the rooms. Its row
     * and members are read again.
     *
     * @param names       the rooms' names
     * @param readEarlier rooms read earlier from this database, by name
     * @return the rooms found
     */
    public synchronized List<ChatImage.Room> rooms(Collection<String> names, Map<String, ChatImage.Room> readEarlier) {
        return read("rooms", () -> {
            List<ChatImage.Room> found = new ArrayList<>();
            try (PreparedStatement room = connection.prepareStatement(
                         "SELECT created_order, empty_since FROM chat_rooms WHERE name = ?");
                 PreparedStatement members = connection.prepareStatement(
                         "SELECT username FROM chat_members WHERE room = ? ORDER BY joined_seq");
                 PreparedStatement newest = connection.prepareStatement(NEWEST);
                 PreparedStatement messages = connection.prepareStatement(MESSAGES)) {
                for (String name : names) {
                    room.setString(1, name);
                    try (ResultSet result = room.executeQuery()) {
                        if (!result.next()) {
                            continue;
                        }
                        long order = result.getLong(1);
                        long emptySince = result.getLong(2);
                        Instant empty = result.wasNull() ? null : instant(emptySince);
                        members.setString(1, name);
                        List<String> in = new ArrayList<>();
                        try (ResultSet rows = members.executeQuery()) {
                            while (rows.next()) {
                                in.add(rows.getString(1));
                            }
                        }
                        ChatImage.Room earlier = readEarlier.get(name);
                        found.add(new ChatImage.Room(name, order, empty, in, messages(newest, messages, name,
                                earlier != null && earlier.order() == order ? earlier.messages() : null)));
                    }
                }
            }
            return found;
        });
    }

    /**
     * The session hash of each of those {@code names} that is registered.
     *
     * @param names the names
     * @return each registered name's session hash (null for one without a session)
     */
    public synchronized Map<String, String> sessions(Collection<String> names) {
        return read("names", () -> {
            Map<String, String> found = new HashMap<>();
            try (PreparedStatement user = connection.prepareStatement(
                    "SELECT session_hash FROM chat_users WHERE name = ?")) {
                for (String name : names) {
                    user.setString(1, name);
                    try (ResultSet result = user.executeQuery()) {
                        if (result.next()) {
                            found.put(name, result.getString(1));
                        }
                    }
                }
            }
            return found;
        });
    }

    /** {@return how many names are registered} */
    public synchronized long userCount() {
        return read("the number of names", () -> longs("SELECT count(*) FROM chat_users")[0]);
    }

    /** {@return how many rooms there are, and the highest place among the rooms ever created (0 without rooms)} */
    public synchronized long[] roomCountAndLastOrder() {
        return read("the number of rooms", () -> longs("SELECT count(*), coalesce(max(created_order), 0) FROM chat_rooms"));
    }

    private List<String> strings(String sql) throws SQLException {
        List<String> found = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                found.add(result.getString(1));
            }
        }
        return found;
    }

    private long[] longs(String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            long[] values = new long[result.getMetaData().getColumnCount()];
            for (int i = 0; i < values.length; i++) {
                values[i] = result.getLong(i + 1);
            }
            return values;
        }
    }

    /** Runs a read in a transaction of its own; a failure is a {@link ChangeNotSaved}-like unchecked one. */
    private <T> T read(String what, SqlRead<T> work) {
        if (closed) {
            throw new IllegalStateException("cannot read " + what + ": the chat database " + where + " is closed");
        }
        try {
            return transaction(work);
        } catch (SQLException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot read " + what + " from the chat database " + where + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Writes what changed in one room, in one transaction: the room if it is new, when it became empty, its
     * members, its new messages.
     *
     * @param save what changed
     */
    public void save(RoomSave save) {
        if (save.isEmpty()) {
            return;
        }
        write("changes to the room " + save.room(), () -> {
            String room = save.room();
            if (save.isNew()) {
                statements.insertRoom.setString(1, room);
                statements.insertRoom.setLong(2, save.order());
                if (save.emptySince() == null) {
                    statements.insertRoom.setNull(3, java.sql.Types.BIGINT);
                } else {
                    statements.insertRoom.setLong(3, nanos(save.emptySince()));
                }
                statements.insertRoom.executeUpdate();
            }
            if (save.emptyChanged()) {
                emptySince(room, save.emptySince());
            }
            if (save.members() != null) {
                statements.deleteRoomMembers.setString(1, room);
                statements.deleteRoomMembers.executeUpdate();
                long place = 0;
                for (String member : save.members()) {
                    statements.insertMember.setString(1, room);
                    statements.insertMember.setString(2, member);
                    statements.insertMember.setLong(3, ++place);
                    statements.insertMember.executeUpdate();
                }
            }
            for (StoredMessage message : save.messages()) {
                message(room, message);
            }
        });
    }

    /**
     * The whole chat as kept.
     *
     * @return every name, and every room with its members and newest messages
     * @throws DatabaseProblem the database cannot be read (damaged)
     */
    public synchronized ChatImage load() throws DatabaseProblem {
        try {
            return transaction(() -> {
                Map<String, String> users = new HashMap<>();
                try (Statement statement = connection.createStatement();
                     ResultSet result = statement.executeQuery("SELECT name, session_hash FROM chat_users")) {
                    while (result.next()) {
                        users.put(result.getString(1), result.getString(2));
                    }
                }
                Map<String, List<String>> members = new HashMap<>();
                try (Statement statement = connection.createStatement();
                     ResultSet result = statement.executeQuery(
                             "SELECT room, username FROM chat_members ORDER BY room, joined_seq")) {
                    while (result.next()) {
                        members.computeIfAbsent(result.getString(1), room -> new ArrayList<>())
                                .add(result.getString(2));
                    }
                }
                List<ChatImage.Room> rooms = new ArrayList<>();
                try (Statement statement = connection.createStatement();
                     ResultSet result = statement.executeQuery(
                             "SELECT name, created_order, empty_since FROM chat_rooms ORDER BY created_order");
                     PreparedStatement newest = connection.prepareStatement(NEWEST);
                     PreparedStatement messages = connection.prepareStatement(MESSAGES)) {
                    while (result.next()) {
                        String name = result.getString(1);
                        long emptySince = result.getLong(3);
                        Instant empty = result.wasNull() ? null : instant(emptySince);
                        rooms.add(new ChatImage.Room(name, result.getLong(2), empty,
                                members.getOrDefault(name, List.of()), messages(newest, messages, name, null)));
                    }
                }
                return new ChatImage(users, rooms);
            });
        } catch (SQLException | IllegalArgumentException e) {
            throw new DatabaseProblem("cannot read the chat database " + where + ": " + e.getMessage(), e);
        }
    }

    /** The room's newest messages; {@code earlier}, when not null and its newest message is still the room's. */
    private List<StoredMessage> messages(PreparedStatement newest, PreparedStatement messages, String room,
                                         List<StoredMessage> earlier) throws SQLException {
        newest.setString(1, room);
        long last = 0;
        double stamp = 0;
        try (ResultSet result = newest.executeQuery()) {
            if (result.next()) {
                last = result.getLong(1);
                stamp = result.getDouble(2);
            }
        }
        if (earlier != null && (earlier.isEmpty() ? last == 0 : earlier.get(earlier.size() - 1).seq() == last
                && earlier.get(earlier.size() - 1).message().timestamp() == stamp)) {
            return earlier;
        }
        messages.setString(1, room);
        messages.setLong(2, last - historyLimit);
        List<StoredMessage> kept = new ArrayList<>();
        // A room's messages come from and go to a few names: each is kept once, not twice per message.
        Map<String, String> names = new HashMap<>();
        try (ResultSet result = messages.executeQuery()) {
            while (result.next()) {
                MessageType type = switch (result.getInt(2)) {
                    case 1 -> MessageType.BROADCAST;
                    case 2 -> MessageType.UNICAST;
                    default -> MessageType.fromWire(result.getString(7)); // refuses it, naming it
                };
                String origin = names.computeIfAbsent(text(result, 3), name -> name);
                String destination = text(result, 4);
                destination = destination == null ? Message.EVERYONE : names.computeIfAbsent(destination, name -> name);
                kept.add(new StoredMessage(result.getLong(1),
                        new Message(type, origin, destination, text(result, 5), result.getDouble(6))));
            }
        }
        return kept;
    }

    /**
     * A text column, read as its UTF-8 bytes (both drivers hand text to the client in UTF-8): the SQLite driver's
     * {@code getString} copies each text once more, through a buffer, which a million messages' texts feel.
     */
    private static String text(ResultSet result, int column) throws SQLException {
        byte[] bytes = result.getBytes(column);
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public void userAdded(String username, String sessionHash, Instant at) {
        write("the name " + username, () -> {
            statements.insertUser.setString(1, username);
            statements.insertUser.setString(2, sessionHash);
            statements.insertUser.setLong(3, nanos(at));
            statements.insertUser.executeUpdate();
        });
    }

    @Override
    public void userRemoved(String username) {
        write("the freeing of " + username, () -> {
            statements.deleteUser.setString(1, username);
            statements.deleteUser.executeUpdate();
        });
    }

    @Override
    public void roomCreated(String room, long order, Instant at) {
        write("the room " + room, () -> {
            statements.insertRoom.setString(1, room);
            statements.insertRoom.setLong(2, order);
            statements.insertRoom.setLong(3, nanos(at));
            statements.insertRoom.executeUpdate();
        });
    }

    @Override
    public void roomRemoved(String room) {
        write("the removal of the room " + room, () -> {
            for (PreparedStatement delete : List.of(statements.deleteRoomMessages,
                    statements.deleteRoomMembers, statements.deleteRoom)) {
                delete.setString(1, room);
                delete.executeUpdate();
            }
        });
    }

    @Override
    public void joined(String room, String username, StoredMessage notice) {
        write("the join of " + username + " to " + room, () -> {
            statements.insertMember.setString(1, room);
            statements.insertMember.setString(2, username);
            statements.insertMember.setLong(3, notice.seq());
            statements.insertMember.executeUpdate();
            emptySince(room, null);
            message(room, notice);
        });
    }

    @Override
    public void left(String room, String username, StoredMessage notice, Instant emptySince) {
        write("the leave of " + username + " from " + room, () -> {
            statements.deleteMember.setString(1, room);
            statements.deleteMember.setString(2, username);
            statements.deleteMember.executeUpdate();
            if (emptySince != null) {
                emptySince(room, emptySince);
            }
            message(room, notice);
        });
    }

    @Override
    public void posted(String room, StoredMessage message) {
        write("a message to " + room, () -> message(room, message));
    }

    /**
     * Queues the message for the next commit, after {@code previous} (null, or a change of this database's). The
     * database's writer thread commits it (with whatever else waits by then, once the commit spacing has passed) and
     * runs its {@link Pending#whenDone} actions.
     */
    @Override
    public Pending postLater(String room, StoredMessage message, Pending previous) {
        return enqueue("a message to " + room, () -> message(room, message),
                previous instanceof Change change ? change : null, true);
    }

    private void emptySince(String room, Instant since) throws SQLException {
        if (since == null) {
            statements.setEmptySince.setNull(1, java.sql.Types.BIGINT);
        } else {
            statements.setEmptySince.setLong(1, nanos(since));
        }
        statements.setEmptySince.setString(2, room);
        statements.setEmptySince.executeUpdate();
    }

    private void message(String room, StoredMessage stored) throws SQLException {
        Message message = stored.message();
        statements.insertMessage.setString(1, room);
        statements.insertMessage.setLong(2, stored.seq());
        statements.insertMessage.setString(3, message.type().wireName());
        statements.insertMessage.setString(4, message.origin());
        statements.insertMessage.setString(5, message.destination());
        statements.insertMessage.setString(6, message.content());
        statements.insertMessage.setDouble(7, message.timestamp());
        statements.insertMessage.executeUpdate();
        if (stored.seq() % TRIM_EVERY == 0 && stored.seq() > historyLimit) {
            statements.trimMessages.setString(1, room);
            statements.trimMessages.setLong(2, stored.seq() - historyLimit);
            statements.trimMessages.executeUpdate();
        }
    }

    /**
     * One change: the statements of {@code work}, committed before it returns (see {@link #await}).
     */
    private void write(String what, SqlWork work) {
        await(enqueue(what, work, null, false), false);
    }

    /**
     * Queues a change for the next commit without waiting for it. A change that follows {@code previous} (a message
     * of the same room handed over before it) is refused at once when that one failed, and fails with it when it
     * fails later (see {@link #await}): a room's messages are stored in order, never after a gap. A change
     * {@code handedOver} is committed by the {@link #writer}, which runs its actions; the others by whoever waits.
     */
    Change enqueue(String what, SqlWork work, Change previous, boolean handedOver) {
        Change change = new Change(what, work, previous);
        queue.lock();
        try {
            if (previous != null && previous.done && previous.failure != null) {
                change.done = true;
                change.failure = previous.failure;
            } else if (handedOver && closing) {
                change.done = true;
                change.failure = new SQLException("the database is closed");
            } else {
                waiting.add(change);
                if (committing && waiting.size() == ENOUGH_FOR_A_COMMIT) {
                    changed.signalAll(); // the change that commits them need not wait for the spacing
                }
            }
            if (handedOver && !change.done) {
                change.actions = new ArrayList<>(1);
                this.handedOver.addLast(change);
                if (writer == null) {
                    writer = new Thread(this::writeHandedOver, "chat-database-writer");
                    writer.setDaemon(true);
                    writer.start();
                }
                handedOverSignal.signal();
            }
        } finally {
            queue.unlock();
        }
        return change;
    }

    /**
     * The {@link #writer}'s work: commits the newest message handed over (and with it every change waiting before
     * it, see {@link #await}), then runs the actions of those done, oldest first; until the database closes with
     * none left.
     */
    private void writeHandedOver() {
        while (true) {
            Change newest;
            queue.lock();
            try {
                while (handedOver.isEmpty() && !closing) {
                    handedOverSignal.awaitUninterruptibly();
                }
                if (handedOver.isEmpty()) {
                    return;
                }
                newest = handedOver.peekLast();
            } finally {
                queue.unlock();
            }
            try {
                await(newest, true);
            } catch (ChangeNotSaved e) {
                // Each change's action reads its own outcome.
            }
            List<Change> ready = new ArrayList<>();
            queue.lock();
            try {
                while (!handedOver.isEmpty() && handedOver.peekFirst().done) {
                    ready.add(handedOver.pollFirst());
                }
            } finally {
                queue.unlock();
            }
            for (Change done : ready) {
                runActions(done);
            }
        }
    }

    /**
     * Runs the actions of {@code done}, a change handed over and done, and those added to it meanwhile, until none
     * is left; only then does an action added later run at once on the thread that adds it (see
     * {@link Change#whenDone}). So an action on a later change never runs before one on this change.
     */
    private void runActions(Change done) {
        while (true) {
            List<Runnable> actions;
            queue.lock();
            try {
                actions = done.actions;
                done.actions = actions.isEmpty() ? null : new ArrayList<>(1);
            } finally {
                queue.unlock();
            }
            if (actions.isEmpty()) {
                return;
            }
            for (Runnable action : actions) {
                try {
                    action.run();
                } catch (RuntimeException e) {
                    LOG.error("an action after a change to the chat database {} failed", where, e);
                }
            }
        }
    }

    /**
     * Waits until {@code change} is committed, committing it along with the others waiting when no commit is under
     * way (group commit): changes arriving while a commit is under way wait for it to end, then the first of them
     * commits them all in one transaction. A busy chat pays one commit for many changes, an idle one a commit per
     * change. With a {@link #commitSpacing}, a thread waiting for a message it posted ({@code spaced}: one that
     * holds no lock of the chat's) that is to commit first waits for the spacing since the last commit to pass (or
     * for {@value #ENOUGH_FOR_A_COMMIT} changes to wait), so a steady stream of messages shares commits; the other
     * changes are made under a lock of the chat's (a room's, the names') and commit at once. When a commit fails,
     * each of its changes fails, and so does each waiting change that follows one of them.
     *
     * @throws ChangeNotSaved the change could not be committed
     */
    private void await(Change change, boolean spaced) {
        boolean interrupted = false;
        while (true) {
            List<Change> batch;
            queue.lock();
            try {
                while (committing && !change.done) {
                    if (!spaced && !hurried) {
                        hurried = true;
                        changed.signalAll();
                    }
                    try {
                        changed.await();
                    } catch (InterruptedException e) {
                        interrupted = true; // the change is queued: see it through, then say so
                    }
                }
                if (change.done) {
                    break;
                }
                committing = true;
                if (spaced) {
                    interrupted |= awaitSpacing();
                }
                lastCommit = System.nanoTime();
                hurried = false;
                batch = new ArrayList<>(waiting);
                waiting.clear();
            } finally {
                queue.unlock();
            }
            SQLException failure = null;
            try {
                failure = commit(batch);
            } finally {
                queue.lock();
                try {
                    for (Change committed : batch) {
                        committed.failure = failure;
                        committed.done = true;
                    }
                    if (failure != null) {
                        failFollowers(failure);
                    }
                    committing = false;
                    changed.signalAll();
                } finally {
                    queue.unlock();
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        change.throwIfFailed();
    }

    /** Fails, with {@code failure}, each waiting change that follows a failed one (in order, so chains fail whole). */
    private void failFollowers(SQLException failure) {
        for (Iterator<Change> each = waiting.iterator(); each.hasNext(); ) {
            Change follower = each.next();
            if (follower.previous != null && follower.previous.done && follower.previous.failure != null) {
                follower.failure = failure;
                follower.done = true;
                each.remove();
            }
        }
    }

    /**
     * Holds the turn to commit until {@link #commitSpacing} has passed since the last commit started or
     * {@value #ENOUGH_FOR_A_COMMIT} changes wait, or a change made under a lock waits ({@link #hurried}); the
     * changes that come meanwhile join the commit. Called with
     * {@link #queue} held. Answers whether it was interrupted (which ends the wait).
     */
    private boolean awaitSpacing() {
        long left = lastCommit + commitSpacing - System.nanoTime();
        while (!hurried && waiting.size() < ENOUGH_FOR_A_COMMIT && left > 0) {
            try {
                left = changed.awaitNanos(left);
            } catch (InterruptedException e) {
                return true;
            }
        }
        return false;
    }

    /** Runs every change of {@code batch} in one transaction and commits it; answers why it could not, or null. */
    private synchronized SQLException commit(List<Change> batch) {
        try {
            transaction(() -> {
                for (Change change : batch) {
                    change.work.run();
                }
                return null;
            });
            return null;
        } catch (SQLException e) {
            return e;
        } catch (RuntimeException e) {
            // A value the database cannot take: the batch was rolled back, and each of its changes is told so.
            return new SQLException(e.toString(), e);
        }
    }

    /**
     * Runs {@code work} in a transaction of its own. When the connection to PostgreSQL turns out to be lost, the
     * work runs once more on a new connection; when none can be opened, the work fails, and the next one tries
     * again. One new connection is tried per work at most, so no caller is held in a loop of attempts.
     *
     * <p>Running a batch again is safe although a lost commit's outcome is unknown (it may have been committed):
     * every write is keyed ({@code ON CONFLICT ... DO NOTHING} or {@code DO UPDATE}, deletes and updates by key),
     * so a batch written twice leaves what it leaves once.
     */
    private <T> T transaction(SqlRead<T> work) throws SQLException {
        if (closed) {
            throw new SQLException("the database is closed");
        }
        if (lost == null) {
            try {
                return attempt(work);
            } catch (SQLException e) {
                if (!isLoss(e)) {
                    throw e;
                }
                lose(e);
            }
        }
        reconnect();
        try {
            return attempt(work);
        } catch (SQLException e) {
            if (isLoss(e)) {
                lose(e);
            }
            throw e;
        }
    }

    /** Runs {@code work} and commits it, or rolls it back and throws. */
    private <T> T attempt(SqlRead<T> work) throws SQLException {
        try {
            // The transaction lasts from here to the commit, so the file is not held between changes (servers of
            // one chat on one machine share it).
            connection.setAutoCommit(false);
            T result = work.run();
            connection.setAutoCommit(true); // commits
            return result;
        } catch (SQLException | RuntimeException e) {
            endTransaction(e);
            throw e;
        }
    }

    /**
     * Whether {@code failure} means the connection to PostgreSQL is lost: a connection exception (SQLState class
     * 08), the server shutting down or not yet accepting connections (57P01, 57P02, 57P03), or, for a failure that
     * names none of these, a connection that no longer answers. Never for an SQLite file, which is checked for
     * nothing, failure or not.
     */
    private boolean isLoss(SQLException failure) {
        if (url == null) {
            return false;
        }
        String state = failure.getSQLState();
        if (state != null && (state.startsWith("08") || List.of("57P01", "57P02", "57P03").contains(state))) {
            return true;
        }
        try {
            return !connection.isValid(CHECK_TIMEOUT_SECONDS);
        } catch (SQLException e) {
            return true;
        }
    }

    /** Closes the lost connection, saying so once however many works meet the loss before a new one is opened. */
    private void lose(SQLException why) {
        if (lost == null) {
            LOG.warn("lost the connection to the chat database {} ({}): opening a new one, at each change or read"
                    + " until one opens",
                    where, why.getMessage());
        }
        lost = why;
        try {
            connection.close();
        } catch (SQLException e) {
            why.addSuppressed(e);
        }
    }

    /** Opens a new connection from the URL in place of the lost one, with its statements; throws saying why not. */
    private void reconnect() throws SQLException {
        Connection fresh = null;
        try {
            fresh = DriverManager.getConnection(url, new Properties());
            statements = new Statements(fresh);
            connection = fresh;
        } catch (SQLException e) {
            if (fresh != null) {
                try {
                    fresh.close();
                } catch (SQLException closing) {
                    e.addSuppressed(closing);
                }
            }
            throw new SQLException("the connection was lost (" + lost.getMessage() + ") and a new one cannot be"
                    + " opened: " + e.getMessage(), e.getSQLState(), e);
        }
        lost = null;
        LOG.info("the chat database {} answers again, on a new connection", where);
    }

    /** A change waiting to be committed, and what became of it. Guarded by {@link #queue}. */
    final class Change implements Pending {
        final String what;
        final SqlWork work;
        /** The change this one must not be stored without (the room's message before it), or null. */
        final Change previous;
        boolean done;
        SQLException failure;
        /**
         * What to run once done, by the {@link #writer}, for a change handed over to it (see {@link #enqueue}); null
         * once they are run, and for any other change (an action on one done already runs at once).
         */
        List<Runnable> actions;

        Change(String what, SqlWork work, Change previous) {
            this.what = what;
            this.work = work;
            this.previous = previous;
        }

        @Override
        public void await() {
            ChatDatabase.this.await(this, true);
        }

        @Override
        public void whenDone(Runnable action) {
            queue.lock();
            try {
                if (actions != null) {
                    actions.add(action);
                    return;
                }
                if (!done) {
                    throw new IllegalStateException("only a message handed over with postLater is told when done");
                }
            } finally {
                queue.unlock();
            }
            action.run();
        }

        @Override
        public boolean isDone() {
            queue.lock();
            try {
                return done;
            } finally {
                queue.unlock();
            }
        }

        @Override
        public boolean failed() {
            queue.lock();
            try {
                return done && failure != null;
            } finally {
                queue.unlock();
            }
        }

        void throwIfFailed() {
            if (failure != null) {
                throw new ChangeNotSaved("could not save " + what + " in the chat database " + where + ": "
                        + failure.getMessage(), failure);
            }
        }
    }

    /** Rolls back what a failed transaction did and goes back to committing each statement. */
    private void endTransaction(Exception failure) {
        try {
            connection.rollback();
            connection.setAutoCommit(true);
        } catch (SQLException alsoFailed) {
            failure.addSuppressed(alsoFailed);
        }
    }

    /**
     * Closes the connection, once the messages handed over are committed and their actions run; changes after that
     * fail. What was committed stays.
     */
    @Override
    public void close() {
        Thread stopping;
        queue.lock();
        try {
            closing = true;
            handedOverSignal.signalAll();
            stopping = writer;
        } finally {
            queue.unlock();
        }
        if (stopping != null && stopping != Thread.currentThread()) {
            boolean interrupted = false;
            while (stopping.isAlive()) {
                try {
                    stopping.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        closeConnection();
    }

    private synchronized void closeConnection() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException("closing the chat database " + where + " failed: " + e.getMessage(), e);
        }
    }

    private static long nanos(Instant at) {
        return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000_000L), at.getNano());
    }

    private static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    /** The statements the writes use, prepared once per connection: the one list of them. */
    private static final class Statements {
        final PreparedStatement insertUser;
        final PreparedStatement deleteUser;
        final PreparedStatement insertRoom;
        final PreparedStatement deleteRoom;
        final PreparedStatement deleteRoomMembers;
        final PreparedStatement deleteRoomMessages;
        final PreparedStatement insertMember;
        final PreparedStatement deleteMember;
        final PreparedStatement setEmptySince;
        final PreparedStatement insertMessage;
        final PreparedStatement trimMessages;

        Statements(Connection connection) throws SQLException {
            insertUser = connection.prepareStatement("INSERT INTO chat_users (name, session_hash, registered_at)"
                    + " VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET session_hash = excluded.session_hash,"
                    + " registered_at = excluded.registered_at");
            deleteUser = connection.prepareStatement("DELETE FROM chat_users WHERE name = ?");
            insertRoom = connection.prepareStatement("INSERT INTO chat_rooms (name, created_order, empty_since)"
                    + " VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING");
            deleteRoom = connection.prepareStatement("DELETE FROM chat_rooms WHERE name = ?");
            deleteRoomMembers = connection.prepareStatement("DELETE FROM chat_members WHERE room = ?");
            deleteRoomMessages = connection.prepareStatement("DELETE FROM chat_messages WHERE room = ?");
            insertMember = connection.prepareStatement("INSERT INTO chat_members (room, username, joined_seq)"
                    + " VALUES (?, ?, ?) ON CONFLICT (room, username) DO NOTHING");
            deleteMember = connection.prepareStatement("DELETE FROM chat_members WHERE room = ? AND username = ?");
            setEmptySince = connection.prepareStatement("UPDATE chat_rooms SET empty_since = ? WHERE name = ?");
            insertMessage = connection.prepareStatement("INSERT INTO chat_messages"
                    + " (room, seq, type, origin, destination, content, stamp) VALUES (?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (room, seq) DO NOTHING");
            trimMessages = connection.prepareStatement("DELETE FROM chat_messages WHERE room = ? AND seq <= ?");
        }
    }

    @FunctionalInterface
    private interface SqlRead<T> {
        T run() throws SQLException;
    }

    @FunctionalInterface
    interface SqlWork {
        void run() throws SQLException;
    }
}
