package chat.client;

import chat.common.Binders;
import chat.common.Endpoint;
import chat.common.cli.BinderAddressOptions;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * How the client runs.
 *
 * @param binders      the Binders to look the chat server up in: the first that answers is asked
 * @param pollInterval how often a joined room is asked for new messages, when the server does not offer the
 *                     long poll ({@code wait_messages}); with it, how often to retry while it cannot be reached
 * @param language     the language of every text the person sees
 * @param callTimeout  how long one call to the Binder or the server may take
 * @param failoverTime how long to look for another server once the one in use stops answering
 */
public record ClientConfig(Binders binders, Duration pollInterval, Language language, Duration callTimeout,
                           Duration failoverTime) {
    /** How often a room is polled by default: the original's interval. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(2);
    /** Polling faster than this would only load the server. */
    public static final Duration MIN_POLL_INTERVAL = Duration.ofMillis(50);
    /** Polling slower than this would look like a chat that stopped. */
    public static final Duration MAX_POLL_INTERVAL = Duration.ofHours(1);
    /** How long one call may take by default. */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(10);
    /**
     * Longer than a Binder takes to stop naming a dead server, so a client outlasts it; short enough that a
     * chat with no server left is reported while the person still waits.
     */
    public static final Duration DEFAULT_FAILOVER_TIME = Duration.ofSeconds(15);

    /**
     * Checks the configuration.
     *
     * @param binders      the Binders to look the chat server up in: the first that answers is asked
     * @param pollInterval how often a joined room is asked for new messages, when the server does not offer the
     *                     long poll ({@code wait_messages}); with it, how often to retry while it cannot be reached
     * @param language     the language of every text the person sees
     * @param callTimeout  how long one call to the Binder or the server may take
     * @param failoverTime how long to look for another server once the one in use stops answering
     * @throws NullPointerException     for a missing value, naming it
     * @throws IllegalArgumentException for a poll interval, call timeout or failover time out of range, saying what is
     *                                  allowed
     */
    public ClientConfig {
        Objects.requireNonNull(binders, "binders");
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

    /**
     * The defaults, with the given Binder and language.
     *
     * @param binder   where the Binder is
     * @param language the language of every text the person sees
     * @return the configuration
     */
    public static ClientConfig of(Endpoint binder, Language language) {
        return new ClientConfig(Binders.of(binder), DEFAULT_POLL_INTERVAL, language, DEFAULT_CALL_TIMEOUT, DEFAULT_FAILOVER_TIME);
    }

    /**
     * @param interval how often a joined room is polled without the long poll
     * @return this configuration with that interval
     */
    public ClientConfig withPollInterval(Duration interval) {
        return new ClientConfig(binders, interval, language, callTimeout, failoverTime);
    }

    /**
     * @param time how long to look for another server
     * @return this configuration with that failover time
     */
    public ClientConfig withFailoverTime(Duration time) {
        return new ClientConfig(binders, pollInterval, language, callTimeout, time);
    }

    /**
     * A builder holding the command line's defaults: the Binder at {@code localhost:5000}, polling every
     * {@link #DEFAULT_POLL_INTERVAL}, the language of the JVM's default locale ({@link Language#of}), calls
     * timing out after {@link #DEFAULT_CALL_TIMEOUT}, and {@link #DEFAULT_FAILOVER_TIME} to find another server.
     * The environment is not read ({@code CHAT_BINDER_HOST}, {@code CHAT_BINDER_PORT}: only the command line reads
     * it).
     *
     * @return a builder with every default set
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Collects the components of a {@link ClientConfig} one by one, each starting at its default; the record's
     * constructor checks them when {@link #build()} is called. Not thread-safe; each {@code build()} makes a new
     * record and leaves the builder as it was.
     *
     * <pre>{@code
     * ClientConfig config = ClientConfig.builder()
     *         .binder(new Endpoint("chat.example.org", 5000))
     *         .callTimeout(Duration.ofSeconds(3))
     *         .build();
     * }</pre>
     */
    public static final class Builder {
        private Binders binders = BinderAddressOptions.DEFAULT_BINDERS;
        private Duration pollInterval = DEFAULT_POLL_INTERVAL;
        private Language language = Language.of(Locale.getDefault());
        private Duration callTimeout = DEFAULT_CALL_TIMEOUT;
        private Duration failoverTime = DEFAULT_FAILOVER_TIME;

        private Builder() {
        }

        /**
         * @param value where the Binder is; default {@code localhost:5000}
         * @return this builder
         */
        public Builder binder(Endpoint value) {
            binders = value == null ? null : Binders.of(value);
            return this;
        }

        /**
         * @param value the Binders of the deployment, looked up in any that answers, the first first; default
         *              {@code localhost:5000} alone
         * @return this builder
         */
        public Builder binders(Binders value) {
            binders = value;
            return this;
        }

        /**
         * @param value how often a room is polled without the long poll, between {@link #MIN_POLL_INTERVAL} and
         *              {@link #MAX_POLL_INTERVAL}; default {@link #DEFAULT_POLL_INTERVAL}
         * @return this builder
         */
        public Builder pollInterval(Duration value) {
            pollInterval = value;
            return this;
        }

        /**
         * @param value the language of the texts the person sees; default the JVM's locale's
         * @return this builder
         */
        public Builder language(Language value) {
            language = value;
            return this;
        }

        /**
         * @param value how long one call may take, positive; default {@link #DEFAULT_CALL_TIMEOUT}
         * @return this builder
         */
        public Builder callTimeout(Duration value) {
            callTimeout = value;
            return this;
        }

        /**
         * @param value how long to look for another server, zero not at all; default {@link #DEFAULT_FAILOVER_TIME}
         * @return this builder
         */
        public Builder failoverTime(Duration value) {
            failoverTime = value;
            return this;
        }

        /**
         * @return the configuration of the values collected
         * @throws NullPointerException     for a missing value, naming it
         * @throws IllegalArgumentException for a poll interval, call timeout or failover time out of range, saying
         *                                  what is allowed
         */
        public ClientConfig build() {
            return new ClientConfig(binders, pollInterval, language, callTimeout, failoverTime);
        }
    }
}
