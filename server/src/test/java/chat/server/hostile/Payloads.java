package chat.server.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/** The bytes the hostile suite sends: HTTP requests written by hand and XML-RPC bodies no library would write. */
final class Payloads {
    private static final String EXTENSIONS = "http://ws.apache.org/xmlrpc/namespaces/extensions";

    private Payloads() {
    }

    // ---- HTTP ----------------------------------------------------------------------------------------

    /** A keep-alive HTTP/1.1 POST of {@code body} to {@code /}, as Python's client writes it. */
    static byte[] post(byte[] body) {
        return request("POST / HTTP/1.1", body, "Content-Type: text/xml", "Content-Length: " + body.length);
    }

    static byte[] post(String xml) {
        return post(utf8(xml));
    }

    /** The same POST asking the server to close the connection after answering. */
    static byte[] postClosing(byte[] body) {
        return request("POST / HTTP/1.1", body, "Content-Type: text/xml", "Content-Length: " + body.length,
                "Connection: close");
    }

    static byte[] postClosing(String xml) {
        return postClosing(utf8(xml));
    }

    /** {@code requestLine}, a Host header, {@code headers}, a blank line and {@code body}, byte for byte. */
    static byte[] request(String requestLine, byte[] body, String... headers) {
        StringBuilder head = new StringBuilder(requestLine).append("\r\nHost: localhost\r\n");
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        head.append("\r\n");
        return concat(head.toString().getBytes(StandardCharsets.ISO_8859_1), body);
    }

