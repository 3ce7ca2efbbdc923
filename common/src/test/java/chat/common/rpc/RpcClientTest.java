package chat.common.rpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.common.Endpoint;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class RpcClientTest {
    private static final ProcedureTable PROCEDURES = ProcedureTable.builder()
            .add("echo", "[text]", p -> p.optionalString(0))
            .add("refuse", "", p -> {
                throw Faults.invalidParams("refuse", "argument 1 (x) is not welcome");
            })
            .build();

    private static RpcEndpoint startEndpoint(String host) throws IOException {
        return RpcEndpoint.start(RpcEndpoint.Options.of("client-test", host, 0), PROCEDURES);
    }

    @Test
    void aFaultBecomesRpcFaultWithTheCodeAndString() throws IOException {
        try (RpcEndpoint endpoint = startEndpoint("127.0.0.1")) {
            RpcClient client = new RpcClient(new Endpoint("127.0.0.1", endpoint.port()));

            RpcFault fault = assertThrows(RpcFault.class, () -> client.call("refuse"));

            assertEquals(Faults.INVALID_PARAMS, fault.code());
            assertEquals("refuse: argument 1 (x) is not welcome", fault.faultString());
            assertTrue(fault.getMessage().contains("refuse"), fault.getMessage());
        }
    }

    @Test
    void anUnknownProcedureIsAFaultNotATransportFailure() throws IOException {
        try (RpcEndpoint endpoint = startEndpoint("127.0.0.1")) {
            RpcClient client = new RpcClient(new Endpoint("127.0.0.1", endpoint.port()));

            assertEquals(Faults.METHOD_NOT_FOUND, assertThrows(RpcFault.class, () -> client.call("nope")).code());
        }
    }

    @Test
    void anUnreachablePortIsATransportException() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        Endpoint nowhere = new Endpoint("127.0.0.1", closedPort);
        RpcClient client = new RpcClient(nowhere, Duration.ofSeconds(2));

        RpcTransportException e = assertThrows(RpcTransportException.class, () -> client.call("echo", "oi"));
        assertTrue(e.getMessage().contains("echo") && e.getMessage().contains(nowhere.toString()), e.getMessage());
        assertEquals(nowhere, client.endpoint());
        assertFalse(e.mayHaveArrived(), "no connection, nothing sent: " + e);
    }

    @Test
    void aPeerThatTakesTheRequestAndNeverAnswersMayHaveActedOnIt() throws IOException {
        // Connections complete in the socket's backlog: the request is written, and no answer ever comes.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            RpcClient client = new RpcClient(new Endpoint("127.0.0.1", silent.getLocalPort()), Duration.ofMillis(300));

            RpcTransportException e = assertThrows(RpcTransportException.class, () -> client.call("echo", "oi"));

            assertTrue(e.mayHaveArrived(), "written, then no answer: " + e);
        }
    }

    @Test
    void aPeerThatReadsTheRequestThenDiesMayHaveActedOnItEvenWhenItsPortIsThenRefused() throws Exception {
        // The peer reads the whole request and dies before answering: the JDK sends a failed POST again once, on a
        // new connection, which is refused. The refusal must not be taken for "nothing reached the peer".
        ServerSocket peer = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        Endpoint at = new Endpoint("127.0.0.1", peer.getLocalPort());
        CompletableFuture<String> received = CompletableFuture.supplyAsync(() -> {
            try (peer; Socket connection = peer.accept()) {
                String request = readRequest(connection.getInputStream());
                peer.close(); // no longer listening: the second attempt is refused
                return request;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        RpcClient client = new RpcClient(at, Duration.ofSeconds(5));

        RpcTransportException e = assertThrows(RpcTransportException.class, () -> client.call("send_message", "ana"));

        assertTrue(received.get(5, TimeUnit.SECONDS).contains("send_message"), "the peer had the request");
        assertTrue(e.mayHaveArrived(), "it reached the peer: " + e);
    }

    /** One HTTP request with a Content-Length body, as text. */
    private static String readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the request ended in its head");
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        Matcher length = Pattern.compile("(?i)content-length: *(\\d+)").matcher(text);
        byte[] body = in.readNBytes(length.find() ? Integer.parseInt(length.group(1)) : 0);
        return text + new String(body, StandardCharsets.UTF_8);
    }

    @Test
    void aPeerThatDoesNotSpeakXmlRpcIsATransportException() {
        try (CannedPeer html = CannedPeer.answering(200, "text/html", "<html><body>hello</body></html>");
             CannedPeer missing = CannedPeer.answering(404, "text/plain", "not here")) {
            assertThrows(RpcTransportException.class, () -> new RpcClient(html.endpoint()).call("echo", "oi"));
            assertThrows(RpcTransportException.class, () -> new RpcClient(missing.endpoint()).call("echo", "oi"));
        }
    }

    @Test
    void nilIsSentAsBareNil() {
        try (CannedPeer peer = CannedPeer.answering(CannedPeer.pythonResponse("<nil/>"))) {
            new RpcClient(peer.endpoint()).call("send_message", "ana", "geral", "oi", null);

            String request = peer.nextRequest();
            assertTrue(request.contains("<nil/>"), request);
            assertFalse(request.contains("ex:"), request);
        }
    }

    @Test
    void anEmojiIsSentAsUtf8NotAsSurrogateReferences() {
        try (CannedPeer peer = CannedPeer.answering(CannedPeer.pythonResponse("<boolean>1</boolean>"))) {
            assertEquals(Boolean.TRUE, new RpcClient(peer.endpoint()).call("send_message", "ana", "geral", "olá 😀🎉"));

            String request = peer.nextRequest();
            assertTrue(request.contains("olá 😀🎉"), request);
            assertFalse(request.contains("&#"), request);
        }
    }

    @Test
    void pythonsNilAndApachesNilBothReadAsNull() {
        try (CannedPeer python = CannedPeer.answering(CannedPeer.pythonResponse("<nil/>"));
             CannedPeer apache = CannedPeer.answering("<?xml version=\"1.0\" encoding=\"UTF-8\"?><methodResponse "
                     + "xmlns:ex=\"http://ws.apache.org/xmlrpc/namespaces/extensions\"><params><param><value><ex:nil/>"
                     + "</value></param></params></methodResponse>")) {
            assertNull(new RpcClient(python.endpoint()).call("remove_user", "ana", "geral"));
            assertNull(new RpcClient(apache.endpoint()).call("remove_user", "ana", "geral"));
        }
    }

    @Test
    void aPythonStyleAnswerIsReadWithPlainJavaTypes() {
        String answer = CannedPeer.pythonResponse("<array><data>\n<value><string>localhost</string></value>\n"
                + "<value><int>6001</int></value>\n</data></array>");
        try (CannedPeer python = CannedPeer.answering(answer)) {
            assertArrayEquals(new Object[] {"localhost", 6001},
                    (Object[]) new RpcClient(python.endpoint()).call("lookup_procedure", "join_room"));
        }
    }

    @Test
    void aPythonFaultBecomesRpcFault() {
        try (CannedPeer python = CannedPeer.answering(CannedPeer.PYTHON_CANNOT_MARSHAL_NONE)) {
            RpcFault fault = assertThrows(RpcFault.class,
                    () -> new RpcClient(python.endpoint()).call("lookup_procedure", "nope"));

            assertEquals(1, fault.code());
            assertEquals("<class 'TypeError'>:cannot marshal None unless allow_none is enabled", fault.faultString());
        }
    }

    @Test
    void callsAnIpv6Endpoint() throws IOException {
        RpcEndpoint endpoint;
        try {
            endpoint = startEndpoint("::1");
        } catch (IOException e) {
            Assumptions.abort("no IPv6 loopback on this machine: " + e.getMessage());
            return;
        }
        try (endpoint) {
            assertEquals("oi", new RpcClient(new Endpoint("::1", endpoint.port())).call("echo", "oi"));
        }
    }
}
