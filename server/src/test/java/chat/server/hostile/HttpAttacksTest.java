package chat.server.hostile;

import static chat.server.hostile.Attack.onBoth;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import chat.common.rpc.HttpLimits;
import chat.common.rpc.RawHttp;
import chat.common.rpc.RpcClient;
import chat.common.rpc.RpcTransportException;
import chat.common.testing.Await;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Hostile HTTP, one request or client at a time, against the Binder and the chat server: bodies and
 * headers over the limits, requests that never finish arriving, too many connections, idle
 * connections, bytes that are not HTTP, lying Content-Lengths, pipelining, wrong paths and methods.
 * Each is answered with the right status (or a closed connection) within the limits' times, and the
 * programs go on answering everyone else.
 */
class HttpAttacksTest extends AttackTable {
    /**
     * Small limits, so that every limit is reached in a few milliseconds, or a second for the times. The request
     * timeout is a second, not less: a normal request must always arrive within it, even on a machine so loaded
     * that the test's own writes are delayed.
     */
    static final HttpLimits LIMITS = new HttpLimits(2, 16 * 1024, 2048, Duration.ofSeconds(1), 8, Duration.ofSeconds(1));

    /** How long something the server must do at once may take. */
    private static final Duration PROMPTLY = Duration.ofSeconds(2);
    /** How long a request that never finishes arriving may hold its connection: the request timeout, and slack. */
    private static final Duration CUT_OFF = LIMITS.requestTimeout().plusSeconds(2);
    /** How long an idle connection may stay open: the idle timeout, and slack. */
    private static final Duration IDLE_CLOSE = LIMITS.idleTimeout().plusSeconds(2);
    /** How long a normal call may take while slow clients trickle requests at the same server: generous, as a condition. */
    private static final Duration SERVED_PROMPTLY = Duration.ofSeconds(2);

    private static final String TEXT_XML = "Content-Type: text/xml";

    @Override
    HttpLimits limits() {
        return LIMITS;
    }

    @Override
    String prefix() {
        return "h";
    }

