package chat.common.rpc.internal;

import chat.common.LogThrottle;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * One {@link LogThrottle} per kind of warning ("connections", "body", ...), so that an attack that
 * hits a limit thousands of times a second is reported once a second without filling the disk.
 */
final class KindThrottle {
    private final ConcurrentMap<String, LogThrottle> kinds = new ConcurrentHashMap<>();

    /**
     * Whether a warning of {@code kind} may be logged now.
     *
     * @return -1 when it may not; otherwise how many were held back since the last one logged
     */
    long admit(String kind) {
        return kinds.computeIfAbsent(kind, k -> new LogThrottle()).pass(System.nanoTime());
    }
}
