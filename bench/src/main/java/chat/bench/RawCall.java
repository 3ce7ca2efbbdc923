package chat.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One keep-alive HTTP connection that posts prepared XML-RPC calls and reads the answers with as little
 * work as possible, so that the load generator costs far less than the server it measures.
 */
final class RawCall implements AutoCloseable {
    private final String host;
    private final int port;
    private Socket socket;
    private OutputStream out;
    private InputStream in;

    RawCall(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** The XML-RPC request bytes (headers included) for {@code method(args)}; strings, ints and doubles. */
    static byte[] request(String host, String method, Object... args) {
        StringBuilder xml = new StringBuilder("<?xml version='1.0'?><methodCall><methodName>").append(method)
                .append("</methodName><params>");
        for (Object arg : args) {
            xml.append("<param><value>");
            if (arg == null) {
                xml.append("<nil/>");
            } else if (arg instanceof Integer i) {
                xml.append("<int>").append(i).append("</int>");
            } else if (arg instanceof Verbatim v) {
                xml.append("<double>").append(v.doubleText()).append("</double>");
            } else if (arg instanceof Double d) {
                xml.append("<double>").append(String.format(Locale.ROOT, "%.7f", d)).append("</double>");
            } else {
                xml.append("<string>").append(escape(arg.toString())).append("</string>");
            }
            xml.append("</value></param>");
        }
        xml.append("</params></methodCall>");
        byte[] body = xml.toString().getBytes(StandardCharsets.UTF_8);
        String head = "POST /RPC2 HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: text/xml\r\nContent-Length: "
                + body.length + "\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(body, 0, all, headBytes.length, body.length);
        return all;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Posts {@code request} and returns the response body; reconnects once if the server closed the connection. */
    String call(byte[] request) throws IOException {
        for (int attempt = 0; ; attempt++) {
            try {
                if (socket == null) {
                    connect();
                }
                out.write(request);
                out.flush();
                return readResponse();
            } catch (IOException e) {
                close();
                if (attempt > 0) {
                    throw e;
                }
            }
        }
    }

    private void connect() throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(30_000);
        socket.connect(new InetSocketAddress(host, port), 10_000);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
    }

    private String readResponse() throws IOException {
        int status = -1;
        int length = -1;
        boolean close = false;
        String line;
        while (!(line = readLine()).isEmpty()) {
            if (status < 0) {
                String[] parts = line.split(" ", 3);
                status = Integer.parseInt(parts[1]);
                continue;
            }
            int colon = line.indexOf(':');
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            if (name.equals("content-length")) {
                length = Integer.parseInt(value);
            } else if (name.equals("connection") && value.equalsIgnoreCase("close")) {
                close = true;
            }
        }
        byte[] body = length >= 0 ? in.readNBytes(length) : in.readAllBytes();
        if (close || length < 0) {
            close();
        }
        if (status != 200) {
            throw new IOException("HTTP " + status);
        }
        return new String(body, StandardCharsets.UTF_8);
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("the server closed the connection");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            socket = null;
        }
    }
}
