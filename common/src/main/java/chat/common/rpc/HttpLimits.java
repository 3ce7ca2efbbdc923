package chat.common.rpc;

import java.time.Duration;
import java.util.Objects;

/**
 * What one client may take of an endpoint, so that a slow, greedy or hostile client cannot harm the
 * others. Every limit that is hit is answered in HTTP (the status says which) and logged.
 *
 * @param workers         how many calls are processed at once
 * @param maxRequestBytes the largest request body accepted (larger: HTTP 413)
 * @param maxHeaderBytes  the largest request line or header section accepted (larger: HTTP 431)
 * @param requestTimeout  how long a client may take to send one whole request once it has begun
 *                        (slower: HTTP 408, and the connection is closed)
 * @param maxConnections  how many connections may be open at once (more: HTTP 503, and closed)
 * @param idleTimeout     how long a keep-alive connection may sit idle between requests before it is closed
 */
public record HttpLimits(int workers, int maxRequestBytes, int maxHeaderBytes, Duration requestTimeout,
                         int maxConnections, Duration idleTimeout) {

    /**
     * A request of the chat is a few kilobytes; 256 KiB leaves room and bounds memory per connection. 16,384
     * connections admit a crowd of 10,000 users, each long-polling on a connection of its own (an open
     * connection costs the server about 4 KB of heap, and a long-poll waiting on it under 1 KB more).
     */
    public static final HttpLimits DEFAULTS = new HttpLimits(32, 256 * 1024, 8 * 1024, Duration.ofSeconds(10), 16_384,
            Duration.ofMinutes(2));

    /**
     * Checks every limit.
     *
     * @param workers         how many calls are processed at once
     * @param maxRequestBytes the largest request body accepted (larger: HTTP 413)
     * @param maxHeaderBytes  the largest request line or header section accepted (larger: HTTP 431)
     * @param requestTimeout  how long a client may take to send one whole request once it has begun
     *                        (slower: HTTP 408, and the connection is closed)
     * @param maxConnections  how many connections may be open at once (more: HTTP 503, and closed)
     * @param idleTimeout     how long a keep-alive connection may sit idle between requests before it is closed
     * @throws IllegalArgumentException for a limit too low to serve a chat call, naming it
     */
    public HttpLimits {
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
        if (maxRequestBytes < 256) {
            throw new IllegalArgumentException("the request size limit must be at least 256 bytes, got " + maxRequestBytes);
        }
        if (maxHeaderBytes < 512) {
            throw new IllegalArgumentException("the header size limit must be at least 512 bytes, got " + maxHeaderBytes);
        }
        if (requestTimeout.toMillis() < 1 || idleTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("timeouts must be at least a millisecond");
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("the connection limit must be at least 1, got " + maxConnections);
        }
    }

    /**
     * @param value how many calls are processed at once
     * @return these limits with that many workers
     */
    public HttpLimits withWorkers(int value) {
        return new HttpLimits(value, maxRequestBytes, maxHeaderBytes, requestTimeout, maxConnections, idleTimeout);
    }

    /**
     * @param value the largest request body accepted, at least 256 bytes
     * @return these limits with that request size limit
     */
    public HttpLimits withMaxRequestBytes(int value) {
        return new HttpLimits(workers, value, maxHeaderBytes, requestTimeout, maxConnections, idleTimeout);
    }

    /**
     * @param value how long a client may take to send one request
     * @return these limits with that request timeout
     */
    public HttpLimits withRequestTimeout(Duration value) {
        return new HttpLimits(workers, maxRequestBytes, maxHeaderBytes, value, maxConnections, idleTimeout);
    }

    /**
     * @param value how long a keep-alive connection may sit idle
     * @return these limits with that idle timeout
     */
    public HttpLimits withIdleTimeout(Duration value) {
        return new HttpLimits(workers, maxRequestBytes, maxHeaderBytes, requestTimeout, maxConnections, value);
    }
}
