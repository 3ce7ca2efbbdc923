package chat.client.bench;

import chat.common.BinderClient;
import chat.common.ChatProcedures;
import chat.common.Endpoint;
import chat.common.Message;
import chat.common.WireValues;
import chat.common.rpc.RpcClient;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Delivery latency across a cluster: a user on one server sends, a user on another long-polls
 * ({@code wait_messages}), and each message's time from the send call to its arrival is measured in this
 * one process (one clock). The two servers are the first two the Binder lists for {@code register_user}.
 * Messages sent during the warm-up must arrive once like the others, but their times are not counted.
 */
@Command(name = "cross-server", mixinStandardHelpOptions = true,
        description = "Measures delivery from a sender on one clustered server to a long-polling listener on another.")
public final class CrossServer implements Callable<Integer> {
    @Option(names = "--binder-host", defaultValue = "localhost", description = "The Binder's address (default: ${DEFAULT-VALUE}).")
    String binderHost;

    @Option(names = "--binder-port", defaultValue = "5000", description = "The Binder's port (default: ${DEFAULT-VALUE}).")
    int binderPort;

    @Option(names = "--messages", defaultValue = "300", description = "Messages to send (default: ${DEFAULT-VALUE}).")
    int messages;

    @Option(names = "--rate", defaultValue = "20", description = "Messages a second (default: ${DEFAULT-VALUE}; the servers allow 50 per user).")
    double rate;

    @Option(names = "--warmup", defaultValue = "0",
            description = "Seconds of sending at the same rate before the measured --messages, whose times are not"
                    + " counted (default: ${DEFAULT-VALUE}).")
    double warmup;

    @Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new CrossServer()).setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("cross-server: " + e);
            return 1;
        }).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<Endpoint> servers = new BinderClient(new Endpoint(binderHost, binderPort))
                .lookupAll(ChatProcedures.REGISTER_USER).stream().distinct().toList();
        if (servers.size() < 2) {
            spec.commandLine().getErr().println("cross-server: the Binder at " + binderHost + ":" + binderPort
                    + " lists " + servers.size() + " server(s); start at least two (scripts/cluster.sh)");
            return 2;
        }
        RpcClient sending = new RpcClient(servers.get(0), Duration.ofSeconds(30));
        RpcClient listening = new RpcClient(servers.get(1), Duration.ofSeconds(30));
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String sender = "tx" + suffix;
        String listener = "rx" + suffix;
        String room = "lat" + suffix;
        sending.call(ChatProcedures.REGISTER_USER, sender);
        listening.call(ChatProcedures.REGISTER_USER, listener);
        sending.call(ChatProcedures.CREATE_ROOM, room);
        sending.call(ChatProcedures.JOIN_ROOM, sender, room);
        List<Object> joined = WireValues.array(listening.call(ChatProcedures.JOIN_ROOM, listener, room));
        List<Object> history = WireValues.array(joined.get(1));
        double since = Message.fromWire(history.get(history.size() - 1)).timestamp();

        int warm = (int) Math.round(warmup * rate);
        int total = warm + messages;
        // Written by the sending thread, read by the listening one.
        AtomicLongArray sentAt = new AtomicLongArray(total);
        Latencies latencies = new Latencies();
        Latencies acknowledged = new Latencies();
        BitSet seen = new BitSet(total);
        int[] duplicates = new int[1];
        CompletableFuture<Void> listen = CompletableFuture.runAsync(() -> {
            Object cursor = since;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30) + (long) (total / rate * 1e9);
            while (seen.cardinality() < total && System.nanoTime() < deadline) {
                @SuppressWarnings("unchecked")
                Map<String, Object> batch = (Map<String, Object>) listening.call(
                        ChatProcedures.WAIT_MESSAGES, listener, room, cursor, 10);
                long now = System.nanoTime();
                cursor = batch.get("cursor");
                for (Object wire : WireValues.array(batch.get("messages"))) {
                    Message message = Message.fromWire(wire);
                    if (!message.origin().equals(sender)) {
                        continue;
                    }
                    int index = Integer.parseInt(message.content());
                    if (seen.get(index)) {
                        duplicates[0]++;
                    } else {
                        seen.set(index);
                        if (index >= warm) {
                            latencies.add(now - sentAt.get(index));
                        }
                    }
                }
            }
        });
        long start = System.nanoTime();
        long every = (long) (1e9 / rate);
        for (int i = 0; i < total; i++) {
            LockSupport.parkNanos(start + i * every - System.nanoTime());
            long sent = System.nanoTime();
            sentAt.set(i, sent);
            sending.call(ChatProcedures.SEND_MESSAGE, sender, room, Integer.toString(i), "");
            if (i >= warm) {
                acknowledged.add(System.nanoTime() - sent);
            }
        }
        listen.get();
        sending.call(ChatProcedures.REMOVE_USER, sender, room);
        listening.call(ChatProcedures.REMOVE_USER, listener, room);
        out.printf(Locale.ROOT, "sender on %s, long-polling listener on %s: %d of %d delivered%s, %d twice;"
                        + " delivery of %d measured messages at %.0f/s: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms;"
                        + " the send's own answer: median %.2f ms, 99th percentile %.2f ms%n",
                servers.get(0), servers.get(1), seen.cardinality(), total, warm > 0 ? " (warm-up included)" : "",
                duplicates[0], latencies.count(), rate, latencies.percentileMillis(50), latencies.percentileMillis(90),
                latencies.percentileMillis(99), latencies.percentileMillis(100),
                acknowledged.percentileMillis(50), acknowledged.percentileMillis(99));
        out.flush();
        return seen.cardinality() == total && duplicates[0] == 0 ? 0 : 1;
    }
}
