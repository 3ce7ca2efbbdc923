package chat.bench;

import chat.common.BinderClient;
import chat.common.ChatProcedures;
import chat.common.Endpoint;
import chat.common.cli.BinderAddressOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A load generator for any implementation of the chat's wire contract, the Python original included:
 * it finds the server through a Binder, drives it over N keep-alive connections for S seconds (one
 * selector thread drives them all, see {@link ClosedLoop}), and
 * prints calls per second, latency percentiles, errors and, given the server's process id, the
 * server's CPU time per call. With {@code --spread} the connections go to every server the Binder
 * lists, and given the process ids of all of them the CPU time is theirs together.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, version = "bench 1.0.0",
        description = {"Measures a chat server found through a Binder.",
            "Scenarios: list_rooms (a trivial call), poll (receive_messages against a room with --history messages),",
            "chat (--senders post --rate messages a second each; a listener polling every --poll-interval measures send-to-delivery time),",
            "crowd (--clients users at once, each on its own connection, in --rooms rooms, long-polling or polling while --senders post;",
            "every message must reach every member of its room once).",
            "The Binder gives every caller at one address the same server: --spread spreads the connections over every server it lists."})
public final class Bench implements Callable<Integer> {
    private static final Pattern STAMP = Pattern.compile("b:(\\d+):(\\d+):(\\d+)");
    private static final Pattern CURSOR = Pattern.compile("<name>cursor</name><value><(?:int|i4)>(\\d+)</");
    /** How long the listener goes on reading after the last message was sent, to see it arrive. */
    private static final long DRAIN_SECONDS = 10;

    @Mixin
    BinderAddressOptions binderAddress;

    @Option(names = "--scenario", required = true, description = "list_rooms, poll, chat or crowd.")
    String scenario;

    @Option(names = "--connections", defaultValue = "64", description = "Concurrent keep-alive connections (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--seconds", defaultValue = "10", description = "How long to measure (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--warmup", defaultValue = "2", description = "Seconds of the same load before measuring (default: ${DEFAULT-VALUE}).")
    double warmup;

    @Option(names = "--history", defaultValue = "100", description = "poll: messages in the room (default: ${DEFAULT-VALUE}).")
    int history;

    @Option(names = "--senders", defaultValue = "8", description = "chat: sending connections (default: ${DEFAULT-VALUE}).")
    int senders;

    @Option(names = "--rate", defaultValue = "10", description = "chat: messages a second per sender (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--poll-interval", defaultValue = "2", description = "chat: the listener's polling interval in seconds (default: ${DEFAULT-VALUE}).")
    double pollInterval;

    @Option(names = "--listener", defaultValue = "poll",
            description = "chat: how the listener reads, 'poll' (receive_messages every --poll-interval) or 'wait' (the wait_messages long-poll) (default: ${DEFAULT-VALUE}).")
    String listenerMode;

    @Option(names = "--clients", defaultValue = "2000", description = "crowd: users connected at once (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--rooms", defaultValue = "50", description = "crowd: rooms the users are spread over (default: ${DEFAULT-VALUE}).")
    int rooms;

    @Option(names = "--server-pid", split = ",", paramLabel = "PID[,PID...]",
            description = "The server's process id, to report its CPU time per call (Linux); several, comma-separated:"
                    + " the CPU time of all of them together (the servers of a cluster, with --spread).")
    List<Long> serverPids = new ArrayList<>();

    @Option(names = "--spread",
            description = "list_rooms, poll, chat: spread the connections over every server the Binder lists"
                    + " (lookup_endpoints), connection k to the k-th modulo their number, as clients at many addresses"
                    + " would be; without it every connection goes to the one server the Binder gives this caller."
                    + " poll and chat set their room up through the first; chat's listener stays on it, sender k goes"
                    + " to server k modulo their number.")
    boolean spread;

