package chat.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The crowd scenario's measured part and its report: the users read (long-poll, or poll on a schedule)
 * while the senders post, until every message sent has reached every member of its room or the drain
 * time is over; it prints progress on the way and ends with the deliveries, their latencies, what is
 * missing or duplicated, and what the generator itself cost.
 */
final class CrowdMeasurement {
    /** How long reading goes on after the last message was sent, for it to arrive. */
    private static final long DRAIN_SECONDS = 10;
    private static final long PROGRESS_SECONDS = 15;

    private final CrowdUsers users;
    private final CrowdSenders senders;
    private final int rooms;
    private final boolean waits;
    private final double pollInterval;
    private final double warmup;
    private final double seconds;
    private final ServerProcess serverProcess;
    private final PrintWriter out;

    CrowdMeasurement(CrowdUsers users, CrowdSenders senders, int rooms, boolean waits, double pollInterval, double warmup,
                     double seconds, ServerProcess serverProcess, PrintWriter out) {
        this.users = users;
        this.senders = senders;
        this.rooms = rooms;
        this.waits = waits;
        this.pollInterval = pollInterval;
        this.warmup = warmup;
        this.seconds = seconds;
        this.serverProcess = serverProcess;
        this.out = out;
    }

    /** Measures from the users' first reads to the last delivery owed; {@code setupErrors} are counted in. */
    Crowd.Outcome run(long setupErrors) throws Exception {
        Selector selector = users.selector();
        List<CrowdClient> crowd = users.all();
        long pollGap = nanos(pollInterval);
        PriorityQueue<CrowdClient> due = new PriorityQueue<>(Comparator.comparingLong(c -> c.nextPollAt));
        long now = System.nanoTime();
        int reading = 0;
        for (CrowdClient client : crowd) {
            if (client.stage() != CrowdClient.Stage.IDLE) {
                continue;
            }
            reading++;
            if (waits) {
                client.read(CrowdClient.WAIT_SECONDS);
            } else {
                client.nextPollAt = now + ThreadLocalRandom.current().nextLong(Math.max(1, pollGap));
                due.add(client);
            }
        }
        long errors = setupErrors;
        if (waits) {
            errors += users.settle(reading);
        }
        long measureFrom = System.nanoTime() + nanos(warmup);
        long end = measureFrom + nanos(seconds);
        CrowdMessages messages = new CrowdMessages(measureFrom);
        senders.start(end);
        List<List<CrowdClient>> members = new ArrayList<>();
        for (int r = 0; r < rooms; r++) {
            members.add(new ArrayList<>());
        }
        crowd.forEach(client -> members.get(client.roomIndex).add(client));
        CpuTime cpuBefore = null;
        double ownCpuBefore = ProcessCpu.seconds(ProcessHandle.current().pid());
        long ownStart = System.nanoTime();
        OwnPauses ownPauses = null;
        long longestBusy = 0;
        long nextCheck = 0;
        long nextProgress = now + nanos(PROGRESS_SECONDS);
        long drainUntil = Long.MAX_VALUE;
        while (System.nanoTime() < drainUntil) {
            now = System.nanoTime();
            if (cpuBefore == null && now >= measureFrom) {
                cpuBefore = serverProcess.cpu();
                ownPauses = new OwnPauses();
            }
            if (drainUntil == Long.MAX_VALUE && senders.done()) {
                drainUntil = now + pollGap + nanos(DRAIN_SECONDS);
            }
            if (drainUntil != Long.MAX_VALUE && now >= nextCheck) {
                if (missing(members, senders.sent()) == 0) {
                    break;
                }
                nextCheck = now + TimeUnit.MILLISECONDS.toNanos(250);
            }
            if (now >= nextProgress) {
                out.printf(Locale.ROOT, "  %.0f s: %d deliveries, %d errors%s%n", (now - measureFrom) / 1e9,
                        messages.delivered, errors, serverProcess.memory());
                out.flush();
                nextProgress += nanos(PROGRESS_SECONDS);
            }
            while (!due.isEmpty() && due.peek().nextPollAt <= now) {
                CrowdClient client = due.poll();
                client.read(0);
                client.nextPollAt += pollGap;
            }
            long timeout = due.isEmpty() ? 100 : Math.max(1, TimeUnit.NANOSECONDS.toMillis(due.peek().nextPollAt - now));
            selector.select(Math.min(100, timeout));
            long woke = System.nanoTime();
            for (SelectionKey key : selector.selectedKeys()) {
                CrowdClient client = (CrowdClient) key.attachment();
                String answer;
                try {
                    answer = client.step(key);
                } catch (IOException e) {
                    errors++;
                    out.println("  " + e.getMessage());
                    client.close();
                    continue;
                }
                if (answer == null) {
                    continue;
                }
                if (client.take(answer, messages, System.nanoTime())) {
                    errors++;
                    continue;
                }
                if (waits) {
                    client.read(CrowdClient.WAIT_SECONDS);
                } else {
                    due.add(client);
                }
            }
            selector.selectedKeys().clear();
            if (ownPauses != null) {
                longestBusy = Math.max(longestBusy, System.nanoTime() - woke);
            }
        }
        senders.finish();
        CpuTime cpu = cpuBefore == null ? CpuTime.UNKNOWN : serverProcess.cpu().since(cpuBefore);
        double ownCpu = ProcessCpu.seconds(ProcessHandle.current().pid()) - ownCpuBefore;
        double ownSeconds = (System.nanoTime() - ownStart) / 1e9;
        long missing = missing(members, senders.sent());
        long duplicates = crowd.stream().mapToLong(c -> c.duplicates).sum();
        long answers = crowd.stream().mapToLong(c -> c.answers).sum();
        String extra = String.format(Locale.ROOT, "%d users in %d rooms; %d messages sent (warm-up included), %d deliveries"
                        + " (each message to every member of its room), %d missing, %d duplicates, %d send errors, %d answers read%s;"
                        + " this generator used %.0f%% of a core; while it measured, its selector thread took at most %.1f ms"
                        + " to go through one batch of ready connections, and it made %s",
                crowd.size(), rooms, senders.sent().size(), messages.delivered, missing, duplicates, senders.errors(),
                answers, serverProcess.memory(), 100 * ownCpu / ownSeconds, longestBusy / 1e6,
                ownPauses == null ? "no garbage collection pause" : ownPauses.summary());
        if (ownPauses != null) {
            ownPauses.close();
        }
        return new Crowd.Outcome(messages.latencies.count(), errors + senders.errors() + missing + duplicates, messages.latencies,
                cpu, extra);
    }

    /** Deliveries still owed: every message sent to a room, to every member of that room that joined. */
    private static long missing(List<List<CrowdClient>> members, Queue<long[]> sent) {
        long missing = 0;
        for (long[] message : sent) {
            for (CrowdClient client : members.get((int) message[0])) {
                if (client.joined && !client.hasSeen(message[1])) {
                    missing++;
                }
            }
        }
        return missing;
    }

    private static long nanos(double secondsValue) {
        return (long) (secondsValue * 1e9);
    }
}
