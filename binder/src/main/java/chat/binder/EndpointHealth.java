package chat.binder;

import java.time.Duration;
import java.time.Instant;

/**
 * What the Binder knows of one server endpoint's life: when it last registered, when it last answered,
 * how many probes in a row it failed, and so whether lookups hand it out. Thread-safe: probes and
 * registrations update it, lookups read {@link #alive()} without locking.
 */
final class EndpointHealth {
    private volatile boolean alive = true;
    private int failures;
    private Instant registeredAt;
    private Instant seenAt;

    EndpointHealth(Instant now) {
        this.registeredAt = now;
        this.seenAt = now;
    }

    /** Whether lookups hand this endpoint out. */
    boolean alive() {
        return alive;
    }

    /**
     * A registration of this endpoint (new or repeated) is a sign of life, but does not show an endpoint
     * that probes have hidden: only an answered probe does, so a server the Binder cannot reach does not
     * flap between shown and hidden at every re-registration.
     */
    synchronized void registered(Instant now) {
        registeredAt = now;
        seenAt = now;
    }

    /** Records a probe's outcome; returns whether this changed {@link #alive()}. */
    synchronized boolean probed(boolean answered, Instant now, int failuresToHide) {
        boolean was = alive;
        if (answered) {
            failures = 0;
            seenAt = now;
            alive = true;
        } else {
            failures++;
            if (failures >= failuresToHide) {
                alive = false;
            }
        }
        return was != alive;
    }

    /** Whether this endpoint is hidden and has shown no sign of life for longer than {@code forgetAfter}. */
    synchronized boolean isLongDead(Instant now, Duration forgetAfter) {
        return !alive && Duration.between(seenAt, now).compareTo(forgetAfter) > 0;
    }

    synchronized double secondsSinceRegistered(Instant now) {
        return secondsBetween(registeredAt, now);
    }

    synchronized double secondsSinceSeen(Instant now) {
        return secondsBetween(seenAt, now);
    }

    private static double secondsBetween(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toNanos() / 1e9);
    }
}
