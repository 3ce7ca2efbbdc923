package chat.server;

import chat.common.LogThrottle;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How fast each user may send: a token bucket per user that holds up to twice the rate per second and
 * refills at the rate, so a user may send a burst after a quiet spell and then keeps to the rate.
 * There is no thread: a bucket refills, by arithmetic on the clock, when its user next sends. The caller
 * asks only for registered users, so there are never more buckets than users. Thread-safe.
 */
final class SendRate {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** A token, in the units a bucket counts: a billionth of a token, so a nanosecond refills exactly {@code rate} units. */
    private static final long TOKEN = NANOS_PER_SECOND;

    private final int perSecond;
    private final long capacity;
    /** An empty bucket is full again after this long (burst / rate), and more time adds nothing. */
    private final long refillNanos;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** @param perSecond the rate, at least 1; the burst is twice that */
    SendRate(int perSecond) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("the rate must be at least 1 per second, got " + perSecond);
        }
        this.perSecond = perSecond;
        this.capacity = 2L * perSecond * TOKEN;
        this.refillNanos = capacity / perSecond;
    }

    /** The bucket of {@code user}, full when new; call it for registered users only. */
    Bucket of(String user, long nowNanos) {
        return buckets.computeIfAbsent(user, u -> new Bucket(nowNanos));
    }

    /** Drops the bucket of {@code user}, whose name was freed. */
    void forget(String user) {
        buckets.remove(user);
    }

    /** How many users have a bucket. */
    int size() {
        return buckets.size();
    }

    /** One user's tokens, and when its refusals were last logged. */
    final class Bucket {
        private long units = capacity;
        private long lastNanos;
        final LogThrottle log = new LogThrottle();

        private Bucket(long nowNanos) {
            this.lastNanos = nowNanos;
        }

        /** Takes a token if there is one at {@code nowNanos}; false when the user sends too fast. */
        synchronized boolean take(long nowNanos) {
            if (nowNanos > lastNanos) {
                long elapsed = Math.min(nowNanos - lastNanos, refillNanos);
                units = Math.min(capacity, units + elapsed * perSecond);
                lastNanos = nowNanos;
            }
            if (units < TOKEN) {
                return false;
            }
            units -= TOKEN;
            return true;
        }
    }
}
