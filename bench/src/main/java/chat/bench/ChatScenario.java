package chat.bench;

import chat.common.ChatProcedures;
import chat.common.Endpoint;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The chat scenario: {@code senders} users post {@code rate} messages a second each to one room, while a
 * listener in it polls every {@code pollInterval} (or long-polls) and measures each message's
 * send-to-delivery time. Every message must arrive once.
 */
final class ChatScenario {
    private static final Pattern STAMP = Pattern.compile("b:(\\d+):(\\d+):(\\d+)");
    private static final Pattern CURSOR = Pattern.compile("<name>cursor</name><value><(?:int|i4)>(\\d+)</");
    /** How long the listener goes on reading after the last message was sent, to see it arrive. */
    private static final long DRAIN_SECONDS = 10;

    private final List<Endpoint> servers;
    private final int senders;
    private final double rate;
    private final double pollInterval;
    private final boolean waits;
    private final double warmup;
    private final double seconds;
    private final List<Long> serverPids;

    ChatScenario(List<Endpoint> servers, int senders, double rate, double pollInterval, boolean waits, double warmup,
                 double seconds, List<Long> serverPids) {
        this.servers = servers;
        this.senders = senders;
        this.rate = rate;
        this.pollInterval = pollInterval;
        this.waits = waits;
        this.warmup = warmup;
        this.seconds = seconds;
        this.serverPids = serverPids;
    }

    Result run() throws Exception {
        Endpoint server = servers.get(0);
        String base = "bench" + ThreadLocalRandom.current().nextInt(1_000_000);
        String room = base + "-chat";
        String listener = base + "-listener";
        Verbatim cursor;
        RawCall listen = new RawCall(server.host(), server.port());
        listen.call(RawCall.request(server.host(), "register_user", listener));
        listen.call(RawCall.request(server.host(), "create_room", room));
        cursor = Verbatim.lastDouble(listen.call(RawCall.request(server.host(), "join_room", listener, room)));
        List<String> names = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            String name = base + "-s" + s;
            names.add(name);
            listen.call(RawCall.request(server.host(), "register_user", name));
            cursor = Verbatim.lastDouble(listen.call(RawCall.request(server.host(), "join_room", name, room)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        AtomicLong sent = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        // Which messages were acknowledged, to name those never delivered.
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        // Senders run through the warm-up too (so the server's code is compiled when measuring starts);
        // only messages sent after it count towards the latencies, but every message must arrive once.
        long measureFrom = System.nanoTime() + nanos(warmup);
        long end = measureFrom + nanos(seconds);
        CpuTime[] cpuBefore = {null};
        // How late the senders wake for their sends: this process's own scheduling delay on a busy machine,
        // which delivery latencies include too (a sender's clock starts when it wakes).
        Latencies lateness = new Latencies();
        List<Future<?>> sending = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            int me = s;
            sending.add(pool.submit(() -> {
                Endpoint at = servers.get(me % servers.size());
                try (RawCall call = new RawCall(at.host(), at.port())) {
                    long gap = (long) (1e9 / rate);
                    long next = System.nanoTime() + ThreadLocalRandom.current().nextLong(gap);
                    for (int seq = 0; next < end; seq++) {
                        long wait = next - System.nanoTime();
                        if (wait > 0) {
                            TimeUnit.NANOSECONDS.sleep(wait);
                        }
                        long sendAt = System.nanoTime();
                        if (sendAt >= measureFrom) {
                            synchronized (lateness) {
                                lateness.add(Math.max(0, sendAt - next));
                            }
                        }
                        String text = "b:" + me + ":" + seq + ":" + sendAt;
                        try {
                            String answer = call.call(RawCall.request(at.host(), "send_message", names.get(me), room,
                                    text, null));
                            if (answer.contains("<boolean>1</boolean>")) {
                                sent.incrementAndGet();
                                acknowledged.add(me + ":" + seq);
                            } else {
                                errors.incrementAndGet();
                            }
                        } catch (IOException e) {
                            errors.incrementAndGet();
                        }
                        next += gap;
                    }
                }
                return null;
            }));
        }
        Latencies delivery = new Latencies();
        Set<String> seen = new HashSet<>();
        long duplicates = 0;
        long polls = 0;
        long pollGap = nanos(pollInterval);
        long drainUntil = end + pollGap + nanos(DRAIN_SECONDS);
        long nextPoll = System.nanoTime();
        Object waitCursor = cursor;
        while (System.nanoTime() < drainUntil) {
            if (cpuBefore[0] == null && System.nanoTime() >= measureFrom) {
                cpuBefore[0] = cpu();
            }
            String answer = waits
                    ? listen.call(RawCall.request(server.host(), ChatProcedures.WAIT_MESSAGES, listener, room, waitCursor, 1))
                    : listen.call(RawCall.request(server.host(), "receive_messages", listener, room, cursor));
            long now = System.nanoTime();
            polls++;
            Matcher stamp = STAMP.matcher(answer);
            while (stamp.find()) {
                long sentAt = Long.parseLong(stamp.group(3));
                if (!seen.add(stamp.group(1) + ":" + stamp.group(2))) {
                    duplicates++;
                } else if (sentAt >= measureFrom) {
                    delivery.add(now - sentAt);
                }
            }
            Verbatim newest = Verbatim.lastDoubleOrNull(answer);
            cursor = newest == null ? cursor : newest;
            Matcher next = CURSOR.matcher(answer);
            if (next.find()) {
                waitCursor = Integer.valueOf(next.group(1));
            }
            // The senders first: once all are done, no acknowledgement is still to be counted.
            if (now > end && sending.stream().allMatch(Future::isDone) && seen.size() >= sent.get()) {
                break;
            }
            if (!waits) {
                // Every --poll-interval on the clock, not that long after each answer: the interval is the
                // polling period, whatever a poll takes.
                nextPoll += pollGap;
                TimeUnit.NANOSECONDS.sleep(Math.max(0, nextPoll - System.nanoTime()));
            }
        }
        for (Future<?> future : sending) {
            future.get();
        }
        pool.shutdownNow();
        listen.close();
        CpuTime cpu = cpuBefore[0] == null ? CpuTime.UNKNOWN : cpu().since(cpuBefore[0]);
        String extra;
        synchronized (lateness) {
            extra = String.format(Locale.ROOT, "sent %d (warm-up included), delivered %d, duplicates %d, polls %d;"
                            + " the generator's own timer lateness (senders waking late) ms p50 %.2f p99 %.2f max %.2f",
                    sent.get(), seen.size(), duplicates, polls, lateness.percentileMillis(50),
                    lateness.percentileMillis(99), lateness.percentileMillis(100));
        }
        long lost = sent.get() - seen.size();
        if (lost > 0) {
            List<String> missing = acknowledged.stream().filter(key -> !seen.contains(key)).sorted().limit(20).toList();
            extra += "; acknowledged, never delivered (sender:number): " + String.join(", ", missing);
        }
        return new Result(delivery.count(), errors.get() + Math.max(0, lost) + duplicates, delivery, cpu, extra);
    }

    private CpuTime cpu() throws IOException {
        return ProcessCpu.of(serverPids);
    }

    private static long nanos(double secondsValue) {
        return (long) (secondsValue * 1e9);
    }
}
