package chat.binder;

import chat.common.rpc.HttpLimits;
import chat.common.rpc.RpcEndpoint;
import java.util.Objects;

/**
 * How a Binder serves.
 *
 * @param host             the address to bind (and the one clients use)
 * @param port             the port to bind; 0 picks a free one
 * @param httpLimits       what one client may take of the Binder
 * @param registration     who may register procedures (looking them up is open to everyone)
 * @param maxRegistrations how many distinct names the Binder holds; a new name beyond that is refused
 * @param liveness         how registered servers are probed, and when a silent one stops being handed out
 * @param peering          the other Binders of the deployment it shares its registrations with
 */
public record BinderConfig(String host, int port, HttpLimits httpLimits, RegistrationPolicy registration,
        int maxRegistrations, Liveness liveness, Peering peering) {
    /** The Binder's conventional port, as in the original. */
    public static final int DEFAULT_PORT = 5000;
    /** The address a Binder binds when none is given: this machine only. */
    public static final String DEFAULT_HOST = "localhost";

    /**
     * Checks the configuration.
     *
     * @param host             the address to bind (and the one clients use)
     * @param port             the port to bind; 0 picks a free one
     * @param httpLimits       what one client may take of the Binder
     * @param registration     who may register procedures (looking them up is open to everyone)
     * @param maxRegistrations how many distinct names the Binder holds; a new name beyond that is refused
     * @param liveness         how registered servers are probed, and when a silent one stops being handed out
     * @param peering          the other Binders of the deployment it shares its registrations with
     * @throws NullPointerException     for a missing value, naming it
     * @throws IllegalArgumentException for a port out of range, fewer than 1 name, or a policy that admits nobody,
     *                                  saying which option would change it
     */
    public BinderConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(httpLimits, "httpLimits");
        Objects.requireNonNull(registration, "registration");
        Objects.requireNonNull(liveness, "liveness");
        Objects.requireNonNull(peering, "peering");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        }
        if (maxRegistrations < 1) {
            throw new IllegalArgumentException("the Binder must hold at least 1 name (--max-registrations), got "
                    + maxRegistrations);
        }
        if (registration.admitsNobody()) {
            throw new IllegalArgumentException("nobody could register with this Binder: allow some addresses"
                    + " (--allow-register) or give it a secret (--secret, --secret-file)");
        }
    }

    /**
     * With no peers to begin with ({@link Peering#ALONE}).
     *
     * @param host             the address to bind
     * @param port             the port to bind; 0 picks a free one
     * @param httpLimits       what one client may take of the Binder
     * @param registration     who may register procedures
     * @param maxRegistrations how many distinct names the Binder holds
     * @param liveness         how registered servers are probed
     */
    public BinderConfig(String host, int port, HttpLimits httpLimits, RegistrationPolicy registration,
            int maxRegistrations, Liveness liveness) {
        this(host, port, httpLimits, registration, maxRegistrations, liveness, Peering.ALONE);
    }

    /**
     * With the default liveness rules ({@link Liveness#DEFAULTS}) and no peers to begin with.
     *
     * @param host             the address to bind
     * @param port             the port to bind; 0 picks a free one
     * @param httpLimits       what one client may take of the Binder
     * @param registration     who may register procedures
     * @param maxRegistrations how many distinct names the Binder holds
     */
    public BinderConfig(String host, int port, HttpLimits httpLimits, RegistrationPolicy registration,
            int maxRegistrations) {
        this(host, port, httpLimits, registration, maxRegistrations, Liveness.DEFAULTS);
    }

    /**
     * Registration from this machine only, up to {@link Binder#DEFAULT_MAX_NAMES} names.
     *
     * @param host       the address to bind
     * @param port       the port to bind; 0 picks a free one
     * @param httpLimits what one client may take of the Binder
     */
    public BinderConfig(String host, int port, HttpLimits httpLimits) {
        this(host, port, httpLimits, RegistrationPolicy.loopbackOnly(), Binder.DEFAULT_MAX_NAMES);
    }

    /** {@return a Binder on localhost, on a free port, with registration from this machine only: what tests use} */
    public static BinderConfig ephemeral() {
        return new BinderConfig(DEFAULT_HOST, 0, HttpLimits.DEFAULTS);
    }

    /**
     * @param value who may register procedures
     * @return this configuration with that registration policy
     */
    public BinderConfig withRegistration(RegistrationPolicy value) {
        return new BinderConfig(host, port, httpLimits, value, maxRegistrations, liveness, peering);
    }

    /**
     * @param value how many distinct names the Binder holds, at least 1
     * @return this configuration holding at most that many names
     */
    public BinderConfig withMaxRegistrations(int value) {
        return new BinderConfig(host, port, httpLimits, registration, value, liveness, peering);
    }

    /**
     * @param value how registered servers are probed
     * @return this configuration probing servers by those rules
     */
    public BinderConfig withLiveness(Liveness value) {
        return new BinderConfig(host, port, httpLimits, registration, maxRegistrations, value, peering);
    }

    /**
     * @param value the other Binders to share registrations with, and how
     * @return this configuration sharing its registrations so
     */
    public BinderConfig withPeering(Peering value) {
        return new BinderConfig(host, port, httpLimits, registration, maxRegistrations, liveness, value);
    }

    RpcEndpoint.Options endpointOptions() {
        return new RpcEndpoint.Options("binder", host, port, httpLimits);
    }

    /**
     * A builder holding the command line's defaults: {@code localhost}, port {@value #DEFAULT_PORT} (set
     * {@link Builder#port port(0)} in a test), registration from this machine only, up to
     * {@value Binder#DEFAULT_MAX_NAMES} names, probed by {@link Liveness#DEFAULTS}, no peers
     * ({@link Peering#ALONE}). The environment is not read ({@code CHAT_BINDER_HOST}, {@code CHAT_BINDER_PORT},
     * {@code CHAT_BINDER_SECRET}, {@code CHAT_BINDER_PEERS}: only the command line reads it).
     *
     * @return a builder with every default set
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Collects the components of a {@link BinderConfig} one by one, each starting at its default; the record's
     * constructor checks them when {@link #build()} is called. Not thread-safe; each {@code build()} makes a new
     * record and leaves the builder as it was.
     *
     * <pre>{@code
     * BinderConfig config = BinderConfig.builder()
     *         .port(0)
     *         .registration(RegistrationPolicy.loopbackOnly().withSecret(secret))
     *         .build();
     * }</pre>
     */
    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private HttpLimits httpLimits = HttpLimits.DEFAULTS;
        private RegistrationPolicy registration = RegistrationPolicy.loopbackOnly();
        private int maxRegistrations = Binder.DEFAULT_MAX_NAMES;
        private Liveness liveness = Liveness.DEFAULTS;
        private Peering peering = Peering.ALONE;

        private Builder() {
        }

        /**
         * @param value the address to bind, and the one clients use; default {@value BinderConfig#DEFAULT_HOST}
         * @return this builder
         */
        public Builder host(String value) {
            host = value;
            return this;
        }

        /**
         * @param value the port to bind, 0 for a free one ({@link BinderServer#port()} tells which); default
         *              {@value BinderConfig#DEFAULT_PORT}
         * @return this builder
         */
        public Builder port(int value) {
            port = value;
            return this;
        }

        /**
         * @param value what one client may take of the Binder; default {@link HttpLimits#DEFAULTS}
         * @return this builder
         */
        public Builder httpLimits(HttpLimits value) {
            httpLimits = value;
            return this;
        }

        /**
         * @param value who may register procedures; default {@link RegistrationPolicy#loopbackOnly()}
         * @return this builder
         */
        public Builder registration(RegistrationPolicy value) {
            registration = value;
            return this;
        }

        /**
         * @param value how many distinct names the Binder holds, at least 1; default {@value Binder#DEFAULT_MAX_NAMES}
         * @return this builder
         */
        public Builder maxRegistrations(int value) {
            maxRegistrations = value;
            return this;
        }

        /**
         * @param value how registered servers are probed; default {@link Liveness#DEFAULTS}, {@link Liveness#OFF}
         *              for none
         * @return this builder
         */
        public Builder liveness(Liveness value) {
            liveness = value;
            return this;
        }

        /**
         * @param value the other Binders of the deployment to share registrations with; default
         *              {@link Peering#ALONE}
         * @return this builder
         */
        public Builder peering(Peering value) {
            peering = value;
            return this;
        }

        /**
         * @return the configuration of the values collected
         * @throws NullPointerException     for a missing value, naming it
         * @throws IllegalArgumentException for a port out of range, fewer than 1 name, or a policy that admits
         *                                  nobody, saying what to change
         */
        public BinderConfig build() {
            return new BinderConfig(host, port, httpLimits, registration, maxRegistrations, liveness, peering);
        }
    }
}
