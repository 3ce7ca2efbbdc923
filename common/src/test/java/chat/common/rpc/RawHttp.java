package chat.common.rpc;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/**
 * One HTTP/1.1 exchange over a plain socket, with {@code Connection: close}: what a test needs to see
 * the exact bytes a peer puts on the wire, and to send bytes no XML-RPC library would write.
 */
public final class RawHttp {
    private static final int READ_TIMEOUT_MILLIS = 10_000;

    private RawHttp() {
    }

    /** A response as it came off the socket. */
    public record Response(int status, Map<String, String> headers, byte[] body) {
        /** The body decoded as UTF-8. */
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** A header's value by case-insensitive name, or null. */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /** Whether the body holds {@code bytes} somewhere. */
        public boolean bodyContains(byte[] bytes) {
            return indexOf(body, bytes) >= 0;
        }

        /** Whether the body is an XML-RPC fault. */
        public boolean isFault() {
            return evaluate("count(/methodResponse/fault)").equals("1");
        }

        /** The fault code of an XML-RPC fault response. */
        public int faultCode() {
            if (!isFault()) {
                throw new AssertionError("expected an XML-RPC fault, got: " + text());
            }
            return Integer.parseInt(evaluate("normalize-space(//fault//member[name='faultCode']/value)"));
        }

        /** The fault string of an XML-RPC fault response. */
        public String faultString() {
            if (!isFault()) {
                throw new AssertionError("expected an XML-RPC fault, got: " + text());
            }
            return evaluate("string(//fault//member[name='faultString']/value)");
        }

        private String evaluate(String xpath) {
            try {
                DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
                factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
                factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                Document document = factory.newDocumentBuilder().parse(new InputSource(new StringReader(text())));
                return (String) XPathFactory.newInstance().newXPath().evaluate(xpath, document, XPathConstants.STRING);
            } catch (Exception e) {
                throw new AssertionError("not an XML document: " + text(), e);
            }
        }
    }

    /** POSTs {@code xml} (encoded as UTF-8) to {@code path} on localhost. */
    public static Response post(int port, String path, String xml) {
        return post(port, path, xml.getBytes(StandardCharsets.UTF_8));
    }

    public static Response post(int port, String path, byte[] body) {
        String head = "POST " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nContent-Type: text/xml\r\n"
                + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
        return exchange(port, head, body);
    }

    public static Response get(int port, String path) {
        return exchange(port, "GET " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nConnection: close\r\n\r\n",
                new byte[0]);
    }

    /**
     * An XML-RPC call written the way Python's xmlrpc.client writes it; each parameter is the XML inside
     * {@code <value>}, e.g. {@code "<string>ana</string>"} or {@code "<nil/>"}.
     */
    public static String methodCall(String procedure, String... values) {
        StringBuilder xml = new StringBuilder("<?xml version='1.0'?>\n<methodCall>\n<methodName>")
                .append(procedure).append("</methodName>\n<params>\n");
        for (String value : values) {
            xml.append("<param>\n<value>").append(value).append("</value>\n</param>\n");
        }
        return xml.append("</params>\n</methodCall>\n").toString();
    }

    private static Response exchange(int port, String head, byte[] body) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            return parse(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("HTTP exchange with localhost:" + port + " failed", e);
        }
    }

    private static Response parse(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        byte[] bytes = all.toByteArray();
        int split = indexOf(bytes, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        if (split < 0) {
            throw new IOException("no complete HTTP response: " + new String(bytes, StandardCharsets.ISO_8859_1));
        }
        String[] lines = new String(bytes, 0, split, StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        byte[] body = Arrays.copyOfRange(bytes, split + 4, bytes.length);
        String length = headers.get("content-length");
        if (length != null && Integer.parseInt(length) != body.length) {
            throw new IOException("Content-Length " + length + " but " + body.length + " body bytes");
        }
        return new Response(status, headers, body);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
