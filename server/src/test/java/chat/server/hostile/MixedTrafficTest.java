package chat.server.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.common.Message;
import chat.common.WireValues;
import chat.common.rpc.Faults;
import chat.common.rpc.HttpLimits;
import chat.common.rpc.RpcClient;
import chat.common.rpc.RpcFault;
import chat.common.rpc.RpcTransportException;
import chat.common.testing.Await;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Valid and hostile clients at the same chat server at once: the valid ones lose nothing, see nothing
 * twice and nothing out of order, and are answered promptly, whatever the hostile ones do.
 */
@Timeout(90)
class MixedTrafficTest {
    /** Room for the crowd's connections; the other limits small, as in the attack tables. */
    private static final HttpLimits LIMITS = new HttpLimits(4, 16 * 1024, 2048, Duration.ofSeconds(1), 128,
            Duration.ofSeconds(1));
    private static final int VALID_CLIENTS = 20;
    /** Bounds the history (20 × 100 stays far below the room's limit) and keeps each sender within the default send rate. */
    private static final int MAX_MESSAGES_EACH = 100;
    private static final int MIN_MESSAGES_EACH = 5;
    private static final Duration TRAFFIC = Duration.ofSeconds(3);
    private static final Duration DEADLINE = Duration.ofSeconds(45);
    private static final Duration PROMPT_CALL = Duration.ofSeconds(2);
    private static final String ROOM = "arena";
    private static final InetAddress ATTACKERS = HostileCrowd.address();

    private Servers servers;

    @BeforeEach
    void start() throws IOException {
        servers = Servers.start(LIMITS, "m");
    }

    @AfterEach
    void stop() {
        servers.close();
    }

