package chat.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Arrays;

/**
 * One simulated chat user of the crowd scenario on a non-blocking keep-alive connection: it registers,
 * joins its room, then long-polls ({@code wait_messages}) or polls ({@code receive_messages}) for as
 * long as the run lasts, remembering every bench message it receives so that losses and duplicates
 * show. Driven by {@link Crowd}'s selector thread only.
 */
final class CrowdClient {
    /** How long a long-poll is held at the server, at most, when nothing new comes. */
    static final int WAIT_SECONDS = 20;

    /** What the answer now awaited is for. */
    enum Stage { REGISTER, JOIN, READ, IDLE, FAILED }

    final String user;
    final String room;
    final int roomIndex;
    private final String host;
    private final NioCall call;
    /**
     * The bench messages received, as one bitmap of sequence numbers per sender ({@link CrowdMessages#id}): a
     * few bytes per user however long the run, and nothing allocated per delivery, so that the generator's own
     * garbage collections (which it would measure as delivery time) stay rare and short.
     */
    private long[][] seen = new long[0][];
    private Stage stage = Stage.REGISTER;
    /** A timestamp cursor (from join_room's answer) until the first long-poll answers with a sequence number. */
    private Object cursor;
    long duplicates;
    long answers;
    /** Whether join_room answered: from then on the user is owed every message sent to its room. */
    boolean joined;
    /** For a polling client, when its next poll is due (System.nanoTime). */
    long nextPollAt;

    CrowdClient(String host, InetSocketAddress address, Selector selector, String user, String room, int roomIndex) {
        this.host = host;
        this.call = new NioCall(address, selector, this);
        this.user = user;
        this.room = room;
        this.roomIndex = roomIndex;
    }

    /** Connects and asks to register the user. */
    void start() throws IOException {
        send(RawCall.request(host, "register_user", user));
    }

    Stage stage() {
        return stage;
    }

    boolean hasSeen(long id) {
        int sender = CrowdMessages.sender(id);
        long seq = CrowdMessages.seq(id);
        if (sender >= seen.length || seen[sender] == null || (seq >>> 6) >= seen[sender].length) {
            return false;
        }
        return (seen[sender][(int) (seq >>> 6)] & (1L << seq)) != 0;
    }

    /** Asks for what is new: a long-poll held up to {@code waitSeconds}, or a plain poll when that is 0. */
    void read(int waitSeconds) throws IOException {
        stage = Stage.READ;
        send(waitSeconds > 0
                ? RawCall.request(host, "wait_messages", user, room, cursor, waitSeconds)
                : RawCall.request(host, "receive_messages", user, room, cursor));
    }

    private void send(byte[] request) throws IOException {
        call.send(request);
    }

    /**
     * Goes on with the call in flight as {@code key} (a selected key of this user's) allows; the body of
     * the whole answer, or null while it is incomplete.
     *
     * @throws IOException when the connection failed or the server answered other than 200
     */
    String step(SelectionKey key) throws IOException {
        String body;
        try {
            body = call.step(key);
        } catch (IOException e) {
            throw new IOException(user + ": " + e.getMessage(), e);
        }
        if (body != null) {
            answers++;
        }
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
                cursor = joinedAt == null ? new Verbatim("0.0") : joinedAt;
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
        if (hasSeen(id)) {
            duplicates++;
            return false;
        }
        int sender = CrowdMessages.sender(id);
        int word = (int) (CrowdMessages.seq(id) >>> 6);
        if (sender >= seen.length) {
            seen = Arrays.copyOf(seen, sender + 1);
        }
        if (seen[sender] == null || word >= seen[sender].length) {
            seen[sender] = Arrays.copyOf(seen[sender] == null ? new long[0] : seen[sender], Math.max(16, 2 * (word + 1)));
        }
        seen[sender][word] |= 1L << CrowdMessages.seq(id);
        return true;
    }

    void close() {
        call.close();
    }
}
