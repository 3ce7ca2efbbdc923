package chat.server;

import chat.common.ChatProcedures;
import chat.common.JoinedRoom;
import chat.common.Message;
import chat.common.MessageBatch;
import chat.common.ServerStatus;
import chat.server.store.Admission;
import chat.server.store.ChatStore;
import chat.server.store.Registration;
import chat.server.store.StoredMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat's rules: who may join, send and read, what the system says, when rooms disappear, and the
 * {@link ChatLimits} on names, messages, users, rooms and sending rates. Plain methods, called by the
 * XML-RPC procedures and directly by tests. Thread-safe; state is in the {@link ChatStore}. A null
 * room or user reads as unknown, as the original's clients expect, and so does a name no rule admits.
 * A call over a limit throws a {@link ChatRefusal} and is logged at WARN ({@link Refusals}). Who is there
 * is {@link Presence}'s business, idle users the {@link IdleRule}'s, calls waiting for messages
 * {@link WaitingCalls}'.
 */
public final class ChatService {
    /** How many messages {@link #join} returns. */
    public static final int JOIN_HISTORY = 50;

    private static final Logger LOG = LoggerFactory.getLogger(ChatService.class);

    private final ChatStore store;
    private final ChatSettings settings;
    private final SessionTokens tokens = new SessionTokens();
    private final Refusals refusals;
    private final Presence presence;
    private final Departures departures;
    private final WaitingCalls waiting;
    private final IdleRule idleRule;

    /**
     * The rules over {@code store}, behaving as {@code settings} say.
     *
     * @param store    where the chat is kept; it may be shared with other servers
     * @param settings the clock, room TTL, limits and idle times
     */
    public ChatService(ChatStore store, ChatSettings settings) {
        this.store = Objects.requireNonNull(store, "store");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.refusals = new Refusals(settings);
        this.presence = new Presence(store, settings.clock(), settings.idleTimes());
        this.departures = new Departures(store, settings.clock());
        this.waiting = new WaitingCalls(store, presence);
        this.idleRule = new IdleRule(store, settings.clock(), settings.idleTimes(), presence, departures, waiting,
                refusals::forget);
    }

    /**
     * Reserves a name.
     *
     * @param username the name asked for
     * @return false when it is taken, or is one the system speaks as ({@value Message#SYSTEM},
     *         {@value Message#EVERYONE})
     * @throws ChatRefusal the name breaks a rule, or the server has {@link ChatLimits#maxUsers()} users
     */
    public boolean registerUser(String username) {
        return register(ChatProcedures.REGISTER_USER, username, null);
    }

    /**
     * Reserves a name with a session: the same rules as {@link #registerUser}, and the answer is the session's
     * secret token, which the caller sends with every later call. Only the token's hash is kept.
     *
     * @param username the name asked for
     * @return the token, or empty when the name is taken
     * @throws ChatRefusal the name breaks a rule, or the server has {@link ChatLimits#maxUsers()} users
     */
    public Optional<String> registerSession(String username) {
        String token = username == null ? "" : tokens.issue(username);
        return register(ChatProcedures.REGISTER_SESSION, username, SessionTokens.hash(token))
                ? Optional.of(token) : Optional.empty();
    }

    /**
     * A user that quits: leaves every room it is in (with the usual notice) and frees its name, and its
     * session, at once. Who may do this is the caller's business ({@link SessionGate}).
     *
     * @param username the user quitting
     * @return false when the name was not registered
     */
    public boolean unregister(String username) {
        if (!mayBeName(username)) {
            return false;
        }
        Optional<Registration> registration = store.registration(username);
        if (registration.isEmpty()) {
            return false;
        }
        departures.leaveEveryRoom(Set.of(username), null);
        boolean freed = store.removeUser(username, registration.get().sessionHash());
        if (freed) {
            // A join of this name between its leaving and its freeing (its client, told it left, joining again)
            // made it a member without a name: it leaves those rooms now, unless the name is registered again.
            departures.leaveEveryRoom(Set.of(username), Instant.MIN);
            refusals.forget(username);
            LOG.debug("unregister_user {}", username);
        }
        return freed;
    }

    private boolean register(String procedure, String username, String sessionHash) {
        refusals.checkUsername(procedure, username);
        if (Message.SYSTEM.equals(username) || Message.EVERYONE.equals(username)) {
            return false;
        }
        Admission admission = store.registerUser(username, sessionHash, now(), settings.limits().maxUsers());
        LOG.debug("{} {} -> {}", procedure, username, admission);
        if (admission == Admission.FULL) {
            throw refusals.tooManyUsers(procedure, username, settings.idleTimes().freeName());
        }
        return admission == Admission.ADDED;
    }