    @Option(names = "--label", defaultValue = "", description = "A name for this run's line (e.g. java, python).")
    String label;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Bench()).setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("bench: " + e.getMessage());
            return 1;
        }).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (!listenerMode.equals("poll") && !listenerMode.equals("wait")) {
            throw new IllegalArgumentException("unknown --listener '" + listenerMode + "' (poll, wait)");
        }
        if (scenario.equals("crowd") && (spread || serverPids.size() > 1)) {
            throw new IllegalArgumentException("crowd drives one server: no --spread, one --server-pid");
        }
        Endpoint binderAt = binderAddress.endpoint();
        BinderClient binder = new BinderClient(binderAt);
        List<Endpoint> servers = spread
                ? binder.lookupAll("list_rooms").stream().distinct().toList()
                : binder.lookup("list_rooms").map(List::of).orElse(List.of());
        if (servers.isEmpty()) {
            throw new IllegalStateException("the Binder at " + binderAt
                    + " has no server registered for list_rooms");
        }
        Endpoint server = servers.get(0);
        Result result = switch (scenario) {
            case "list_rooms" -> closedLoop(servers, at -> RawCall.request(at.host(), "list_rooms"), connections);
            case "poll" -> poll(servers);
            case "chat" -> chat(servers);
            case "crowd" -> crowd(server, out);
            default -> throw new IllegalArgumentException("unknown scenario '" + scenario + "' (list_rooms, poll, chat, crowd)");

        };
        boolean deliveries = scenario.equals("chat") || scenario.equals("crowd");
        new ResultLine(label, what(), deliveries, seconds, serverPids.size()).print(out, servers, result);
        return result.errors() == 0 ? 0 : 1;
    }

    private Result poll(List<Endpoint> servers) throws Exception {
        Endpoint server = servers.get(0);
        String user = "bench" + ThreadLocalRandom.current().nextInt(1_000_000);
        String room = user + "-room";
        Verbatim since;
        int writers;
        try (RawCall setup = new RawCall(server.host(), server.port())) {
            setup.call(RawCall.request(server.host(), "register_user", user));
            setup.call(RawCall.request(server.host(), "create_room", room));
            setup.call(RawCall.request(server.host(), "join_room", user, room));
            writers = fillHistory(setup, server, user, room);
            String joined = setup.call(RawCall.request(server.host(), "join_room", user, room));
            since = Verbatim.lastDouble(joined);
        }
        Result r = closedLoop(servers, at -> RawCall.request(at.host(), "receive_messages", user, room, since), connections);
        return new Result(r.calls(), r.errors(), r.latencies(), r.cpuSeconds(),
                "history: " + history + " messages posted by " + writers + " user(s)");
    }

    /**
     * Posts {@code history} messages to {@code room}, every one of them accepted: a server that limits
     * how fast one user may send (the Java server's --max-messages-per-second) refuses a writer's
     * messages once its burst is spent, so each refused message is posted again by a new writer, who
     * joins the room first. Returns how many users wrote.
     */
    private int fillHistory(RawCall setup, Endpoint server, String firstWriter, String room) throws IOException {
        String writer = firstWriter;
        int writers = 1;
        boolean fresh = true;
        for (int i = 0; i < history; i++) {
            String answer = setup.call(RawCall.request(server.host(), "send_message", writer, room, "history " + i, null));
            if (answer.contains("<boolean>1</boolean>")) {
                fresh = false;
                continue;
            }
            if (fresh) {
                throw new IllegalStateException("a new writer's first message to " + room + " was refused: "
                        + answer.substring(0, Math.min(300, answer.length())));
            }
            writer = firstWriter + "-w" + writers++;
            setup.call(RawCall.request(server.host(), "register_user", writer));
            setup.call(RawCall.request(server.host(), "join_room", writer, room));
            fresh = true;
            i--;
        }
        return writers;
    }

    /**
     * {@code connections} keep-alive connections spread over {@code servers}, each calling what
     * {@code request} gives for its server as fast as answers come.
     */
    private Result closedLoop(List<Endpoint> servers, Function<Endpoint, byte[]> request, int clients) throws IOException {
        return Result.of(new ClosedLoop(servers, request, clients, warmup, seconds, serverPids).run());
    }

    private Result chat(List<Endpoint> servers) throws Exception {
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
        // Senders run through the warm-up too (so the server's code is compiled when measuring starts);
        // only messages sent after it count towards the latencies, but every message must arrive once.
        long measureFrom = System.nanoTime() + nanos(warmup);
        long end = measureFrom + nanos(seconds);
        double[] cpuBefore = {Double.NaN};
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
        boolean waits = listenerMode.equals("wait");
        Object waitCursor = cursor;
        while (System.nanoTime() < drainUntil) {
            if (Double.isNaN(cpuBefore[0]) && System.nanoTime() >= measureFrom) {
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
            if (now > end && seen.size() >= sent.get() && sending.stream().allMatch(Future::isDone)) {
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
        double cpu = cpu() - cpuBefore[0];
        String extra;
        synchronized (lateness) {
            extra = String.format(Locale.ROOT, "sent %d (warm-up included), delivered %d, duplicates %d, polls %d;"
                            + " the generator's own timer lateness (senders waking late) ms p50 %.2f p99 %.2f max %.2f",
                    sent.get(), seen.size(), duplicates, polls, lateness.percentileMillis(50),
                    lateness.percentileMillis(99), lateness.percentileMillis(100));
        }
        long lost = sent.get() - seen.size();
        return new Result(delivery.count(), errors.get() + Math.max(0, lost) + duplicates, delivery, cpu, extra);
    }

    private Result crowd(Endpoint server, PrintWriter out) throws Exception {
        Crowd.Outcome outcome = new Crowd(server, clients, rooms, senders, rate, listenerMode.equals("wait"), pollInterval,
                warmup, seconds, serverPids.isEmpty() ? null : serverPids.get(0), out).run();
        return new Result(outcome.deliveries(), outcome.errors(), outcome.latencies(), outcome.cpuSeconds(), outcome.extra());
    }

    private double cpu() throws IOException {
        return ProcessCpu.seconds(serverPids);
    }

    /** This run in words, as its result line begins. */
    private String what() {
        return switch (scenario) {
            case "poll" -> "poll, history " + history + ", " + connections + " connections";
            case "chat" -> "chat, " + senders + " senders x " + rate + "/s, listener "
                    + (listenerMode.equals("wait") ? "long-polls (wait_messages)" : "polls every " + pollInterval + " s");
            case "crowd" -> "crowd, " + clients + " users " + (listenerMode.equals("wait") ? "long-polling" : "polling every "
                    + pollInterval + " s") + ", " + senders + " senders x " + rate + "/s";
            default -> "list_rooms, " + connections + " connections";
        };
    }

    private static long nanos(double secondsValue) {
        return (long) (secondsValue * 1e9);
    }

}
