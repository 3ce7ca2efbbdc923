package chat.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.binder.BinderConfig;
import chat.binder.BinderServer;
import chat.common.Endpoint;
import chat.server.ChatServer;
import chat.server.ServerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The closed loop counts what it should, on kept connections and on a server that closes each one. */
class ClosedLoopTest {

    @Test
    void countsEveryAnswerOfARealServerOverKeptConnections() throws Exception {
        try (BinderServer binder = BinderServer.start(BinderConfig.ephemeral());
             ChatServer server = ChatServer.start(ServerConfig.local(binder.endpoint()))) {
            Endpoint at = server.endpoint();
            ClosedLoop.Outcome outcome = new ClosedLoop(at, RawCall.request(at.host(), "list_rooms"), 8, 0.1, 0.3, null).run();

            assertEquals(0, outcome.errors());
            assertTrue(outcome.calls() > 0, "calls " + outcome.calls());
            assertEquals(outcome.calls(), outcome.latencies().count());

            ClosedLoop.Outcome faults = new ClosedLoop(at, RawCall.request(at.host(), "no_such_procedure"), 4, 0, 0.2, null).run();
            assertEquals(0, faults.calls());
            assertTrue(faults.errors() > 0, "errors " + faults.errors());
        }
    }

    @Test
    void reconnectsToAServerThatClosesEachConnectionAfterAnswering() throws Exception {
        try (OneShotServer server = new OneShotServer()) {
            int connections = 4;
            ClosedLoop.Outcome outcome = new ClosedLoop(new Endpoint("127.0.0.1", server.port()),
                    RawCall.request("127.0.0.1", "list_rooms"), connections, 0, 0.3, null).run();

            long answered = server.answered.get();
            assertEquals(0, outcome.errors());
            assertTrue(outcome.calls() > connections, "calls " + outcome.calls());
            // Each answer the loop counted was a connection of its own; at most one call per connection
            // was still unread when the run ended.
            assertTrue(answered >= outcome.calls() && answered <= outcome.calls() + connections,
                    "answered " + answered + ", counted " + outcome.calls());
        }
    }

    @Test
    void spreadsItsConnectionsOverEveryServerGiven() throws Exception {
        try (OneShotServer first = new OneShotServer(); OneShotServer second = new OneShotServer()) {
            List<Endpoint> servers = List.of(new Endpoint("127.0.0.1", first.port()), new Endpoint("127.0.0.1", second.port()));
            ClosedLoop.Outcome outcome = new ClosedLoop(servers, at -> RawCall.request(at.host(), "list_rooms"), 4, 0, 0.3,
                    List.of()).run();

            assertEquals(0, outcome.errors());
            assertTrue(first.answered.get() > 0 && second.answered.get() > 0,
                    "answered " + first.answered.get() + " and " + second.answered.get());
            assertTrue(Double.isNaN(outcome.cpu().seconds()), "no process ids, no CPU figure");
        }
    }

    /** Answers every call over HTTP/1.0 and closes the connection, as Python's SimpleXMLRPCServer does. */
    private static final class OneShotServer implements AutoCloseable {
        private static final byte[] BODY = ("<?xml version='1.0'?><methodResponse><params><param><value><array><data>"
                + "</data></array></value></param></params></methodResponse>").getBytes(StandardCharsets.UTF_8);
        final AtomicLong answered = new AtomicLong();
        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final Thread thread = new Thread(this::serve, "one-shot-server");

        OneShotServer() throws IOException {
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (Socket client = socket.accept()) {
                    InputStream in = client.getInputStream();
                    int length = contentLength(in);
                    in.readNBytes(length);
                    answered.incrementAndGet();
                    OutputStream out = client.getOutputStream();
                    out.write(("HTTP/1.0 200 OK\r\nContent-Type: text/xml\r\nContent-Length: " + BODY.length + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.write(BODY);
                    out.flush();
                } catch (IOException e) {
                    // the loop closed its connections at the end of the run, or this server was closed
                }
            }
        }

        /** Reads the request's head; its Content-Length. */
        private static int contentLength(InputStream in) throws IOException {
            StringBuilder head = new StringBuilder();
            while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("closed before the request's head ended");
                }
                head.append((char) b);
            }
            for (String line : head.toString().split("\r\n")) {
                if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                    return Integer.parseInt(line.substring(15).trim());
                }
            }
            throw new IOException("no Content-Length");
        }

        @Override
        public void close() throws Exception {
            socket.close();
            thread.join();
        }
    }
}
