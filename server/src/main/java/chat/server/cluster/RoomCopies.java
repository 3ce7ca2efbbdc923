package chat.server.cluster;

import com.hazelcast.map.IMap;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This server's copies of the rooms its users read, one {@link RoomReplica} each, so that reading a room's
 * members and messages and waiting for its next message take no network hop. A copy is made, and caught up,
 * from the room's owner ({@link RoomReads.Replicate}) when it cannot be trusted as it is: new, suspect after a
 * member left, or missing a message whose event has not come within {@link #HOLE_GRACE}. The
 * {@link RoomEvent}s of messages keep it current in between. A copy no reader used for {@link #UNUSED_COPY} is
 * dropped. Thread-safe.
 */
final class RoomCopies {
    /** Logs as the store it serves, whose lines these are. */
    private static final Logger LOG = LoggerFactory.getLogger(HazelcastChatStore.class);
    /** How long a missing message may be on its way before the owner is asked for it. */
    private static final Duration HOLE_GRACE = Duration.ofMillis(200);
    /** A copy no reader used for this long is dropped (it is made again, from the owner, when read again). */
    private static final Duration UNUSED_COPY = Duration.ofMinutes(10);

    private final IMap<String, RoomState> rooms;
    private final RoomIndex index;
    private final ScheduledExecutorService background;
    private final Map<String, RoomReplica> replicas = new ConcurrentHashMap<>();
    private final Set<String> repairing = ConcurrentHashMap.newKeySet();
    private final AtomicLong catchUps = new AtomicLong();

    /**
     * @param rooms      the rooms map, whose owners answer for the copies
     * @param index      the room list, told each room's order as its copy is caught up
     * @param background where repairs are scheduled
     */
    RoomCopies(IMap<String, RoomState> rooms, RoomIndex index, ScheduledExecutorService background) {
        this.rooms = rooms;
        this.index = index;
        this.background = background;
    }

    /** This server's copy of {@code room}, caught up from the owner first when it cannot be trusted as it is. */
    Optional<RoomReplica> read(String room) {
        RoomReplica replica = replicas.computeIfAbsent(room, RoomReplica::new);
        if (!replica.complete()) {
            catchUp(replica);
        }
        return replica.gone() ? Optional.empty() : Optional.of(replica);
    }

    /** The copy of {@code room} as it is, made empty when there is none: to wait on when the owner cannot answer. */
    RoomReplica asItIs(String room) {
        return replicas.computeIfAbsent(room, RoomReplica::new);
    }

    /** Whether this server has a complete copy of {@code room}: one, caught up, with no message missing. */
    boolean complete(String room) {
        RoomReplica replica = replicas.get(room);
        return replica != null && replica.complete();
    }

    /** Room {@code room} was created {@code order}-th: a copy of an older room of that name goes. */
    void created(String room, long order) {
        RoomReplica old = replicas.get(room);
        if (old != null && old.createdBefore(order)) {
            replicas.remove(room, old);
            old.remove();
        }
    }

    /** Applies a message event to the room's copy, if this server has one; a message missing is repaired later. */
    void apply(RoomEvent event) {
        String room = event.room();
        RoomReplica replica = replicas.get(room);
        if (replica != null) {
            replica.apply(event);
            if (replica.waitingForAHole() && repairing.add(room)) {
                background.schedule(() -> repair(replica), HOLE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    /** Room {@code room} was removed: its copy goes, and its waiting calls are told. */
    void gone(String room) {
        RoomReplica replica = replicas.remove(room);
        if (replica != null) {
            replica.remove();
        }
    }

    /** Drops the copies nobody read for {@link #UNUSED_COPY} and nobody waits on. */
    void dropUnused() {
        replicas.values().removeIf(copy -> copy.unusedFor(UNUSED_COPY.toNanos()) && !copy.hasWaiters());
    }

    /**
     * After a member left, when events may have been lost: every copy is checked by its next reader, and those
     * with waiting calls are caught up at once.
     *
     * @throws RuntimeException the cluster cannot answer yet
     */
    void distrustAll() {
        replicas.values().forEach(RoomReplica::suspect);
        for (RoomReplica replica : replicas.values()) {
            if (replica.hasWaiters()) {
                catchUp(replica);
            }
        }
    }

    /** Drops every copy, telling their waiting calls: for a store that stops. */
    void clear() {
        replicas.values().forEach(RoomReplica::remove);
        replicas.clear();
    }

    /** How many times a copy was caught up from a room's owner: messages that did not arrive by their event. */
    long catchUps() {
        return catchUps.get();
    }

    /** Asks the owner for what {@code replica} lacks; a room that no longer exists loses its copy. */
    private void catchUp(RoomReplica replica) {
        catchUps.incrementAndGet();
        RoomCopy copy = rooms.executeOnKey(replica.name(), new RoomReads.Replicate(replica.catchUpFrom()));
        if (copy == null) {
            replicas.remove(replica.name(), replica);
            replica.remove();
            return;
        }
        if (!replica.catchUp(copy)) {
            // The room was removed and made again since the copy was made: start over from the new room.
            replicas.remove(replica.name(), replica);
            replica.remove();
            read(replica.name());
            return;
        }
        // A removal that arrived while the owner was asked must not be undone: the room is listed only while its
        // copy is not gone, and a removal marks the copy gone before it takes the room off the list.
        replica.unlessGone(() -> index.add(replica.name(), copy.order()));
    }

    /** A message still missing after {@link #HOLE_GRACE}: its event was lost, so ask the owner. */
    private void repair(RoomReplica replica) {
        repairing.remove(replica.name());
        if (replica.waitingForAHole() && replicas.get(replica.name()) == replica) {
            try {
                catchUp(replica);
            } catch (RuntimeException e) {
                LOG.debug("cannot catch up the copy of room {} yet; its next reader will", replica.name(), e);
                replica.suspect();
            }
        }
    }
}
