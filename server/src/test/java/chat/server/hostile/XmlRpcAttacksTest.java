package chat.server.hostile;

import static chat.server.hostile.Attack.onBinder;
import static chat.server.hostile.Attack.onBoth;
import static chat.server.hostile.Attack.onChatServer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.common.rpc.Faults;
import chat.common.rpc.HttpLimits;
import chat.common.rpc.RawHttp;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Hostile XML-RPC in well-formed HTTP, one call at a time, against the Binder and the chat server:
 * bodies that are not XML, entities, Java serialization, bytes that are not UTF-8 or not XML characters,
 * unknown types and procedures, wrong arguments. Each is answered with a fault whose code says what was
 * wrong, without expanding, fetching or deserializing anything, and nothing changes.
 */
class XmlRpcAttacksTest extends AttackTable {
    private static final int PARSE = Faults.PARSE_ERROR;
    private static final int INVALID = Faults.INVALID_REQUEST;
    private static final int UNKNOWN = Faults.METHOD_NOT_FOUND;
    private static final int PARAMS = Faults.INVALID_PARAMS;

    /** How long a refusal that needs no work may take: parsing stops at the DOCTYPE, whatever follows. */
    private static final Duration QUICKLY = Duration.ofSeconds(2);

    @Override
    HttpLimits limits() {
        return HttpAttacksTest.LIMITS;
    }

    @Override
    String prefix() {
        return "x";
    }