    @Override
    Stream<Attack> attacks() {
        return Stream.of(
                onBoth("a body declared larger than the limit, never sent → HTTP 413 without waiting for it, closed",
                        c -> refusedAtOnce(c, List.of("Content-Length: " + (c.limits().maxRequestBytes() + 1)), 413)),
                onBoth("a body declared as 2^40 bytes → HTTP 413 (or 400), closed",
                        c -> refusedAtOnce(c, List.of("Content-Length: " + (1L << 40)), 413, 400)),
                onBoth("a chunked body larger than the limit → HTTP 413, closed", HttpAttacksTest::oversizedChunked),
                onBoth("Expect: 100-continue for a body larger than the limit → HTTP 413 (or 417) without asking for it, closed",
                        c -> refusedAtOnce(c, List.of("Content-Length: " + (c.limits().maxRequestBytes() + 1),
                                "Expect: 100-continue"), 413, 417)),
                onBoth("a request line longer than the header limit → HTTP 431 (or 400, 414), closed", c -> {
                    String line = "POST /?" + "a".repeat(2 * c.limits().maxHeaderBytes()) + " HTTP/1.1";
                    refusedWithBody(c, line, List.of(), 431, 400, 414);
                }),
                onBoth("a header section larger than the header limit (many headers) → HTTP 431, closed", c -> {
                    List<String> headers = new ArrayList<>();
                    for (int i = 0; headers.size() * 60 < 2 * c.limits().maxHeaderBytes(); i++) {
                        headers.add("X-Padding-" + i + ": " + "p".repeat(45));
                    }
                    refusedWithBody(c, "POST / HTTP/1.1", headers, 431);
                }),
                onBoth("one header line longer than the header limit → HTTP 431, closed",
                        c -> refusedWithBody(c, "POST / HTTP/1.1", List.of("X-Big: " + "b".repeat(2 * c.limits().maxHeaderBytes())),
                                431)),
                onBoth("headers trickled a byte every 100 ms (slowloris) → HTTP 408 or closed within the request timeout", c -> {
                    try (Wire wire = Wire.open(c.port());
                         Trickler trickler = Trickler.over(wire, ascii("POST / HTTP/1.1\r\nHost: localhost\r\n"),
                                 ascii("X-Slow: a\r\n"))) {
                        assertTrue(trickler.awaitFirstByte(Wire.PATIENCE), "the trickle did not start");
                        wire.assertRefusedOrClosed(CUT_OFF, "headers that never end", 408);
                    }
                }),
                onBoth("a body trickled a byte every 100 ms → HTTP 408 or closed within the request timeout", c -> {
                    try (Wire wire = Wire.open(c.port());
                         Trickler trickler = Trickler.over(wire, bodyHead(10_000), ascii(" "))) {
                        assertTrue(trickler.awaitFirstByte(Wire.PATIENCE), "the trickle did not start");
                        wire.assertRefusedOrClosed(CUT_OFF, "a body that never ends", 408);
                    }
                }),
                onBoth("a body shorter than its Content-Length, then silence → HTTP 408 or closed within the request timeout", c -> {
                    byte[] body = Payloads.utf8(c.target().readOnlyCall());
                    try (Wire wire = Wire.open(c.port())) {
                        wire.send(Payloads.concat(bodyHead(body.length + 100), body));
                        wire.assertRefusedOrClosed(CUT_OFF, "a body 100 bytes short", 408);
                    }
                }),
                onBoth("workers + 2 clients trickling requests → meanwhile a normal client's calls are each answered within 2 s",
                        HttpAttacksTest::tricklersDoNotHoldTheWorkers),
                onBoth("more connections than the limit → the extra one gets HTTP 503 and is closed; those open keep working",
                        HttpAttacksTest::connectionsOverTheLimit),
                onBoth("a keep-alive connection left idle → closed after the idle timeout", c -> {
                    try (Wire wire = Wire.open(c.port())) {
                        for (int call = 0; call < 2; call++) {
                            wire.send(Payloads.post(c.target().readOnlyCall()));
                            wire.read(Wire.PATIENCE).assertResult();
                        }
                        assertClosedWhenIdle(wire);
                    }
                }),
                onBoth("a connection opened and never written to → closed after the idle timeout", c -> {
                    try (Wire wire = Wire.open(c.port())) {
                        assertClosedWhenIdle(wire);
                    }
                }),
                onBoth("256 random bytes, not HTTP → HTTP 400 (or 408) and closed, or just closed", c -> {
                    try (Wire wire = Wire.open(c.port())) {
                        wire.trySend(Payloads.randomBytes(20_240_611L, 256));
                        wire.assertRefusedOrClosed(CUT_OFF, "random bytes", 400, 408);
                    }
                }),
                onBoth("a TLS ClientHello (https:// to this http port) → HTTP 400 (or 408) and closed, or just closed", c -> {
                    try (Wire wire = Wire.open(c.port())) {
                        wire.trySend(Payloads.tlsClientHello());
                        wire.assertRefusedOrClosed(CUT_OFF, "a TLS ClientHello", 400, 408);
                    }
                }),
                onBoth("Content-Length shorter than the body, the rest a second request → a fault -32700 or HTTP 400 for the first",
                        HttpAttacksTest::contentLengthShorterThanTheBody),
                onBoth("Content-Length that is not a number → HTTP 400, closed",
                        c -> refusedWithBody(c, "POST / HTTP/1.1", List.of("Content-Length: twelve"), 400)),
                onBoth("a negative Content-Length → HTTP 400, closed",
                        c -> refusedWithBody(c, "POST / HTTP/1.1", List.of("Content-Length: -5"), 400)),
                onBoth("two different Content-Length headers → HTTP 400, closed", c -> {
                    int length = Payloads.utf8(c.target().readOnlyCall()).length;
                    refusedWithBody(c, "POST / HTTP/1.1", List.of("Content-Length: " + length, "Content-Length: " + (length - 7)), 400);
                }),
                onBoth("three requests pipelined in one write → three answers, in order", HttpAttacksTest::pipelined),
                onBoth("POSTs to paths other than / and /RPC2 → HTTP 404", c -> {
                    for (String path : List.of("/nope", "/RPC2/extra", "/rpc2", "/index.html", "//")) {
                        byte[] body = Payloads.utf8(c.target().readOnlyCall());
                        Wire.exchange(c.port(), Payloads.request("POST " + path + " HTTP/1.1", body, TEXT_XML,
                                "Content-Length: " + body.length, "Connection: close")).assertStatus(404);
                    }
                }),
                onBoth("GET, PUT, DELETE and OPTIONS → HTTP 405 with Allow: POST", c -> {
                    byte[] body = Payloads.utf8(c.target().readOnlyCall());
                    for (String method : List.of("GET", "PUT", "DELETE", "OPTIONS")) {
                        byte[] sent = method.equals("PUT") ? body : new byte[0];
                        RawHttp.Response response = Wire.exchange(c.port(), Payloads.request(method + " / HTTP/1.1", sent,
                                "Content-Length: " + sent.length, "Connection: close")).assertStatus(405);
                        assertTrue(String.valueOf(response.header("allow")).contains("POST"),
                                method + ": 405 should say Allow: POST, said " + response.header("allow"));
                    }
                }));
    }

