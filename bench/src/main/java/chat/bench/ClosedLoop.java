package chat.bench;

import chat.common.Endpoint;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A closed loop of calls: {@code connections} connections each sending the same call again as soon as
 * its answer is complete, one call in flight per connection, all driven by this one selector thread
 * (so the generator takes little of the CPU it shares with the server). Answers completed during the
 * warm-up are not counted; those completed in the measured seconds are, with their latency from
 * sending to the whole answer, and the server's CPU time over exactly those seconds. Given several
 * servers, connection {@code c} goes to server {@code c mod n} (as clients spread over them by the Binder
 * would), and the CPU time is that of all the given processes together.
 */
final class ClosedLoop {
    /** What the measured seconds produced: answers without fault, faults and failed calls, their latencies, server CPU. */
    record Outcome(long calls, long errors, Latencies latencies, CpuTime cpu) {
    }

    private final List<Endpoint> servers;
    private final Function<Endpoint, byte[]> requestFor;
    private final int connections;
    private final double warmup;
    private final double seconds;
    private final List<Long> serverPids;

    /** One server; {@code serverPid} may be null (no CPU figure). */
    ClosedLoop(Endpoint server, byte[] request, int connections, double warmup, double seconds, Long serverPid) {
        this(List.of(server), at -> request, connections, warmup, seconds,
                serverPid == null ? List.of() : List.of(serverPid));
    }

    /**
     * Connections spread over {@code servers}, each sending {@code requestFor} its server; the CPU time is
     * the sum over {@code serverPids} (none: no CPU figure).
     */
    ClosedLoop(List<Endpoint> servers, Function<Endpoint, byte[]> requestFor, int connections, double warmup,
               double seconds, List<Long> serverPids) {
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("no server to call");
        }
        this.servers = List.copyOf(servers);
        this.requestFor = requestFor;
        this.connections = connections;
        this.warmup = warmup;
        this.seconds = seconds;
        this.serverPids = List.copyOf(serverPids);
    }

    Outcome run() throws IOException {
        int n = servers.size();
        InetSocketAddress[] addresses = new InetSocketAddress[n];
        byte[][] serverRequests = new byte[n][];
        for (int s = 0; s < n; s++) {
            addresses[s] = new InetSocketAddress(servers.get(s).host(), servers.get(s).port());
            serverRequests[s] = requestFor.apply(servers.get(s));
        }
        NioCall[] calls = new NioCall[connections];
        byte[][] requests = new byte[connections][];
        long[] sentAt = new long[connections];
        Latencies latencies = new Latencies();
        long errors = 0;
        try (Selector selector = Selector.open()) {
            long measureFrom = System.nanoTime() + nanos(warmup);
            long end = measureFrom + nanos(seconds);
            for (int c = 0; c < connections; c++) {
                calls[c] = new NioCall(addresses[c % n], selector, c);
                requests[c] = serverRequests[c % n];
                sentAt[c] = System.nanoTime();
                calls[c].send(requests[c]);
            }
            CpuTime cpuBefore = null;
            try {
                while (true) {
                    long now = System.nanoTime();
                    if (cpuBefore == null && now >= measureFrom) {
                        cpuBefore = cpu();
                    }
                    if (now >= end) {
                        break;
                    }
                    long until = cpuBefore == null ? measureFrom : end;
                    selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(until - now)));
                    for (SelectionKey key : selector.selectedKeys()) {
                        int c = (Integer) key.attachment();
                        boolean failed;
                        try {
                            String answer = calls[c].step(key);
                            if (answer == null) {
                                continue;
                            }
                            failed = answer.contains("<fault>");
                        } catch (IOException e) {
                            calls[c].close();
                            failed = true;
                        }
                        long done = System.nanoTime();
                        if (done >= measureFrom && done < end) {
                            if (failed) {
                                errors++;
                            } else {
                                latencies.add(done - sentAt[c]);
                            }
                        }
                        sentAt[c] = done;
                        try {
                            calls[c].send(requests[c]);
                        } catch (IOException e) {
                            // Counted, and this connection stops: a server that refuses connections fails the run.
                            errors++;
                        }
                    }
                    selector.selectedKeys().clear();
                }
                return new Outcome(latencies.count(), errors, latencies, cpu().since(cpuBefore));
            } finally {
                for (NioCall call : calls) {
                    if (call != null) {
                        call.close();
                    }
                }
            }
        }
    }

    private CpuTime cpu() throws IOException {
        return ProcessCpu.of(serverPids);
    }

    private static long nanos(double secondsValue) {
        return (long) (secondsValue * 1e9);
    }
}
