package chat.common.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that stands still until a test moves it: time-dependent rules are tested without waiting. */
public final class ManualClock extends Clock {
    private final AtomicReference<Instant> now;

    /**
     * A clock standing at {@code start}.
     *
     * @param start the time it shows until moved
     */
    public ManualClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    /** {@return a clock at a fixed, realistic instant} */
    public static ManualClock atSomeInstant() {
        return new ManualClock(Instant.parse("2026-11-24T12:00:00Z"));
    }

    /**
     * Moves the clock forward by {@code by}: everything that reads it sees the new time at once.
     *
     * @param by how far to move it
     */
    public void advance(Duration by) {
        now.updateAndGet(instant -> instant.plus(by));
    }

    /**
     * Puts the clock at {@code instant}.
     *
     * @param instant the time it shows from now on
     */
    public void set(Instant instant) {
        now.set(instant);
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a ManualClock is always UTC");
    }
}
