package chat.server;

import chat.common.Endpoint;
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
 * @param binder         the Binder to register every procedure with; null runs the server unregistered
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
public record ServerConfig(String host, int port, String advertisedHost, Endpoint binder, Duration roomTtl,
                           int historyLimit, HttpLimits httpLimits, ChatLimits chatLimits, String binderSecret,
                           IdleTimes idleTimes, SessionPolicy sessionPolicy, Duration reRegisterEvery,
                           StoreKind store, Persistence persistence) {
    public static final String DEFAULT_HOST = "localhost";
    public static final Duration DEFAULT_ROOM_TTL = Duration.ofMinutes(5);
    public static final int DEFAULT_HISTORY_LIMIT = 10_000;
    public static final Duration DEFAULT_RE_REGISTER_EVERY = Duration.ofSeconds(5);

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
        if (store == StoreKind.CLUSTER && binder == null) {
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

    /** A server keeping its chat in memory only ({@link Persistence#MEMORY_ONLY}). */
    public ServerConfig(String host, int port, String advertisedHost, Endpoint binder, Duration roomTtl,
                        int historyLimit, HttpLimits httpLimits, ChatLimits chatLimits, String binderSecret,
                        IdleTimes idleTimes, SessionPolicy sessionPolicy, Duration reRegisterEvery, StoreKind store) {
        this(host, port, advertisedHost, binder, roomTtl, historyLimit, httpLimits, chatLimits, binderSecret,
                idleTimes, sessionPolicy, reRegisterEvery, store, Persistence.MEMORY_ONLY);
    }

    /** A standalone server with the default idle times, answering calls of the original form ({@link SessionPolicy#OPEN}). */
    public ServerConfig(String host, int port, String advertisedHost, Endpoint binder, Duration roomTtl,
                        int historyLimit, HttpLimits httpLimits, ChatLimits chatLimits, String binderSecret) {
        this(host, port, advertisedHost, binder, roomTtl, historyLimit, httpLimits, chatLimits, binderSecret,
                IdleTimes.DEFAULTS, SessionPolicy.OPEN, DEFAULT_RE_REGISTER_EVERY, StoreKind.MEMORY);
    }

    /**
     * A server on localhost, on a free port, registered with {@code binder}, with the default limits, keeping its
     * chat in its own memory ({@link #withStore} shares it): what tests use.
     */
    public static ServerConfig local(Endpoint binder) {
        return new ServerConfig(DEFAULT_HOST, 0, null, binder, DEFAULT_ROOM_TTL, DEFAULT_HISTORY_LIMIT,
                HttpLimits.DEFAULTS, ChatLimits.DEFAULTS, null);
    }

    public ServerConfig withRoomTtl(Duration ttl) {
        return new ServerConfig(host, port, advertisedHost, binder, ttl, historyLimit, httpLimits, chatLimits,
                binderSecret, idleTimes, sessionPolicy, reRegisterEvery, store, persistence);
    }

    public ServerConfig withHttpLimits(HttpLimits limits) {
        return new ServerConfig(host, port, advertisedHost, binder, roomTtl, historyLimit, limits, chatLimits,
                binderSecret, idleTimes, sessionPolicy, reRegisterEvery, store, persistence);
    }

    public ServerConfig withChatLimits(ChatLimits limits) {
        return new ServerConfig(host, port, advertisedHost, binder, roomTtl, historyLimit, httpLimits, limits,
                binderSecret, idleTimes, sessionPolicy, reRegisterEvery, store, persistence);
    }

    /** The same, registering with {@code secret}; null registers without one. */
    public ServerConfig withBinderSecret(String secret) {
        return new ServerConfig(host, port, advertisedHost, binder, roomTtl, historyLimit, httpLimits, chatLimits,
                secret, idleTimes, sessionPolicy, reRegisterEvery, store, persistence);
    }

    public ServerConfig withIdleTimes(IdleTimes times) {
        return new ServerConfig(host, port, advertisedHost, binder, roomTtl, historyLimit, httpLimits, chatLimits,
                binderSecret, times, sessionPolicy, reRegisterEvery, store, persistence);
    }

    public ServerConfig withSessionPolicy(SessionPolicy policy) {
        return new ServerConfig(host, port, advertisedHost, binder, roomTtl, historyLimit, httpLimits, chatLimits,
                binderSecret, idleTimes, policy, reRegisterEvery, store, persistence);
    }

    /** The same, registering with the Binder again every {@code every}; zero only at start. */
    public ServerConfig withReRegisterEvery(Duration every) {
        return new ServerConfig(host, port, advertisedHost, binder, roomTtl, historyLimit, httpLimits, chatLimits,
                binderSecret, idleTimes, sessionPolicy, every, store, persistence);
    }

    /** The same, keeping the chat in a store of kind {@code kind}. */
    public ServerConfig withStore(StoreKind kind) {
        return new ServerConfig(host, port, advertisedHost, binder, roomTtl, historyLimit, httpLimits, chatLimits,
                binderSecret, idleTimes, sessionPolicy, reRegisterEvery, kind, persistence);
    }

    /** The same, keeping the chat beyond the servers' memory as {@code kept} says. */
    public ServerConfig withPersistence(Persistence kept) {
        return new ServerConfig(host, port, advertisedHost, binder, roomTtl, historyLimit, httpLimits, chatLimits,
                binderSecret, idleTimes, sessionPolicy, reRegisterEvery, store, kept);
    }

    /** The address clients are told to use. */
    public String publicHost() {
        return advertisedHost == null || advertisedHost.isBlank() ? host : advertisedHost;
    }

    /** Every component but the Binder secret, which shows only whether one is set. */
    @Override
    public String toString() {
        return "ServerConfig[host=" + host + ", port=" + port + ", advertisedHost=" + advertisedHost
                + ", binder=" + binder + ", roomTtl=" + roomTtl + ", historyLimit=" + historyLimit
                + ", httpLimits=" + httpLimits + ", chatLimits=" + chatLimits
                + ", binderSecret=" + (binderSecret == null ? "none" : "(set, hidden)") + ", idleTimes=" + idleTimes
                + ", sessionPolicy=" + sessionPolicy + ", reRegisterEvery=" + reRegisterEvery
                + ", store=" + store.label() + ", persistence=" + persistence.label() + "]";
    }
}