    /** {@code body} in HTTP chunks of {@code chunk} bytes, with the final empty chunk. */
    static byte[] chunked(byte[] body, int chunk) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int at = 0; at < body.length; at += chunk) {
            int n = Math.min(chunk, body.length - at);
            out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body, at, n);
            out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    // ---- XML-RPC -------------------------------------------------------------------------------------

    /** A methodCall of {@code procedure}; each value is the XML inside {@code <value>}. */
    static String call(String procedure, String... values) {
        return call(procedure, List.of(values));
    }

    static String call(String procedure, List<String> values) {
        StringBuilder xml = new StringBuilder("<?xml version='1.0'?>\n<methodCall>\n<methodName>")
                .append(procedure).append("</methodName>\n<params>\n");
        for (String value : values) {
            xml.append("<param><value>").append(value).append("</value></param>\n");
        }
        return xml.append("</params>\n</methodCall>\n").toString();
    }

    /** A {@code <string>} value, escaped. */
    static String string(String text) {
        return "<string>" + text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") + "</string>";
    }

    static String integer(int value) {
        return "<int>" + value + "</int>";
    }

    static String nil() {
        return "<nil/>";
    }

    /**
     * The "billion laughs": ten entities, each ten of the one before, so {@code &lol9;} is a billion
     * "lol"s (3 GB) if a parser expands it.
     */
    static String billionLaughs(String procedure) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE methodCall [\n <!ENTITY lol0 \"lol\">\n");
        for (int i = 1; i <= 9; i++) {
            xml.append(" <!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10)).append("\">\n");
        }
        xml.append("]>\n<methodCall><methodName>").append(procedure)
                .append("</methodName><params><param><value><string>&lol9;</string></value></param></params></methodCall>\n");
        return xml.toString();
    }

    /** An external entity naming a file of the server's machine, used as the call's one argument. */
    static String externalEntity(String procedure, String systemId) {
        return "<?xml version=\"1.0\"?>\n<!DOCTYPE methodCall [<!ENTITY xxe SYSTEM \"" + systemId + "\">]>\n"
                + "<methodCall><methodName>" + procedure + "</methodName><params><param><value><string>&xxe;</string>"
                + "</value></param></params></methodCall>\n";
    }

    /** A parameter entity that would make the parser fetch {@code url} while reading the DOCTYPE. */
    static String externalDtd(String procedure, String url) {
        return "<?xml version=\"1.0\"?>\n<!DOCTYPE methodCall [<!ENTITY % remote SYSTEM \"" + url + "\"> %remote;]>\n"
                + call(procedure, string("x")).substring("<?xml version='1.0'?>\n".length());
    }

    /** An {@code <ex:serializable>} value: {@code object} in Java serialization, as the library's extensions carry it. */
    static String serializable(Serializable object) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "<ex:serializable xmlns:ex=\"" + EXTENSIONS + "\">" + Base64.getEncoder().encodeToString(bytes.toByteArray())
                + "</ex:serializable>";
    }

    /** An array nested {@code depth} deep around an int, closed or left open (then the document never ends). */
    static String nestedArrays(int depth, boolean closed) {
        StringBuilder xml = new StringBuilder(depth * 44 + 16);
        xml.append("<array><data>");
        for (int i = 1; i < depth; i++) {
            xml.append("<value><array><data>");
        }
        if (closed) {
            xml.append("<value><int>1</int></value>");
            for (int i = 1; i < depth; i++) {
                xml.append("</data></array></value>");
            }
            xml.append("</data></array>");
        }
        return xml.toString();
    }

    /** A struct nested {@code depth} deep (each the one member of the one above), closed or left open. */
    static String nestedStructs(int depth, boolean closed) {
        StringBuilder xml = new StringBuilder(depth * 72 + 16);
        xml.append("<struct>");
        for (int i = 1; i < depth; i++) {
            xml.append("<member><name>m</name><value><struct>");
        }
        if (closed) {
            for (int i = 1; i < depth; i++) {
                xml.append("</struct></value></member>");
            }
            xml.append("</struct>");
        }
        return xml.toString();
    }

    /** A call of {@code procedure} with {@code count} int parameters. */
    static String manyParams(String procedure, int count) {
        StringBuilder xml = new StringBuilder(count * 40 + 128)
                .append("<?xml version='1.0'?>\n<methodCall><methodName>").append(procedure).append("</methodName><params>");
        for (int i = 0; i < count; i++) {
            xml.append("<param><value><int>").append(i % 10).append("</int></value></param>");
        }
        return xml.append("</params></methodCall>\n").toString();
    }

    /** A call whose document is cut off where {@code open} ends: the XML never closes. */
    static String unclosedCall(String procedure, String open) {
        return "<?xml version='1.0'?>\n<methodCall><methodName>" + procedure + "</methodName><params><param><value>" + open;
    }

    // ---- not HTTP at all -----------------------------------------------------------------------------

    /** {@code count} bytes from a fixed seed (so every run sends the same), ending in a blank line. */
    static byte[] randomBytes(long seed, int count) {
        byte[] bytes = new byte[count];
        new Random(seed).nextBytes(bytes);
        return concat(bytes, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * A TLS 1.2 ClientHello for "localhost", as a browser pointed at https:// on this port sends first: a
     * handshake record with no line break a line-based parser could stop at.
     */
    static byte[] tlsClientHello() {
        byte[] host = "localhost".getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream sni = new ByteArrayOutputStream();
        sni.writeBytes(new byte[] {0x00, 0x00}); // extension: server_name
        int listLength = host.length + 3;
        writeShort(sni, listLength + 2);
        writeShort(sni, listLength);
        sni.write(0x00); // host_name
        writeShort(sni, host.length);
        sni.writeBytes(host);
        byte[] extensions = sni.toByteArray();

        ByteArrayOutputStream hello = new ByteArrayOutputStream();
        hello.writeBytes(new byte[] {0x03, 0x03}); // TLS 1.2
        byte[] random = new byte[32];
        new Random(7).nextBytes(random);
        hello.writeBytes(random);
        hello.write(0x00); // no session id
        writeShort(hello, 4);
        hello.writeBytes(new byte[] {(byte) 0xc0, 0x2f, 0x00, (byte) 0x9c}); // two cipher suites
        hello.writeBytes(new byte[] {0x01, 0x00}); // compression: null
        writeShort(hello, extensions.length);
        hello.writeBytes(extensions);
        byte[] body = hello.toByteArray();

        ByteArrayOutputStream record = new ByteArrayOutputStream();
        record.writeBytes(new byte[] {0x16, 0x03, 0x01}); // handshake record, TLS 1.0 framing
        writeShort(record, body.length + 4);
        record.write(0x01); // ClientHello
        record.write(0x00);
        writeShort(record, body.length);
        record.writeBytes(body);
        return record.toByteArray();
    }

    private static void writeShort(ByteArrayOutputStream out, int value) {
        out.write((value >> 8) & 0xff);
        out.write(value & 0xff);
    }

    // ---- bytes ---------------------------------------------------------------------------------------

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** {@code xml} with the marker {@code @} replaced by {@code bytes}: how invalid bytes get into a body. */
    static byte[] withBytes(String xml, byte... bytes) {
        int at = xml.indexOf('@');
        return concat(utf8(xml.substring(0, at)), bytes, utf8(xml.substring(at + 1)));
    }
}
