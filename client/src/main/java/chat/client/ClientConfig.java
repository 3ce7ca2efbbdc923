package chat.client;

import chat.common.Endpoint;
import java.time.Duration;
import java.util.Objects;

/**
 * How the client runs.
 *
 * @param binder       where the Binder is, to look the chat server up
 * @param pollInterval how often a joined room is asked for new messages, when the server does not offer the
 *                     long poll ({@code wait_messages}); with it, how often to retry while it cannot be reached
 * @param language     the language of every text the person sees
 * @param callTimeout  how long one call to the Binder or the server may take
 * @param failoverTime how long to look for another server once the one in use stops answering
 */
public record ClientConfig(Endpoint binder, Duration pollInterval, Language language, Duration callTimeout,
                           Duration failoverTime) {
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(2);
    /** Polling faster than this would only load the server. */
    public static final Duration MIN_POLL_INTERVAL = Duration.ofMillis(50);
    public static final Duration MAX_POLL_INTERVAL = Duration.ofHours(1);
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(10);
    /**
     * Longer than a Binder takes to stop naming a dead server, so a client outlasts it; short enough that a
     * chat with no server left is reported while the person still waits.
     */
    public static final Duration DEFAULT_FAILOVER_TIME = Duration.ofSeconds(15);

    public ClientConfig {
        Objects.requireNonNull(binder, "binder");
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(callTimeout, "callTimeout");
        Objects.requireNonNull(failoverTime, "failoverTime");
        if (pollInterval.compareTo(MIN_POLL_INTERVAL) < 0 || pollInterval.compareTo(MAX_POLL_INTERVAL) > 0) {
            throw new IllegalArgumentException("the poll interval must be between 0.05 and 3600 seconds, got "
                    + pollInterval.toMillis() / 1000.0);
        }
        if (callTimeout.isNegative() || callTimeout.isZero()) {
            throw new IllegalArgumentException("the call timeout must be positive, got " + callTimeout);
        }
        if (failoverTime.isNegative()) {
            throw new IllegalArgumentException("the failover time must not be negative, got " + failoverTime);
        }
    }

    /** The defaults, with the given Binder and language. */
    public static ClientConfig of(Endpoint binder, Language language) {
        return new ClientConfig(binder, DEFAULT_POLL_INTERVAL, language, DEFAULT_CALL_TIMEOUT, DEFAULT_FAILOVER_TIME);
    }

    public ClientConfig withPollInterval(Duration interval) {
        return new ClientConfig(binder, interval, language, callTimeout, failoverTime);
    }

    public ClientConfig withFailoverTime(Duration time) {
        return new ClientConfig(binder, pollInterval, language, callTimeout, time);
    }
}
