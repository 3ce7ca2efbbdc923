package chat.client;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs a ping at a fixed pace on one daemon thread until closed: the client's way of telling a server,
 * while the person sits in the menu, that it is still there. A ping that throws is ignored and the next
 * one runs on time. {@link #close()} stops it and waits for a ping in progress.
 */
final class KeepAlive implements AutoCloseable {
    /** A third of the shortest idle time a server is likely to use before freeing names (a minute or more). */
    static final Duration EVERY = Duration.ofSeconds(20);

    private final ScheduledExecutorService timer;

    private KeepAlive(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /** Pings every {@code every}, the first time after one {@code every}. */
    static KeepAlive start(Runnable ping, Duration every) {
        if (every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("the keep-alive interval must be positive, got " + every);
        }
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "client-keep-alive");
            thread.setDaemon(true);
            return thread;
        });
        long millis = Math.max(1, every.toMillis());
        timer.scheduleWithFixedDelay(() -> {
            try {
                ping.run();
            } catch (RuntimeException ignored) {
                // the next ping tries again; the person is told of a lost server by the calls it makes
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
        return new KeepAlive(timer);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
