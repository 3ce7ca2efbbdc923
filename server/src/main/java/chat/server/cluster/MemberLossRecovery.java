package chat.server.cluster;

import chat.server.store.Registration;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.partition.PartitionService;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a server does after a member left the cluster: what that member was about to tell may be lost, and what
 * it watched is nobody's. Reloads the room list, has every copy of a room checked by its next reader (and the
 * copies with waiting calls at once), then, once the dead member's partitions are served again, watches the
 * names and empty rooms this member now owns. Runs on the store's background thread, trying again while the
 * cluster cannot answer.
 */
final class MemberLossRecovery {
    /** Logs as the store it serves, whose lines these are. */
    private static final Logger LOG = LoggerFactory.getLogger(HazelcastChatStore.class);
    /** How long to wait, after a member left, for its partitions' backups to be promoted before adopting. */
    private static final Duration SAFE_WAIT = Duration.ofSeconds(30);
    private static final long RETRY_MILLIS = 200;

    private final HazelcastInstance hazelcast;
    private final IMap<String, RoomState> rooms;
    private final IMap<String, Registration> users;
    private final RoomIndex index;
    private final RoomCopies copies;
    private final WatchedUsers watched;
    private final EmptyRooms empty;
    private final ScheduledExecutorService background;

    MemberLossRecovery(HazelcastInstance hazelcast, IMap<String, RoomState> rooms, IMap<String, Registration> users,
                       RoomIndex index, RoomCopies copies, WatchedUsers watched, EmptyRooms empty,
                       ScheduledExecutorService background) {
        this.hazelcast = hazelcast;
        this.rooms = rooms;
        this.users = users;
        this.index = index;
        this.copies = copies;
        this.watched = watched;
        this.empty = empty;
        this.background = background;
    }

    /** A member left: recovers in the background. */
    void memberLeft() {
        background.execute(() -> recover(System.nanoTime() + SAFE_WAIT.toNanos()));
    }

    /** Reads the room list from the rooms map: at start, and after a member left (its last events may be lost). */
    void reloadIndex() {
        index.reloading();
        index.replaceAll(rooms.executeOnEntries(new RoomReads.Order()));
    }

    /**
     * Watches the names and empty rooms this member holds: after a member left, and at start, when the maps hold
     * what a restarted chat loaded from its database.
     */
    void watchLocal() {
        for (String name : users.localKeySet()) {
            Registration registration = users.get(name);
            if (registration != null) {
                watched.adopt(name, registration.lastSeen());
            }
        }
        Set<String> local = rooms.localKeySet();
        if (!local.isEmpty()) {
            rooms.executeOnKeys(local, new RoomOperations.Expire(Instant.EPOCH)).forEach((room, since) -> {
                if (since != null && since > 0) {
                    empty.track(room, RoomOperations.Expire.emptySince(since));
                }
            });
        }
    }

    private void recover(long deadline) {
        try {
            reloadIndex();
            copies.distrustAll();
        } catch (RuntimeException e) {
            LOG.debug("cannot repair after a member left yet; trying again", e);
            background.schedule(() -> recover(deadline), RETRY_MILLIS, TimeUnit.MILLISECONDS);
            return;
        }
        adoptWhenSafe(deadline);
    }

    private void adoptWhenSafe(long deadline) {
        PartitionService partitions = hazelcast.getPartitionService();
        if (!partitions.isClusterSafe() && System.nanoTime() < deadline) {
            background.schedule(() -> adoptWhenSafe(deadline), RETRY_MILLIS, TimeUnit.MILLISECONDS);
            return;
        }
        try {
            watchLocal();
        } catch (RuntimeException e) {
            if (background.isShutdown()) {
                LOG.debug("the store closed while looking through this server's part of the chat", e);
                return;
            }
            LOG.warn("cannot look through this server's part of the chat after a server left; idle names and empty"
                    + " rooms it watched may stay until another server leaves or this one restarts: {}", e.toString());
        }
    }
}
