package chat.server.hostile;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hostile clients on threads of their own, each repeating one attack until {@link #close()}. A hostile
 * client expects to be refused, cut off or reset, so I/O errors are part of the game; an
 * {@link AssertionError} (a leaking fault, a malformed response) is not, and is kept for the test.
 */
final class HostileCrowd implements AutoCloseable {
    /** One round of an attack; it may keep state (a connection) between rounds, and release it in {@link #close()}. */
    interface Round extends AutoCloseable {
        void once() throws IOException, InterruptedException;

        @Override
        default void close() {
        }
    }

    private final List<Thread> threads = new ArrayList<>();
    private final Queue<AssertionError> failures = new ConcurrentLinkedQueue<>();
    private final AtomicInteger rounds = new AtomicInteger();
    private volatile boolean stopped;

    /** Starts a thread named {@code name} that repeats {@code round}. */
    void start(String name, Round round) {
        Thread thread = new Thread(() -> {
            try (round) {
                while (!stopped) {
                    try {
                        round.once();
                        rounds.incrementAndGet();
                    } catch (IOException | RuntimeException e) {
                        // refused, cut off or reset: what a hostile client should expect
                    } catch (AssertionError e) {
                        failures.add(new AssertionError(name + ": " + e.getMessage(), e));
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

    /** How many rounds have been completed, over all threads. */
    int rounds() {
        return rounds.get();
    }

    /** What went wrong that a hostile client should never see, in the order it happened. */
    List<AssertionError> failures() {
        return List.copyOf(failures);
    }

    /** Stops every thread and waits for them (each round is bounded by socket timeouts). */
    @Override
    public void close() {
        stopped = true;
        for (Thread thread : threads) {
            thread.interrupt();
        }
        try {
            for (Thread thread : threads) {
                thread.join(Wire.PATIENCE.toMillis() * 2);
                if (thread.isAlive()) {
                    failures.add(new AssertionError(thread.getName() + " did not stop"));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A loopback address other than the valid clients' 127.0.0.1 where this machine has one (Linux
     * answers on all of 127.0.0.0/8), so that anything a server limits per address falls on the
     * attackers and not on their victims; else 127.0.0.1.
     */
    static InetAddress address() {
        try {
            InetAddress other = InetAddress.getByAddress(new byte[] {127, 0, 0, 2});
            try (Socket probe = new Socket()) {
                probe.bind(new InetSocketAddress(other, 0));
            }
            return other;
        } catch (IOException e) {
            return InetAddress.getLoopbackAddress();
        }
    }
}