    /** Sends only a request head with {@code headers}; the answer must come at once, before any body. */
    private static void refusedAtOnce(Attack.Context c, List<String> headers, int... statuses) throws IOException {
        List<String> all = new ArrayList<>(List.of(TEXT_XML));
        all.addAll(headers);
        try (Wire wire = Wire.open(c.port())) {
            wire.send(Payloads.request("POST / HTTP/1.1", new byte[0], all.toArray(String[]::new)));
            // PROMPTLY is longer than the request timeout: a server that waits for the body answers 408, and fails.
            wire.read(PROMPTLY).assertStatus(statuses);
            wire.assertClosedWithin(PROMPTLY, "refusing the request");
        }
    }

    /** Sends {@code requestLine}, {@code headers} and a valid call as the body; the answer must be one of {@code statuses}, then closed. */
    private static void refusedWithBody(Attack.Context c, String requestLine, List<String> headers, int... statuses)
            throws IOException {
        byte[] body = Payloads.utf8(c.target().readOnlyCall());
        List<String> all = new ArrayList<>(List.of(TEXT_XML));
        all.addAll(headers);
        if (headers.stream().noneMatch(h -> h.startsWith("Content-Length"))) {
            all.add("Content-Length: " + body.length);
        }
        try (Wire wire = Wire.open(c.port())) {
            wire.trySend(Payloads.request(requestLine, body, all.toArray(String[]::new)));
            wire.read(PROMPTLY).assertStatus(statuses);
            wire.assertClosedWithin(PROMPTLY, "refusing the request");
        }
    }

    private static void oversizedChunked(Attack.Context c) throws IOException {
        String padding = "x".repeat(c.limits().maxRequestBytes() + 1024);
        byte[] body = Payloads.utf8(Payloads.call(c.target().oneStringProcedure(), Payloads.string(padding)));
        try (Wire wire = Wire.open(c.port())) {
            wire.send(Payloads.request("POST / HTTP/1.1", new byte[0], TEXT_XML, "Transfer-Encoding: chunked"));
            // The server may stop reading, and close, once the limit is passed: the rest is sent if it can be.
            wire.trySend(Payloads.chunked(body, 1024));
            wire.read(PROMPTLY).assertStatus(413);
            wire.assertClosedWithin(PROMPTLY, "HTTP 413");
        }
    }

