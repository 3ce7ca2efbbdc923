package chat.client;

import chat.client.ChatCallException.Reason;
import chat.client.ServerMove.Outcome;
import chat.common.ChatProcedures;
import chat.common.Endpoint;
import chat.common.Message;
import chat.common.MessageBatch;
import chat.common.WireValues;
import chat.common.rpc.Faults;
import chat.common.rpc.RpcTransportException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The chat server's procedures as typed calls, each sent where the Binder says it is served. Knows
 * nothing of the terminal. Thread-safe: a room's poller and the person's commands share one client.
 * Every method throws {@link ChatCallException} when it gets no usable answer.
 *
 * <p>When its server stops answering, the client moves to another the Binder names (see {@link ServerLocator}),
 * registers its name and enters its room there again if that server does not know them, and tells
 * {@link #onMove} listeners.
 */
public final class ChatClient {
    /** How long one long poll asks the server to wait (the server caps it at 60 s). */
    public static final Duration WAIT = Duration.ofSeconds(25);
    /** How much longer than the wait the answer may take to arrive before the call counts as failed. */
    static final Duration WAIT_MARGIN = Duration.ofSeconds(10);

    private final ServerLocator servers;
    /** Servers that refused keep_alive: they do not offer it. */
    private final Set<Endpoint> noKeepAlive = ConcurrentHashMap.newKeySet();
    /** The name this client registered, set up again on a server it moves to; null before. */
    private volatile String user;
    /** The room it is in, entered again on a server it moves to; null when none. */
    private volatile String room;

    /** A client that looks for another server for {@link ClientConfig#DEFAULT_FAILOVER_TIME} when its server is gone. */
    public ChatClient(Endpoint binder, Duration timeout) {
        this(binder, timeout, ClientConfig.DEFAULT_FAILOVER_TIME);
    }

    /**
     * @param timeout      how long one call may take
     * @param failoverTime how long to look for another server once the one in use stops answering
     */
    public ChatClient(Endpoint binder, Duration timeout, Duration failoverTime) {
        this.servers = new ServerLocator(binder, timeout, failoverTime);
        servers.arriveWith(this::arrive);
    }

    /** A client for the Binder, call timeout and failover time of {@code config}. */
    public static ChatClient of(ClientConfig config) {
        return new ChatClient(config.binder(), config.callTimeout(), config.failoverTime());
    }

    /**
     * Tells {@code listener} each time the client leaves a server that stopped answering for another, once set up
     * there; called on the thread whose call found the server gone, before that call goes on.
     */
    public void onMove(Consumer<ServerMove> listener) {
        servers.onMove(listener::accept);
    }

    /** The server this client talks to now, if it has talked to one. */
    public Optional<Endpoint> server() {
        return servers.current();
    }

    /**
     * Looks up the server that registers users, so that an unreachable Binder, or one that knows no
     * server, shows before the person types anything.
     *
     * @return where the server is
     */
    public Endpoint connect() {
        return servers.locate(ChatProcedures.REGISTER_USER);
    }

    /**
     * Reserves {@code username}; false when it is taken. Once reserved, it is the name this client registers
     * again on a server it moves to that does not know it.
     */
    public boolean register(String username) {
        servers.locate(ChatProcedures.REGISTER_USER);
        boolean registered = servers.offersHere(ChatProcedures.REGISTER_SESSION)
                ? registerSession(username)
                : call(ChatProcedures.REGISTER_USER, ChatClient::bool, username);
        if (registered) {
            user = username;
        }
        return registered;
    }

    /**
     * register_session: the name with a session, whose token every later call to that server carries (in the
     * {@value ChatProcedures#SESSION_HEADER} header), so that nobody else can speak or read as this user.
     */
    private boolean registerSession(String username) {
        Object answer = servers.call(ChatProcedures.REGISTER_SESSION, username);
        Endpoint here = servers.locate(ChatProcedures.REGISTER_SESSION);
        return read(ChatProcedures.REGISTER_SESSION, token -> keepSession(here, username, token), answer);
    }

    /** Keeps the token a register_session answered; false when the name was taken. */
    private boolean keepSession(Endpoint server, String username, Object answer) {
        if (Boolean.FALSE.equals(answer)) {
            return false;
        }
        if (!(answer instanceof String token) || token.isEmpty()) {
            throw new IllegalArgumentException("expected a session token or false, got " + WireValues.typeName(answer));
        }
        servers.useSession(server, username, token);
        return true;
    }

    /** Whether this client holds a session for {@code username} at the server it talks to now. */
    public boolean hasSession(String username) {
        return servers.current().flatMap(here -> servers.session(here, username)).isPresent();
    }

    /**
     * Tells the server that the registered user is still there, while it is in no room (in a room, its polls
     * say so): a server frees the name of a user that makes no call for long, and the menu makes none. Does
     * nothing before registering, in a room, or with a server that does not offer {@code keep_alive} (a
     * Python one); never throws.
     */
    public void keepAlive() {
        String me = user;
        Optional<Endpoint> here = servers.current();
        if (me == null || room != null || here.isEmpty() || noKeepAlive.contains(here.get())) {
            return;
        }
        try {
            if (Boolean.FALSE.equals(servers.call(ChatProcedures.KEEP_ALIVE, me))) {
                registeredAgain(me); // the server freed the name while the client was away
            }
        } catch (ChatCallException e) {
            if (e.faultCode() == Faults.NOT_ALLOWED) {
                registeredAgain(me); // the session ended with the name while the client was away
            } else if (e.isRefusal()) {
                noKeepAlive.add(here.get()); // not offered there; asking again would only be refused again
            }
        }
    }

    /**
     * A user that quits: its rooms are left and its name (and session) freed at once on the server, with
     * {@code unregister_user}, where the server offers it; a Python server keeps the name, as it always did.
     * Best effort and never throws: the person is leaving whatever the server says.
     */
    public void unregister() {
        String me = user;
        Optional<Endpoint> here = servers.current();
        if (me == null || here.isEmpty()) {
            return;
        }
        user = null;
        room = null;
        try {
            if (servers.session(here.get(), me).isPresent() || servers.offersHere(ChatProcedures.UNREGISTER_USER)) {
                servers.callAt(here.get(), ChatProcedures.UNREGISTER_USER, me);
            }
        } catch (ChatCallException | RpcTransportException e) {
            // quitting anyway; an unanswered unregister leaves the name to the server's idle rule
        } finally {
            servers.useSession(here.get(), me, null);
        }
    }

    /** Creates {@code room}; false when it exists. */
    public boolean createRoom(String room) {
        return call(ChatProcedures.CREATE_ROOM, ChatClient::bool, room);
    }

    /** Joins {@code room}: its members and recent messages, or empty when the room (or the user) is unknown. */
    public Optional<JoinedRoom> join(String username, String room) {
        Optional<JoinedRoom> joined;
        try {
            joined = call(ChatProcedures.JOIN_ROOM, ChatClient::joinedRoom, username, room);
        } catch (ChatCallException e) {
            Optional<Endpoint> here = servers.current();
            if (e.faultCode() != Faults.NOT_ALLOWED || here.isEmpty() || servers.session(here.get(), username).isEmpty()) {
                throw e;
            }
            // The session ended (the name was freed while the client was away): as for a name the server
            // does not know, the caller may register again.
            servers.useSession(here.get(), username, null);
            return Optional.empty();
        }
        if (joined.isPresent()) {
            this.user = username;
            this.room = room;
        }
        return joined;
    }

    /**
     * Sends {@code content} to everyone in the room, or privately to {@code recipient}.
     *
     * <p>Never sent twice: when the server stops answering during the call, the client moves to another and
     * throws {@link Reason#SERVER_CHANGED} without sending it again, since the first server may have stored it.
     *
     * @param recipient a member's name, or null for everyone
     * @return false when the server refused: the room is unknown, or the sender or the recipient is not in it
     */
    public boolean send(String username, String room, String content, String recipient) {
        return read(ChatProcedures.SEND_MESSAGE, ChatClient::bool,
                servers.callOnce(ChatProcedures.SEND_MESSAGE, username, room, content, recipient));
    }

    /** The messages of {@code room} the user may see stamped after {@code afterTimestamp} (server time). */
    public List<Message> receive(String username, String room, double afterTimestamp) {
        return call(ChatProcedures.RECEIVE_MESSAGES, WireValues::messages, username, room, afterTimestamp);
    }

    /**
     * Waits up to {@code wait} for messages of {@code room} the user may see after {@code cursor}.
     *
     * @param cursor a {@link Long} (or {@link Integer}) from a previous answer, or a {@link Double} server timestamp
     * @throws ChatCallException refused with fault code {@link RoomFeed#NOT_A_MEMBER} when the user is not in
     *                           the room or the room is unknown; {@link Reason#SERVER_CHANGED} when the server
     *                           stopped answering and the client moved to another (the wait is not repeated
     *                           there: its cursor may not hold, see {@link ChatCallException#cursorKept()})
     */
    public MessageBatch waitMessages(String username, String room, Number cursor, Duration wait) {
        if (!(cursor instanceof Long) && !(cursor instanceof Integer) && !(cursor instanceof Double)) {
            throw new IllegalArgumentException("the cursor is a Long or a Double, got " + cursor);
        }
        Object wireCursor = cursor instanceof Double ? cursor : MessageBatch.cursorToWire(cursor.longValue());
        int seconds = (int) Math.max(1, wait.toSeconds());
        Object answer;
        try {
            answer = servers.call(wait.plus(WAIT_MARGIN), false, ChatProcedures.WAIT_MESSAGES, username, room,
                    wireCursor, seconds);
        } catch (ChatCallException e) {
            if (e.faultCode() != RoomFeed.NOT_A_MEMBER || !enteredAgain(username, room)) {
                throw e;
            }
            answer = servers.call(wait.plus(WAIT_MARGIN), false, ChatProcedures.WAIT_MESSAGES, username, room,
                    wireCursor, seconds);
        }
        return read(ChatProcedures.WAIT_MESSAGES, MessageBatch::fromWire, answer);
    }

    /**
     * Enters again the room this client's user is in, when the server says it is no longer a member: the server
     * made it leave after a spell without calls (the machine slept, the network was away), and the person,
     * back now, is still in the room as far as it knows. The room's sequence numbers go on, so the wait's
     * cursor still holds. False when it is not the room the client is in, or the server does not let it in.
     */
    private boolean enteredAgain(String username, String room) {
        if (!username.equals(user) || !room.equals(this.room)) {
            return false;
        }
        try {
            return joinedRoom(servers.call(ChatProcedures.JOIN_ROOM, username, room)).isPresent();
        } catch (ChatCallException e) {
            return e.faultCode() == Faults.NOT_ALLOWED && registeredAgain(username)
                    && joinedRoom(servers.call(ChatProcedures.JOIN_ROOM, username, room)).isPresent();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Registers {@code username} again at the server in use, after its session there ended (the server freed
     * the name after a long spell without calls): false when the name was taken meanwhile, or the server
     * refuses.
     */
    private boolean registeredAgain(String username) {
        Optional<Endpoint> here = servers.current();
        if (here.isEmpty()) {
            return false;
        }
        servers.useSession(here.get(), username, null);
        try {
            return registerAt(here.get(), username);
        } catch (ChatCallException | IllegalArgumentException | RpcTransportException e) {
            return false;
        }
    }

    /**
     * The long poll of {@code room} for {@code username}, when the server this client talks to offers it:
     * asks the Binder now whether {@code wait_messages} is registered at that server's address. Empty when it
     * is not (a Python server, an older Java one), or when the Binder cannot tell: the room is then polled.
     * After a move, the wait goes to the new server; one that does not offer it refuses it, and the feed polls.
     */
    public Optional<RoomFeed.Waiter> waiter(String username, String room) {
        if (!servers.offersHere(ChatProcedures.WAIT_MESSAGES)) {
            return Optional.empty();
        }
        return Optional.of(cursor -> waitMessages(username, room, cursor, WAIT));
    }

    /** Every room's name. */
    public List<String> listRooms() {
        return call(ChatProcedures.LIST_ROOMS, WireValues::strings);
    }

    /** The members of {@code room}; empty for an unknown room. */
    public List<String> listUsers(String room) {
        return call(ChatProcedures.LIST_USERS, WireValues::strings, room);
    }

    /** Leaves {@code room}; from now on a server the client moves to is not asked to let it in again. */
    public void leave(String username, String room) {
        if (room.equals(this.room)) {
            this.room = null;
        }
        call(ChatProcedures.REMOVE_USER, answer -> answer, username, room);
    }

    private <T> T call(String procedure, Function<Object, T> read, Object... args) {
        return read(procedure, read, servers.call(procedure, args));
    }

    private <T> T read(String procedure, Function<Object, T> read, Object answer) {
        try {
            return read.apply(answer);
        } catch (IllegalArgumentException e) {
            throw new ChatCallException(Reason.BAD_ANSWER, servers.locate(procedure).toString(),
                    procedure + ": " + e.getMessage(), e);
        }
    }

    /**
     * Sets up on {@code to}, a server the client moves to, the name and the room it had: enters the room again
     * (a no-op for a server that shares the chat), registering the name first and creating the room when that
     * server does not know them (a separate chat). Calls only {@code to}.
     *
     * @throws RpcTransportException {@code to} does not answer either
     */
    private ServerMove arrive(Endpoint from, Endpoint to) {
        String me = user;
        String in = room;
        if (me == null) {
            servers.callAt(to, ChatProcedures.LIST_ROOMS); // answers at all?
            return new ServerMove(from, to, null, null, Outcome.KEPT);
        }
        try {
            carrySession(from, to, me);
            if (in != null && joinedAt(to, me, in)) {
                return new ServerMove(from, to, me, in, Outcome.KEPT);
            }
            boolean registeredAgain = registerAt(to, me);
            if (in == null) {
                return new ServerMove(from, to, me, null, registeredAgain ? Outcome.REGISTERED_AGAIN : Outcome.KEPT);
            }
            boolean joined = registeredAgain && joinedAt(to, me, in);
            if (!joined) {
                servers.callAt(to, ChatProcedures.CREATE_ROOM, in); // false: it exists, the user was not in it
                joined = joinedAt(to, me, in);
            }
            Outcome outcome = !joined ? Outcome.NOT_RESTORED
                    : registeredAgain ? Outcome.REGISTERED_AGAIN : Outcome.JOINED_AGAIN;
            return new ServerMove(from, to, me, in, outcome);
        } catch (ChatCallException | IllegalArgumentException refusedOrGarbled) {
            return new ServerMove(from, to, me, in, Outcome.NOT_RESTORED);
        }
    }

    /**
     * Lends {@code to} the session {@code from} gave: a server sharing the chat knows it, and it goes on; one
     * with a chat of its own refuses it, and is given none (the name is registered there again, with a session
     * of its own where it offers them).
     */
    private void carrySession(Endpoint from, Endpoint to, String me) {
        Optional<String> token = from == null ? Optional.empty() : servers.session(from, me);
        if (token.isEmpty() || servers.session(to, me).isPresent()) {
            return;
        }
        servers.useSession(to, me, token.get());
        try {
            if (!bool(servers.callAt(to, ChatProcedures.KEEP_ALIVE, me))) {
                servers.useSession(to, me, null);
            }
        } catch (ChatCallException | IllegalArgumentException refused) {
            servers.useSession(to, me, null);
        }
    }

    /** Registers {@code me} at {@code to}, with a session where it offers them; false when the name is taken there. */
    private boolean registerAt(Endpoint to, String me) {
        try {
            return keepSession(to, me, servers.callAt(to, ChatProcedures.REGISTER_SESSION, me));
        } catch (ChatCallException refused) {
            if (refused.faultCode() == Faults.NOT_ALLOWED || refused.faultCode() == Faults.LIMIT_REACHED
                    || refused.faultCode() == Faults.INVALID_PARAMS) {
                throw refused;
            }
            return bool(servers.callAt(to, ChatProcedures.REGISTER_USER, me)); // a server without sessions
        }
    }

    private boolean joinedAt(Endpoint server, String username, String room) {
        return joinedRoom(servers.callAt(server, ChatProcedures.JOIN_ROOM, username, room)).isPresent();
    }

    private static boolean bool(Object answer) {
        if (answer instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException("expected a boolean, got " + WireValues.typeName(answer));
    }

    private static Optional<JoinedRoom> joinedRoom(Object answer) {
        if (answer == null || Boolean.FALSE.equals(answer)) {
            return Optional.empty();
        }
        chat.common.JoinedRoom joined = chat.common.JoinedRoom.fromWire(answer);
        return Optional.of(new JoinedRoom(joined.users(), joined.messages()));
    }
}
