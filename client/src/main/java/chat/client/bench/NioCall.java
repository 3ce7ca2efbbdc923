package chat.client.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

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
    private ByteBuffer incoming = ByteBuffer.allocate(2048);
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
        String head = new String(bytes, 0, end, StandardCharsets.US_ASCII);
        int length = -1;
        boolean keepAlive = head.startsWith("HTTP/1.1");
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = line.substring(colon + 1).trim();
                if (name.equals("content-length")) {
                    length = Integer.parseInt(value);
                } else if (name.equals("connection")) {
                    keepAlive = value.equalsIgnoreCase("keep-alive");
                }
            }
        }
        if (length < 0) {
            close();
            throw new IOException("an answer without Content-Length");
        }
        if (incoming.position() < end + 4 + length) {
            return null;
        }
        String body = new String(bytes, end + 4, length, StandardCharsets.UTF_8);
        incoming.flip().position(end + 4 + length);
        incoming.compact();
        request = null;
        if (!keepAlive) {
            close();
        }
        if (!head.startsWith("HTTP/1.1 200") && !head.startsWith("HTTP/1.0 200")) {
            throw new IOException(head.lines().findFirst().orElse("no status line"));
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

    private static int headEnd(byte[] bytes, int limit) {
        for (int i = 0; i + 3 < limit; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