    private static void tricklersDoNotHoldTheWorkers(Attack.Context c) throws Exception {
        int count = c.limits().workers() + 2;
        List<Trickler> tricklers = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                tricklers.add(i % 2 == 0
                        ? Trickler.reconnecting("slowloris-headers-" + i, c.port(), null,
                                ascii("POST / HTTP/1.1\r\nHost: localhost\r\n"), ascii("X-Slow: a\r\n"))
                        : Trickler.reconnecting("slowloris-body-" + i, c.port(), null, bodyHead(100_000), ascii(" ")));
            }
            for (Trickler trickler : tricklers) {
                assertTrue(trickler.awaitFirstByte(Wire.PATIENCE), "a trickling client could not start");
            }
            RpcClient normal = new RpcClient(c.servers().endpoint(c.target()), Wire.PATIENCE);
            long end = System.nanoTime() + SERVED_PROMPTLY.plusMillis(500).toNanos();
            long slowest = 0;
            int calls = 0;
            while (System.nanoTime() < end) {
                long start = System.nanoTime();
                try {
                    if (c.target() == Target.CHAT_SERVER) {
                        Servers.call(normal, "list_rooms");
                    } else {
                        Servers.call(normal, "lookup_procedure", "register_user");
                    }
                } catch (RpcTransportException e) {
                    fail("a normal call failed after " + (System.nanoTime() - start) / 1_000_000 + " ms while " + count
                            + " clients trickled requests: " + e.getMessage());
                }
                slowest = Math.max(slowest, System.nanoTime() - start);
                calls++;
            }
            long slowestMillis = slowest / 1_000_000;
            int made = calls;
            assertTrue(slowestMillis < SERVED_PROMPTLY.toMillis(), () -> "while " + count + " clients trickled requests"
                    + " (the server has " + c.limits().workers() + " workers), the slowest of " + made + " normal calls took "
                    + slowestMillis + " ms");
        } finally {
            for (Trickler trickler : tricklers) {
                trickler.close();
            }
        }
    }

    private static void connectionsOverTheLimit(Attack.Context c) throws Exception {
        int max = c.limits().maxConnections();
        byte[] call = Payloads.post(c.target().readOnlyCall());
        List<Wire> opened = new ArrayList<>();
        try {
            List<Wire> accepted = new ArrayList<>();
            Wire refusedWire = null;
            Wire.Reply refused = null;
            while (refused == null && opened.size() < max + 2) {
                Wire wire = Wire.open(c.port());
                opened.add(wire);
                wire.send(call);
                Wire.Reply reply = wire.read(Wire.PATIENCE);
                if (reply.status() == 200) {
                    accepted.add(wire);
                } else {
                    refused = reply;
                    refusedWire = wire;
                }
            }
            assertNotNull(refused, "opened " + opened.size() + " connections, over the limit of " + max
                    + ", and none was refused");
            // The suite's own normal client may hold a connection or two that the server has not yet closed as idle.
            assertTrue(accepted.size() <= max, "accepted " + accepted.size() + " connections, over the limit of " + max);
            assertTrue(accepted.size() >= max - 2, "refused a connection when only " + accepted.size()
                    + " of this test's were open, under the limit of " + max + ": " + refused.describe());
            refused.assertStatus(503);
            refusedWire.assertClosedWithin(PROMPTLY, "HTTP 503");
            for (Wire wire : accepted) {
                wire.send(call);
                wire.read(Wire.PATIENCE).assertResult();
            }
        } finally {
            for (Wire wire : opened) {
                wire.close();
            }
        }
        Await.until("a new connection is served once this test's connections are closed", Wire.PATIENCE, () -> {
            try {
                return Wire.exchange(c.port(), Payloads.postClosing(c.target().readOnlyCall())).status() == 200;
            } catch (IOException e) {
                return false;
            }
        });
    }

    private static void assertClosedWhenIdle(Wire wire) throws IOException {
        long idleSince = System.nanoTime();
        Wire.End end = wire.awaitEnd(IDLE_CLOSE);
        long idled = (System.nanoTime() - idleSince) / 1_000_000;
        assertEquals(Wire.End.CLOSED, end, "an idle connection should be closed (read returns -1) within "
                + IDLE_CLOSE.toMillis() + " ms; it was " + end);
        assertTrue(idled >= LIMITS.idleTimeout().toMillis() / 2, "an idle connection was closed after " + idled
                + " ms, well before the idle timeout of " + LIMITS.idleTimeout().toMillis() + " ms");
    }

    private static void contentLengthShorterThanTheBody(Attack.Context c) throws IOException {
        byte[] declared = Payloads.utf8("<?xml version='1.0'?>\n<methodCall><methodName>");
        byte[] smuggled = Payloads.post(c.target().readOnlyCall());
        try (Wire wire = Wire.open(c.port())) {
            wire.send(Payloads.concat(Payloads.request("POST / HTTP/1.1", declared, TEXT_XML,
                    "Content-Length: " + declared.length), smuggled));
            Wire.Reply first = wire.read(Wire.PATIENCE);
            if (first.status() == 400) {
                wire.assertClosedWithin(PROMPTLY, "HTTP 400");
                return;
            }
            first.assertFault(-32700);
            // What follows the declared body is a request of its own, and may be answered as one.
            Wire.Reply second = wire.read(Wire.PATIENCE);
            if (second.isResponse() && second.status() == 200) {
                second.assertResult();
            } else if (second.isResponse()) {
                second.assertStatus(400);
            } else {
                assertTrue(second.isEnd(), () -> "after the first answer: " + second.describe());
            }
        }
    }

    private static void pipelined(Attack.Context c) throws IOException {
        Servers.Seed seed = c.seed();
        List<String> calls;
        List<String> expected;
        List<String> unexpected;
        if (c.target() == Target.CHAT_SERVER) {
            calls = List.of(Payloads.call("list_users", Payloads.string(seed.room())),
                    Payloads.call("list_users", Payloads.string("no such room")),
                    Payloads.call("list_rooms"));
            expected = List.of(seed.ana(), "", seed.room());
            unexpected = List.of(seed.room(), "<string>", seed.ana());
        } else {
            calls = List.of(Payloads.call("lookup_procedure", Payloads.string(seed.procedure())),
                    Payloads.call("lookup_procedure", Payloads.string("no such name")),
                    Payloads.call("lookup_procedure", Payloads.string("register_user")));
            expected = List.of(seed.registered().host(), "", "localhost");
            unexpected = List.of("localhost", "<string>", seed.registered().host());
        }
        try (Wire wire = Wire.open(c.port())) {
            wire.send(Payloads.concat(Payloads.post(calls.get(0)), Payloads.post(calls.get(1)), Payloads.post(calls.get(2))));
            for (int i = 0; i < 3; i++) {
                String answer = wire.read(Wire.PATIENCE).assertResult().text();
                int n = i;
                assertTrue(answer.contains(expected.get(i)), () -> "answer " + (n + 1) + " should be to call " + (n + 1)
                        + " and hold '" + expected.get(n) + "': " + answer);
                assertFalse(answer.contains(unexpected.get(i)), () -> "answer " + (n + 1) + " looks like the answer to"
                        + " another call: " + answer);
            }
        }
    }

    /** The head of a POST whose body should be {@code length} bytes. */
    private static byte[] bodyHead(int length) {
        return Payloads.request("POST / HTTP/1.1", new byte[0], TEXT_XML, "Content-Length: " + length);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
