package chat.server;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a user may do nothing: after {@link #leaveRooms()} without a call by or for it, it leaves every
 * room it is in (with the usual notice), so rooms really empty; after {@link #freeName()} its name is free
 * for anyone, and its session, if any, ends. Both are measured from the user's last call that names it
 * (register, join, send, receive, wait, leave, keep-alive); a wait held open counts as activity.
 *
 * @param leaveRooms how long before an idle user leaves its rooms; well above the clients' poll intervals
 *                   (the original's 2 s, the Java client's 25 s long poll)
 * @param freeName   how long before an idle user's name is freed; longer than {@code leaveRooms}, and long
 *                   enough for a person reading the menu of a client that makes no call there (the original's)
 */
public record IdleTimes(Duration leaveRooms, Duration freeName) {
    /** By default an idle user leaves its rooms after a minute. */
    public static final Duration DEFAULT_LEAVE_ROOMS = Duration.ofSeconds(60);
    /** By default an idle user's name is freed after half an hour. */
    public static final Duration DEFAULT_FREE_NAME = Duration.ofMinutes(30);
    /** {@link #DEFAULT_LEAVE_ROOMS} and {@link #DEFAULT_FREE_NAME}, the command line's defaults. */
    public static final IdleTimes DEFAULTS = new IdleTimes(DEFAULT_LEAVE_ROOMS, DEFAULT_FREE_NAME);

    /**
     * Checks the two times.
     *
     * @param leaveRooms how long before an idle user leaves its rooms; well above the clients' poll intervals
     *                   (the original's 2 s, the Java client's 25 s long poll)
     * @param freeName   how long before an idle user's name is freed; longer than {@code leaveRooms}, and long
     *                   enough for a person reading the menu of a client that makes no call there (the original's)
     * @throws NullPointerException     for a missing time
     * @throws IllegalArgumentException when leaving rooms is not positive, or freeing the name is not later
     */
    public IdleTimes {
        Objects.requireNonNull(leaveRooms, "leaveRooms");
        Objects.requireNonNull(freeName, "freeName");
        if (leaveRooms.isNegative() || leaveRooms.isZero()) {
            throw new IllegalArgumentException("the idle time before leaving rooms must be positive, got " + leaveRooms);
        }
        if (freeName.compareTo(leaveRooms) <= 0) {
            throw new IllegalArgumentException("the idle time before a name is freed (" + freeName.toMillis()
                    + " ms) must be longer than the idle time before leaving rooms (" + leaveRooms.toMillis() + " ms)");
        }
    }
}
