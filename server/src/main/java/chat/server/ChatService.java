package chat.server;

import chat.common.ChatProcedures;
import chat.common.JoinedRoom;
import chat.common.LogThrottle;
import chat.common.Message;
import chat.common.MessageBatch;
import chat.common.ServerStatus;
import chat.server.store.Admission;
import chat.server.store.ChatStore;
import chat.server.store.Reading;
import chat.server.store.Registration;
import chat.server.store.StoredMessage;
import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat's rules: who may join, send and read, what the system says, when rooms disappear, and the
 * {@link ChatLimits} on names, messages, users, rooms and sending rates. Plain methods, called by the
 * XML-RPC procedures and directly by tests. Thread-safe; state is in the {@link ChatStore}. A null
 * room or user reads as unknown, as the original's clients expect, and so does a name no rule admits.
 * A call over a limit throws a {@link ChatRefusal} and is logged at WARN, at most one line a second
 * for each kind of refusal (and for each user sending too fast).
 */
public final class ChatService {
    /** How many messages {@link #join} returns. */
    public static final int JOIN_HISTORY = 50;
    /** At most this long between two writes of a user's last-seen time. */
    static final Duration MAX_TOUCH_EVERY = Duration.ofSeconds(1);
    /** How many room names a line about expired rooms lists. */
    private static final int LOGGED_ROOMS = 10;

    private static final Logger LOG = LoggerFactory.getLogger(ChatService.class);

    private final ChatStore store;
    /** Calls of wait_messages not answered yet, each with who waits and what it answers at its timeout. */
    private final Map<CompletableFuture<Optional<MessageBatch>>, PendingWait> waiting = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration roomTtl;
    private final IdleTimes idle;
    /** A user's last-seen time is written at most this often: calls closer together change nothing that matters. */
    private final Duration touchEvery;
    private final ChatLimits limits;
    private final SendRate sendRate;
    private final Consumer<String> warnings;
    private final SessionTokens tokens = new SessionTokens();
    /** Idle users a sweep already made leave their rooms, with the last-seen time they had then. */
    private final Map<String, Instant> leftWhileIdle = new ConcurrentHashMap<>();
    private final AtomicLong roomScans = new AtomicLong();
    private final LogThrottle invalidNames = new LogThrottle();
    private final LogThrottle invalidRooms = new LogThrottle();
    private final LogThrottle invalidContents = new LogThrottle();
    private final LogThrottle tooManyUsers = new LogThrottle();
    private final LogThrottle tooManyRooms = new LogThrottle();

    /** The rules with the {@linkplain ChatLimits#DEFAULTS default limits}. */
    public ChatService(ChatStore store, Clock clock, Duration roomTtl) {
        this(store, clock, roomTtl, ChatLimits.DEFAULTS);
    }

    /**
     * @param clock   the time messages are stamped with, rooms expire by and sending rates are measured on
     * @param roomTtl how long a room may stay empty
     * @param limits  what users may take of this server
     */
    public ChatService(ChatStore store, Clock clock, Duration roomTtl, ChatLimits limits) {
        this(store, clock, roomTtl, limits, IdleTimes.DEFAULTS);
    }

    /** @param idle how long users may do nothing before they leave their rooms, and before their names are freed */
    public ChatService(ChatStore store, Clock clock, Duration roomTtl, ChatLimits limits, IdleTimes idle) {
        this(store, clock, roomTtl, limits, idle, LOG::warn);
    }

    /** As above, with the WARN lines about refusals going to {@code warnings}: tests read them there. */
    ChatService(ChatStore store, Clock clock, Duration roomTtl, ChatLimits limits, Consumer<String> warnings) {
        this(store, clock, roomTtl, limits, IdleTimes.DEFAULTS, warnings);
    }

