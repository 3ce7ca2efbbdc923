package chat.common;

/**
 * Lets one log line through per interval and counts the ones it holds back, so that a client repeating
 * a refused call thousands of times a second costs the log one line a second. Thread-safe.
 */
public final class LogThrottle {
    /** One line a second for each kind of refusal, and for each user's rate. */
    public static final long INTERVAL_NANOS = 1_000_000_000L;

    private boolean spoken;
    private long lastNanos;
    private long heldBack;

    /**
     * Whether to log now.
     *
     * @param nowNanos the time now, from any fixed origin ({@link System#nanoTime()})
     * @return -1 to stay quiet; otherwise how many lines were held back since the last one let through
     */
    public synchronized long pass(long nowNanos) {
        if (spoken && nowNanos - lastNanos < INTERVAL_NANOS) {
            heldBack++;
            return -1;
        }
        long held = heldBack;
        spoken = true;
        lastNanos = nowNanos;
        heldBack = 0;
        return held;
    }

    /**
     * A note for the end of a line let through after {@code held} were held back.
     *
     * @param held what {@link #pass} returned
     * @return the note, with a leading space; empty when none were held back
     */
    public static String heldBackNote(long held) {
        return held <= 0 ? "" : " (" + held + " more like it since the last such line)";
    }
}
