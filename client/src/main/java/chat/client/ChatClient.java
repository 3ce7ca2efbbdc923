package chat.client;

import chat.client.ChatCallException.Reason;
import chat.common.ChatProcedures;
import chat.common.Endpoint;
import chat.common.Message;
import chat.common.WireValues;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The chat server's procedures as typed calls, each sent where the Binder says it is served. Knows
 * nothing of the terminal. Thread-safe: a room's poller and the person's commands share one client.
 * Every method throws {@link ChatCallException} when it gets no usable answer.
 */
public final class ChatClient {
    /** How long one long poll asks the server to wait (the server caps it at 60 s). */
    public static final Duration WAIT = Duration.ofSeconds(25);
    /** How much longer than the wait the answer may take to arrive before the call counts as failed. */
    static final Duration WAIT_MARGIN = Duration.ofSeconds(10);

    private final ServerLocator servers;

    public ChatClient(Endpoint binder, Duration timeout) {
        this.servers = new ServerLocator(binder, timeout);
    }

    /** A client for the Binder and call timeout of {@code config}. */
    public static ChatClient of(ClientConfig config) {
        return new ChatClient(config.binder(), config.callTimeout());
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

    /** Reserves {@code username}; false when it is taken. */
    public boolean register(String username) {
        return call(ChatProcedures.REGISTER_USER, ChatClient::bool, username);
    }

    /** Creates {@code room}; false when it exists. */
    public boolean createRoom(String room) {
        return call(ChatProcedures.CREATE_ROOM, ChatClient::bool, room);
    }

    /** Joins {@code room}: its members and recent messages, or empty when the room (or the user) is unknown. */
    public Optional<JoinedRoom> join(String username, String room) {
        return call(ChatProcedures.JOIN_ROOM, ChatClient::joinedRoom, username, room);
    }

    /**
     * Sends {@code content} to everyone in the room, or privately to {@code recipient}.
     *
     * @param recipient a member's name, or null for everyone
     * @return false when the server refused: the room is unknown, or the sender or the recipient is not in it
     */
    public boolean send(String username, String room, String content, String recipient) {
        return call(ChatProcedures.SEND_MESSAGE, ChatClient::bool, username, room, content, recipient);
    }

    /** The messages of {@code room} the user may see stamped after {@code afterTimestamp} (server time). */
    public List<Message> receive(String username, String room, double afterTimestamp) {
        return call(ChatProcedures.RECEIVE_MESSAGES, WireValues::messages, username, room, afterTimestamp);
    }

    /**
     * Waits up to {@code wait} for messages of {@code room} the user may see after {@code cursor}.
     *
     * @param cursor an {@link Integer} from a previous answer, or a {@link Double} server timestamp
     * @throws ChatCallException refused with fault code {@link RoomFeed#NOT_A_MEMBER} when the user is not in
     *                           the room or the room is unknown
     */
    public RoomFeed.Batch waitMessages(String username, String room, Number cursor, Duration wait) {
        if (!(cursor instanceof Integer) && !(cursor instanceof Double)) {
            throw new IllegalArgumentException("the cursor is an Integer or a Double, got " + cursor);
        }
        int seconds = (int) Math.max(1, wait.toSeconds());
        Object answer = servers.call(wait.plus(WAIT_MARGIN), ChatProcedures.WAIT_MESSAGES, username, room, cursor, seconds);
        try {
            return batch(answer);
        } catch (IllegalArgumentException e) {
            throw new ChatCallException(Reason.BAD_ANSWER, servers.locate(ChatProcedures.WAIT_MESSAGES).toString(),
                    ChatProcedures.WAIT_MESSAGES + ": " + e.getMessage(), e);
        }
    }

    /**
     * The long poll of {@code room} for {@code username}, when the server this client talks to offers it:
     * asks the Binder now whether {@code wait_messages} is registered at the address that serves
     * {@code receive_messages}. Empty when it is not (a Python server, an older Java one), or when the Binder
     * cannot tell: the room is then polled.
     */
    public Optional<RoomFeed.Waiter> waiter(String username, String room) {
        try {
            Optional<Endpoint> waits = servers.offered(ChatProcedures.WAIT_MESSAGES);
            if (waits.isEmpty() || !waits.get().equals(servers.locate(ChatProcedures.RECEIVE_MESSAGES))) {
                return Optional.empty();
            }
        } catch (ChatCallException e) {
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

    /** Leaves {@code room}. */
    public void leave(String username, String room) {
        call(ChatProcedures.REMOVE_USER, answer -> answer, username, room);
    }

    private <T> T call(String procedure, Function<Object, T> read, Object... args) {
        Object answer = servers.call(procedure, args);
        try {
            return read.apply(answer);
        } catch (IllegalArgumentException e) {
            throw new ChatCallException(Reason.BAD_ANSWER, servers.locate(procedure).toString(),
                    procedure + ": " + e.getMessage(), e);
        }
    }

    private static boolean bool(Object answer) {
        if (answer instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException("expected a boolean, got " + WireValues.typeName(answer));
    }

    private static RoomFeed.Batch batch(Object answer) {
        if (!(answer instanceof Map<?, ?> struct)) {
            throw new IllegalArgumentException("expected a struct, got " + WireValues.typeName(answer));
        }
        int cursor = WireValues.member(struct, "cursor", Integer.class);
        return new RoomFeed.Batch(cursor, WireValues.messages(struct.get("messages")));
    }

    private static Optional<JoinedRoom> joinedRoom(Object answer) {
        if (answer == null || Boolean.FALSE.equals(answer)) {
            return Optional.empty();
        }
        List<Object> pair = WireValues.array(answer);
        if (pair.size() != 2) {
            throw new IllegalArgumentException("expected [users, messages], got " + pair.size() + " values");
        }
        return Optional.of(new JoinedRoom(WireValues.strings(pair.get(0)), WireValues.messages(pair.get(1))));
    }
}
