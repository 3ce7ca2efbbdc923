package chat.binder;

import java.time.Duration;
import java.util.Objects;

/**
 * How the Binder decides that a registered server is alive: it probes every distinct endpoint (a TCP
 * connect) every {@code probeEvery}; {@code failuresToHide} probes in a row that fail hide the endpoint
 * from lookups; one that answers again is shown again; one that has shown no sign of life for
 * {@code forgetAfter} is dropped.
 *
 * @param probeEvery     the time between two probes of one endpoint; zero turns probing off (every
 *                       registration is then shown until it is unregistered, as in the original)
 * @param probeTimeout   how long one probe may wait for a connection
 * @param failuresToHide failed probes in a row that hide an endpoint (at least 1)
 * @param forgetAfter    how long a hidden endpoint is kept (shown as dead by {@code list_registrations})
 *                       before it is dropped
 */
public record Liveness(Duration probeEvery, Duration probeTimeout, int failuresToHide, Duration forgetAfter) {
    /** Probe every second, 1 s to connect, hide after 2 failures (a dead server is gone within about 2 s), forget after 5 minutes. */
    public static final Liveness DEFAULTS = new Liveness(Duration.ofSeconds(1), Duration.ofSeconds(1), 2,
            Duration.ofMinutes(5));
    /** No probing: registrations stay until unregistered. */
    public static final Liveness OFF = new Liveness(Duration.ZERO, Duration.ofSeconds(1), 2, Duration.ofMinutes(5));

    /**
     * Checks the rules.
     *
     * @param probeEvery     the time between two probes of one endpoint; zero turns probing off (every
     *                       registration is then shown until it is unregistered, as in the original)
     * @param probeTimeout   how long one probe may wait for a connection
     * @param failuresToHide failed probes in a row that hide an endpoint (at least 1)
     * @param forgetAfter    how long a hidden endpoint is kept (shown as dead by {@code list_registrations})
     *                       before it is dropped
     * @throws NullPointerException     for a missing duration
     * @throws IllegalArgumentException for a negative interval, a timeout or a time to forget that is not positive,
     *                                  or fewer than 1 failure to hide
     */
    public Liveness {
        Objects.requireNonNull(probeEvery, "probeEvery");
        Objects.requireNonNull(probeTimeout, "probeTimeout");
        Objects.requireNonNull(forgetAfter, "forgetAfter");
        if (probeEvery.isNegative()) {
            throw new IllegalArgumentException("the probe interval must be 0 (off) or positive, got " + probeEvery);
        }
        if (probeTimeout.isNegative() || probeTimeout.isZero()) {
            throw new IllegalArgumentException("the probe timeout must be positive, got " + probeTimeout);
        }
        if (failuresToHide < 1) {
            throw new IllegalArgumentException("at least 1 failed probe must hide an endpoint, got " + failuresToHide);
        }
        if (forgetAfter.isNegative() || forgetAfter.isZero()) {
            throw new IllegalArgumentException("the time before a dead endpoint is forgotten must be positive, got "
                    + forgetAfter);
        }
    }

    /** {@return whether endpoints are probed at all} */
    public boolean probes() {
        return !probeEvery.isZero();
    }
}
