package chat.server.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import chat.common.rpc.RawHttp;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One raw TCP connection to an endpoint under attack: exact bytes out; HTTP responses, a close, a reset
 * or silence in. Every wait has a deadline, so no test hangs on a server that stopped answering, and
 * every response read is checked for {@link Leaks}.
 */
final class Wire implements AutoCloseable {
    /** How long a test waits for anything the server should do promptly, unless it says otherwise. */
    static final Duration PATIENCE = Duration.ofSeconds(5);
    private static final int MAX_HEAD_BYTES = 64 * 1024;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private Wire(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Connects to {@code port} on the loopback address. */
    static Wire open(int port) throws IOException {
        return open(null, port);
    }

    /** Connects to {@code port} on the loopback address from the local address {@code from} (null: any). */
    static Wire open(InetAddress from, int port) throws IOException {
        Socket socket = new Socket();
        try {
            if (from != null) {
                socket.bind(new InetSocketAddress(from, 0));
            }
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), (int) PATIENCE.toMillis());
            socket.setTcpNoDelay(true);
            socket.setSoTimeout((int) PATIENCE.toMillis());
            return new Wire(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** Sends {@code request} on a new connection and reads the one reply. */
    static Reply exchange(int port, byte[] request) throws IOException {
        return exchange(port, request, PATIENCE);
    }

    /** Sends {@code request} on a new connection and reads the one reply, waiting at most {@code within}. */
    static Reply exchange(int port, byte[] request, Duration within) throws IOException {
        try (Wire wire = open(port)) {
            wire.send(request);
            return wire.read(within);
        }
    }

    /** Writes all of {@code bytes} and flushes. */
    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    void send(String ascii) throws IOException {
        send(ascii.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Writes {@code bytes}; false when the server has already closed the connection. */
    boolean trySend(byte[] bytes) {
        try {
            send(bytes);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** What a read found: a whole response, or the connection's end, or nothing before the deadline. */
    record Reply(Kind kind, RawHttp.Response response, String detail) {
        enum Kind { RESPONSE, CLOSED, RESET, SILENT }

        static Reply of(RawHttp.Response response) {
            return new Reply(Kind.RESPONSE, response, null);
        }

        boolean isResponse() {
            return kind == Kind.RESPONSE;
        }

        /** The connection ended (orderly or by a reset) before a response began. */
        boolean isEnd() {
            return kind == Kind.CLOSED || kind == Kind.RESET;
        }

        int status() {
            return isResponse() ? response.status() : -1;
        }

        /** Fails unless this is a response with one of {@code statuses}; returns it. */
        RawHttp.Response assertStatus(int... statuses) {
            if (!isResponse() || Arrays.stream(statuses).noneMatch(s -> s == response.status())) {
                fail("expected HTTP " + Arrays.toString(statuses) + ", got " + describe());
            }
            return response;
        }

        /** Fails unless this is an HTTP 200 XML-RPC fault with one of {@code codes}; returns it. */
        RawHttp.Response assertFault(int... codes) {
            RawHttp.Response ok = assertStatus(200);
            if (!ok.isFault()) {
                fail("expected an XML-RPC fault " + Arrays.toString(codes) + ", got a result: " + Leaks.excerpt(ok.text()));
            }
            if (Arrays.stream(codes).noneMatch(c -> c == ok.faultCode())) {
                fail("expected fault " + Arrays.toString(codes) + ", got fault " + ok.faultCode() + ": "
                        + Leaks.excerpt(ok.faultString()));
            }
            return ok;
        }

        /** Fails unless this is an HTTP 200 XML-RPC result (not a fault); returns it. */
        RawHttp.Response assertResult() {
            RawHttp.Response ok = assertStatus(200);
            if (ok.isFault()) {
                fail("expected a result, got fault " + ok.faultCode() + ": " + Leaks.excerpt(ok.faultString()));
            }
            return ok;
        }

        String describe() {
            return switch (kind) {
                case RESPONSE -> "HTTP " + response.status() + " " + Leaks.excerpt(response.text().strip());
                case CLOSED -> "the connection closed without a response";
                case RESET -> "the connection was reset without a response (" + detail + ")";
                case SILENT -> "no response and no close within " + detail;
            };
        }
    }

    /** Reads the next response, waiting at most {@code within}; interim 1xx responses are skipped. */
    Reply read(Duration within) throws IOException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            Reply reply = readOne(deadline, within);
            if (!reply.isResponse() || reply.status() >= 200) {
                return reply;
            }
        }
    }

    private Reply readOne(long deadline, Duration within) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        try {
            while (!endsWithBlankLine(head)) {
                int b = readByte(deadline);
                if (b < 0) {
                    if (head.size() == 0) {
                        return new Reply(Reply.Kind.CLOSED, null, null);
                    }
                    throw new AssertionError("the connection closed in the middle of a response head: "
                            + head.toString(StandardCharsets.ISO_8859_1));
                }
                head.write(b);
                if (head.size() > MAX_HEAD_BYTES) {
                    throw new AssertionError("a response head longer than " + MAX_HEAD_BYTES + " bytes");
                }
            }
        } catch (SocketTimeoutException e) {
            if (head.size() == 0) {
                return new Reply(Reply.Kind.SILENT, null, within.toMillis() + " ms");
            }
            throw new AssertionError("an incomplete response head after " + within.toMillis() + " ms: "
                    + head.toString(StandardCharsets.ISO_8859_1));
        } catch (SocketException e) {
            if (head.size() == 0) {
                return new Reply(Reply.Kind.RESET, null, e.getMessage());
            }
            throw new AssertionError("the connection was reset in the middle of a response head: "
                    + head.toString(StandardCharsets.ISO_8859_1), e);
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.")) {
            throw new AssertionError("not an HTTP response: " + lines[0]);
        }
        int status = Integer.parseInt(statusLine[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        byte[] body = readBody(status, headers, deadline);
        RawHttp.Response response = new RawHttp.Response(status, headers, body);
        Leaks.assertNone(response);
        return Reply.of(response);
    }

    private byte[] readBody(int status, Map<String, String> headers, long deadline) throws IOException {
        if (status < 200 || status == 204 || status == 304) {
            return new byte[0];
        }
        String encoding = headers.get("transfer-encoding");
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String sizeLine = readLine(deadline);
                int size = Integer.parseInt(sizeLine.split(";", 2)[0].trim(), 16);
                if (size == 0) {
                    while (!readLine(deadline).isEmpty()) {
                        // trailers: none expected, none kept
                    }
                    return body.toByteArray();
                }
                body.write(readExactly(size, deadline));
                readLine(deadline);
            }
        }
        String length = headers.get("content-length");
        if (length != null) {
            return readExactly(Integer.parseInt(length), deadline);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int b = readByte(deadline); b >= 0; b = readByte(deadline)) {
            body.write(b);
        }
        return body.toByteArray();
    }

    private String readLine(long deadline) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = readByte(deadline);
            if (b < 0) {
                throw new AssertionError("the connection closed in the middle of a chunked body");
            }
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
    }

    private byte[] readExactly(int count, long deadline) throws IOException {
        byte[] bytes = new byte[count];
        int done = 0;
        while (done < count) {
            setTimeout(deadline);
            int n = in.read(bytes, done, count - done);
            if (n < 0) {
                throw new AssertionError("the connection closed after " + done + " of " + count + " body bytes");
            }
            done += n;
        }
        return bytes;
    }

    private int readByte(long deadline) throws IOException {
        setTimeout(deadline);
        return in.read();
    }

    private void setTimeout(long deadline) throws IOException {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new SocketTimeoutException("deadline passed");
        }
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
    }

    private static boolean endsWithBlankLine(ByteArrayOutputStream head) {
        byte[] bytes = head.toByteArray();
        int n = bytes.length;
        // A bare LF LF is accepted too, though a server should not send it.
        return n >= 4 && bytes[n - 4] == '\r' && bytes[n - 3] == '\n' && bytes[n - 2] == '\r' && bytes[n - 1] == '\n'
                || n >= 2 && bytes[n - 2] == '\n' && bytes[n - 1] == '\n';
    }

    /** How the connection ended while a test waited for its end. */
    enum End { CLOSED, RESET, STILL_OPEN }

    /**
     * Waits up to {@code within} for the server to end the connection. Bytes that arrive meanwhile are a
     * failure: the server was expected to have said all it had to say.
     */
    End awaitEnd(Duration within) throws IOException {
        long deadline = System.nanoTime() + within.toNanos();
        ByteArrayOutputStream extra = new ByteArrayOutputStream();
        try {
            while (true) {
                int b = readByte(deadline);
                if (b < 0) {
                    break;
                }
                extra.write(b);
            }
        } catch (SocketTimeoutException e) {
            assertEquals(0, extra.size(), () -> "unexpected bytes: " + Leaks.excerpt(extra.toString(StandardCharsets.ISO_8859_1)));
            return End.STILL_OPEN;
        } catch (SocketException e) {
            assertEquals(0, extra.size(), () -> "unexpected bytes: " + Leaks.excerpt(extra.toString(StandardCharsets.ISO_8859_1)));
            return End.RESET;
        }
        assertEquals(0, extra.size(), () -> "unexpected bytes: " + Leaks.excerpt(extra.toString(StandardCharsets.ISO_8859_1)));
        return End.CLOSED;
    }

    /** Fails unless the server closes (or resets) the connection within {@code within}. */
    void assertClosedWithin(Duration within, String after) throws IOException {
        End end = awaitEnd(within);
        assertTrue(end != End.STILL_OPEN, () -> "the server left the connection open for " + within.toMillis()
                + " ms after " + after);
    }

    /**
     * The reply to a request the server must refuse at the HTTP level: one of {@code statuses} and then the
     * connection closed, or the connection closed (or reset) without a word, all within {@code within}.
     */
    void assertRefusedOrClosed(Duration within, String what, int... statuses) throws IOException {
        Reply reply = read(within);
        if (reply.isResponse()) {
            reply.assertStatus(statuses);
            assertClosedWithin(within, "answering HTTP " + reply.status() + " to " + what);
        } else if (!reply.isEnd()) {
            fail("expected HTTP " + Arrays.toString(statuses) + " or a closed connection for " + what + ", got "
                    + reply.describe());
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing is best effort: the server may have reset it already
        }
    }
}
