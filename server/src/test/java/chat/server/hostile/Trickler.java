package chat.server.hostile;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A slowloris client: from its own thread it writes a request one byte per {@link #PACE} (the pace is the
 * attack itself, hence the one sleep in this suite), the {@code prefix} first and then {@code filler}
 * over and over, until the server cuts the connection or {@link #close()} stops it.
 */
final class Trickler implements AutoCloseable {
    static final Duration PACE = Duration.ofMillis(100);

    private final Thread thread;
    private final CountDownLatch firstByte = new CountDownLatch(1);
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger cut = new AtomicInteger();
    private volatile boolean stopped;

    private Trickler(String name, Wire only, int port, InetAddress from, byte[] prefix, byte[] filler) {
        thread = new Thread(() -> {
            if (only != null) {
                trickle(only, prefix, filler);
                return;
            }
            while (!stopped) {
                try (Wire wire = Wire.open(from, port)) {
                    trickle(wire, prefix, filler);
                } catch (IOException e) {
                    // the server refused the connection; try again at the same pace
                    pause();
                }
            }
        }, name);
        thread.setDaemon(true);
    }

    /** Trickles over {@code wire}, once: when the server cuts it, the trickler stops. */
    static Trickler over(Wire wire, byte[] prefix, byte[] filler) {
        Trickler trickler = new Trickler("slowloris", wire, 0, null, prefix, filler);
        trickler.thread.start();
        return trickler;
    }

    /** Keeps one trickling connection to {@code port} open: when the server cuts it, opens the next. */
    static Trickler reconnecting(String name, int port, InetAddress from, byte[] prefix, byte[] filler) {
        Trickler trickler = new Trickler(name, null, port, from, prefix, filler);
        trickler.thread.start();
        return trickler;
    }

    private void trickle(Wire wire, byte[] prefix, byte[] filler) {
        connections.incrementAndGet();
        long sent = 0;
        while (!stopped) {
            byte next = sent < prefix.length ? prefix[(int) sent] : filler[(int) ((sent - prefix.length) % filler.length)];
            if (!wire.trySend(new byte[] {next})) {
                cut.incrementAndGet();
                return;
            }
            sent++;
            firstByte.countDown();
            pause();
        }
    }

    private void pause() {
        try {
            Thread.sleep(PACE.toMillis());
        } catch (InterruptedException e) {
            stopped = true;
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until the first byte is out; false when that takes longer than {@code within}. */
    boolean awaitFirstByte(Duration within) throws InterruptedException {
        return firstByte.await(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** How many connections it has opened. */
    int connections() {
        return connections.get();
    }

    /** How many of its connections the server has cut. */
    int cut() {
        return cut.get();
    }

    /** Stops trickling and waits for the thread; the connection stays the caller's to close. */
    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
        try {
            thread.join(Wire.PATIENCE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
