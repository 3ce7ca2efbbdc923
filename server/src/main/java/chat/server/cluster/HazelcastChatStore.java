package chat.server.cluster;

import chat.common.Message;
import chat.server.store.Admission;
import chat.server.store.ChatStore;
import chat.server.store.Reading;
import chat.server.store.Registration;
import chat.server.store.RoomSnapshot;
import chat.server.store.StoreKind;
import chat.server.store.StoredMessage;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.internal.nearcache.NearCache;
import com.hazelcast.map.impl.proxy.NearCachedMapProxyImpl;
import com.hazelcast.map.IMap;
import com.hazelcast.topic.ITopic;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ChatStore} shared by every server of a Hazelcast cluster, with the in-memory store's rules.
 *
 * <p><b>Writes</b> go to the room's owner. Each room is one entry of a map, changed only by entry processors
 * ({@link RoomOperations}) that run on the member owning the room's partition, one at a time per room: so
 * each operation is atomic, a room's messages get one cluster-wide sequence of numbers and timestamps, and a
 * cursor means the same on every server. Each change is replayed on one backup member before it is
 * acknowledged, so a member that dies loses no acknowledged change. Names are a map written with
 * {@code putIfAbsent}, so of two servers registering one name at the same instant exactly one wins. The
 * limits on users and rooms count the whole cluster in a {@link Quota} entry: a place is taken there before
 * the name or room is added, and given back when the name turns out to be taken. So the limit is never
 * overshot; the approximation is the other way: while a caller holds a place for a name that another caller
 * has just taken, a third new name may be refused as over the limit although it would have fit a moment
 * later. A server that dies between taking the place and adding the name leaks that one place.
 *
 * <p><b>Reads</b> are answered from this server's memory, with no network hop: the room list from a
 * {@link RoomIndex}, a room's members and messages from a {@link RoomReplica} of each room this server's
 * users read ({@link RoomCopies}), names from Hazelcast's near cache of the users map. After every change the server that made
 * it publishes a {@link RoomEvent} carrying the stored message; every other server applies it to its copy
 * and wakes the calls waiting there. A copy applies messages strictly in sequence, so it never shows one out
 * of order or skips one; while one is missing, or after a member left the cluster, its readers first catch
 * it up from the owner. A change made through another server shows here once its event arrives
 * (milliseconds); one made through this server shows before its call is answered.
 *
 * <p><b>Background work</b> follows what changed, never the whole chat: the idle rule looks at the names
 * this server watches ({@link WatchedUsers}), room expiry at the rooms known to be empty
 * ({@link EmptyRooms}); when a member leaves, each survivor adopts what its own partitions hold and
 * repairs its copies ({@link MemberLossRecovery}). Not owning the Hazelcast instance, it does not close it;
 * {@link #close()} only stops listening.
 *
 * <p>This class is the whole {@link ChatStore} contract over the cluster's maps, and stays that long for it: each
 * operation is a few lines that hand an entry processor to an owner, or read a copy, and announce the change.
 * What they do at length is elsewhere: {@link RoomOperations}, {@link UserOperations}, {@link Quota},
 * {@link RoomCopies} and {@link MemberLossRecovery}.
 */
public final class HazelcastChatStore implements ChatStore, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HazelcastChatStore.class);
    static final String USERS_QUOTA = "users";
    static final String ROOMS_QUOTA = "rooms";

    private final HazelcastInstance hazelcast;
    private final IMap<String, RoomState> rooms;
    private final IMap<String, Registration> users;
    private final IMap<String, Quota> quotas;
    private final ITopic<RoomEvent> events;
    private final UUID eventListener;
    private final UUID membershipListener;
    /** Set by {@link #close}: events still arriving are ignored. */
    private volatile boolean closed;
    private final RoomIndex index = new RoomIndex();
    private final WatchedUsers watched = new WatchedUsers();
    private final EmptyRooms empty = new EmptyRooms();
    private final ScheduledExecutorService background;
    private final RoomCopies copies;
    private final MemberLossRecovery recovery;
    private final int historyLimit;
    /**
     * The near cache of {@link #users} (see {@link MemberConfig}), looked into without reading through it, to tell
     * whether a name's registration is at hand; null if Hazelcast gives the map without one.
     */
    private final NearCache<Object, Object> nearNames;

    /**
     * @param hazelcast    the member this server runs
     * @param namespace    the prefix of the store's maps and topic; every server of one chat uses the same
     *                     (tests give each store its own, to share members)
     * @param historyLimit how many of its newest messages each room keeps
     */
    public HazelcastChatStore(HazelcastInstance hazelcast, String namespace, int historyLimit) {
        if (historyLimit < 1) {
            throw new IllegalArgumentException("historyLimit must be positive, got " + historyLimit);
        }
        this.hazelcast = hazelcast;
        this.historyLimit = historyLimit;
        this.rooms = hazelcast.getMap(namespace + ".rooms");
        this.users = hazelcast.getMap(namespace + ".users");
        this.nearNames = users instanceof NearCachedMapProxyImpl<?, ?> cached ? cached.getNearCache() : null;
        this.quotas = hazelcast.getMap(namespace + ".quotas");
        this.events = hazelcast.getTopic(namespace + ".events");
        this.background = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "chat-store-" + namespace + "-" + hazelcast.getName());
            thread.setDaemon(true);
            return thread;
        });
        this.copies = new RoomCopies(rooms, index, background);
        this.recovery = new MemberLossRecovery(hazelcast, rooms, users, index, copies, watched, empty, background);
        this.eventListener = events.addMessageListener(message -> {
            if (!closed && !message.getPublishingMember().localMember()) {
                applyHere(message.getMessageObject());
            }
        });
        this.membershipListener = hazelcast.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                recovery.memberLeft();
            }
        });
        recovery.reloadIndex();
        recovery.watchLocal(); // what this member holds of a chat loaded from its database, if it is kept in one
    }

    @Override
    public StoreKind kind() {
        return StoreKind.CLUSTER;
    }

    /** Where the chat is kept beyond the members' memory, when it is, as the status view shows it. */
    private volatile String keptIn;

    void keptIn(String where) {
        keptIn = where;
    }

    @Override
    public String label() {
        String where = keptIn;
        return where == null ? kind().label() : kind().label() + ", kept in " + where;
    }

    @Override
    public Admission registerUser(String username, String sessionHash, Instant now, int maxUsers) {
        if (users.containsKey(username)) {
            return Admission.TAKEN;
        }
        if (!take(USERS_QUOTA, maxUsers)) {
            return users.containsKey(username) ? Admission.TAKEN : Admission.FULL;
        }
        if (users.putIfAbsent(username, new Registration(now, sessionHash)) != null) {
            quotas.executeOnKey(USERS_QUOTA, new Quota.Release());
            return Admission.TAKEN;
        }
        watched.seen(username, now);
        return Admission.ADDED;
    }

    @Override
    public Optional<Registration> registration(String username) {
        return Optional.ofNullable(users.get(username));
    }

    @Override
    public int userCount() {
        return users.size();
    }

    @Override
    public boolean touch(String username, Instant now) {
        boolean registered = users.executeOnKey(username, new UserOperations.Touch(now));
        if (registered) {
            watched.seen(username, now);
        }
        return registered;
    }

    /**
     * The watched names idle since {@code cutoff}: those this server last knew active before it, checked against
     * their registration (a name active through another server since is watched from its newer time).
     */
    @Override
    public List<String> usersIdleSince(Instant cutoff) {
        List<String> idle = new ArrayList<>();
        for (String name : watched.quietSince(cutoff)) {
            Registration registration = users.get(name);
            if (registration == null) {
                watched.forget(name);
            } else if (registration.idleSince(cutoff)) {
                idle.add(name);
            } else {
                watched.seen(name, registration.lastSeen());
            }
        }
        return idle;
    }

    @Override
    public boolean removeUserIdleSince(String username, Instant cutoff) {
        return freed(username, users.executeOnKey(username, new UserOperations.RemoveIfIdle(cutoff)));
    }

    @Override
    public boolean removeUser(String username, String sessionHash) {
        return freed(username, users.executeOnKey(username, new UserOperations.RemoveIfSession(sessionHash)));
    }

    /** Gives the users quota back the place of a name that was just freed. */
    private boolean freed(String username, boolean removed) {
        if (removed) {
            watched.forget(username);
            quotas.executeOnKey(USERS_QUOTA, new Quota.Release());
        }
        return removed;
    }

    @Override
    public Admission createRoom(String room, Instant now, int maxRooms) {
        if (rooms.containsKey(room)) {
            return Admission.TAKEN;
        }
        long order = quotas.executeOnKey(ROOMS_QUOTA, new Quota.Take(maxRooms));
        if (order == 0) {
            return rooms.containsKey(room) ? Admission.TAKEN : Admission.FULL;
        }
        if (!rooms.executeOnKey(room, new RoomOperations.Create(order, historyLimit, now))) {
            quotas.executeOnKey(ROOMS_QUOTA, new Quota.Release());
            return Admission.TAKEN;
        }
        announce(RoomEvent.created(room, order, now));
        return Admission.ADDED;
    }

    private boolean take(String quota, int limit) {
        return quotas.executeOnKey(quota, new Quota.Take(limit)) != 0;
    }

    @Override
    public List<String> rooms() {
        return index.rooms();
    }

    /**
     * When this server's near cache holds the name's registration and its copy of the room is complete (it has
     * one, caught up, with no message missing).
     */
    @Override
    public boolean answersFromMemory(String username, String room) {
        if (username != null && !(nearNames != null && nearNames.get(username) instanceof Registration)) {
            return false;
        }
        return room == null || copies.complete(room);
    }

    @Override
    public Optional<List<String>> members(String room) {
        return copies.read(room).map(RoomReplica::members);
    }

    @Override
    public Optional<RoomSnapshot> join(String room, String username, Message notice, int historySize, Instant now) {
        Joined joined = rooms.executeOnKey(room, new RoomOperations.Join(username, notice, historySize, now));
        if (joined == null) {
            return Optional.empty();
        }
        if (joined.notice() != null) {
            announce(RoomEvent.joined(room, joined.notice(), username));
        }
        return Optional.of(joined.snapshot());
    }

    @Override
    public boolean leave(String room, String username, Message notice, Instant now) {
        RoomEvent left = rooms.executeOnKey(room, new RoomOperations.Leave(room, username, notice, now));
        if (left == null) {
            return false;
        }
        announce(left);
        return true;
    }

    /**
     * Reads the name's last activity, then leaves: two steps, since a name and a room live in different
     * partitions. A touch that falls between them does not keep the user in the room; its call then finds the
     * user out of the room (a join joins again), as a call just after the leave would.
     */
    @Override
    public boolean leaveIfIdle(String room, String username, Message notice, Instant now, Instant idleBefore) {
        Optional<Registration> registration = registration(username);
        if (registration.isPresent() && !registration.get().idleSince(idleBefore)) {
            return false;
        }
        return leave(room, username, notice, now);
    }

    @Override
    public Optional<StoredMessage> post(String room, Message draft, Instant now) {
        StoredMessage stored = rooms.executeOnKey(room, new RoomOperations.Post(draft, now));
        if (stored != null) {
            announce(RoomEvent.posted(room, stored));
        }
        return Optional.ofNullable(stored);
    }

    @Override
    public Optional<List<StoredMessage>> readAfter(String room, String username, double timestamp) {
        return copies.read(room).map(copy -> copy.readAfterTimestamp(username, timestamp));
    }

    @Override
    public Optional<List<StoredMessage>> readSinceCursor(String room, String username) {
        return Optional.ofNullable(rooms.executeOnKey(room, new RoomOperations.ReadSinceCursor(username)));
    }

    @Override
    public Optional<Reading> readAfterSeq(String room, String username, long seq) {
        return copies.read(room).map(copy -> copy.readAfterSeq(username, seq));
    }

    @Override
    public Optional<Long> lastSeqAtOrBefore(String room, double timestamp) {
        return copies.read(room).map(copy -> copy.seqAtOrBefore(timestamp));
    }

    @Override
    public CompletableFuture<Boolean> nextMessage(String room, long afterSeq) {
        Optional<RoomReplica> copy;
        try {
            copy = copies.read(room);
        } catch (RuntimeException e) {
            // The cluster cannot answer now (a member just left, or this one is stopping): wait on the copy as it
            // is; a message applied later still wakes this call, and the caller's timeout bounds the wait.
            LOG.debug("cannot catch up the copy of a room; waiting for its next message", e);
            copy = Optional.of(copies.asItIs(room));
        }
        return copy.map(replica -> replica.nextMessage(afterSeq))
                .orElseGet(() -> CompletableFuture.completedFuture(false));
    }

    /**
     * Removes the rooms known to be empty since before {@code cutoff}: one call to the owner for each room whose
     * time has come, none for the others. Also drops the copies of rooms nobody read for a while.
     */
    @Override
    public List<String> removeRoomsEmptySince(Instant cutoff) {
        List<String> removed = new ArrayList<>();
        for (String room : empty.emptyBefore(cutoff)) {
            long answer = rooms.executeOnKey(room, new RoomOperations.Expire(cutoff));
            if (answer == RoomOperations.Expire.REMOVED) {
                removed.add(room);
                quotas.executeOnKey(ROOMS_QUOTA, new Quota.Release());
                announce(RoomEvent.gone(room));
            } else if (answer == RoomOperations.Expire.NOT_EMPTY) {
                empty.untrack(room);
            } else {
                empty.track(room, RoomOperations.Expire.emptySince(answer));
            }
        }
        copies.dropUnused();
        removed.sort(Comparator.naturalOrder());
        return removed;
    }

    /** Stops listening to the other members; the Hazelcast instance is its owner's to close. */
    @Override
    public void close() {
        close(true);
    }

    /**
     * Stops listening, but leaves this member's subscription to the events on the other members, where it goes
     * with the member, which its owner shuts down next. Taken back now, the subscription would be taken back by
     * operations sent without waiting for them: on a busy machine they reach the others after the member has
     * left, from a member they no longer know, and each logs a warning (CallerNotMemberException).
     */
    void closeBeforeShutdown() {
        close(false);
    }

    private void close(boolean unsubscribe) {
        closed = true;
        try {
            if (unsubscribe) {
                events.removeMessageListener(eventListener);
            }
            hazelcast.getCluster().removeMembershipListener(membershipListener);
        } catch (RuntimeException memberAlreadyStopped) {
            LOG.debug("the member stopped before the store: its listeners went with it", memberAlreadyStopped);
        }
        background.shutdownNow();
        copies.clear();
    }

    /**
     * Applies a change made through this server, then tells the others, if there are any: a member alone has
     * no one to tell (a member that joins later reads the rooms from their owners when it starts).
     */
    private void announce(RoomEvent event) {
        applyHere(event);
        if (hazelcast.getCluster().getMembers().size() < 2) {
            return;
        }
        try {
            events.publish(event);
        } catch (RuntimeException e) {
            LOG.warn("cannot tell the other servers about a change to room {}; they catch up when they next find a"
                    + " message missing: {}", event.room(), e.toString());
        }
    }

    /** Applies a change to what this server knows: its room list, its copies, the rooms it knows to be empty. */
    private void applyHere(RoomEvent event) {
        String room = event.room();
        switch (event.kind()) {
            case CREATED -> {
                copies.created(room, event.order());
                index.add(room, event.order());
                empty.track(room, event.emptySince());
            }
            case MESSAGE -> {
                copies.apply(event);
                if (event.change() == RoomEvent.Change.JOINED) {
                    empty.untrack(room);
                } else if (event.emptySince() != null) {
                    empty.track(room, event.emptySince());
                }
            }
            case GONE -> {
                // The copy first: a catch-up under way then cannot list the room again after it is taken off.
                copies.gone(room);
                index.remove(room);
                empty.untrack(room);
            }
        }
    }

    /** How many times a copy was caught up from a room's owner: messages that did not arrive by their event. */
    long catchUps() {
        return copies.catchUps();
    }
}
