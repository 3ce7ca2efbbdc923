package chat.bench;

import chat.common.Endpoint;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The crowd's senders, each a user on its own blocking connection and thread, posting to the rooms in
 * turn, {@code rate} messages a second each; what they sent is kept, for the deliveries it is owed.
 */
final class CrowdSenders {
    private final Endpoint server;
    private final List<String> names;
    private final List<String> roomNames;
    private final double rate;
    private final PrintWriter out;
    /** Each message accepted: its room's index and its {@link CrowdMessages#id}. */
    private final Queue<long[]> sent = new ConcurrentLinkedQueue<>();
    private final AtomicLong errors = new AtomicLong();
    private final List<Future<?>> sending = new ArrayList<>();
    private ExecutorService pool;

    CrowdSenders(Endpoint server, List<String> names, List<String> roomNames, double rate, PrintWriter out) {
        this.server = server;
        this.names = names;
        this.roomNames = roomNames;
        this.rate = rate;
        this.out = out;
    }

    /** Starts every sender, each sending until {@code end} (System.nanoTime). */
    void start(long end) {
        pool = Executors.newFixedThreadPool(names.size());
        for (int s = 0; s < names.size(); s++) {
            int me = s;
            sending.add(pool.submit(() -> {
                send(me, names.get(me), end);
                return null;
            }));
        }
    }

    /** Whether every sender has stopped. */
    boolean done() {
        return sending.stream().allMatch(Future::isDone);
    }

    /** Waits for every sender to stop, then lets their threads go. */
    void finish() throws Exception {
        for (Future<?> future : sending) {
            future.get();
        }
        pool.shutdownNow();
    }

    /** The messages accepted so far: their room's index and their {@link CrowdMessages#id}. */
    Queue<long[]> sent() {
        return sent;
    }

    long errors() {
        return errors.get();
    }

    /** One sender: posts to the rooms in turn, {@code rate} messages a second, until {@code end}. */
    private void send(int me, String name, long end) throws InterruptedException {
        try (RawCall call = new RawCall(server.host(), server.port())) {
            long gap = (long) (1e9 / rate);
            long next = System.nanoTime() + ThreadLocalRandom.current().nextLong(gap);
            for (long seq = 0; next < end; seq++) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                int room = (int) ((me + seq) % roomNames.size());
                try {
                    String answer = call.call(RawCall.request(server.host(), "send_message", name, roomNames.get(room),
                            CrowdMessages.text(me, seq), null));
                    if (answer.contains("<boolean>1</boolean>")) {
                        sent.add(new long[] {room, CrowdMessages.id(me, seq)});
                    } else {
                        sendError("refused: " + answer);
                    }
                } catch (IOException e) {
                    sendError(e.toString());
                }
                next += gap;
            }
        }
    }

    /** Counts a failed send; the first few are printed, so that a failure says what it was. */
    private void sendError(String what) {
        if (errors.incrementAndGet() <= 3) {
            synchronized (out) {
                out.println("  a send failed: " + (what.length() > 300 ? what.substring(0, 300) + "..." : what));
                out.flush();
            }
        }
    }
}
