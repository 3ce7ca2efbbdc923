package chat.common.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The request and idle timeouts over a connection's whole life: busy, then idle, then trickling. */
class ConnectionTimersTest {
    private static final Duration REQUEST_TIMEOUT = Duration.ofMillis(300);
    private static final Duration IDLE_TIMEOUT = Duration.ofMillis(400);

    private RpcEndpoint endpoint;

    @BeforeEach
    void start() throws IOException {
        ProcedureTable table = ProcedureTable.builder().nonBlocking(true).add("echo", "text", p -> p.string(0)).build();
        endpoint = RpcEndpoint.start(RpcEndpoint.Options.of("timers", "127.0.0.1", 0).withLimits(HttpLimits.DEFAULTS
                .withRequestTimeout(REQUEST_TIMEOUT).withIdleTimeout(IDLE_TIMEOUT)), table);
    }

    @AfterEach
    void stop() {
        endpoint.close();
    }

    @Test
    void aConnectionCallingForLongerThanBothTimeoutsStaysOpenThenClosesOnceIdle() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), endpoint.port())) {
            socket.setSoTimeout(5_000);
            long busyUntil = System.nanoTime() + 4 * IDLE_TIMEOUT.toNanos();
            int calls = 0;
            while (System.nanoTime() < busyUntil) {
                String answer = call(socket, "n" + calls);
                assertTrue(answer.contains("n" + calls), "call " + calls + " on the same connection: " + answer);
                calls++;
            }
            assertTrue(calls > 10, "only " + calls + " calls");

            long idleFrom = System.nanoTime();
            assertEquals(-1, socket.getInputStream().read(), "an idle connection is closed");
            long idled = (System.nanoTime() - idleFrom) / 1_000_000;
            assertTrue(idled >= IDLE_TIMEOUT.toMillis() / 2, "closed after " + idled + " ms idle");
        }
    }

    @Test
    void aRequestThatStopsHalfwayAfterBusyCallsIsAnswered408WithinTheRequestTimeout() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), endpoint.port())) {
            socket.setSoTimeout(5_000);
            for (int i = 0; i < 50; i++) {
                call(socket, "warm" + i);
            }
            long from = System.nanoTime();
            socket.getOutputStream().write("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n<?xml".getBytes(
                    StandardCharsets.US_ASCII));
            String rest = readAll(socket.getInputStream());
            long waited = (System.nanoTime() - from) / 1_000_000;
            assertTrue(rest.startsWith("HTTP/1.1 408"), rest);
            assertTrue(waited >= REQUEST_TIMEOUT.toMillis() / 2 && waited < REQUEST_TIMEOUT.toMillis() + 3_000,
                    "answered 408 after " + waited + " ms");
        }
    }

    private static String call(Socket socket, String text) throws IOException {
        byte[] body = RawHttp.methodCall("echo", "<string>" + text + "</string>").getBytes(StandardCharsets.UTF_8);
        socket.getOutputStream().write(("POST / HTTP/1.1\r\nHost: x\r\nContent-Type: text/xml\r\nContent-Length: "
                + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().write(body);
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        int length = -1;
        int headEnd = -1;
        while (headEnd < 0 || answer.size() < headEnd + 4 + length) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed after " + answer.toString(StandardCharsets.UTF_8));
            }
            answer.write(b);
            if (headEnd < 0) {
                String head = answer.toString(StandardCharsets.ISO_8859_1);
                if (head.endsWith("\r\n\r\n")) {
                    headEnd = head.length() - 4;
                    String lower = head.toLowerCase(java.util.Locale.ROOT);
                    int at = lower.indexOf("content-length:") + "content-length:".length();
                    length = Integer.parseInt(lower.substring(at, lower.indexOf("\r\n", at)).trim());
                }
            }
        }
        return answer.toString(StandardCharsets.UTF_8);
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        try {
            in.transferTo(all);
        } catch (SocketTimeoutException e) {
            // what came so far
        }
        return all.toString(StandardCharsets.ISO_8859_1);
    }
}