    /**
     * Creates a room. A room nobody joins is removed after the TTL like any empty room.
     *
     * @param room the room's name
     * @return false when it exists
     * @throws ChatRefusal the name breaks a rule, or the server has {@link ChatLimits#maxRooms()} rooms
     */
    public boolean createRoom(String room) {
        refusals.checkRoomName(ChatProcedures.CREATE_ROOM, room);
        Admission admission = store.createRoom(room, now(), settings.limits().maxRooms());
        if (admission == Admission.FULL) {
            throw refusals.tooManyRooms(room, settings.roomTtl());
        }
        return admission == Admission.ADDED;
    }

    /**
     * Joins a room, announcing the user when it was not a member yet.
     *
     * @param username a registered user
     * @param room     an existing room
     * @return the members and the last {@value #JOIN_HISTORY} messages the user may see, or empty when
     *         the room or the user is unknown
     */
    public Optional<JoinedRoom> join(String username, String room) {
        if (!mayBeName(username) || !mayBeName(room) || !presence.present(username)) {
            return Optional.empty();
        }
        Message notice = Message.notice(username + " entrou na sala.", 0);
        return store.join(room, username, notice, JOIN_HISTORY, now())
                .map(snapshot -> new JoinedRoom(snapshot.members(), messages(snapshot.history())));
    }

    /**
     * Sends to everyone in the room, or privately to {@code recipient}. Empty text is sent, as the original does.
     *
     * @param username  the sender, a member of the room
     * @param room      the room
     * @param content   the text
     * @param recipient a member's name; null or empty for everyone
     * @return false when the room is unknown, the sender is not a member, or the recipient is not a member
     * @throws ChatRefusal the text breaks a rule, or the sender sends faster than
     *                     {@link ChatLimits#maxMessagesPerSecond()} (registered senders only)
     */
    public boolean send(String username, String room, String content, String recipient) {
        Message draft = draft(username, room, content, recipient);
        return draft != null && store.post(room, draft, now()).isPresent();
    }

    /**
     * {@link #send}, answered once the message is stored: with a store that {@linkplain ChatStore#postsWithoutBlocking
     * posts without blocking}, no thread waits meanwhile.
     *
     * @param username  the sender, a member of the room
     * @param room      the room
     * @param content   the text
     * @param recipient a member's name; null or empty for everyone
     * @return what {@link #send} answers, once the message is stored; failed when it could not be
     * @throws ChatRefusal the text breaks a rule, or the sender sends faster than
     *                     {@link ChatLimits#maxMessagesPerSecond()} (registered senders only)
     */
    public CompletableFuture<Boolean> sendAsync(String username, String room, String content, String recipient) {
        Message draft = draft(username, room, content, recipient);
        return draft == null ? CompletableFuture.completedFuture(false)
                : store.postAsync(room, draft, now()).thenApply(Optional::isPresent);
    }

    /** The message to post for {@link #send}, its rules checked; null when it is answered false at once. */
    private Message draft(String username, String room, String content, String recipient) {
        if (content == null) {
            return null;
        }
        refusals.checkContent(username, room, content);
        if (!mayBeName(username) || !mayBeName(room) || (recipient != null && !mayBeName(recipient))) {
            return null;
        }
        if (!presence.present(username)) {
            return null;
        }
        refusals.checkRate(username);
        return recipient == null || recipient.isEmpty()
                ? Message.broadcast(username, content, 0)
                : Message.unicast(username, recipient, content, 0);
    }

    /**
     * The messages the user may see stamped after {@code afterTimestamp}.
     *
     * @param username       a member of the room
     * @param room           the room
     * @param afterTimestamp a server timestamp, seconds since the Unix epoch
     * @return the messages, oldest first; [] when not a member
     */
    public List<Message> receive(String username, String room, double afterTimestamp) {
        if (!mayBeName(username) || !mayBeName(room) || !presence.present(username)) {
            return List.of();
        }
        return store.readAfter(room, username, afterTimestamp).map(ChatService::messages).orElse(List.of());
    }

    /**
     * The messages the user may see since its previous call of this method (or since joining).
     *
     * @param username a member of the room
     * @param room     the room
     * @return the messages, oldest first; [] when not a member
     */
    public List<Message> receiveSinceLastFetch(String username, String room) {
        if (!mayBeName(username) || !mayBeName(room) || !presence.present(username)) {
            return List.of();
        }
        return store.readSinceCursor(room, username).map(ChatService::messages).orElse(List.of());
    }

    /** {@return every room's name, oldest first} */
    public List<String> listRooms() {
        return store.rooms();
    }

    /**
     * @param room a room's name
     * @return the room's members in the order they joined; [] for an unknown room
     */
    public List<String> listUsers(String room) {
        return mayBeName(room) ? store.members(room).orElse(List.of()) : List.of();
    }

