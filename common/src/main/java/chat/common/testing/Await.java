package chat.common.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for a condition with a deadline, instead of sleeping for a guessed time. In main code so that the test kit
 * and every module's tests wait the same way; it throws {@link AssertionError}, and needs no test framework.
 */
public final class Await {
    /** How long {@link #until(String, BooleanSupplier)} waits: long enough for a slow, busy machine. */
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(20);

    private Await() {
    }

    /**
     * Waits until {@code condition} holds; fails with {@code what} once {@link #DEFAULT_DEADLINE} passes.
     *
     * @param what      what is waited for, for the failure's message
     * @param condition asked again and again, with pauses of up to 50 ms, until it holds
     * @throws AssertionError when the deadline passes, or the thread is interrupted
     */
    public static void until(String what, BooleanSupplier condition) {
        until(what, DEFAULT_DEADLINE, condition);
    }

    /**
     * Waits until {@code condition} holds; fails with {@code what} once {@code deadline} passes.
     *
     * @param what      what is waited for, for the failure's message
     * @param deadline  how long to wait at most
     * @param condition asked again and again, with pauses of up to 50 ms, until it holds
     * @throws AssertionError when the deadline passes, or the thread is interrupted
     */
    public static void until(String what, Duration deadline, BooleanSupplier condition) {
        long end = System.nanoTime() + deadline.toNanos();
        long pause = 1;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + deadline.toSeconds() + " s waiting for: " + what);
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for: " + what, e);
            }
            pause = Math.min(pause * 2, 50);
        }
    }

    /**
     * Waits until {@code value} yields something that is not null, and returns it.
     *
     * @param <T>   the value's type
     * @param what  what is waited for, for the failure's message
     * @param value asked again and again until it yields something
     * @return the first value that is not null
     * @throws AssertionError when {@link #DEFAULT_DEADLINE} passes first
     */
    public static <T> T value(String what, Supplier<T> value) {
        Object[] holder = new Object[1];
        until(what, () -> (holder[0] = value.get()) != null);
        @SuppressWarnings("unchecked")
        T result = (T) holder[0];
        return result;
    }
}