    ChatService(ChatStore store, Clock clock, Duration roomTtl, ChatLimits limits, IdleTimes idle,
                Consumer<String> warnings) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.roomTtl = Objects.requireNonNull(roomTtl, "roomTtl");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.idle = Objects.requireNonNull(idle, "idle");
        Duration tenth = idle.leaveRooms().dividedBy(10);
        this.touchEvery = tenth.compareTo(MAX_TOUCH_EVERY) < 0 ? tenth : MAX_TOUCH_EVERY;
        this.sendRate = limits.limitsRate() ? new SendRate(limits.maxMessagesPerSecond()) : null;
        this.warnings = Objects.requireNonNull(warnings, "warnings");
    }

    /**
     * Reserves a name; false when it is taken, or is one the system speaks as ({@value Message#SYSTEM},
     * {@value Message#EVERYONE}).
     *
     * @throws ChatRefusal the name breaks a rule, or the server has {@link ChatLimits#maxUsers()} users
     */
    public boolean registerUser(String username) {
        return register(ChatProcedures.REGISTER_USER, username, null);
    }

    /**
     * Reserves a name with a session: the same rules as {@link #registerUser}, and the answer is the session's
     * secret token, which the caller sends with every later call. Only the token's hash is kept.
     *
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
        leaveRooms(Set.of(username), null);
        boolean freed = store.removeUser(username, registration.get().sessionHash());
        if (freed) {
            forget(username);
            LOG.debug("unregister_user {}", username);
        }
        return freed;
    }

    private boolean register(String procedure, String username, String sessionHash) {
        checkName(procedure, "username", username, invalidNames);
        if (Message.SYSTEM.equals(username) || Message.EVERYONE.equals(username)) {
            return false;
        }
        Admission admission = store.registerUser(username, sessionHash, now(), limits.maxUsers());
        LOG.debug("{} {} -> {}", procedure, username, admission);
        if (admission == Admission.FULL) {
            warn(tooManyUsers, procedure + ": refused " + TextRules.forLog(username) + ": "
                    + limits.maxUsers() + " users, the limit (--max-users)");
            throw ChatRefusal.limitReached("this server already has " + limits.maxUsers()
                    + " users, its limit; a name is freed when its user quits, or after "
                    + idle.freeName().toSeconds() + " s without a call");
        }
        return admission == Admission.ADDED;
    }

    /**
     * Creates a room; false when it exists. A room nobody joins is removed after the TTL like any empty room.
     *
     * @throws ChatRefusal the name breaks a rule, or the server has {@link ChatLimits#maxRooms()} rooms
     */
    public boolean createRoom(String room) {
        checkName(ChatProcedures.CREATE_ROOM, "room", room, invalidRooms);
        Admission admission = store.createRoom(room, now(), limits.maxRooms());
        if (admission == Admission.FULL) {
            warn(tooManyRooms, ChatProcedures.CREATE_ROOM + ": refused " + TextRules.forLog(room) + ": "
                    + limits.maxRooms() + " rooms, the limit (--max-rooms)");
            throw ChatRefusal.limitReached("this server already has " + limits.maxRooms()
                    + " rooms, its limit; try again after empty rooms expire (" + roomTtl.toSeconds()
                    + " s after their last member leaves)");
        }
        return admission == Admission.ADDED;
    }

    /**
     * Joins a room, announcing the user when it was not a member yet.
     *
     * @return the members and the last {@value #JOIN_HISTORY} messages the user may see, or empty when
     *         the room or the user is unknown
     */
    public Optional<JoinedRoom> join(String username, String room) {
        if (!mayBeName(username) || !mayBeName(room) || !present(username)) {
            return Optional.empty();
        }
        Message notice = Message.notice(username + " entrou na sala.", 0);
        return store.join(room, username, notice, JOIN_HISTORY, now())
                .map(snapshot -> new JoinedRoom(snapshot.members(), messages(snapshot.history())));
    }

    /**
     * Sends to everyone in the room, or privately to {@code recipient} (null or empty: everyone). Empty
     * text is sent, as the original does.
     *
     * @return false when the room is unknown, the sender is not a member, or the recipient is not a member
     * @throws ChatRefusal the text breaks a rule, or the sender sends faster than
     *                     {@link ChatLimits#maxMessagesPerSecond()} (registered senders only)
     */
    public boolean send(String username, String room, String content, String recipient) {
        if (content == null) {
            return false;
        }
        String problem = TextRules.contentProblem(content, limits.maxMessageLength());
        if (problem != null) {
            warn(invalidContents, ChatProcedures.SEND_MESSAGE + ": refused a message from " + TextRules.forLog(username)
                    + " in " + TextRules.forLog(room) + ": content " + problem + " (--max-message-length "
                    + limits.maxMessageLength() + ")");
            throw ChatRefusal.invalid("content", problem);
        }
        if (!mayBeName(username) || !mayBeName(room) || (recipient != null && !mayBeName(recipient))) {
            return false;
        }
        if (!present(username)) {
            return false;
        }
        if (sendRate != null) {
            checkRate(username);
        }
        Message draft = recipient == null || recipient.isEmpty()
                ? Message.broadcast(username, content, 0)
                : Message.unicast(username, recipient, content, 0);
        return store.post(room, draft, now()).isPresent();
    }

    /** The messages the user may see stamped after {@code afterTimestamp}, oldest first; [] when not a member. */
    public List<Message> receive(String username, String room, double afterTimestamp) {
        if (!mayBeName(username) || !mayBeName(room) || !present(username)) {
            return List.of();
        }
        return store.readAfter(room, username, afterTimestamp).map(ChatService::messages).orElse(List.of());
    }

    /** The messages the user may see since its previous call of this method (or since joining). */
    public List<Message> receiveSinceLastFetch(String username, String room) {
        if (!mayBeName(username) || !mayBeName(room) || !present(username)) {
            return List.of();
        }
        return store.readSinceCursor(room, username).map(ChatService::messages).orElse(List.of());
    }

    /** Every room's name, oldest first. */
    public List<String> listRooms() {
        return store.rooms();
    }

    /** The room's members in the order they joined; [] for an unknown room. */
    public List<String> listUsers(String room) {
        return mayBeName(room) ? store.members(room).orElse(List.of()) : List.of();
    }

    /**
     * Whether a read as {@code username} in {@code room} (receiving, waiting, listing members; null for no user or
     * no room) completes from this server's memory now, writing nothing elsewhere: the store has the name and
     * the room at hand, and the user's last-seen time needs no writing yet. Such a call is answered on the thread
     * that read it; the others are handed to the workers.
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
        return username == null || store.registration(username)
                .map(registration -> registration.lastSeen().plus(touchEvery).isAfter(now()))
                .orElse(true);
    }

    /** Leaves a room, announcing it; does nothing when the user was not a member. */
    public void leave(String username, String room) {
        if (mayBeName(username) && mayBeName(room)) {
            present(username);
            store.leave(room, username, leftNotice(username), now());
        }
    }

    /**
     * A user says it is still there (the Java client, in the menu, where it makes no other call), so its
     * name is not freed as idle.
     *
     * @return false when the name is not registered (never was, or was freed): the client should register again
     */
    public boolean keepAlive(String username) {
        return mayBeName(username) && present(username);
    }

    /**
     * One pass over idle users: a user with no call for {@link IdleTimes#leaveRooms()} leaves every room it is
     * in, with the usual notice; one with no call for {@link IdleTimes#freeName()} also loses its name (and its
     * session). Users holding a wait_messages call open on this server count as present. The server's sweeper
     * calls this about once a second; tests call it after moving their clock.
     */
    public IdleSweep expireIdleUsers() {
        keepWaitingUsersPresent();
        Instant now = now();
        Instant leaveCutoff = now.minus(idle.leaveRooms());
        List<String> idleUsers = store.usersIdleSince(leaveCutoff);
        if (idleUsers.isEmpty()) {
            return IdleSweep.NOTHING;
        }
        Map<String, List<String>> left = leaveRooms(notYetLeft(idleUsers), leaveCutoff);
        Instant freeCutoff = now.minus(idle.freeName());
        List<String> freed = new ArrayList<>();
        for (String name : idleUsers) {
            if (store.removeUserIdleSince(name, freeCutoff)) {
                freed.add(name);
                forget(name);
            }
        }
        if (!left.isEmpty()) {
            LOG.info("{} user(s) idle for more than {} s left their rooms: {}", left.size(),
                    idle.leaveRooms().toSeconds(), shortList(List.copyOf(left.keySet())));
        }
        if (!freed.isEmpty()) {
            LOG.info("freed {} name(s) idle for more than {} s: {}", freed.size(), idle.freeName().toSeconds(),
                    shortList(freed));
        }
        return new IdleSweep(left, freed);
    }

    /**
     * The idle users whose rooms are to be looked through: not those this server already made leave, with the
     * same last-seen time (a user that joined a room since has a later one). So a user idling in the menu costs
     * one look through the rooms, not one a sweep.
     */
    private Set<String> notYetLeft(List<String> idleUsers) {
        leftWhileIdle.keySet().retainAll(new HashSet<>(idleUsers));
        Set<String> toLeave = new HashSet<>();
        for (String name : idleUsers) {
            Instant lastSeen = store.registration(name).map(Registration::lastSeen).orElse(null);
            if (lastSeen == null || !lastSeen.equals(leftWhileIdle.get(name))) {
                toLeave.add(name);
                if (lastSeen != null) {
                    leftWhileIdle.put(name, lastSeen);
                }
            }
        }
        if (!toLeave.isEmpty()) {
            roomScans.incrementAndGet();
        }
        return toLeave;
    }

    /** How many times a sweep looked through the rooms for idle members. */
    long roomScans() {
        return roomScans.get();
    }

    /**
     * Makes each of {@code who} that is still idle since {@code cutoff} (or no longer registered) leave every
     * room it is in, announcing it. A user whose call came after the list of idle users was read stays. A null
     * cutoff makes them leave whatever their last call.
     *
     * @return the rooms each user left
     */
    private Map<String, List<String>> leaveRooms(Set<String> who, Instant cutoff) {
        Map<String, List<String>> left = new TreeMap<>();
        if (who.isEmpty()) {
            return left;
        }
        for (String room : store.rooms()) {
            for (String member : store.members(room).orElse(List.of())) {
                if (who.contains(member) && (cutoff == null
                        ? store.leave(room, member, leftNotice(member), now())
                        : store.leaveIfIdle(room, member, leftNotice(member), now(), cutoff))) {
                    left.computeIfAbsent(member, m -> new ArrayList<>()).add(room);
                }
            }
        }
        return left;
    }

    /** Users waiting on this server are there: their last-seen time is refreshed well before it could count as idle. */
    private void keepWaitingUsersPresent() {
        Duration staleAfter = idle.leaveRooms().dividedBy(4);
        Set<String> seen = new HashSet<>();
        for (PendingWait pending : waiting.values()) {
            if (seen.add(pending.username())) {
                present(pending.username(), staleAfter);
            }
        }
    }

    /** Drops what this server keeps about a freed name. */
    private void forget(String username) {
        if (sendRate != null) {
            sendRate.forget(username);
        }
    }

    /**
     * Whether {@code username} is registered, recording that it is active now; false when the name is free.
     * The last-seen time is written only when it is older than {@link #touchEvery}, so a busy user costs one
     * read per call and one write a second. A registration seen as stale is touched before the caller acts,
     * so a sweeper freeing the name at the same instant either loses (the touch came first) or wins (the
     * touch finds no name, and the call is answered as for an unknown user): never half of each.
     */
    private boolean present(String username) {
        return present(username, touchEvery);
    }

    private boolean present(String username, Duration staleAfter) {
        Optional<Registration> registration = store.registration(username);
        if (registration.isEmpty()) {
            return false;
        }
        Instant now = now();
        return registration.get().lastSeen().plus(staleAfter).isAfter(now) || store.touch(username, now);
    }

    private static Message leftNotice(String username) {
        return Message.notice(username + " saiu da sala.", 0);
    }

    private static String shortList(List<String> names) {
        return names.size() <= LOGGED_ROOMS ? names.toString()
                : names.subList(0, LOGGED_ROOMS) + " and " + (names.size() - LOGGED_ROOMS) + " more";
    }

    /** Where the state is. */
    ChatStore store() {
        return store;
    }

    /** How long users may do nothing before they leave their rooms, and before their names are freed. */
    public IdleTimes idleTimes() {
        return idle;
    }

    /** Removes every room that has been empty for longer than the TTL; returns their names. */
    public List<String> removeExpiredRooms() {
        List<String> removed = store.removeRoomsEmptySince(now().minus(roomTtl));
        if (!removed.isEmpty()) {
            LOG.info("removed {} room(s) empty for more than {} s: {}", removed.size(), roomTtl.toSeconds(),
                    removed.size() <= LOGGED_ROOMS ? removed
                            : removed.subList(0, LOGGED_ROOMS) + " and " + (removed.size() - LOGGED_ROOMS) + " more");
        }
        return removed;
    }

    /** How long a room may stay empty. */
    public Duration roomTtl() {
        return roomTtl;
    }

    /** What users may take of this server. */
    public ChatLimits limits() {
        return limits;
    }

    /** How many users have a send rate kept for them: never more than registered users. */
    int usersWithASendRate() {
        return sendRate == null ? 0 : sendRate.size();
    }

    private void checkName(String procedure, String argument, String name, LogThrottle throttle) {
        String problem = TextRules.nameProblem(name, limits.maxNameLength());
        if (problem != null) {
            warn(throttle, procedure + ": refused " + argument + " " + TextRules.forLog(name) + ": " + problem
                    + " (--max-name-length " + limits.maxNameLength() + ")");
            throw ChatRefusal.invalid(argument, problem);
        }
    }

    private void checkRate(String username) {
        long now = nanos(now());
        SendRate.Bucket bucket = sendRate.of(username, now);
        if (bucket.take(now)) {
            return;
        }
        long held = bucket.log.pass(now);
        if (held >= 0) {
            warnings.accept(ChatProcedures.SEND_MESSAGE + ": refused messages from " + TextRules.forLog(username)
                    + ": faster than " + limits.maxMessagesPerSecond() + " per second, bursts of "
                    + limits.messageBurst() + " (--max-messages-per-second)" + LogThrottle.heldBackNote(held));
        }
        throw ChatRefusal.rateLimited(username + " is sending faster than " + limits.maxMessagesPerSecond()
                + " messages per second; wait a moment and send again");
    }

    /** Whether {@code name} can be a registered user or an existing room; cheap, for names that are only looked up. */
    private boolean mayBeName(String name) {
        return TextRules.mayBeName(name, limits.maxNameLength());
    }

    private void warn(LogThrottle throttle, String line) {
        long held = throttle.pass(nanos(now()));
        if (held >= 0) {
            warnings.accept(line + LogThrottle.heldBackNote(held));
        }
    }

    /**
     * Waits for messages {@code username} may see after sequence number {@code seq} in {@code room}: answers
     * as soon as there is at least one, or after {@code timeout} with none. Holds no thread while waiting.
     *
     * @return the batch, or empty when the room is unknown or the user is not a member
     */
    public CompletableFuture<Optional<MessageBatch>> waitAfterSeq(String username, String room, long seq,
                                                                   Duration timeout) {
        if (username == null || room == null || !present(username)) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        CompletableFuture<Optional<MessageBatch>> result = new CompletableFuture<>();
        PendingWait pending = new PendingWait(username, Math.max(0, seq));
        waiting.put(result, pending);
        result.whenComplete((answer, failure) -> {
            waiting.remove(result);
            pending.stop();
        });
        attempt(username, room, seq, result, pending);
        long millis = Math.max(0, timeout.toMillis());
        if (millis == 0) {
            result.complete(Optional.of(pending.nothing()));
        } else if (!result.isDone()) {
            pending.timeout = WAIT_TIMEOUTS.newTimeout(expired -> result.complete(Optional.of(pending.nothing())), millis,
                    TimeUnit.MILLISECONDS);
            if (result.isDone()) {
                pending.stop(); // answered meanwhile, perhaps before the timeout was there to be cancelled
            }
        }
        return result;
    }

    /** The same, from a server timestamp: the first wait after join_room, whose messages carry timestamps. */
    public CompletableFuture<Optional<MessageBatch>> waitAfterTimestamp(String username, String room, double timestamp,
                                                                         Duration timeout) {
        if (username == null || room == null) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return store.lastSeqAtOrBefore(room, timestamp)
                .map(seq -> waitAfterSeq(username, room, seq, timeout))
                .orElseGet(() -> CompletableFuture.completedFuture(Optional.empty()));
    }

    private void attempt(String username, String room, long cursor, CompletableFuture<Optional<MessageBatch>> result,
                         PendingWait pending) {
        if (result.isDone()) {
            return;
        }
        Optional<Reading> reading = store.readAfterSeq(room, username, cursor);
        if (reading.isEmpty()) {
            result.complete(Optional.empty());
            return;
        }
        List<StoredMessage> fresh = reading.get().messages();
        if (!fresh.isEmpty()) {
            result.complete(Optional.of(new MessageBatch(fresh.get(fresh.size() - 1).seq(), messages(fresh))));
            return;
        }
        long newest = Math.max(cursor, reading.get().newestSeq());
        CompletableFuture<Boolean> next = store.nextMessage(room, newest);
        pending.next = next;
        if (result.isDone()) {
            next.cancel(false); // answered meanwhile (its timeout), perhaps before this was there to be cancelled
            return;
        }
        next.thenAccept(alive -> {
            if (alive) {
                attempt(username, room, newest, result, pending);
            } else {
                result.complete(Optional.empty());
            }
        });
    }

    /** How many wait_messages calls are waiting now. */
    public int waitingCalls() {
        return waiting.size();
    }

    /**
     * What this server serves now, for the status view ({@code server_status}): registered users, rooms,
     * users in rooms, waiting calls here, and the kind of store. It reads every room's members, so it is
     * for a person looking, not for a loop.
     */
    public ServerStatus status() {
        List<String> rooms = store.rooms();
        int members = 0;
        for (String room : rooms) {
            members += store.members(room).map(List::size).orElse(0);
        }
        return new ServerStatus(store.userCount(), rooms.size(), members, waitingCalls(), store.kind().label());
    }

    /** Answers every call still waiting, with nothing new: for a server that is stopping. */
    public void wakeAllWaiting() {
        waiting.forEach((call, pending) -> call.complete(Optional.of(pending.nothing())));
    }

    /**
     * The timeouts of every waiting call of the process, on one timer wheel (a thread that ticks every 10 ms):
     * arming and cancelling one takes no lock and sorts nothing, where the JDK's timer behind
     * {@code completeOnTimeout} is one heap of all of them under one lock, taken twice per call by every I/O
     * thread. A wait ends at most a tick after its timeout.
     */
    private static final HashedWheelTimer WAIT_TIMEOUTS = new HashedWheelTimer(
            new DefaultThreadFactory("chat-wait-timeouts", true), 10, TimeUnit.MILLISECONDS, 1024, false);

    /**
     * A wait_messages call not answered yet: who waits, the cursor it answers at its timeout, and what to stop
     * once it is answered (its timeout, and the store's promise of the room's next message).
     */
    private static final class PendingWait {
        final String username;
        final long cursor;
        volatile Timeout timeout;
        volatile CompletableFuture<Boolean> next;

        PendingWait(String username, long cursor) {
            this.username = username;
            this.cursor = cursor;
        }

        String username() {
            return username;
        }

        MessageBatch nothing() {
            return new MessageBatch(cursor, List.of());
        }

        void stop() {
            Timeout armed = timeout;
            if (armed != null) {
                armed.cancel();
            }
            CompletableFuture<Boolean> promised = next;
            if (promised != null) {
                promised.cancel(false);
            }
        }
    }

    private Instant now() {
        return clock.instant();
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    private static List<Message> messages(List<StoredMessage> stored) {
        return stored.stream().map(StoredMessage::message).toList();
    }
}
