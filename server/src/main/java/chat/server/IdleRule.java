package chat.server;

import chat.server.store.ChatStore;
import chat.server.store.Registration;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The idle rule: a user with no call for {@link IdleTimes#leaveRooms()} leaves every room it is in, with the
 * usual notice; one with no call for {@link IdleTimes#freeName()} also loses its name (and its session). Users
 * holding a wait_messages call open on this server count as present. Applied by {@link #sweep()}, which the
 * server's sweeper calls about once a second.
 */
final class IdleRule {
    /** The chat's lines all log under the service's name, so that one setting shows or hides them. */
    private static final Logger LOG = LoggerFactory.getLogger(ChatService.class);

    private final ChatStore store;
    private final Clock clock;
    private final IdleTimes idle;
    private final Presence presence;
    private final Departures departures;
    private final WaitingCalls waiting;
    /** Drops what the server keeps about a name this rule freed. */
    private final Consumer<String> forgetFreed;
    /** Idle users a sweep already made leave their rooms, with the last-seen time they had then. */
    private final Map<String, Instant> leftWhileIdle = new ConcurrentHashMap<>();
    private final AtomicLong roomScans = new AtomicLong();

    IdleRule(ChatStore store, Clock clock, IdleTimes idle, Presence presence, Departures departures,
             WaitingCalls waiting, Consumer<String> forgetFreed) {
        this.store = store;
        this.clock = clock;
        this.idle = idle;
        this.presence = presence;
        this.departures = departures;
        this.waiting = waiting;
        this.forgetFreed = forgetFreed;
    }

    /** One pass over idle users: what {@link ChatService#expireIdleUsers()} does. */
    IdleSweep sweep() {
        keepWaitingUsersPresent();
        Instant now = clock.instant();
        Instant leaveCutoff = now.minus(idle.leaveRooms());
        List<String> idleUsers = store.usersIdleSince(leaveCutoff);
        if (idleUsers.isEmpty()) {
            return IdleSweep.NOTHING;
        }
        Map<String, List<String>> left = departures.leaveEveryRoom(notYetLeft(idleUsers), leaveCutoff);
        Instant freeCutoff = now.minus(idle.freeName());
        List<String> freed = new ArrayList<>();
        for (String name : idleUsers) {
            if (store.removeUserIdleSince(name, freeCutoff)) {
                freed.add(name);
                forgetFreed.accept(name);
            }
        }
        if (!left.isEmpty()) {
            LOG.info("{} user(s) idle for more than {} s left their rooms: {}", left.size(),
                    idle.leaveRooms().toSeconds(), TextRules.shortList(List.copyOf(left.keySet())));
        }
        if (!freed.isEmpty()) {
            LOG.info("freed {} name(s) idle for more than {} s: {}", freed.size(), idle.freeName().toSeconds(),
                    TextRules.shortList(freed));
        }
        return new IdleSweep(left, freed);
    }

    /** How many times a sweep looked through the rooms for idle members. */
    long roomScans() {
        return roomScans.get();
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

    /** Users waiting on this server are there: their last-seen time is refreshed well before it could count as idle. */
    private void keepWaitingUsersPresent() {
        Duration staleAfter = idle.leaveRooms().dividedBy(4);
        for (String username : waiting.users()) {
            presence.present(username, staleAfter);
        }
    }
}