    @Test
    void everyAcceptedMessageReachesEveryMemberExactlyOnceAndInOrderWhileHostileClientsAttack() throws Exception {
        int port = servers.port(Target.CHAT_SERVER);
        assertEquals(true, Servers.call(servers.client(Target.CHAT_SERVER), "create_room", ROOM));
        List<ValidClient> clients = new ArrayList<>();
        for (int i = 0; i < VALID_CLIENTS; i++) {
            clients.add(new ValidClient("v" + i, new RpcClient(servers.endpoint(Target.CHAT_SERVER), Duration.ofSeconds(10))));
        }
        CountDownLatch joined = new CountDownLatch(VALID_CLIENTS);
        ExecutorService pool = Executors.newFixedThreadPool(VALID_CLIENTS);
        HostileCrowd crowd = new HostileCrowd();
        try {
            attack(crowd, port);
            List<Future<?>> running = new ArrayList<>();
            for (ValidClient client : clients) {
                running.add(pool.submit(() -> {
                    client.chat(joined);
                    return null;
                }));
            }
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            for (Future<?> client : running) {
                client.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } finally {
            crowd.close();
            pool.shutdownNow();
            pool.awaitTermination(20, TimeUnit.SECONDS);
        }
        assertTrue(pool.isTerminated(), "the valid clients did not stop");
        assertTrue(crowd.failures().isEmpty(), () -> "hostile clients got answers no client should get: " + crowd.failures());
        assertTrue(crowd.rounds() > 0, "the hostile clients never completed an attack");

        servers.awaitAnswer(Target.CHAT_SERVER);
        servers.awaitAnswer(Target.BINDER);
        Map<String, ValidClient> byName = new LinkedHashMap<>();
        for (ValidClient client : clients) {
            client.drain();
            byName.put(client.name, client);
        }
        for (ValidClient client : clients) {
            assertTrue(client.failures.isEmpty(), () -> client.name + "'s calls failed: " + client.failures);
            assertTrue(client.confirmed.size() >= MIN_MESSAGES_EACH, () -> client.name + " sent only " + client.confirmed.size()
                    + " messages in " + TRAFFIC.toSeconds() + " s (" + client.rateLimited + " refused as too fast)");
        }
        for (ValidClient member : clients) {
            assertReceivedExactlyOnceInOrder(member, byName);
        }
        assertEquals(VALID_CLIENTS, WireValues.strings(Servers.call(servers.client(Target.CHAT_SERVER), "list_users", ROOM)).size(),
                "every valid client is still in the room");
    }

    @Test
    void aClientFloodingOnSeveralConnectionsDoesNotStopAnotherClientsCalls() throws Exception {
        int port = servers.port(Target.CHAT_SERVER);
        AtomicInteger floodCalls = new AtomicInteger();
        List<Long> slowCalls = new ArrayList<>();
        HostileCrowd flood = new HostileCrowd();
        try {
            for (int i = 0; i < 4; i++) {
                flood.start("flood-" + i, new FloodRound(port, floodCalls));
            }
            Await.until("the flood is under way", Wire.PATIENCE, () -> floodCalls.get() >= 100);
            int floodBefore = floodCalls.get();
            RpcClient victim = new RpcClient(servers.endpoint(Target.CHAT_SERVER), Duration.ofSeconds(10));
            List<Object[]> calls = new ArrayList<>();
            calls.add(new Object[] {"register_user", "vitima"});
            calls.add(new Object[] {"create_room", "sossego"});
            calls.add(new Object[] {"join_room", "vitima", "sossego"});
            for (int i = 0; i < 20; i++) {
                calls.add(new Object[] {"send_message", "vitima", "sossego", "mensagem " + i});
                calls.add(new Object[] {"receive_messages", "vitima", "sossego", 0.0});
            }
            for (Object[] call : calls) {
                long start = System.nanoTime();
                Object[] args = Arrays.copyOfRange(call, 1, call.length);
                Servers.call(victim, (String) call[0], args);
                long took = (System.nanoTime() - start) / 1_000_000;
                if (took >= PROMPT_CALL.toMillis()) {
                    slowCalls.add(took);
                }
            }
            assertTrue(slowCalls.isEmpty(), () -> "while one client flooded the server on 4 connections, " + slowCalls.size()
                    + " of another client's " + calls.size() + " calls took " + PROMPT_CALL.toMillis() + " ms or more: " + slowCalls);
            assertTrue(floodCalls.get() > floodBefore, "the flood stopped while the other client called");
        } finally {
            flood.close();
        }
        assertTrue(flood.failures().isEmpty(), () -> "the flooding client got malformed answers: " + flood.failures());
    }

    /** The ten hostile clients: garbage, oversized bodies, slowloris, DOCTYPEs, connection floods, not HTTP. */
    private static void attack(HostileCrowd crowd, int port) {
        AtomicInteger seed = new AtomicInteger();
        crowd.start("garbage", () -> {
            try (Wire wire = Wire.open(ATTACKERS, port)) {
                wire.send(Payloads.postClosing(Payloads.randomBytes(seed.incrementAndGet(), 512)));
                wire.read(Wire.PATIENCE);
            }
        });
        crowd.start("oversized", () -> {
            try (Wire wire = Wire.open(ATTACKERS, port)) {
                byte[] padding = Payloads.utf8(Payloads.call("list_users", Payloads.string("x".repeat(LIMITS.maxRequestBytes()))));
                if (seed.incrementAndGet() % 2 == 0) {
                    wire.send(Payloads.request("POST / HTTP/1.1", new byte[0], "Content-Length: " + padding.length));
                } else {
                    wire.send(Payloads.request("POST / HTTP/1.1", new byte[0], "Transfer-Encoding: chunked"));
                    wire.trySend(Payloads.chunked(padding, 2048));
                }
                wire.read(Wire.PATIENCE);
            }
        });
        crowd.start("slowloris-headers", () -> trickle(port, "POST / HTTP/1.1\r\nHost: localhost\r\n", "X-Slow: a\r\n"));
        crowd.start("slowloris-body", () -> trickle(port,
                "POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/xml\r\nContent-Length: 5000\r\n\r\n", " "));
        crowd.start("doctype", () -> {
            try (Wire wire = Wire.open(ATTACKERS, port)) {
                wire.send(Payloads.postClosing(seed.incrementAndGet() % 2 == 0
                        ? Payloads.billionLaughs("list_users")
                        : Payloads.externalEntity("list_users", "file:///etc/passwd")));
                wire.read(Wire.PATIENCE);
            }
        });
        crowd.start("connection-flood-1", () -> connectionFlood(port));
        crowd.start("connection-flood-2", () -> connectionFlood(port));
        crowd.start("malformed-values", () -> {
            byte[] body = switch (seed.incrementAndGet() % 3) {
                case 0 -> Payloads.utf8(Payloads.call("list_users", Payloads.nestedArrays(350, true)));
                case 1 -> Payloads.withBytes(Payloads.call("list_users", "<string>@</string>"), (byte) 0xC3, (byte) 0x28);
                default -> Payloads.utf8(Payloads.call("list_users", Payloads.serializable("x")));
            };
            try (Wire wire = Wire.open(ATTACKERS, port)) {
                wire.send(Payloads.postClosing(body));
                wire.read(Wire.PATIENCE);
            }
        });
        crowd.start("not-http", () -> {
            try (Wire wire = Wire.open(ATTACKERS, port)) {
                wire.send(seed.incrementAndGet() % 2 == 0 ? Payloads.tlsClientHello() : Payloads.randomBytes(seed.get(), 300));
                wire.read(Wire.PATIENCE);
            }
        });
        crowd.start("pipelined-garbage", () -> {
            try (Wire wire = Wire.open(ATTACKERS, port)) {
                byte[] junk = Payloads.post("<methodCall><methodName>list_rooms</methodName><params>");
                wire.send(Payloads.concat(junk, junk, junk, Payloads.postClosing(Payloads.call("nope"))));
                for (int i = 0; i < 4 && wire.read(Wire.PATIENCE).isResponse(); i++) {
                    // read what comes; the server may close early
                }
            }
        });
    }

    /** One slowloris connection: trickles until the server cuts it, or for two seconds at most. */
    private static void trickle(int port, String prefix, String filler) throws IOException, InterruptedException {
        byte[] start = prefix.getBytes(StandardCharsets.US_ASCII);
        byte[] again = filler.getBytes(StandardCharsets.US_ASCII);
        long end = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        try (Wire wire = Wire.open(ATTACKERS, port)) {
            for (long sent = 0; System.nanoTime() < end; sent++) {
                byte next = sent < start.length ? start[(int) sent] : again[(int) ((sent - start.length) % again.length)];
                if (!wire.trySend(new byte[] {next})) {
                    return;
                }
                Thread.sleep(Trickler.PACE.toMillis());
            }
        }
    }

    /** Ten connections opened at once and never written to, held until the server closes them (or two seconds). */
    private static void connectionFlood(int port) throws IOException {
        List<Wire> wires = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                wires.add(Wire.open(ATTACKERS, port));
            }
            for (Wire wire : wires) {
                wire.awaitEnd(Duration.ofSeconds(2));
            }
        } finally {
            for (Wire wire : wires) {
                wire.close();
            }
        }
    }

    /** A greedy client: on one keep-alive connection, eight calls pipelined at a time, as fast as answers come. */
    private static final class FloodRound implements HostileCrowd.Round {
        private static final byte[] BATCH = batch();
        private final int port;
        private final AtomicInteger calls;
        private Wire wire;

        FloodRound(int port, AtomicInteger calls) {
            this.port = port;
            this.calls = calls;
        }

        private static byte[] batch() {
            byte[] one = Payloads.post(Payloads.call("list_rooms"));
            byte[][] eight = new byte[8][];
            Arrays.fill(eight, one);
            return Payloads.concat(eight);
        }

        @Override
        public void once() throws IOException {
            if (wire == null) {
                wire = Wire.open(ATTACKERS, port);
            }
            wire.send(BATCH);
            for (int i = 0; i < 8; i++) {
                Wire.Reply reply = wire.read(Wire.PATIENCE);
                if (reply.status() != 200) {
                    close();
                    return;
                }
                calls.incrementAndGet();
            }
        }

        @Override
        public void close() {
            if (wire != null) {
                wire.close();
                wire = null;
            }
        }
    }

    /** A well-behaved member of the room: sends numbered messages and polls with a server-timestamp cursor. */
    private static final class ValidClient {
        final String name;
        final RpcClient rpc;
        final List<Integer> confirmed = new ArrayList<>();
        final List<Message> received = new ArrayList<>();
        final List<String> failures = new ArrayList<>();
        int attempted;
        int rateLimited;
        double cursor;

        ValidClient(String name, RpcClient rpc) {
            this.name = name;
            this.rpc = rpc;
        }

        /** Registers and joins, waits for everyone to have joined, then sends and polls for {@link #TRAFFIC}. */
        void chat(CountDownLatch everyoneJoined) throws Exception {
            try {
                assertEquals(true, rpc.call("register_user", name), name + " registers");
                Object[] joined = (Object[]) rpc.call("join_room", name, ROOM);
                List<Message> history = WireValues.messages(joined[1]);
                cursor = history.isEmpty() ? 0 : history.get(history.size() - 1).timestamp();
            } finally {
                // A client that could not join must not keep the others waiting: its own failure is reported.
                everyoneJoined.countDown();
            }
            if (!everyoneJoined.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
                throw new TimeoutException("not every valid client could join");
            }
            long end = System.nanoTime() + TRAFFIC.toNanos();
            for (int j = 0; j < MAX_MESSAGES_EACH && System.nanoTime() < end; j++) {
                attempted = j + 1;
                try {
                    Object answer = rpc.call("send_message", name, ROOM, name + ":" + j);
                    if (Boolean.TRUE.equals(answer)) {
                        confirmed.add(j);
                    } else {
                        failures.add("send " + j + " answered " + answer);
                    }
                } catch (RpcFault fault) {
                    Leaks.assertNone("fault " + fault.code() + " to send_message", fault.faultString());
                    if (fault.code() == Faults.RATE_LIMITED) {
                        rateLimited++;
                    } else {
                        failures.add("send " + j + ": fault " + fault.code() + " " + fault.faultString());
                    }
                } catch (RpcTransportException e) {
                    failures.add("send " + j + ": " + e.getMessage());
                }
                poll();
            }
        }

        /** Asks for what is new since the newest message seen, by the server's timestamps. */
        boolean poll() {
            try {
                List<Message> fresh = WireValues.messages(rpc.call("receive_messages", name, ROOM, cursor));
                if (fresh.isEmpty()) {
                    return false;
                }
                received.addAll(fresh);
                cursor = fresh.get(fresh.size() - 1).timestamp();
                return true;
            } catch (RpcFault fault) {
                Leaks.assertNone("fault " + fault.code() + " to receive_messages", fault.faultString());
                failures.add("receive: fault " + fault.code() + " " + fault.faultString());
            } catch (RpcTransportException e) {
                failures.add("receive: " + e.getMessage());
            }
            return false;
        }

        /** Once everyone has stopped sending: polls until nothing is new (a server may answer a poll in parts). */
        void drain() {
            for (int i = 0; i < 1_000 && poll(); i++) {
                // each poll moves the cursor on
            }
        }
    }

    /**
     * Every message a sender had confirmed (answered true) is in {@code member}'s feed exactly once; each
     * sender's messages come in the order sent; timestamps strictly increase; nothing appears that was
     * never sent.
     */
    private static void assertReceivedExactlyOnceInOrder(ValidClient member, Map<String, ValidClient> senders) {
        Map<String, List<Integer>> bySender = new LinkedHashMap<>();
        double previous = Double.NEGATIVE_INFINITY;
        for (Message message : member.received) {
            assertTrue(message.timestamp() > previous, () -> member.name + " received messages out of timestamp order");
            previous = message.timestamp();
            if (message.origin().equals(Message.SYSTEM)) {
                continue;
            }
            ValidClient sender = senders.get(message.origin());
            assertTrue(sender != null, () -> member.name + " received a message from a stranger: " + message);
            String[] parts = message.content().split(":");
            assertEquals(sender.name, parts[0], () -> member.name + " received a message under the wrong name: " + message);
            bySender.computeIfAbsent(sender.name, s -> new ArrayList<>()).add(Integer.parseInt(parts[1]));
        }
        for (ValidClient sender : senders.values()) {
            List<Integer> got = bySender.getOrDefault(sender.name, List.of());
            for (int i = 1; i < got.size(); i++) {
                int at = i;
                assertTrue(got.get(i) > got.get(i - 1), () -> member.name + " received " + sender.name + "'s messages "
                        + got.get(at - 1) + " then " + got.get(at) + ": twice, or out of order");
            }
            for (int j : got) {
                assertTrue(j < sender.attempted, () -> member.name + " received " + sender.name + ":" + j + ", never sent");
            }
            for (int j : sender.confirmed) {
                assertTrue(got.contains(j), () -> member.name + " never received " + sender.name + ":" + j
                        + ", which the server accepted (received " + got.size() + " of " + sender.confirmed.size() + ")");
            }
        }
    }
}
