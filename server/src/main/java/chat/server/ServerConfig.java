package chat.server;

import chat.common.Binders;
import chat.common.Endpoint;
import chat.common.cli.BinderAddressOptions;
import chat.common.rpc.HttpLimits;
import chat.server.persist.Persistence;
import chat.server.store.StoreKind;
import java.time.Duration;
import java.util.Objects;

/**
 * How a chat server runs.
 *
 * @param host           the address to bind
 * @param port           the port to bind; 0 picks a free one (the default, as in the original)
 * @param advertisedHost the address registered with the Binder, for clients to reach this server; null
 *                       means {@code host} (set it where the two differ: NAT, containers, 0.0.0.0)
 * @param binders        the Binders to register every procedure with (each of them); null runs the server
 *                       unregistered
 * @param roomTtl        how long a room may stay empty before it is removed
 * @param historyLimit   how many messages each room keeps (older ones are dropped)
 * @param httpLimits     what one client may take of the server (connections, request size and time)
 * @param chatLimits     what users may take of the chat (name and message length, users, rooms, rate)
 * @param binderSecret   the secret the Binder asks of servers that register, sent as a fourth argument of
 *                       {@code register_procedure}; null registers with three arguments, as the original
 *                       does (a Binder without a secret, or a Python one). Never logged or printed:
 *                       {@link #toString()} hides it
 * @param idleTimes      how long a user may do nothing before it leaves its rooms, and before its name is freed
 * @param sessionPolicy  which calls without a session token are answered
 * @param reRegisterEvery how often to register every procedure with the Binder again, so a restarted Binder
 *                       finds this server without anyone doing anything; zero registers only at start
 * @param store          where the chat is kept: {@link StoreKind#CLUSTER} shares it with every other clustered
 *                       server of the same Binder (the command line's default), {@link StoreKind#MEMORY} keeps it
 *                       in this server's memory (standalone; {@link #local} uses it, so tests start fast)
 * @param persistence    where the chat is kept beyond the servers' memory, so it outlives them:
 *                       {@link Persistence#MEMORY_ONLY} (the default of the constructors that do not take it, and of
 *                       {@link #local}), a data directory (an SQLite file per chat), or a PostgreSQL database
 *                       shared by the clustered servers of several machines
 */
