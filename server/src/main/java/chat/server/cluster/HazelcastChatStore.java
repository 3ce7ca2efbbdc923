package chat.server.cluster;

import chat.common.Message;
import chat.server.store.Admission;
import chat.server.store.ChatStore;
import chat.server.store.Reading;
import chat.server.store.Registration;
import chat.server.store.RoomSnapshot;
import chat.server.store.StoredMessage;
import chat.server.store.StoreKind;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.topic.ITopic;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ChatStore} shared by every server of a Hazelcast cluster, with the in-memory store's rules.
 *
 * <p>Each room is one entry of a map, changed only by entry processors ({@link RoomOperations}) that run
 * on the member owning the room's partition, one at a time per room: so each operation is atomic, a
 * room's messages get one cluster-wide sequence of numbers and timestamps, and a cursor means the same
 * on every server. Each change is replayed on one backup member, so a member that dies loses no
 * acknowledged change. Reads run where the room is and carry back only what they answer.
 *
 * <p>Names are a map written with {@code putIfAbsent}, so of two servers registering one name at the
 * same instant exactly one wins. The limits on users and rooms count the whole cluster in a
 * {@link Quota} entry: a place is taken there before the name or room is added, and given back when the
 * name turns out to be taken. So the limit is never overshot; the approximation is the other way: while a
 * caller holds a place for a name that another caller has just taken, a third new name may be refused as
 * over the limit although it would have fit a moment later. A server that dies between taking the place
 * and adding the name leaks that one place.
 *
 * <p>Waiting for a room's next message ({@link #nextMessage}) waits on this member; a post on this
 * member wakes its waiters at once, on the posting thread; posts and removals on other members reach
 * this one as {@link RoomEvent}s on a topic. Not owning the Hazelcast instance, it does not close it;
 * {@link #close()} only stops listening.
 */
public final class HazelcastChatStore implements ChatStore, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HazelcastChatStore.class);
    private static final String USERS_QUOTA = "users";
    private static final String ROOMS_QUOTA = "rooms";

    private final int historyLimit;
    private final IMap<String, RoomState> rooms;
    private final IMap<String, Registration> users;
    private final IMap<String, Quota> quotas;
    private final ITopic<RoomEvent> events;
    private final UUID listener;
    /** This member's waiting calls, by room; each list is changed only inside the map's atomic compute. */
    private final Map<String, List<Waiter>> waiters = new ConcurrentHashMap<>();

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
        this.historyLimit = historyLimit;
        this.rooms = hazelcast.getMap(namespace + ".rooms");
        this.users = hazelcast.getMap(namespace + ".users");
        this.quotas = hazelcast.getMap(namespace + ".quotas");
        this.events = hazelcast.getTopic(namespace + ".events");
        this.listener = events.addMessageListener(event -> {
            if (!event.getPublishingMember().localMember()) {
                RoomEvent roomEvent = event.getMessageObject();
                wake(roomEvent.room(), roomEvent.seq());
            }
        });
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
        return Admission.ADDED;
    }

    @Override
    public boolean isRegistered(String username) {
        return users.containsKey(username);
    }

    @Override
    public Optional<Registration> registration(String username) {
        return Optional.ofNullable(users.get(username));
    }

    @Override
    public boolean touch(String username, Instant now) {
        return users.executeOnKey(username, new UserOperations.Touch(now));
    }

    @Override
    public int userCount() {
        return users.size();
    }

    @Override
    public StoreKind kind() {
        return StoreKind.CLUSTER;
    }

    @Override
    public List<String> usersIdleSince(Instant cutoff) {
        return new ArrayList<>(users.executeOnEntries(new UserOperations.IsIdle(cutoff)).keySet());
    }

    @Override
    public boolean removeUserIdleSince(String username, Instant cutoff) {
        return freed(users.executeOnKey(username, new UserOperations.RemoveIfIdle(cutoff)));
    }

    @Override
    public boolean removeUser(String username, String sessionHash) {
        return freed(users.executeOnKey(username, new UserOperations.RemoveIfSession(sessionHash)));
    }

    /** Gives the users quota back the place of a name that was just freed. */
    private boolean freed(boolean removed) {
        if (removed) {
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
        return Admission.ADDED;
    }

    private boolean take(String quota, int limit) {
        return quotas.executeOnKey(quota, new Quota.Take(limit)) != 0;
    }

    @Override
    public List<String> rooms() {
        Map<String, Long> orders = rooms.executeOnEntries(new RoomOperations.Order());
        return orders.entrySet().stream()
                .sorted(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey)
                .toList();
    }

    @Override
    public Optional<List<String>> members(String room) {
        return Optional.ofNullable(rooms.executeOnKey(room, new RoomOperations.Members())).map(List::copyOf);
    }

    @Override
    public Optional<RoomSnapshot> join(String room, String username, Message notice, int historySize, Instant now) {
        Optional<RoomSnapshot> joined = Optional.ofNullable(
                rooms.executeOnKey(room, new RoomOperations.Join(username, notice, historySize, now)));
        joined.ifPresent(snapshot -> announceNewest(room, snapshot.history()));
        return joined;
    }

    @Override
    public boolean leave(String room, String username, Message notice, Instant now) {
        Long seq = rooms.executeOnKey(room, new RoomOperations.Leave(username, notice, now));
        if (seq == null || seq == 0) {
            return false;
        }
        announce(room, seq);
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
            announce(room, stored.seq());
        }
        return Optional.ofNullable(stored);
    }

    @Override
    public Optional<List<StoredMessage>> readAfter(String room, String username, double timestamp) {
        return Optional.ofNullable(rooms.executeOnKey(room, new RoomOperations.ReadAfterTimestamp(username, timestamp)));
    }

    @Override
    public Optional<List<StoredMessage>> readSinceCursor(String room, String username) {
        return Optional.ofNullable(rooms.executeOnKey(room, new RoomOperations.ReadSinceCursor(username)));
    }

    @Override
    public Optional<Reading> readAfterSeq(String room, String username, long seq) {
        return Optional.ofNullable(rooms.executeOnKey(room, new RoomOperations.ReadAfterSeq(username, seq)));
    }

    @Override
    public Optional<Long> lastSeqAtOrBefore(String room, double timestamp) {
        return Optional.ofNullable(rooms.executeOnKey(room, new RoomOperations.SeqAtOrBefore(timestamp)));
    }

    @Override
    public CompletableFuture<Boolean> nextMessage(String room, long afterSeq) {
        CompletableFuture<Boolean> next = new CompletableFuture<>();
        // Listen first, then look: a message stored after the look is announced to a listener already there.
        waiters.compute(room, (name, list) -> {
            List<Waiter> waiting = list == null ? new ArrayList<>() : list;
            waiting.removeIf(waiter -> waiter.next.isDone());
            waiting.add(new Waiter(afterSeq, next));
            return waiting;
        });
        try {
            Long newest = rooms.executeOnKey(room, new RoomOperations.NewestSeq());
            if (newest == null) {
                next.complete(false);
            } else if (newest > afterSeq) {
                next.complete(true);
            }
        } catch (RuntimeException e) {
            // The cluster cannot answer now (a member just left, or this one is stopping): keep waiting; a
            // message announced later still wakes this call, and the caller's timeout bounds the wait.
            LOG.debug("cannot read the newest message of a room; waiting for the next announcement", e);
        }
        return next;
    }

    @Override
    public List<String> removeRoomsEmptySince(Instant cutoff) {
        Map<String, Boolean> expired = rooms.executeOnEntries(new RoomOperations.Expire(cutoff));
        List<String> removed = new ArrayList<>();
        expired.forEach((room, wasRemoved) -> {
            if (Boolean.TRUE.equals(wasRemoved)) {
                removed.add(room);
            }
        });
        removed.sort(Comparator.naturalOrder());
        for (String room : removed) {
            quotas.executeOnKey(ROOMS_QUOTA, new Quota.Release());
            announce(room, RoomEvent.GONE);
        }
        return removed;
    }

    /** Stops listening to the other members; the Hazelcast instance is its owner's to close. */
    @Override
    public void close() {
        try {
            events.removeMessageListener(listener);
        } catch (RuntimeException memberAlreadyStopped) {
            LOG.debug("the member stopped before the store: its listener went with it", memberAlreadyStopped);
        }
        List<Waiter> left = new ArrayList<>();
        waiters.values().forEach(left::addAll);
        waiters.clear();
        left.forEach(waiter -> waiter.next.complete(false));
    }

    private void announceNewest(String room, List<StoredMessage> history) {
        if (!history.isEmpty()) {
            announce(room, history.get(history.size() - 1).seq());
        }
    }

    /** Wakes this member's waiters at once, then tells the other members. */
    private void announce(String room, Long seq) {
        if (seq == null) {
            return;
        }
        wake(room, seq);
        try {
            events.publish(new RoomEvent(room, seq));
        } catch (RuntimeException e) {
            LOG.warn("cannot tell the other servers about a new message in a room; their waiting calls answer at"
                    + " their timeout: {}", e.toString());
        }
    }

    private void wake(String room, long seq) {
        List<Waiter> ready = new ArrayList<>();
        waiters.computeIfPresent(room, (name, waiting) -> {
            waiting.removeIf(waiter -> {
                if (waiter.next.isDone()) {
                    return true;
                }
                if (seq == RoomEvent.GONE || waiter.afterSeq < seq) {
                    ready.add(waiter);
                    return true;
                }
                return false;
            });
            return waiting.isEmpty() ? null : waiting;
        });
        ready.forEach(waiter -> waiter.next.complete(seq != RoomEvent.GONE));
    }

    /** A call waiting for a message after {@code afterSeq}. */
    private record Waiter(long afterSeq, CompletableFuture<Boolean> next) {
    }
}
