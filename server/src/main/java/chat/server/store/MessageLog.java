package chat.server.store;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A room's newest messages in a ring of fixed capacity: appending past the capacity drops the oldest.
 * Messages are ordered by sequence number and by timestamp, both strictly increasing, so a read from
 * a cursor costs a binary search plus the messages returned, however long the history. Not
 * thread-safe: its room guards it. Public for the clustered store, whose rooms keep one each.
 */
public final class MessageLog {
    private final StoredMessage[] ring;
    private int head;
    private int size;

    /**
     * An empty log.
     *
     * @param capacity how many messages it keeps at most
     */
    public MessageLog(int capacity) {
        ring = new StoredMessage[capacity];
    }

    /**
     * Appends the room's newest message, dropping the oldest when the log is full.
     *
     * @param message a message newer, by sequence number and timestamp, than every one held
     */
    public void append(StoredMessage message) {
        if (size == ring.length) {
            ring[head] = message;
            head = (head + 1) % ring.length;
        } else {
            ring[(head + size) % ring.length] = message;
            size++;
        }
    }

    /** {@return the newest message, or null when empty} */
    public StoredMessage newest() {
        return size == 0 ? null : get(size - 1);
    }

    /**
     * Messages with a sequence number above {@code seq} that pass {@code visible}, oldest first.
     *
     * @param seq     a sequence number
     * @param visible which messages the reader may see
     * @return the messages
     */
    public List<StoredMessage> afterSeq(long seq, Predicate<StoredMessage> visible) {
        int from = firstIndex(m -> m.seq() > seq);
        return collect(from, visible);
    }

    /**
     * Messages stamped after {@code timestamp} that pass {@code visible}, oldest first.
     *
     * @param timestamp a server timestamp, seconds since the Unix epoch
     * @param visible   which messages the reader may see
     * @return the messages
     */
    public List<StoredMessage> afterTimestamp(double timestamp, Predicate<StoredMessage> visible) {
        int from = firstIndex(m -> m.message().timestamp() > timestamp);
        return collect(from, visible);
    }

    /**
     * The sequence number of the newest message stamped at or before {@code timestamp}: the one before
     * the first message stamped after it.
     *
     * @param timestamp a server timestamp, seconds since the Unix epoch
     * @param newest    the room's newest sequence number
     * @return the sequence number; {@code newest} when no message is stamped after {@code timestamp}
     */
    public long seqAtOrBefore(double timestamp, long newest) {
        int first = firstIndex(m -> m.message().timestamp() > timestamp);
        return first < size ? get(first).seq() - 1 : newest;
    }

    /**
     * The newest {@code count} messages that pass {@code visible}, oldest first.
     *
     * @param count   how many at most
     * @param visible which messages the reader may see
     * @return the messages
     */
    public List<StoredMessage> newest(int count, Predicate<StoredMessage> visible) {
        List<StoredMessage> picked = new ArrayList<>(Math.min(count, size));
        for (int i = size - 1; i >= 0 && picked.size() < count; i--) {
            StoredMessage message = get(i);
            if (visible.test(message)) {
                picked.add(message);
            }
        }
        java.util.Collections.reverse(picked);
        return picked;
    }

    /** {@return how many messages it keeps at most} */
    public int capacity() {
        return ring.length;
    }

    /** {@return every message it holds, oldest first} */
    public List<StoredMessage> all() {
        return collect(0, message -> true);
    }

    private List<StoredMessage> collect(int from, Predicate<StoredMessage> visible) {
        List<StoredMessage> result = new ArrayList<>(size - from);
        for (int i = from; i < size; i++) {
            StoredMessage message = get(i);
            if (visible.test(message)) {
                result.add(message);
            }
        }
        return result;
    }

    /** The index of the first message for which {@code after} holds; {@code after} is monotonic. */
    private int firstIndex(Predicate<StoredMessage> after) {
        int low = 0;
        int high = size;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (after.test(get(mid))) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }

    private StoredMessage get(int index) {
        return ring[(head + index) % ring.length];
    }
}
