package chat.server;

import chat.server.store.ChatStore;
import chat.server.store.Registration;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Who is there: each call by or for a user records that it is active, which keeps it from counting as idle
 * ({@link IdleRule}). The last-seen time is written at most every {@link #touchEvery} (a tenth of the idle time
 * before leaving rooms, at most {@link #MAX_TOUCH_EVERY}): calls closer together change nothing that matters,
 * so a busy user costs one read per call and one write a second.
 */
final class Presence {
    /** At most this long between two writes of a user's last-seen time. */
    private static final Duration MAX_TOUCH_EVERY = Duration.ofSeconds(1);

    private final ChatStore store;
    private final Clock clock;
    private final Duration touchEvery;

    Presence(ChatStore store, Clock clock, IdleTimes idle) {
        this.store = store;
        this.clock = clock;
        Duration tenth = idle.leaveRooms().dividedBy(10);
        this.touchEvery = tenth.compareTo(MAX_TOUCH_EVERY) < 0 ? tenth : MAX_TOUCH_EVERY;
    }

    /**
     * Whether {@code username} is registered, recording that it is active now; false when the name is free. A
     * registration seen as stale is touched before the caller acts, so a sweeper freeing the name at the same
     * instant either loses (the touch came first) or wins (the touch finds no name, and the call is answered as
     * for an unknown user): never half of each.
     */
    boolean present(String username) {
        return present(username, touchEvery);
    }

    /** The same, writing the last-seen time only when it is older than {@code staleAfter}. */
    boolean present(String username, Duration staleAfter) {
        Optional<Registration> registration = store.registration(username);
        if (registration.isEmpty()) {
            return false;
        }
        Instant now = clock.instant();
        return registration.get().lastSeen().plus(staleAfter).isAfter(now) || store.touch(username, now);
    }

    /** Whether a call as {@code username} now would write no last-seen time: the name is free, or was seen lately. */
    boolean seenLately(String username) {
        return store.registration(username)
                .map(registration -> registration.lastSeen().plus(touchEvery).isAfter(clock.instant()))
                .orElse(true);
    }
}
