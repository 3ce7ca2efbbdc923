package chat.server;

import chat.common.Endpoint;
import chat.common.rpc.HttpLimits;
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
 */
public record ServerConfig(String host, int port, String advertisedHost, Endpoint binder, Duration roomTtl,
                           int historyLimit, HttpLimits httpLimits) {
    public static final String DEFAULT_HOST = "localhost";
    public static final Duration DEFAULT_ROOM_TTL = Duration.ofMinutes(5);
    public static final int DEFAULT_HISTORY_LIMIT = 10_000;

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
    }

    /** A server on localhost, on a free port, registered with {@code binder}: what tests use. */
    public static ServerConfig local(Endpoint binder) {
        return new ServerConfig(DEFAULT_HOST, 0, null, binder, DEFAULT_ROOM_TTL, DEFAULT_HISTORY_LIMIT,
                HttpLimits.DEFAULTS);
    }

    public ServerConfig withRoomTtl(Duration ttl) {
        return new ServerConfig(host, port, advertisedHost, binder, ttl, historyLimit, httpLimits);
    }

    public ServerConfig withHistoryLimit(int limit) {
        return new ServerConfig(host, port, advertisedHost, binder, roomTtl, limit, httpLimits);
    }

    public ServerConfig withHttpLimits(HttpLimits limits) {
        return new ServerConfig(host, port, advertisedHost, binder, roomTtl, historyLimit, limits);
    }

    /** The address clients are told to use. */
    public String publicHost() {
        return advertisedHost == null || advertisedHost.isBlank() ? host : advertisedHost;
    }
}