    /**
     * Whether a read as {@code username} in {@code room} (receiving, waiting, listing members) completes from this
     * server's memory now, writing nothing elsewhere: the store has the name and the room at hand, and the user's
     * last-seen time needs no writing yet. Such a call is answered on the thread that read it; the others are handed
     * to the workers.
     *
     * @param username the user reading; null for none
     * @param room     the room read; null for none
     * @return true when the read may run on an I/O thread
     */
    public boolean answersFromMemory(String username, String room) {
        if (store.nonBlocking()) {
            return true;
        }
        if ((username != null && !mayBeName(username)) || (room != null && !mayBeName(room))) {
            return true; // answered as unknown without asking the store
        }
        if (!store.answersFromMemory(username, room)) {
            return false;
        }
        return username == null || presence.seenLately(username);
    }

    /**
     * Leaves a room, announcing it; does nothing when the user was not a member.
     *
     * @param username the member leaving
     * @param room     the room
     */
    public void leave(String username, String room) {
        if (mayBeName(username) && mayBeName(room)) {
            presence.present(username);
            departures.leave(room, username);
        }
    }

    /**
     * A user says it is still there (the Java client, in the menu, where it makes no other call), so its
     * name is not freed as idle.
     *
     * @param username a registered user
     * @return false when the name is not registered (never was, or was freed): the client should register again
     */
    public boolean keepAlive(String username) {
        return mayBeName(username) && presence.present(username);
    }

    /**
     * One pass over idle users: a user with no call for {@link IdleTimes#leaveRooms()} leaves every room it is
     * in, with the usual notice; one with no call for {@link IdleTimes#freeName()} also loses its name (and its
     * session). Users holding a wait_messages call open on this server count as present. The server's sweeper
     * calls this about once a second; tests call it after moving their clock.
     *
     * @return what the pass did
     */
    public IdleSweep expireIdleUsers() {
        return idleRule.sweep();
    }

    /**
     * Removes every room that has been empty for longer than the TTL.
     *
     * @return the names of the rooms removed
     */
    public List<String> removeExpiredRooms() {
        Duration roomTtl = settings.roomTtl();
        List<String> removed = store.removeRoomsEmptySince(now().minus(roomTtl));
        if (!removed.isEmpty()) {
            LOG.info("removed {} room(s) empty for more than {} s: {}", removed.size(), roomTtl.toSeconds(),
                    TextRules.shortList(removed));
        }
        return removed;
    }

    /**
     * Waits for messages {@code username} may see after sequence number {@code seq} in {@code room}: answers
     * as soon as there is at least one, or after {@code timeout} with none. Holds no thread while waiting.
     *
     * @param username a member of the room
     * @param room     the room
     * @param seq      the cursor a previous wait answered
     * @param timeout  how long to wait at most
     * @return the batch, or empty when the room is unknown or the user is not a member
     */
    public CompletableFuture<Optional<MessageBatch>> waitAfterSeq(String username, String room, long seq,
                                                                   Duration timeout) {
        return waiting.afterSeq(username, room, seq, timeout);
    }

    /**
     * The same as {@link #waitAfterSeq}, from a server timestamp: the first wait after join_room, whose messages carry
     * timestamps.
     *
     * @param username  a member of the room
     * @param room      the room
     * @param timestamp a server timestamp, seconds since the Unix epoch
     * @param timeout   how long to wait at most
     * @return the batch, or empty when the room is unknown or the user is not a member
     */
    public CompletableFuture<Optional<MessageBatch>> waitAfterTimestamp(String username, String room, double timestamp,
                                                                         Duration timeout) {
        return waiting.afterTimestamp(username, room, timestamp, timeout);
    }

    /** {@return how many wait_messages calls are waiting now} */
    public int waitingCalls() {
        return waiting.count();
    }

    /** Answers every call still waiting, with nothing new: for a server that is stopping. */
    public void wakeAllWaiting() {
        waiting.wakeAll();
    }

    /**
     * What this server serves now, for the status view ({@code server_status}). It reads every room's members, so it
     * is for a person looking, not for a loop.
     *
     * @return registered users, rooms, users in rooms, waiting calls here, and the kind of store
     */
    public ServerStatus status() {
        List<String> rooms = store.rooms();
        int members = 0;
        for (String room : rooms) {
            members += store.members(room).map(List::size).orElse(0);
        }
        return new ServerStatus(store.userCount(), rooms.size(), members, waitingCalls(), store.label());
    }

    /** {@return how this chat behaves: its clock, room TTL, limits and idle times} */
    public ChatSettings settings() {
        return settings;
    }

    /** Where the state is. */
    ChatStore store() {
        return store;
    }

    /** How many times a sweep looked through the rooms for idle members. */
    long roomScans() {
        return idleRule.roomScans();
    }

    /** How many users have a send rate kept for them: never more than registered users. */
    int usersWithASendRate() {
        return refusals.usersWithASendRate();
    }

    /** Whether {@code name} can be a registered user or an existing room; cheap, for names that are only looked up. */
    private boolean mayBeName(String name) {
        return TextRules.mayBeName(name, settings.limits().maxNameLength());
    }

    private Instant now() {
        return settings.clock().instant();
    }

    private static List<Message> messages(List<StoredMessage> stored) {
        return stored.stream().map(StoredMessage::message).toList();
    }
}
