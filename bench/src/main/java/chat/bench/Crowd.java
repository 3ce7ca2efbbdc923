package chat.bench;

import chat.common.Endpoint;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The crowd scenario: many users connected at once, each on its own keep-alive connection, spread
 * over a number of rooms and long-polling (or polling) for what is new, while a few senders post to
 * those rooms. Every message must reach every member of its room exactly once. One selector thread
 * drives all the users' connections ({@link NioCall}s), so thousands cost this process little.
 */
final class Crowd {
    /** How long users may take to register and join before the run is declared failed. */
    private static final long SETUP_SECONDS = 120;
    /** How long reading goes on after the last message was sent, for it to arrive. */
    private static final long DRAIN_SECONDS = 10;
    private static final long PROGRESS_SECONDS = 15;
    private static final int WAIT_SECONDS = 20;
    /** The first long-polls are taken as all answered when none has answered for this long. */
    private static final long SETTLE_QUIET_MILLIS = 2_000;

    /** What a crowd run produced. */
    record Outcome(long deliveries, long errors, Latencies latencies, double cpuSeconds, String extra) {
    }

    private final Endpoint server;
    private final int clients;
    private final int rooms;
    private final int senders;
    private final double rate;
    private final boolean waits;
    private final double pollInterval;
    private final double warmup;
    private final double seconds;
    private final Long serverPid;
    private final PrintWriter out;

    Crowd(Endpoint server, int clients, int rooms, int senders, double rate, boolean waits, double pollInterval,
          double warmup, double seconds, Long serverPid, PrintWriter out) {
        this.server = server;
        this.clients = clients;
        this.rooms = Math.max(1, Math.min(rooms, clients));
        this.senders = senders;
        this.rate = rate;
        this.waits = waits;
        this.pollInterval = pollInterval;
        this.warmup = warmup;
        this.seconds = seconds;
        this.serverPid = serverPid;
        this.out = out;
    }

    Outcome run() throws Exception {
        String base = "crowd" + ThreadLocalRandom.current().nextInt(1_000_000);
        List<String> roomNames = new ArrayList<>();
        List<String> senderNames = new ArrayList<>();
        try (RawCall setup = new RawCall(server.host(), server.port())) {
            for (int r = 0; r < rooms; r++) {
                roomNames.add(base + "-r" + r);
                expectTrue(setup.call(RawCall.request(server.host(), "create_room", roomNames.get(r))), "create_room");
            }
            for (int s = 0; s < senders; s++) {
                senderNames.add(base + "-s" + s);
                expectTrue(setup.call(RawCall.request(server.host(), "register_user", senderNames.get(s))), "register_user");
                for (String room : roomNames) {
                    setup.call(RawCall.request(server.host(), "join_room", senderNames.get(s), room));
                }
            }
        }
        InetSocketAddress address = new InetSocketAddress(server.host(), server.port());
        Selector selector = Selector.open();
        List<CrowdClient> crowd = new ArrayList<>();
        long errors = 0;
        try {
            for (int c = 0; c < clients; c++) {
                int room = c % rooms;
                CrowdClient client = new CrowdClient(server.host(), address, selector, base + "-u" + c, roomNames.get(room), room);
                crowd.add(client);
                client.start();
            }
            CrowdMessages messages = new CrowdMessages(System.nanoTime() + nanos(SETUP_SECONDS * 10));
            long setupDeadline = System.nanoTime() + nanos(SETUP_SECONDS);
            int ready = 0;
            while (ready + errors < clients) {
                if (System.nanoTime() > setupDeadline) {
                    throw new IllegalStateException("only " + ready + " of " + clients + " users registered and joined within "
                            + SETUP_SECONDS + " s");
                }
                selector.select(100);
                for (SelectionKey key : selector.selectedKeys()) {
                    CrowdClient client = (CrowdClient) key.attachment();
                    String answer;
                    try {
                        answer = client.step(key);
                    } catch (IOException e) {
                        throw new IOException(client.stage().name().toLowerCase(Locale.ROOT) + " failed, " + ready + " of "
                                + clients + " users ready: " + e.getMessage()
                                + (e.getMessage() != null && e.getMessage().contains(" 503 ")
                                        ? "; a chat server refuses connections over its --max-connections" : ""), e);
                    }
                    if (answer != null) {
                        CrowdClient.Stage stage = client.stage();
                        if (client.take(answer, messages, System.nanoTime())) {
                            if (errors++ < 3) {
                                out.println("  " + client.user + ": " + stage.name().toLowerCase(Locale.ROOT) + " refused: "
                                        + faultString(answer));
                                out.flush();
                            }
                        } else if (client.stage() == CrowdClient.Stage.IDLE) {
                            ready++;
                        }
                    }
                }
                selector.selectedKeys().clear();
            }
            out.printf(Locale.ROOT, "  %d users connected, registered and in %d rooms%s%n", ready, rooms, memory());
            out.flush();
            return measure(selector, crowd, senderNames, roomNames, errors);
        } finally {
            crowd.forEach(CrowdClient::close);
            selector.close();
        }
    }

