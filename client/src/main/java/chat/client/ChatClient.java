package chat.client;

import chat.common.JoinedRoom;
import chat.client.ChatCallException.Reason;
import chat.common.ChatProcedures;
import chat.common.Binders;
import chat.common.Endpoint;
import chat.common.Message;
import chat.common.MessageBatch;
import chat.common.catalogue.ChatCatalogue;
import chat.common.catalogue.Requests.Fetch;
import chat.common.catalogue.Requests.InRoom;
import chat.common.catalogue.Requests.None;
import chat.common.catalogue.Requests.Post;
import chat.common.catalogue.Requests.Room;
import chat.common.catalogue.Requests.User;
import chat.common.catalogue.Requests.Wait;
import chat.common.rpc.Faults;
import chat.common.rpc.RpcTransportException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The chat server's procedures as typed calls, each sent where the Binder says it is served. Knows
 * nothing of the terminal. Thread-safe: a room's poller and the person's commands share one client.
 * Every method throws {@link ChatCallException} when it gets no usable answer.
 *
 * <p>When its server stops answering, the client looks for another the Binder names (see {@link ServerLocator}),
 * moves there, registers its name and enters its room there again if that server does not know them, and tells
 * its {@link FailoverListener} each step. A call made for a person waits for that at most
 * {@link #waitForAnotherServerAtMost the time set}, so that the person is not kept waiting.
 */
public final class ChatClient implements AutoCloseable {
    /** How long one long poll asks the server to wait (the server caps it at 60 s). */
    public static final Duration WAIT = Duration.ofSeconds(25);
    /** How much longer than the wait the answer may take to arrive before the call counts as failed. */
    static final Duration WAIT_MARGIN = Duration.ofSeconds(10);

    private final ServerLocator servers;
    private final HeldSessions sessions = new HeldSessions();
    private final Resettling resettling;
    /** Servers that refused keep_alive: they do not offer it. */
    private final Set<Endpoint> noKeepAlive = ConcurrentHashMap.newKeySet();
    /** The name this client registered, set up again on a server it moves to; null before. */
    private volatile String user;
    /** The room it is in, entered again on a server it moves to; null when none. */
    private volatile String room;
    /** How long a call made for the person waits for another server to be found; null: as long as the search. */
    private volatile Duration patience;

    /**
     * A client that looks for another server for {@link ClientConfig#DEFAULT_FAILOVER_TIME} when its server is gone.
     *
     * @param binder  where the Binder is
     * @param timeout how long one call may take
     */
    public ChatClient(Endpoint binder, Duration timeout) {
        this(binder, timeout, ClientConfig.DEFAULT_FAILOVER_TIME);
    }

    /**
     * A client that calls nobody until its first method call.
     *
     * @param binder       where the Binder is
     * @param timeout      how long one call may take
     * @param failoverTime how long to look for another server once the one in use stops answering
     */
    public ChatClient(Endpoint binder, Duration timeout, Duration failoverTime) {
        this(Binders.of(Objects.requireNonNull(binder, "binder")), timeout, failoverTime);
    }

    /**
     * A client of a deployment of several Binders, looking servers up in any that answers; it calls nobody until its
     * first method call.
     *
     * @param binders      the Binders, the first asked first
     * @param timeout      how long one call may take
     * @param failoverTime how long to look for another server once the one in use stops answering
     */
    public ChatClient(Binders binders, Duration timeout, Duration failoverTime) {
        this.servers = new ServerLocator(Objects.requireNonNull(binders, "binders"), timeout, failoverTime, sessions);
        this.resettling = new Resettling(servers, sessions, () -> user, () -> room);
        servers.arriveWith(resettling);
    }

    /**
     * A client for the Binder, call timeout and failover time of {@code config}.
     *
     * @param config how to reach the chat; its poll interval and language are the caller's to use
     * @return a client that has called no one yet
     */
    public static ChatClient of(ClientConfig config) {
        return new ChatClient(config.binders(), config.callTimeout(), config.failoverTime());
    }

    /**
     * A client for the chat of the Binder at {@code binder}, with the default call timeout and failover time: what a
     * bot needs. The client calls no one until its first method call.
     *
     * <pre>{@code
     * try (ChatClient chat = ChatClient.forBinder(new Endpoint("localhost", 5000))) {
     *     chat.register("bot");
     *     chat.createRoom("lobby");
     *     chat.join("bot", "lobby");
     *     chat.send("bot", "lobby", "hello", null);
     * }
     * }</pre>
     *
     * @param binder where the Binder is
     * @return a client with {@link ClientConfig#DEFAULT_CALL_TIMEOUT} and {@link ClientConfig#DEFAULT_FAILOVER_TIME}
     */
    public static ChatClient forBinder(Endpoint binder) {
        return new ChatClient(Objects.requireNonNull(binder, "binder"), ClientConfig.DEFAULT_CALL_TIMEOUT,
                ClientConfig.DEFAULT_FAILOVER_TIME);
    }

    /**
     * Tells {@code listener} each time the client leaves a server that stopped answering for another, once set up
     * there, before the calls waiting for the move go on. Replaces any {@link #onFailover} listener.
     *
     * @param listener told each move, on the client's failover thread
     */
    public void onMove(Consumer<ServerMove> listener) {
        servers.listen(listener::accept);
    }

    /**
     * Tells {@code listener} how each search for another server goes: started, moved, or none found.
     *
     * @param listener told each step; replaces any {@link #onMove} listener
     */
    public void onFailover(FailoverListener listener) {
        servers.listen(listener);
    }

    /**
     * From now on, the calls a person makes (registering, rooms, joining, sending, fetching, listing, leaving)
     * wait at most {@code patience} for another server when theirs stops answering, then fail with
     * {@link Reason#SEARCHING} while the client goes on looking; the long poll and the keep-alive, which run on
     * threads of their own, still wait for the whole search. By default every call waits for the whole search.
     *
     * @param patience how long a person's call waits for another server
     */
    public void waitForAnotherServerAtMost(Duration patience) {
        this.patience = Objects.requireNonNull(patience, "patience");
    }

    /**
     * Whether the server in use stopped answering and no server has answered since: the client is looking for
     * another, or found none the last time it looked.
     *
     * @return true while no server answers
     */
    public boolean serverLost() {
        return servers.serverLost();
    }

    /**
     * Stops looking for other servers: a search under way ends without a word to the listener, and from now on a
     * call whose server does not answer fails at once. For a person who is leaving.
     */
    @Override
    public void close() {
        servers.close();
    }

    /** {@return the server this client talks to now, if it has talked to one} */
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
        return servers.locate(ChatCatalogue.REGISTER_USER);
    }

    /**
     * Reserves {@code username}; false when it is taken. Once reserved, it is the name this client registers
     * again on a server it moves to that does not know it.
     *
     * @param username the name asked for
     * @return true when it is this client's now
     */
    public boolean register(String username) {
        servers.locate(ChatCatalogue.REGISTER_USER);
        boolean registered = servers.offersHere(ChatCatalogue.REGISTER_SESSION)
                ? registerSession(username)
                : servers.call(ChatCatalogue.REGISTER_USER, new User(username), patience);
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
        Optional<String> token = servers.call(ChatCatalogue.REGISTER_SESSION, new User(username), patience);
        return sessions.keep(servers.locate(ChatCatalogue.REGISTER_SESSION), username, token);
    }

    /**
     * @param username a name this client registered
     * @return whether this client holds a session for it at the server it talks to now
     */
    public boolean hasSession(String username) {
        return servers.current().flatMap(here -> sessions.token(here, username)).isPresent();
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
            if (!servers.call(ChatCatalogue.KEEP_ALIVE, new User(me))) {
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
     * Best effort and never throws: the person is leaving whatever the server says. A server that stopped
     * answering is not asked (its idle rule frees the name, if it comes back).
     */
    public void unregister() {
        String me = user;
        Optional<Endpoint> here = servers.current();
        if (me == null || here.isEmpty()) {
            return;
        }
        user = null;
        room = null;
        if (servers.serverLost()) {
            return;
        }
        try {
            if (sessions.token(here.get(), me).isPresent() || servers.offersHere(ChatCatalogue.UNREGISTER_USER)) {
                servers.callAt(here.get(), ChatCatalogue.UNREGISTER_USER, new User(me));
            }
        } catch (ChatCallException | RpcTransportException e) {
            // quitting anyway; an unanswered unregister leaves the name to the server's idle rule
        } finally {
            sessions.use(here.get(), me, null);
        }
    }

    /**
     * Creates {@code room}.
     *
     * @param room the room's name
     * @return false when it exists
     */
    public boolean createRoom(String room) {
        return servers.call(ChatCatalogue.CREATE_ROOM, new Room(room), patience);
    }

    /**
     * Joins {@code room}; once joined, it is the room this client enters again on a server it moves to.
     *
     * @param username the name this client registered
     * @param room     an existing room
     * @return its members and recent messages, or empty when the room (or the user) is unknown
     */
    public Optional<JoinedRoom> join(String username, String room) {
        Optional<JoinedRoom> joined;
        try {
            joined = servers.call(ChatCatalogue.JOIN_ROOM, new InRoom(username, room), patience);
        } catch (ChatCallException e) {
            if (!sessionEnded(e, username)) {
                throw e;
            }
            // The session ended (the name was freed while the client was away): as for a name the server
            // does not know, the caller may register again.
            servers.current().ifPresent(here -> sessions.use(here, username, null));
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
     * throws {@link Reason#SERVER_CHANGED} without sending it again, since the first server may have stored it
     * ({@link ChatCallException#lost()} says whether it may have: not when no connection could be made).
     *
     * @param username  the sender, a member of the room
     * @param room      the room
     * @param content   the text
     * @param recipient a member's name, or null for everyone
     * @return false when the server refused: the room is unknown, or the sender or the recipient is not in it
     */
    public boolean send(String username, String room, String content, String recipient) {
        return servers.callOnce(ChatCatalogue.SEND_MESSAGE, new Post(username, room, content, recipient), patience);
    }

    /**
     * The messages of {@code room} the user may see stamped after {@code afterTimestamp}.
     *
     * @param username       a member of the room
     * @param room           the room
     * @param afterTimestamp a server timestamp, seconds since the Unix epoch; 0 for all the room holds
     * @return the messages, oldest first
     */
    public List<Message> receive(String username, String room, double afterTimestamp) {
        return servers.call(ChatCatalogue.RECEIVE_MESSAGES, new Fetch(username, room, afterTimestamp), patience);
    }

    /**
     * Waits up to {@code wait} for messages of {@code room} the user may see after {@code cursor}. A wait refused
     * because the user is no longer in the room enters it again, and one refused because its session ended (the
     * name freed while the client was away) registers the name again and enters the room again; then it waits.
     *
     * @param username a member of the room
     * @param room     the room
     * @param wait     how long the server may hold the call
     * @param cursor a {@link Long} (or {@link Integer}) from a previous answer, or a {@link Double} server timestamp
     * @throws ChatCallException refused with fault code {@link RoomFeed#NOT_A_MEMBER} when the user is not in
     *                           the room or the room is unknown; {@link Reason#SERVER_CHANGED} when the server
     *                           stopped answering and the client moved to another (the wait is not repeated
     *                           there: its cursor may not hold, see {@link ChatCallException#cursorKept()})
     * @return the messages that arrived, possibly none, and the cursor to wait from next
     */
    public MessageBatch waitMessages(String username, String room, Number cursor, Duration wait) {
        Wait request = new Wait(username, room, cursor, Math.max(1, wait.toSeconds()));
        try {
            return servers.call(wait.plus(WAIT_MARGIN), false, null, ChatCatalogue.WAIT_MESSAGES, request);
        } catch (ChatCallException e) {
            boolean inAgain = e.faultCode() == RoomFeed.NOT_A_MEMBER ? enteredAgain(username, room)
                    : sessionEnded(e, username) && registeredAgain(username) && enteredAgain(username, room);
            if (!inAgain) {
                throw e;
            }
            return servers.call(wait.plus(WAIT_MARGIN), false, null, ChatCatalogue.WAIT_MESSAGES, request);
        }
    }

    /**
     * Whether {@code refused} says that this client's session as {@code username} at the server in use ended (the
     * server freed the name while the client was away, as it may between telling a waiting poll and leaving the
     * user's rooms): refused as not allowed while the client holds a token there.
     */
    private boolean sessionEnded(ChatCallException refused, String username) {
        Optional<Endpoint> here = servers.current();
        return refused.faultCode() == Faults.NOT_ALLOWED && here.isPresent()
                && sessions.token(here.get(), username).isPresent();
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
        InRoom entering = new InRoom(username, room);
        try {
            return servers.call(ChatCatalogue.JOIN_ROOM, entering).isPresent();
        } catch (ChatCallException e) {
            return e.faultCode() == Faults.NOT_ALLOWED && registeredAgain(username)
                    && servers.call(ChatCatalogue.JOIN_ROOM, entering).isPresent();
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
        sessions.use(here.get(), username, null);
        try {
            return resettling.registerAt(here.get(), username);
        } catch (ChatCallException | IllegalArgumentException | RpcTransportException e) {
            return false;
        }
    }

    /**
     * The long poll of {@code room} for {@code username}, when the server this client talks to offers it:
     * asks the Binder now whether {@code wait_messages} is registered at that server's address. Empty when it
     * is not (a Python server, an older Java one), or when the Binder cannot tell: the room is then polled.
     * After a move, the wait goes to the new server; one that does not offer it refuses it, and the feed polls.
     *
     * @param username a member of the room
     * @param room     the room
     * @return the long poll, or empty when the room is to be polled
     */
    public Optional<RoomFeed.Waiter> waiter(String username, String room) {
        if (!servers.offersHere(ChatCatalogue.WAIT_MESSAGES)) {
            return Optional.empty();
        }
        return Optional.of(cursor -> waitMessages(username, room, cursor, WAIT));
    }

    /** {@return every room's name} */
    public List<String> listRooms() {
        return servers.call(ChatCatalogue.LIST_ROOMS, None.NONE, patience);
    }

    /**
     * @param room a room's name
     * @return the members of {@code room}; empty for an unknown room
     */
    public List<String> listUsers(String room) {
        return servers.call(ChatCatalogue.LIST_USERS, new Room(room), patience);
    }

    /**
     * Leaves {@code room}; from now on a server the client moves to is not asked to let it in again.
     *
     * @param username a member of the room
     * @param room     the room to leave
     */
    public void leave(String username, String room) {
        if (room.equals(this.room)) {
            this.room = null;
        }
        servers.call(ChatCatalogue.REMOVE_USER, new InRoom(username, room), patience);
    }
}
