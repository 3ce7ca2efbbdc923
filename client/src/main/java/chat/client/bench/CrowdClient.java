package chat.client.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * One simulated chat user of the crowd scenario on a non-blocking keep-alive connection: it registers,
 * joins its room, then long-polls ({@code wait_messages}) or polls ({@code receive_messages}) for as
 * long as the run lasts, remembering every bench message it receives so that losses and duplicates
 * show. Driven by {@link Crowd}'s selector thread only.
 */
final class CrowdClient {
    /** What the answer now awaited is for. */
    enum Stage { REGISTER, JOIN, READ, IDLE, FAILED }

    final String user;
    final String room;
    final int roomIndex;
    private final String host;
    private final SocketChannel channel;
    private final Deque<ByteBuffer> outgoing = new ArrayDeque<>();
    private ByteBuffer incoming = ByteBuffer.allocate(2048);
    private final Set<Long> seen = new HashSet<>();
    private SelectionKey key;
    private Stage stage = Stage.REGISTER;
    /** A timestamp cursor (from join_room's answer) until the first long-poll answers with a sequence number. */
    private Object cursor;
    long duplicates;
    long answers;
    /** Whether join_room answered: from then on the user is owed every message sent to its room. */
    boolean joined;
    /** For a polling client, when its next poll is due (System.nanoTime). */
    long nextPollAt;

    CrowdClient(String host, SocketChannel channel, String user, String room, int roomIndex) {
        this.host = host;
        this.channel = channel;
        this.user = user;
        this.room = room;
        this.roomIndex = roomIndex;
    }

    void register(Selector selector) throws IOException {
        key = channel.register(selector, SelectionKey.OP_CONNECT | SelectionKey.OP_READ, this);
        if (channel.isConnected()) {
            key.interestOps(SelectionKey.OP_READ);
        }
        send(RawCall.request(host, "register_user", user));
    }

    Stage stage() {
        return stage;
    }

    int received() {
        return seen.size();
    }

    boolean hasSeen(long id) {
        return seen.contains(id);
    }

    /** Asks for what is new: a long-poll held up to {@code waitSeconds}, or a plain poll when that is 0. */
    void read(int waitSeconds) throws IOException {
        stage = Stage.READ;
        send(waitSeconds > 0
                ? RawCall.request(host, "wait_messages", user, room, cursor, waitSeconds)
                : RawCall.request(host, "receive_messages", user, room, cursor));
    }

    void finishConnect() throws IOException {
        channel.finishConnect();
        key.interestOps(outgoing.isEmpty() ? SelectionKey.OP_READ : SelectionKey.OP_READ | SelectionKey.OP_WRITE);
    }

    private void send(byte[] request) throws IOException {
        outgoing.add(ByteBuffer.wrap(request));
        flush();
    }

    void flush() throws IOException {
        if (!channel.isConnected()) {
            return;
        }
        while (!outgoing.isEmpty()) {
            ByteBuffer head = outgoing.peek();
            channel.write(head);
            if (head.hasRemaining()) {
                key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                return;
            }
            outgoing.poll();
        }
        key.interestOps(SelectionKey.OP_READ);
    }

    /**
     * Reads what has arrived; returns the body of a whole answer, or null while it is incomplete.
     *
     * @throws IOException when the server closed the connection or answered other than 200
     */
    String readAnswer() throws IOException {
        if (!incoming.hasRemaining()) {
            ByteBuffer bigger = ByteBuffer.allocate(incoming.capacity() * 2);
            incoming.flip();
            bigger.put(incoming);
            incoming = bigger;
        }
        if (channel.read(incoming) < 0) {
            throw new IOException(user + ": the server closed the connection");
        }
        byte[] bytes = incoming.array();
        int end = headEnd(bytes, incoming.position());
        if (end < 0) {
            return null;
        }
        String head = new String(bytes, 0, end, StandardCharsets.US_ASCII);
        int length = contentLength(head);
        if (incoming.position() < end + 4 + length) {
            return null;
        }
        String body = new String(bytes, end + 4, length, StandardCharsets.UTF_8);
        int consumed = end + 4 + length;
        incoming.flip().position(consumed);
        incoming.compact();
        if (!head.startsWith("HTTP/1.1 200")) {
            throw new IOException(user + ": " + head.lines().findFirst().orElse("no status line"));
        }
        answers++;
        return body;
    }

    /** Takes the answer of the current stage (and sends join_room after register_user); true when it was a fault. */
    boolean take(String body, CrowdMessages messages, long now) throws IOException {
        if (body.contains("<fault>")) {
            stage = Stage.FAILED;
            return true;
        }
        switch (stage) {
            case REGISTER -> {
                stage = Stage.JOIN;
                send(RawCall.request(host, "join_room", user, room));
            }
            case JOIN -> {
                Object joinedAt = messages.lastTimestamp(body);
                cursor = joinedAt == null ? new Bench.Verbatim("0.0") : joinedAt;
                joined = true;
                stage = Stage.IDLE;
            }
            case READ -> {
                messages.deliver(body, now, this);
                Object next = messages.nextCursor(body);
                if (next != null) {
                    cursor = next;
                }
                stage = Stage.IDLE;
            }
            default -> throw new IllegalStateException(user + ": an answer nobody asked for");
        }
        return false;
    }

    /** Records bench message {@code id}; false when it was seen before. */
    boolean remember(long id) {
        if (seen.add(id)) {
            return true;
        }
        duplicates++;
        return false;
    }

    void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing anyway
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

    private static int contentLength(String head) throws IOException {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("content-length")) {
                return Integer.parseInt(line.substring(colon + 1).trim());
            }
        }
        throw new IOException("an answer without Content-Length");
    }
}
