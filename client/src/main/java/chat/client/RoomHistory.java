package chat.client;

import chat.common.Message;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** The last messages shown for one room, for {@code /history}: what joining answered and what arrived since. */
final class RoomHistory {
    /** Enough to page back through a busy evening, small enough to never matter. */
    static final int LIMIT = 500;

    private final Deque<Message> messages = new ArrayDeque<>();
    private final int limit;

    RoomHistory() {
        this(LIMIT);
    }

    RoomHistory(int limit) {
        this.limit = limit;
    }

    synchronized void add(Message message) {
        messages.addLast(message);
        while (messages.size() > limit) {
            messages.removeFirst();
        }
    }

    /** The newest {@code count} messages, oldest first. */
    synchronized List<Message> last(int count) {
        List<Message> all = List.copyOf(messages);
        return all.subList(Math.max(0, all.size() - count), all.size());
    }
}
