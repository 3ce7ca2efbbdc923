package chat.common.rpc.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lets a warning of each kind through at most once a second, so that an attack that hits a limit
 * thousands of times a second is reported without filling the disk. Thread-safe.
 */
final class LogThrottle {
    private static final long INTERVAL = TimeUnit.SECONDS.toNanos(1);

    private final ConcurrentMap<String, AtomicLong> lastLogged = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, AtomicLong> suppressed = new ConcurrentHashMap<>();

    /**
     * Whether a warning of {@code kind} may be logged now.
     *
     * @return -1 when it may not; otherwise how many were suppressed since the last one logged
     */
    long admit(String kind) {
        long now = System.nanoTime();
        AtomicLong last = lastLogged.computeIfAbsent(kind, k -> new AtomicLong(now - INTERVAL));
        long previous = last.get();
        if (now - previous >= INTERVAL && last.compareAndSet(previous, now)) {
            AtomicLong count = suppressed.get(kind);
            return count == null ? 0 : count.getAndSet(0);
        }
        suppressed.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
        return -1;
    }
}