    @Override
    Stream<Attack> attacks() {
        return Stream.of(
                onBoth("a body that is not XML → fault -32700",
                        c -> post(c, "this is not XML at all, just words").assertFault(PARSE)),
                onBoth("an empty body → fault -32700", c -> post(c, new byte[0]).assertFault(PARSE)),
                onBoth("XML that is not an XML-RPC call (<html>) → fault -32700 (or -32600)",
                        c -> post(c, "<?xml version='1.0'?><html><body>hi</body></html>").assertFault(PARSE, INVALID)),
                onBoth("a methodResponse instead of a methodCall → fault -32700 (or -32600)", c -> post(c,
                        "<?xml version='1.0'?><methodResponse><params><param><value><string>x</string></value></param>"
                                + "</params></methodResponse>").assertFault(PARSE, INVALID)),
                onBoth("a DOCTYPE with internal entities (billion laughs) → fault -32600 at once, nothing expanded", c -> {
                    long start = System.nanoTime();
                    RawHttp.Response response = post(c, Payloads.billionLaughs(c.target().oneStringProcedure())).assertFault(INVALID);
                    assertFast(start, QUICKLY, "refusing the billion laughs");
                    assertFalse(response.text().contains("lollol"), "an entity was expanded: " + Leaks.excerpt(response.text()));
                    assertTrue(response.body().length < 2048, "a fault of " + response.body().length + " bytes");
                }),
                onBoth("an external entity naming file:///etc/passwd → fault -32600, the file never shown", c -> {
                    RawHttp.Response response = post(c, Payloads.externalEntity(c.target().oneStringProcedure(),
                            "file:///etc/passwd")).assertFault(INVALID);
                    assertFalse(response.text().contains("root:"), "the file was read: " + Leaks.excerpt(response.text()));
                }),
                onBoth("an external DTD on another server (parameter entity) → fault -32600, nothing fetched", c -> {
                    try (ServerSocket canary = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
                        String url = "http://127.0.0.1:" + canary.getLocalPort() + "/evil.dtd";
                        post(c, Payloads.externalDtd(c.target().oneStringProcedure(), url)).assertFault(INVALID);
                        // A fetch would have connected before the answer was written; any connection is already queued.
                        canary.setSoTimeout(1);
                        try {
                            canary.accept().close();
                            throw new AssertionError("the server fetched the external DTD from " + url);
                        } catch (SocketTimeoutException expected) {
                            // nothing connected
                        }
                    }
                }),
                onBoth("XInclude of file:///etc/passwd in a value → a fault, the file never shown", c -> {
                    RawHttp.Response response = post(c, Payloads.call(c.target().oneStringProcedure(),
                            "<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"file:///etc/passwd\" parse=\"text\"/>"))
                            .assertFault(PARSE, INVALID, PARAMS);
                    assertFalse(response.text().contains("root:"), "the file was read: " + Leaks.excerpt(response.text()));
                }),
                onBoth("an <ex:serializable> value (Java serialization) → a fault, nothing deserialized", c -> {
                    int before = Canary.DESERIALIZED.get();
                    post(c, Payloads.call(c.target().oneStringProcedure(), Payloads.serializable(new Canary())))
                            .assertFault(PARSE, INVALID, PARAMS);
                    assertEquals(before, Canary.DESERIALIZED.get(), "the server deserialized a Java object sent by a client");
                }),
                onBoth("bytes that are not UTF-8 (C3 28, FF) in a string → fault -32700", c -> post(c, Payloads.withBytes(
                        Payloads.call(c.target().oneStringProcedure(), "<string>a@b</string>"), (byte) 0xC3, (byte) 0x28, (byte) 0xFF))
                        .assertFault(PARSE)),
                onBoth("an overlong UTF-8 encoding of '<' (C0 BC) → fault -32700", c -> post(c, Payloads.withBytes(
                        Payloads.call(c.target().oneStringProcedure(), "<string>a@b</string>"), (byte) 0xC0, (byte) 0xBC))
                        .assertFault(PARSE)),
                onBoth("a raw NUL byte in a string → fault -32700", c -> post(c, Payloads.withBytes(
                        Payloads.call(c.target().oneStringProcedure(), "<string>a@b</string>"), (byte) 0))
                        .assertFault(PARSE)),
                onBoth("&#0; in a string → fault -32700",
                        c -> post(c, Payloads.call(c.target().oneStringProcedure(), "<string>a&#0;b</string>")).assertFault(PARSE)),
                onBoth("a lone surrogate as &#xD800; → fault -32700",
                        c -> post(c, Payloads.call(c.target().oneStringProcedure(), "<string>a&#xD800;b</string>")).assertFault(PARSE)),
                onBoth("an encoding declared UTF-16 over UTF-8 bytes → fault -32700 (or -32600)", c -> post(c,
                        Payloads.call(c.target().oneStringProcedure(), Payloads.string("ação"))
                                .replace("<?xml version='1.0'?>", "<?xml version='1.0' encoding='UTF-16'?>"))
                        .assertFault(PARSE, INVALID)),
                onBoth("an unknown value type <blob> → a fault", c -> post(c,
                        Payloads.call(c.target().oneStringProcedure(), "<blob>x</blob>")).assertFault(PARSE, INVALID, PARAMS)),
                onBoth("an extension type <ex:i8> (extensions are off) → a fault", c -> post(c,
                        Payloads.call(c.target().oneStringProcedure(),
                                "<ex:i8 xmlns:ex=\"http://ws.apache.org/xmlrpc/namespaces/extensions\">5</ex:i8>"))
                        .assertFault(PARSE, INVALID, PARAMS)),
                onBoth("an <int> beyond 32 bits → a fault", c -> post(c,
                        Payloads.call(c.target().oneStringProcedure(), "<int>99999999999</int>")).assertFault(PARSE, INVALID, PARAMS)),
                onBoth("too many arguments → fault -32602 naming the procedure", c -> {
                    String procedure = c.target().oneStringProcedure();
                    assertNamesProcedure(procedure, post(c, Payloads.call(procedure, Payloads.string("a"), Payloads.string("b"),
                            Payloads.string("c"))).assertFault(PARAMS));
                }),
                onBoth("no arguments where one is required → fault -32602 naming the procedure", c -> {
                    String procedure = c.target().oneStringProcedure();
                    assertNamesProcedure(procedure, post(c, Payloads.call(procedure)).assertFault(PARAMS));
                }),
                onBoth("an int where a string is required → fault -32602 naming the procedure", c -> {
                    String procedure = c.target().oneStringProcedure();
                    assertNamesProcedure(procedure, post(c, Payloads.call(procedure, Payloads.integer(5))).assertFault(PARAMS));
                }),
                onChatServer("register_user(nil) → fault -32602 naming the procedure", c -> assertNamesProcedure("register_user",
                        post(c, Payloads.call("register_user", Payloads.nil())).assertFault(PARAMS))),
                onChatServer("register_user with an array for the name → fault -32602 naming the procedure", c -> assertNamesProcedure(
                        "register_user", post(c, Payloads.call("register_user",
                                "<array><data><value><string>a</string></value></data></array>")).assertFault(PARAMS))),
                onChatServer("receive_messages with a NaN cursor → [] or fault -32602, never an internal error", c -> {
                    RawHttp.Response response = post(c, Payloads.call("receive_messages", Payloads.string(c.seed().ana()),
                            Payloads.string(c.seed().room()), "<double>NaN</double>")).assertStatus(200);
                    if (response.isFault()) {
                        assertEquals(PARAMS, response.faultCode(), response.faultString());
                    }
                }),
                onBinder("register_procedure with a string for the port → fault -32602 naming the procedure",
                        c -> assertNamesProcedure("register_procedure", post(c, Payloads.call("register_procedure",
                                Payloads.string("x-proc"), Payloads.string("localhost"), Payloads.string("80"))).assertFault(PARAMS))),
                onBinder("register_procedure with one argument → fault -32602 naming the procedure",
                        c -> assertNamesProcedure("register_procedure",
                                post(c, Payloads.call("register_procedure", Payloads.string("x-proc"))).assertFault(PARAMS))),
                onBinder("lookup_procedure(nil) → fault -32602 naming the procedure", c -> assertNamesProcedure("lookup_procedure",
                        post(c, Payloads.call("lookup_procedure", Payloads.nil())).assertFault(PARAMS))),
                onBoth("an unknown procedure, and system.listMethods → fault -32601", c -> {
                    post(c, Payloads.call("no_such_procedure")).assertFault(UNKNOWN);
                    post(c, Payloads.call("system.listMethods")).assertFault(UNKNOWN);
                }),
                onBoth("a 10,000-character unknown procedure name → fault -32601 that does not echo it whole", c -> {
                    RawHttp.Response response = post(c, Payloads.call("p".repeat(10_000))).assertFault(UNKNOWN);
                    assertTrue(response.faultString().length() <= 1_000, "the fault echoes "
                            + response.faultString().length() + " characters of a name the client made up");
                }),
                onBoth("no methodName → a fault", c -> post(c,
                        "<?xml version='1.0'?><methodCall><params></params></methodCall>").assertFault(PARSE, INVALID, UNKNOWN)),
                onBoth("an empty methodName → a fault", c -> post(c, Payloads.call("")).assertFault(PARSE, INVALID, UNKNOWN)),
                onBoth("300 parameters (within the body limit) → fault -32602 at once", c -> {
                    long start = System.nanoTime();
                    post(c, Payloads.manyParams(c.target().oneStringProcedure(), 300)).assertFault(PARAMS);
                    assertFast(start, QUICKLY, "refusing 300 parameters");
                }),
                onBoth("arrays nested as deep as the body limit allows → a fault, never an internal error", c -> {
                    int depth = (c.limits().maxRequestBytes() - 200) / 44;
                    post(c, Payloads.call(c.target().oneStringProcedure(), Payloads.nestedArrays(depth, true)))
                            .assertFault(PARSE, INVALID, PARAMS);
                }));
    }

    /** POSTs {@code xml} on a connection of its own and reads the answer. */
    private static Wire.Reply post(Attack.Context c, String xml) throws IOException {
        return post(c, xml.getBytes(StandardCharsets.UTF_8));
    }

    private static Wire.Reply post(Attack.Context c, byte[] body) throws IOException {
        return Wire.exchange(c.port(), Payloads.postClosing(body));
    }

    private static void assertNamesProcedure(String procedure, RawHttp.Response fault) {
        assertTrue(fault.faultString().contains(procedure), "the fault should name " + procedure + ": " + fault.faultString());
    }

    static void assertFast(long startNanos, Duration limit, String what) {
        long took = (System.nanoTime() - startNanos) / 1_000_000;
        assertTrue(took < limit.toMillis(), what + " took " + took + " ms");
    }

    /**
     * Counts its own deserializations. The servers run in this JVM, where this class can be loaded, so a
     * server that deserializes what a client sends is caught in the act.
     */
    static final class Canary implements Serializable {
        private static final long serialVersionUID = 1L;
        static final AtomicInteger DESERIALIZED = new AtomicInteger();

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            DESERIALIZED.incrementAndGet();
        }
    }
}