    private Outcome measure(Selector selector, List<CrowdClient> crowd, List<String> senderNames, List<String> roomNames,
                            long setupErrors) throws Exception {
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
                client.read(WAIT_SECONDS);
            } else {
                client.nextPollAt = now + ThreadLocalRandom.current().nextLong(Math.max(1, pollGap));
                due.add(client);
            }
        }
        long errors = setupErrors;
        if (waits) {
            errors += settle(selector, reading);
        }
        long measureFrom = System.nanoTime() + nanos(warmup);
        long end = measureFrom + nanos(seconds);
        CrowdMessages messages = new CrowdMessages(measureFrom);
        Queue<long[]> sent = new ConcurrentLinkedQueue<>();
        AtomicLong sendErrors = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        List<Future<?>> sending = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            int me = s;
            sending.add(pool.submit(() -> {
                send(me, senderNames.get(me), roomNames, end, sent, sendErrors);
                return null;
            }));
        }
        List<List<CrowdClient>> members = new ArrayList<>();
        for (int r = 0; r < roomNames.size(); r++) {
            members.add(new ArrayList<>());
        }
        crowd.forEach(client -> members.get(client.roomIndex).add(client));
        double cpuBefore = Double.NaN;
        double ownCpuBefore = ProcessCpu.seconds(ProcessHandle.current().pid());
        long ownStart = System.nanoTime();
        OwnPauses ownPauses = null;
        long longestBusy = 0;
        long nextCheck = 0;
        long nextProgress = now + nanos(PROGRESS_SECONDS);
        long drainUntil = Long.MAX_VALUE;
        while (System.nanoTime() < drainUntil) {
            now = System.nanoTime();
            if (Double.isNaN(cpuBefore) && now >= measureFrom) {
                cpuBefore = cpu();
                ownPauses = new OwnPauses();
            }
            if (drainUntil == Long.MAX_VALUE && sending.stream().allMatch(Future::isDone)) {
                drainUntil = now + pollGap + nanos(DRAIN_SECONDS);
            }
            if (drainUntil != Long.MAX_VALUE && now >= nextCheck) {
                if (missing(members, sent) == 0) {
                    break;
                }
                nextCheck = now + TimeUnit.MILLISECONDS.toNanos(250);
            }
            if (now >= nextProgress) {
                out.printf(Locale.ROOT, "  %.0f s: %d deliveries, %d errors%s%n", (now - measureFrom) / 1e9,
                        messages.delivered, errors, memory());
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
                    client.read(WAIT_SECONDS);
                } else {
                    due.add(client);
                }
            }
            selector.selectedKeys().clear();
            if (ownPauses != null) {
                longestBusy = Math.max(longestBusy, System.nanoTime() - woke);
            }
        }
        for (Future<?> future : sending) {
            future.get();
        }
        pool.shutdownNow();
        double cpu = cpu() - cpuBefore;
        double ownCpu = ProcessCpu.seconds(ProcessHandle.current().pid()) - ownCpuBefore;
        double ownSeconds = (System.nanoTime() - ownStart) / 1e9;
        long missing = missing(members, sent);
        long duplicates = crowd.stream().mapToLong(c -> c.duplicates).sum();
        long answers = crowd.stream().mapToLong(c -> c.answers).sum();
        String extra = String.format(Locale.ROOT, "%d users in %d rooms; %d messages sent (warm-up included), %d deliveries"
                        + " (each message to every member of its room), %d missing, %d duplicates, %d send errors, %d answers read%s;"
                        + " this generator used %.0f%% of a core; while it measured, its selector thread took at most %.1f ms"
                        + " to go through one batch of ready connections, and it made %s",
                crowd.size(), roomNames.size(), sent.size(), messages.delivered, missing, duplicates, sendErrors.get(),
                answers, memory(), 100 * ownCpu / ownSeconds, longestBusy / 1e6,
                ownPauses == null ? "no garbage collection pause" : ownPauses.summary());
        if (ownPauses != null) {
            ownPauses.close();
        }
        return new Outcome(messages.latencies.count(), errors + sendErrors.get() + missing + duplicates, messages.latencies,
                cpu, extra);
    }

    /**
     * Reads the long-polls' first answers before any message is sent: each user's first wait answers at once
     * with the join notices of the users who joined its room after it (about half a room's worth each), so
     * {@code reading} users all asking at the same instant is a burst of work, for the server and for this
     * generator, that has nothing to do with delivering the senders' messages. Every user but the last to join
     * each room has such an answer; reading goes on until they all came, or none came for
     * {@value #SETTLE_QUIET_MILLIS} ms. How long it took is printed. Each answered user waits again at once.
     *
     * @return the errors met
     */
    private long settle(Selector selector, int reading) throws IOException {
        long started = System.nanoTime();
        long deadline = started + nanos(SETUP_SECONDS);
        long expected = Math.max(0, reading - rooms);
        CrowdMessages notices = new CrowdMessages(Long.MAX_VALUE);
        long answered = 0;
        long errors = 0;
        long lastAnswer = started;
        while (answered + errors < expected) {
            long now = System.nanoTime();
            if (now > deadline || now - lastAnswer > TimeUnit.MILLISECONDS.toNanos(SETTLE_QUIET_MILLIS)) {
                break;
            }
            selector.select(100);
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
                lastAnswer = System.nanoTime();
                if (client.take(answer, notices, lastAnswer)) {
                    errors++;
                    continue;
                }
                answered++;
                client.read(WAIT_SECONDS);
            }
            selector.selectedKeys().clear();
        }
        out.printf(Locale.ROOT, "  first long-polls answered (the join notices of later users) for %d users in %.1f s;"
                + " messages are sent from now on%s%n", answered, (System.nanoTime() - started) / 1e9, memory());
        out.flush();
        return errors;
    }

    /** One sender: posts to the rooms in turn, {@code rate} messages a second, until {@code end}. */
    private void send(int me, String name, List<String> roomNames, long end, Queue<long[]> sent, AtomicLong errors)
            throws InterruptedException {
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
                        sendError(errors, "refused: " + answer);
                    }
                } catch (IOException e) {
                    sendError(errors, e.toString());
                }
                next += gap;
            }
        }
    }

    /** Counts a failed send; the first few are printed, so that a failure says what it was. */
    private void sendError(AtomicLong errors, String what) {
        if (errors.incrementAndGet() <= 3) {
            synchronized (out) {
                out.println("  a send failed: " + (what.length() > 300 ? what.substring(0, 300) + "..." : what));
                out.flush();
            }
        }
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

    /** The faultString of an XML-RPC fault answer, or the answer itself, shortened. */
    private static String faultString(String answer) {
        int name = answer.indexOf("<name>faultString</name>");
        int from = name < 0 ? -1 : answer.indexOf("<value>", name);
        if (from >= 0) {
            from += "<value>".length();
            from = answer.startsWith("<string>", from) ? from + "<string>".length() : from;
        }
        int to = from < 0 ? -1 : answer.indexOf("</", from);
        String text = to < 0 ? answer : answer.substring(from, to);
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    private static void expectTrue(String answer, String what) {
        if (!answer.contains("<boolean>1</boolean>")) {
            throw new IllegalStateException(what + " was refused: " + answer);
        }
    }

    private double cpu() throws IOException {
        return serverPid == null ? Double.NaN : ProcessCpu.seconds(serverPid);
    }

    /** The server's resident memory, when its process id is known. */
    private String memory() {
        if (serverPid == null) {
            return "";
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc", serverPid.toString(), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return "; server RSS " + line.substring(6).trim();
                }
            }
        } catch (IOException e) {
            return "; server RSS unknown (" + e.getMessage() + ")";
        }
        return "";
    }

    private static long nanos(double secondsValue) {
        return (long) (secondsValue * 1e9);
    }
}
