package chat.common.rpc;

import chat.common.Endpoint;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in peer on localhost, port 0, that answers every request with one canned HTTP response and
 * keeps the request bodies it got: how a test plays a Python peer byte for byte, or a broken one.
 */
public final class CannedPeer implements AutoCloseable {
    /** What Python's SimpleXMLRPCServer answers when a procedure returns None without allow_none. */
    public static final String PYTHON_CANNOT_MARSHAL_NONE = """
            <?xml version='1.0'?>
            <methodResponse>
            <fault>
            <value><struct>
            <member>
            <name>faultCode</name>
            <value><int>1</int></value>
            </member>
            <member>
            <name>faultString</name>
            <value><string>&lt;class 'TypeError'&gt;:cannot marshal None unless allow_none is enabled</string></value>
            </member>
            </struct></value>
            </fault>
            </methodResponse>
            """;

    private final HttpServer http;
    private final BlockingQueue<byte[]> requests = new LinkedBlockingQueue<>();

    private CannedPeer(int status, String contentType, byte[] answer) throws IOException {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        http.createContext("/", exchange -> {
            try (exchange) {
                requests.add(exchange.getRequestBody().readAllBytes());
                exchange.getResponseHeaders().set("Content-Type", contentType);
                exchange.sendResponseHeaders(status, answer.length);
                exchange.getResponseBody().write(answer);
            }
        });
        http.start();
    }

    /** A peer answering every call with this XML-RPC response (HTTP 200, text/xml). */
    public static CannedPeer answering(String xml) {
        return answering(200, "text/xml", xml);
    }

    public static CannedPeer answering(int status, String contentType, String body) {
        try {
            return new CannedPeer(status, contentType, body.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Python-style successful response carrying one value (the XML inside {@code <value>}). */
    public static String pythonResponse(String value) {
        return "<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n<value>" + value
                + "</value>\n</param>\n</params>\n</methodResponse>\n";
    }

    public Endpoint endpoint() {
        return new Endpoint("127.0.0.1", http.getAddress().getPort());
    }

    /** The next request body received, waiting a few seconds at most. */
    public String nextRequest() {
        try {
            byte[] body = requests.poll(10, TimeUnit.SECONDS);
            if (body == null) {
                throw new AssertionError("the peer received no request within 10 s");
            }
            return new String(body, StandardCharsets.UTF_8);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
