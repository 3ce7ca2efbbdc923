package chat.bench;

import chat.common.BinderClient;
import chat.common.Endpoint;
import chat.common.cli.BinderAddressOptions;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
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
            case "list_rooms" -> Result.of(new ClosedLoop(servers, at -> RawCall.request(at.host(), "list_rooms"), connections,
                    warmup, seconds, serverPids).run());
            case "poll" -> new PollScenario(servers, history, connections, warmup, seconds, serverPids).run();
            case "chat" -> new ChatScenario(servers, senders, rate, pollInterval, listenerMode.equals("wait"), warmup, seconds,
                    serverPids).run();
            case "crowd" -> crowd(server, out);
            default -> throw new IllegalArgumentException("unknown scenario '" + scenario + "' (list_rooms, poll, chat, crowd)");

        };
        boolean deliveries = scenario.equals("chat") || scenario.equals("crowd");
        new ResultLine(label, what(), deliveries, seconds, serverPids.size()).print(out, servers, result);
        return result.errors() == 0 ? 0 : 1;
    }

    private Result crowd(Endpoint server, PrintWriter out) throws Exception {
        Crowd.Outcome outcome = new Crowd(server, clients, rooms, senders, rate, listenerMode.equals("wait"), pollInterval,
                warmup, seconds, serverPids.isEmpty() ? null : serverPids.get(0), out).run();
        return new Result(outcome.deliveries(), outcome.errors(), outcome.latencies(), outcome.cpu(), outcome.extra());
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
}