public record ServerConfig(String host, int port, String advertisedHost, Binders binders, Duration roomTtl,
                           int historyLimit, HttpLimits httpLimits, ChatLimits chatLimits, String binderSecret,
                           IdleTimes idleTimes, SessionPolicy sessionPolicy, Duration reRegisterEvery,
                           StoreKind store, Persistence persistence) {
    /** The address a server binds when none is given: this machine only. */
    public static final String DEFAULT_HOST = "localhost";
    /** How long an empty room stays by default. */
    public static final Duration DEFAULT_ROOM_TTL = Duration.ofMinutes(5);
    /** How many messages each room keeps by default. */
    public static final int DEFAULT_HISTORY_LIMIT = 10_000;
    /** How often a server checks by default that the Binder still has it. */
    public static final Duration DEFAULT_RE_REGISTER_EVERY = Duration.ofSeconds(5);

    /**
     * Checks the configuration.
     *
     * @param host           the address to bind
     * @param port           the port to bind; 0 picks a free one (the default, as in the original)
     * @param advertisedHost the address registered with the Binder, for clients to reach this server; null
     *                       means {@code host} (set it where the two differ: NAT, containers, 0.0.0.0)
     * @param binders        the Binders to register every procedure with (each of them); null runs the server
     *                       unregistered
     * @param roomTtl        how long a room may stay empty before it is removed
     * @param historyLimit   how many messages each room keeps (older ones are dropped)
     * @param httpLimits     what one client may take of the server (connections, request size and time)
     * @param chatLimits     what users may take of the chat (name and message length, users, rooms, rate)
     * @param binderSecret   the secret the Binder asks of servers that register, sent as a fourth argument of
     *                       {@code register_procedure}; null registers with three arguments, as the original
     *                       does (a Binder without a secret, or a Python one). Never logged or printed:
     *                       {@link #toString()} hides it
     * @param idleTimes      how long a user may do nothing before it leaves its rooms, and before its name is freed
     * @param sessionPolicy  which calls without a session token are answered
     * @param reRegisterEvery how often to register every procedure with the Binder again, so a restarted Binder
     *                       finds this server without anyone doing anything; zero registers only at start
     * @param store          where the chat is kept: {@link StoreKind#CLUSTER} shares it with every other clustered
     *                       server of the same Binder (the command line's default), {@link StoreKind#MEMORY} keeps it
     *                       in this server's memory (standalone; {@link #local} uses it, so tests start fast)
     * @param persistence    where the chat is kept beyond the servers' memory: {@link Persistence#MEMORY_ONLY}, a data
     *                       directory, or (for the shared chat) a PostgreSQL database
     * @throws NullPointerException     for a missing value that has no meaning as null, naming it
     * @throws IllegalArgumentException for a value out of range, a blank secret, or a clustered store without a
     *                                  Binder, saying what is allowed
     */
    public ServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(roomTtl, "roomTtl");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        }
        if (roomTtl.isNegative() || roomTtl.isZero()) {
            throw new IllegalArgumentException("the room TTL must be positive, got " + roomTtl);
        }
        if (historyLimit < 50) {
            throw new IllegalArgumentException("the history limit must be at least 50 (join returns the last 50), got "
                    + historyLimit);
        }
        Objects.requireNonNull(httpLimits, "httpLimits");
        Objects.requireNonNull(chatLimits, "chatLimits");
        if (binderSecret != null && binderSecret.isBlank()) {
            throw new IllegalArgumentException("the Binder secret must not be blank (leave it unset to register without one)");
        }
        Objects.requireNonNull(idleTimes, "idleTimes");
        Objects.requireNonNull(sessionPolicy, "sessionPolicy");
        Objects.requireNonNull(reRegisterEvery, "reRegisterEvery");
        Objects.requireNonNull(store, "store");
        if (store == StoreKind.CLUSTER && binders == null) {
            throw new IllegalArgumentException("a clustered server finds the other servers through the Binder; give one"
                    + " (or keep the chat in this server's memory: StoreKind.MEMORY)");
        }
        Objects.requireNonNull(persistence, "persistence");
        if (store == StoreKind.MEMORY && persistence instanceof Persistence.Database) {
            throw new IllegalArgumentException("a standalone server keeps its chat in a data directory; a shared"
                    + " database is for the shared chat");
        }
        if (reRegisterEvery.isNegative() || (!reRegisterEvery.isZero() && reRegisterEvery.toMillis() < 1)) {
            throw new IllegalArgumentException("the re-registration interval must be 0 (never) or at least 1 ms, got "
                    + reRegisterEvery);
        }
    }

    /**
     * A server keeping its chat in memory only ({@link Persistence#MEMORY_ONLY}).
     *
     * @param host            the address to bind
     * @param port            the port to bind; 0 picks a free one
     * @param advertisedHost  the address registered with the Binder; null means {@code host}
     * @param binder          the Binder to register with; null runs the server unregistered
     * @param roomTtl         how long a room may stay empty before it is removed
     * @param historyLimit    how many messages each room keeps
     * @param httpLimits      what one client may take of the server
     * @param chatLimits      what users may take of the chat
     * @param binderSecret    the secret to register with; null registers without one
     * @param idleTimes       how long a user may do nothing before it leaves its rooms, and before its name is freed
     * @param sessionPolicy   which calls without a session token are answered
     * @param reRegisterEvery how often to register with the Binder again; zero only at start
     * @param store           where the chat is kept: shared by the cluster, or in this server alone
     */
    public ServerConfig(String host, int port, String advertisedHost, Endpoint binder, Duration roomTtl,
                        int historyLimit, HttpLimits httpLimits, ChatLimits chatLimits, String binderSecret,
                        IdleTimes idleTimes, SessionPolicy sessionPolicy, Duration reRegisterEvery, StoreKind store) {
        this(host, port, advertisedHost, binder == null ? null : Binders.of(binder), roomTtl, historyLimit, httpLimits,
                chatLimits, binderSecret, idleTimes, sessionPolicy, reRegisterEvery, store, Persistence.MEMORY_ONLY);
    }

    /**
     * A standalone server with the default idle times, answering calls of the original form
     * ({@link SessionPolicy#OPEN}).
     *
     * @param host           the address to bind
     * @param port           the port to bind; 0 picks a free one
     * @param advertisedHost the address registered with the Binder; null means {@code host}
     * @param binder         the Binder to register with; null runs the server unregistered
     * @param roomTtl        how long a room may stay empty before it is removed
     * @param historyLimit   how many messages each room keeps
     * @param httpLimits     what one client may take of the server
     * @param chatLimits     what users may take of the chat
     * @param binderSecret   the secret to register with; null registers without one
     */
    public ServerConfig(String host, int port, String advertisedHost, Endpoint binder, Duration roomTtl,
                        int historyLimit, HttpLimits httpLimits, ChatLimits chatLimits, String binderSecret) {
        this(host, port, advertisedHost, binder, roomTtl, historyLimit, httpLimits, chatLimits, binderSecret,
                IdleTimes.DEFAULTS, SessionPolicy.OPEN, DEFAULT_RE_REGISTER_EVERY, StoreKind.MEMORY);
    }

    /**
     * A server on localhost, on a free port, registered with {@code binder}, with the default limits, keeping its
     * chat in its own memory ({@link #withStore} shares it): what tests use.
     *
     * @param binder the Binder to register with; null runs the server unregistered
     * @return the configuration
     */
    public static ServerConfig local(Endpoint binder) {
        return new ServerConfig(DEFAULT_HOST, 0, null, binder, DEFAULT_ROOM_TTL, DEFAULT_HISTORY_LIMIT,
                HttpLimits.DEFAULTS, ChatLimits.DEFAULTS, null);
    }

    /**
     * @param ttl how long a room may stay empty before it is removed
     * @return this configuration with that TTL
     */
    public ServerConfig withRoomTtl(Duration ttl) {
        return new ServerConfig(host, port, advertisedHost, binders, ttl, historyLimit, httpLimits, chatLimits,
                binderSecret, idleTimes, sessionPolicy, reRegisterEvery, store, persistence);
    }

    /**
     * @param limits what one client may take of the server
     * @return this configuration with those limits
     */
    public ServerConfig withHttpLimits(HttpLimits limits) {
        return new ServerConfig(host, port, advertisedHost, binders, roomTtl, historyLimit, limits, chatLimits,
                binderSecret, idleTimes, sessionPolicy, reRegisterEvery, store, persistence);
    }

    /**
     * @param limits what users may take of the chat
     * @return this configuration with those limits
     */
    public ServerConfig withChatLimits(ChatLimits limits) {
        return new ServerConfig(host, port, advertisedHost, binders, roomTtl, historyLimit, httpLimits, limits,
                binderSecret, idleTimes, sessionPolicy, reRegisterEvery, store, persistence);
    }

    /**
     * @param secret the secret to register with; null registers without one
     * @return this configuration registering with that secret
     */
    public ServerConfig withBinderSecret(String secret) {
        return new ServerConfig(host, port, advertisedHost, binders, roomTtl, historyLimit, httpLimits, chatLimits,
                secret, idleTimes, sessionPolicy, reRegisterEvery, store, persistence);
    }

    /**
     * @param times how long users may do nothing
     * @return this configuration with those idle times
     */
    public ServerConfig withIdleTimes(IdleTimes times) {
        return new ServerConfig(host, port, advertisedHost, binders, roomTtl, historyLimit, httpLimits, chatLimits,
                binderSecret, times, sessionPolicy, reRegisterEvery, store, persistence);
    }

    /**
     * @param policy which calls without a session token are answered
     * @return this configuration with that policy
     */
    public ServerConfig withSessionPolicy(SessionPolicy policy) {
        return new ServerConfig(host, port, advertisedHost, binders, roomTtl, historyLimit, httpLimits, chatLimits,
                binderSecret, idleTimes, policy, reRegisterEvery, store, persistence);
    }

    /**
     * @param every how often to register with the Binder again; zero only at start
     * @return this configuration with that interval
     */
    public ServerConfig withReRegisterEvery(Duration every) {
        return new ServerConfig(host, port, advertisedHost, binders, roomTtl, historyLimit, httpLimits, chatLimits,
                binderSecret, idleTimes, sessionPolicy, every, store, persistence);
    }

    /**
     * @param kind where the chat is kept
     * @return this configuration keeping the chat in a store of that kind
     */
    public ServerConfig withStore(StoreKind kind) {
        return new ServerConfig(host, port, advertisedHost, binders, roomTtl, historyLimit, httpLimits, chatLimits,
                binderSecret, idleTimes, sessionPolicy, reRegisterEvery, kind, persistence);
    }

    /**
     * @param kept where the chat is kept beyond the servers' memory
     * @return this configuration keeping the chat there
     */
    public ServerConfig withPersistence(Persistence kept) {
        return new ServerConfig(host, port, advertisedHost, binders, roomTtl, historyLimit, httpLimits, chatLimits,
                binderSecret, idleTimes, sessionPolicy, reRegisterEvery, store, kept);
    }

    /** {@return the address clients are told to use: the advertised host, else the host} */
    public String publicHost() {
        return advertisedHost == null || advertisedHost.isBlank() ? host : advertisedHost;
    }

    /** Every component but the Binder secret, which shows only whether one is set. */
    @Override
    public String toString() {
        return "ServerConfig[host=" + host + ", port=" + port + ", advertisedHost=" + advertisedHost
                + ", binders=" + binders + ", roomTtl=" + roomTtl + ", historyLimit=" + historyLimit
                + ", httpLimits=" + httpLimits + ", chatLimits=" + chatLimits
                + ", binderSecret=" + (binderSecret == null ? "none" : "(set, hidden)") + ", idleTimes=" + idleTimes
                + ", sessionPolicy=" + sessionPolicy + ", reRegisterEvery=" + reRegisterEvery
                + ", store=" + store.label() + ", persistence=" + persistence.label() + "]";
    }

    /**
     * A builder holding the command line's defaults, except the store, which is {@link StoreKind#MEMORY} as in
     * {@link #local}, and where it is kept, {@link Persistence#MEMORY_ONLY}; {@link Builder#build()} checks the values as the constructor does. The environment is not
     * read ({@code CHAT_SERVER_HOST}, {@code CHAT_BINDER_HOST}, ...: only the command line reads it).
     *
     * @return a builder with every default set
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Collects the components of a {@link ServerConfig} one by one, each starting at its default; the record's
     * constructor checks them when {@link #build()} is called, so a mistake is reported there, naming the value.
     * Not thread-safe; each {@code build()} makes a new record and leaves the builder as it was.
     *
     * <pre>{@code
     * ServerConfig config = ServerConfig.builder()
     *         .binder(new Endpoint("localhost", binderPort))
     *         .roomTtl(Duration.ofSeconds(30))
     *         .build();
     * }</pre>
     */
    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port;
        private String advertisedHost;
        private Binders binders = BinderAddressOptions.DEFAULT_BINDERS;
        private Duration roomTtl = DEFAULT_ROOM_TTL;
        private int historyLimit = DEFAULT_HISTORY_LIMIT;
        private HttpLimits httpLimits = HttpLimits.DEFAULTS;
        private ChatLimits chatLimits = ChatLimits.DEFAULTS;
        private String binderSecret;
        private IdleTimes idleTimes = IdleTimes.DEFAULTS;
        private SessionPolicy sessionPolicy = SessionPolicy.OPEN;
        private Duration reRegisterEvery = DEFAULT_RE_REGISTER_EVERY;
        private StoreKind store = StoreKind.MEMORY;
        private Persistence persistence = Persistence.MEMORY_ONLY;

        private Builder() {
        }

        /**
         * @param value the address to bind; default {@value ServerConfig#DEFAULT_HOST}
         * @return this builder
         */
        public Builder host(String value) {
            host = value;
            return this;
        }

        /**
         * @param value the port to bind, 0 for a free one (the default); {@link ChatServer#port()} tells which
         * @return this builder
         */
        public Builder port(int value) {
            port = value;
            return this;
        }

        /**
         * @param value the address registered with the Binder when it differs from the host; default null (the host)
         * @return this builder
         */
        public Builder advertisedHost(String value) {
            advertisedHost = value;
            return this;
        }

        /**
         * @param value the Binder to register with; default {@code localhost:5000}, the command line's; null runs
         *              the server unregistered (only with {@link StoreKind#MEMORY})
         * @return this builder
         */
        public Builder binder(Endpoint value) {
            binders = value == null ? null : Binders.of(value);
            return this;
        }

        /**
         * @param value the Binders of the deployment, each registered with; default {@code localhost:5000} alone; null
         *              runs the server unregistered (only with {@link StoreKind#MEMORY})
         * @return this builder
         */
        public Builder binders(Binders value) {
            binders = value;
            return this;
        }

        /**
         * @param value how long a room may stay empty before it is removed; default {@link #DEFAULT_ROOM_TTL}
         * @return this builder
         */
        public Builder roomTtl(Duration value) {
            roomTtl = value;
            return this;
        }

        /**
         * @param value how many messages each room keeps, at least 50; default
         *              {@value ServerConfig#DEFAULT_HISTORY_LIMIT}
         * @return this builder
         */
        public Builder historyLimit(int value) {
            historyLimit = value;
            return this;
        }

        /**
         * @param value what one client may take of the server; default {@link HttpLimits#DEFAULTS}
         * @return this builder
         */
        public Builder httpLimits(HttpLimits value) {
            httpLimits = value;
            return this;
        }

        /**
         * @param value what users may take of the chat; default {@link ChatLimits#DEFAULTS}
         * @return this builder
         */
        public Builder chatLimits(ChatLimits value) {
            chatLimits = value;
            return this;
        }

        /**
         * @param value the secret to register with; default null, registering without one
         * @return this builder
         */
        public Builder binderSecret(String value) {
            binderSecret = value;
            return this;
        }

        /**
         * @param value when an idle user leaves its rooms and loses its name; default {@link IdleTimes#DEFAULTS}
         * @return this builder
         */
        public Builder idleTimes(IdleTimes value) {
            idleTimes = value;
            return this;
        }

        /**
         * @param value which calls without a session token are answered; default {@link SessionPolicy#OPEN}
         * @return this builder
         */
        public Builder sessionPolicy(SessionPolicy value) {
            sessionPolicy = value;
            return this;
        }

        /**
         * @param value how often to register with the Binder again, zero only at start; default
         *              {@link #DEFAULT_RE_REGISTER_EVERY}
         * @return this builder
         */
        public Builder reRegisterEvery(Duration value) {
            reRegisterEvery = value;
            return this;
        }

        /**
         * @param value where the chat is kept; default {@link StoreKind#MEMORY} (the command line's is
         *              {@link StoreKind#CLUSTER}, which needs a Binder)
         * @return this builder
         */
        public Builder store(StoreKind value) {
            store = value;
            return this;
        }

        /**
         * @param value where the chat is kept beyond the servers' memory; default {@link Persistence#MEMORY_ONLY}
         *              (the command line's is a data directory)
         * @return this builder
         */
        public Builder persistence(Persistence value) {
            persistence = value;
            return this;
        }

        /**
         * @return the configuration of the values collected
         * @throws NullPointerException     for a missing value that has no meaning as null, naming it
         * @throws IllegalArgumentException for a value out of range, or a clustered store without a Binder, saying
         *                                  what is allowed
         */
        public ServerConfig build() {
            return new ServerConfig(host, port, advertisedHost, binders, roomTtl, historyLimit, httpLimits, chatLimits,
                    binderSecret, idleTimes, sessionPolicy, reRegisterEvery, store, persistence);
        }
    }
}
