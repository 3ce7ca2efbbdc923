package chat.common.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.common.Endpoint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which thread runs a call: the connection's event loop for a small call to a non-blocking table, else a worker. */
class CallThreadsTest {
    private final List<RpcEndpoint> started = new ArrayList<>();

    @AfterEach
    void close() {
        started.forEach(RpcEndpoint::close);
    }

    private final CountDownLatch laterCalled = new CountDownLatch(1);

    private RpcClient serve(boolean nonBlocking, CompletableFuture<Object> later) throws IOException {
        ProcedureTable table = ProcedureTable.builder()
                .nonBlocking(nonBlocking)
                .add("thread", "[padding]", p -> Thread.currentThread().getName())
                .add("echo", "text", p -> p.string(0))
                .add("dawdle", "", p -> {
                    try {
                        Thread.sleep(1_100); // breaks the promise: over the second an I/O thread may be held unreported
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return true;
                })
                .add("later", "", p -> {
                    laterCalled.countDown();
                    return later;
                })
                .build();
        RpcEndpoint endpoint = RpcEndpoint.start(RpcEndpoint.Options.of("calls", "127.0.0.1", 0), table);
        started.add(endpoint);
        return new RpcClient(new Endpoint("127.0.0.1", endpoint.port()));
    }

    @Test
    void aSmallCallToANonBlockingTableRunsOnItsConnectionsEventLoop() throws Exception {
        RpcClient client = serve(true, new CompletableFuture<>());

        String small = (String) client.call("thread");
        String large = (String) client.call("thread", "x".repeat(20_000));

        assertTrue(small.startsWith("calls-io-"), small);
        assertTrue(large.startsWith("calls-") && large.contains("-worker-"), "a 20 kB call parses on a worker: " + large);
    }

    @Test
    void aCallThatTakesLongOnAnEventLoopIsReportedInTheLog() throws Exception {
        RpcClient client = serve(true, new CompletableFuture<>());
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            client.call("dawdle");
            client.call("echo", "quick");
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("ms on I/O thread calls-io-") && log.contains("declared non-blocking"), log);
        assertEquals(1, log.lines().filter(line -> line.contains("on I/O thread")).count(), "only the slow call: " + log);
    }

    @Test
    void everyCallToATableThatMayBlockRunsOnAWorker() throws Exception {
        RpcClient client = serve(false, new CompletableFuture<>());

        String small = (String) client.call("thread");

        assertTrue(small.contains("-worker-"), small);
    }

    @Test
    void callsPipelinedBehindAWaitingCallAreAnsweredInOrderOnceItAnswers() throws Exception {
        CompletableFuture<Object> later = new CompletableFuture<>();
        RpcClient client = serve(true, later);
        int port = client.endpoint().port();
        // About 100 kB of calls: they fit the sockets' buffers, so the writer finishes while the first call waits.
        int calls = 500;
        ByteArrayOutputStream requests = new ByteArrayOutputStream();
        for (int i = 0; i < calls; i++) {
            requests.write(post(port, RawHttp.methodCall("echo", "<string>n" + i + "</string>")));
        }
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(post(port, RawHttp.methodCall("later")));
            out.flush();
            assertTrue(laterCalled.await(20, TimeUnit.SECONDS), "the first call was never made");
            Thread writer = new Thread(() -> {
                try {
                    out.write(requests.toByteArray());
                    out.flush();
                } catch (IOException ignored) {
                    // the reader's count tells
                }
            });
            writer.start();
            writer.join(20_000);
            later.complete("first");
            List<String> answers = readAnswers(socket.getInputStream(), calls + 1);

            assertEquals(calls + 1, answers.size());
            assertEquals("first", answers.get(0));
            for (int i = 0; i < calls; i++) {
                assertEquals("n" + i, answers.get(i + 1), "answer " + (i + 1));
            }
        }
    }

    private static byte[] post(int port, String xml) {
        byte[] body = xml.getBytes(StandardCharsets.UTF_8);
        String head = "POST / HTTP/1.1\r\nHost: localhost:" + port + "\r\nContent-Type: text/xml\r\nContent-Length: "
                + body.length + "\r\n\r\n";
        byte[] all = new byte[head.length() + body.length];
        System.arraycopy(head.getBytes(StandardCharsets.US_ASCII), 0, all, 0, head.length());
        System.arraycopy(body, 0, all, head.length(), body.length);
        return all;
    }

    private static final Pattern STRING = Pattern.compile("<value>(?:<string>)?([^<]*)<");
    private static final Pattern LENGTH = Pattern.compile("(?i)content-length: *(\\d+)");

    /** The string results of {@code count} answers read one after another from {@code in}. */
    private static List<String> readAnswers(InputStream in, int count) throws IOException {
        List<String> answers = new ArrayList<>();
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        byte[] buffer = new byte[65536];
        while (answers.size() < count) {
            String text = pending.toString(StandardCharsets.UTF_8);
            int headEnd = text.indexOf("\r\n\r\n");
            Matcher length = headEnd < 0 ? null : LENGTH.matcher(text.substring(0, headEnd));
            if (length != null && length.find() && text.length() >= headEnd + 4 + Integer.parseInt(length.group(1))) {
                int end = headEnd + 4 + Integer.parseInt(length.group(1));
                Matcher value = STRING.matcher(text.substring(headEnd + 4, end));
                answers.add(value.find() ? value.group(1) : "no string in " + text.substring(0, end));
                byte[] rest = text.substring(end).getBytes(StandardCharsets.UTF_8);
                pending.reset();
                pending.write(rest);
                continue;
            }
            int read = in.read(buffer);
            if (read < 0) {
                break;
            }
            pending.write(buffer, 0, read);
        }
        return answers;
    }
}
