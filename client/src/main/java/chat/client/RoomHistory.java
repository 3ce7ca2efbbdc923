package chat.client;

import chat.common.Message;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The last messages shown for one room, for {@code /history}: what joining answered and what arrived since, on
 * every visit to the room in this session. A message stamped no later than the newest one shown has been shown.
 */
final class RoomHistory {
    /** Enough to page back through a busy evening, small enough to never matter. */
    static final int LIMIT = 500;

    private final Deque<Message> messages = new ArrayDeque<>();
    private final int limit;
    /** The server timestamp of the newest message shown; it stays when older ones are dropped. */
    private double newest = Double.NEGATIVE_INFINITY;

    RoomHistory() {
        this(LIMIT);
    }

    RoomHistory(int limit) {
        this.limit = limit;
    }

    /** Keeps {@code message}, shown now; false, keeping nothing, when it was shown before. */
    synchronized boolean add(Message message) {
        if (shown(message)) {
            return false;
        }
        newest = message.timestamp();
        messages.addLast(message);
        while (messages.size() > limit) {
            messages.removeFirst();
        }
        return true;
    }

    /** Whether {@code message} was shown before (the room's server stamps its messages in increasing order). */
    synchronized boolean shown(Message message) {
        return message.timestamp() <= newest;
    }

    /** The newest {@code count} messages, oldest first. */
    synchronized List<Message> last(int count) {
        List<Message> all = List.copyOf(messages);
        return all.subList(Math.max(0, all.size() - count), all.size());
    }
}
