package chat.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * One non-blocking HTTP connection with at most one XML-RPC call in flight, driven by one selector
 * thread. It keeps the connection open between calls unless the server says it closes it (HTTP/1.0
 * without keep-alive, as Python's SimpleXMLRPCServer, or {@code Connection: close}); then the next
 * call connects anew. A keep-alive connection the server closed before answering is tried once more
 * on a new connection, as {@link RawCall} does.
 */
final class NioCall {
    private final InetSocketAddress address;
    private final Selector selector;
    private final Object attachment;
    private SocketChannel channel;
    private SelectionKey key;
    /** What a connection holds for reading between answers; a larger answer grows it for as long as it takes. */
    private static final int READ_BYTES = 2048;
    private ByteBuffer incoming = ByteBuffer.allocate(READ_BYTES);
    /** What is left to write of the call in flight, or null. */
    private ByteBuffer outgoing;
    /** The call in flight, kept to send it again once on a new connection. */
    private byte[] request;
    private boolean retried;

    /** {@code attachment} is what the selector's keys of this connection carry. */
    NioCall(InetSocketAddress address, Selector selector, Object attachment) {
        this.address = address;
        this.selector = selector;
        this.attachment = attachment;
    }

    /** Sends {@code request} (connecting first when not connected); its answer comes from {@link #step}. */
    void send(byte[] call) throws IOException {
        request = call;
        retried = false;
        start();
    }

    private void start() throws IOException {
        outgoing = ByteBuffer.wrap(request);
        if (channel == null) {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            boolean connected = channel.connect(address);
            key = channel.register(selector, connected ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, attachment);
            if (!connected) {
                return;
            }
        }
        flush();
    }

    /**
     * Connects, writes or reads as {@code ready} (a selected key of this connection) allows; the body
     * of the whole answer, or null while there is none yet.
     *
     * @throws IOException when the connection failed, or the server answered other than 200
     */
    String step(SelectionKey ready) throws IOException {
        if (ready != key || !ready.isValid()) {
            return null; // a key of a connection closed since
        }
        if (ready.isConnectable()) {
            channel.finishConnect();
            flush();
            return null;
        }
        if (ready.isWritable()) {
            flush();
        }
        return ready.isValid() && ready.isReadable() ? readAnswer() : null;
    }

    private void flush() throws IOException {
        if (outgoing != null) {
            channel.write(outgoing);
            if (outgoing.hasRemaining()) {
                key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                return;
            }
            outgoing = null;
        }
        key.interestOps(SelectionKey.OP_READ);
    }

    private String readAnswer() throws IOException {
        if (!incoming.hasRemaining()) {
            ByteBuffer bigger = ByteBuffer.allocate(incoming.capacity() * 2);
            incoming.flip();
            bigger.put(incoming);
            incoming = bigger;
        }
        if (channel.read(incoming) < 0) {
            boolean nothing = incoming.position() == 0;
            close();
            if (nothing && request != null && !retried) {
                retried = true; // a kept connection the server had closed: once more on a new one
                start();
                return null;
            }
            throw new IOException(nothing ? "the server closed the connection without answering"
                    : "the server closed the connection in the middle of an answer");
        }
        byte[] bytes = incoming.array();
        int end = headEnd(bytes, incoming.position());
        if (end < 0) {
            return null;
        }
        // The head is read in place, byte by byte: this runs once per call, on the generator's only thread.
        int length = -1;
        boolean keepAlive = startsWith(bytes, 0, HTTP_11);
        int line = lineEnd(bytes, 0, end) + 2;
        while (line < end) {
            int next = lineEnd(bytes, line, end);
            if (startsWithIgnoreCase(bytes, line, CONTENT_LENGTH)) {
                length = number(bytes, line + CONTENT_LENGTH.length, next);
            } else if (startsWithIgnoreCase(bytes, line, CONNECTION)) {
                keepAlive = startsWithIgnoreCase(bytes, skipSpaces(bytes, line + CONNECTION.length, next), KEEP_ALIVE);
            }
            line = next + 2;
        }
        if (length < 0) {
            close();
            throw new IOException("an answer without Content-Length");
        }
        if (incoming.position() < end + 4 + length) {
            return null;
        }
        String body = new String(bytes, end + 4, length, StandardCharsets.UTF_8);
        String refusal = startsWith(bytes, 0, HTTP_11_OK) || startsWith(bytes, 0, HTTP_10_OK) ? null
                : new String(bytes, 0, lineEnd(bytes, 0, end), StandardCharsets.US_ASCII);
        incoming.flip().position(end + 4 + length);
        if (incoming.capacity() > READ_BYTES && incoming.remaining() <= READ_BYTES) {
            // Back to the usual size once a large answer is read: thousands of connections each keeping the
            // room their largest answer took (the join notices of a crowd) would hold hundreds of megabytes.
            incoming = ByteBuffer.allocate(READ_BYTES).put(incoming);
        } else {
            incoming.compact();
        }
        request = null;
        if (!keepAlive) {
            close();
        }
        if (refusal != null) {
            throw new IOException(refusal);
        }
        return body;
    }

    /** Closes the connection (the next call connects anew). */
    void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            channel = null;
            key = null;
            outgoing = null;
            incoming.clear();
        }
    }

    private static final byte[] HTTP_11 = ascii("HTTP/1.1");
    private static final byte[] HTTP_11_OK = ascii("HTTP/1.1 200");
    private static final byte[] HTTP_10_OK = ascii("HTTP/1.0 200");
    private static final byte[] CONTENT_LENGTH = ascii("content-length:");
    private static final byte[] CONNECTION = ascii("connection:");
    private static final byte[] KEEP_ALIVE = ascii("keep-alive");

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** The index of the CR ending the line that starts at {@code from}, or {@code end}. */
    private static int lineEnd(byte[] bytes, int from, int end) {
        for (int i = from; i + 1 < end; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        return end;
    }

    private static boolean startsWith(byte[] bytes, int at, byte[] prefix) {
        if (at + prefix.length > bytes.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** Whether the bytes at {@code at} are {@code lower}, in any case ({@code lower} is lower-case ASCII). */
    private static boolean startsWithIgnoreCase(byte[] bytes, int at, byte[] lower) {
        if (at + lower.length > bytes.length) {
            return false;
        }
        for (int i = 0; i < lower.length; i++) {
            byte b = bytes[at + i];
            if ((b >= 'A' && b <= 'Z' ? (byte) (b + 32) : b) != lower[i]) {
                return false;
            }
        }
        return true;
    }

    private static int skipSpaces(byte[] bytes, int from, int end) {
        int i = from;
        while (i < end && (bytes[i] == ' ' || bytes[i] == '\t')) {
            i++;
        }
        return i;
    }

    /** The decimal number between {@code from} and {@code end}, spaces around it allowed; -1 when there is none. */
    private static int number(byte[] bytes, int from, int end) {
        int i = skipSpaces(bytes, from, end);
        long value = 0;
        int digits = 0;
        while (i < end && bytes[i] >= '0' && bytes[i] <= '9' && digits < 10) {
            value = value * 10 + (bytes[i++] - '0');
            digits++;
        }
        return digits == 0 || skipSpaces(bytes, i, end) != end || value > Integer.MAX_VALUE ? -1 : (int) value;
    }

    private static int headEnd(byte[] bytes, int limit) {
        for (int i = 0; i + 3 < limit; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
