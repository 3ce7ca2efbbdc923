package chat.server.store;

import chat.common.Message;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * One room of an {@link InMemoryChatStore}: members, read cursors, messages and the calls waiting for the next
 * one. Every field is guarded by the room's monitor, which the store holds for each operation.
 */
final class MemoryRoom {
    /** The fewest waiters a room's list holds before it is rid of those that ended without a message. */
    private static final int MIN_PURGE = 16;

    final String name;
    final long order;
    final Set<String> members = new LinkedHashSet<>();
    final Map<String, Long> cursors = new HashMap<>();
    final MessageLog log;
    long lastSeq;
    double lastTimestamp;
    Instant emptySince;
    boolean removed;
    /** Calls waiting for this room's next message, and some that ended since without one (see purgeAt). */
    final List<CompletableFuture<Boolean>> waiters = new ArrayList<>();
    /** The size at which {@link #waiters} is next rid of the calls that ended: twice what it kept last time. */
    private int purgeAt = MIN_PURGE;
    /** Waiters woken by messages appended under the current lock, to be told once it is released. */
    private List<CompletableFuture<Boolean>> woken = List.of();

    /** Where each change is written before it is made. */
    private final ChangeLog changes;

    MemoryRoom(String name, long order, int historyLimit, Instant created, ChangeLog changes) {
        this.name = name;
        this.order = order;
        this.log = new MessageLog(historyLimit);
        this.emptySince = created;
        this.changes = changes;
    }

    /** Removes a member, announcing it with {@code notice}; false when it was not one. */
    boolean leave(String username, Message notice, Instant now) {
        if (!members.contains(username)) {
            return false;
        }
        StoredMessage stored = next(notice, now);
        boolean last = members.size() == 1;
        changes.left(name, username, stored, last ? now : null);
        members.remove(username);
        cursors.remove(username);
        add(stored);
        if (last) {
            emptySince = now;
        }
        return true;
    }

    /** Makes {@code username} a member, announcing it with {@code notice}; false when it was one already. */
    boolean join(String username, Message notice, Instant now) {
        if (members.contains(username)) {
            return false;
        }
        StoredMessage stored = next(notice, now);
        changes.joined(name, username, stored);
        members.add(username);
        emptySince = null;
        add(stored);
        return true;
    }

    /** Appends {@code draft}, stamped with {@code now} or just after the newest message, once the change log has it. */
    StoredMessage append(Message draft, Instant now) {
        StoredMessage stored = next(draft, now);
        changes.posted(name, stored);
        add(stored);
        return stored;
    }

    /** The message {@code draft} becomes when appended now: the next sequence number, a timestamp after the last. */
    private StoredMessage next(Message draft, Instant now) {
        double stamp = Math.max(epochSeconds(now), Math.nextUp(lastTimestamp));
        return new StoredMessage(lastSeq + 1, draft.withTimestamp(stamp));
    }

    /** Adds a message kept before (at start-up) or just written to the change log, and wakes the waiters. */
    void add(StoredMessage stored) {
        lastSeq = stored.seq();
        lastTimestamp = stored.message().timestamp();
        log.append(stored);
        if (!waiters.isEmpty()) {
            List<CompletableFuture<Boolean>> wake = new ArrayList<>(woken);
            wake.addAll(waiters);
            waiters.clear();
            woken = wake;
        }
    }

    /** Adds a call waiting for the next message. */
    void await(CompletableFuture<Boolean> waiter) {
        if (waiters.size() >= purgeAt) {
            // Calls that ended without a message (timed out) are dropped when the list has doubled since the
            // last look, not by a look through the whole list at every call: that was quadratic in the room.
            waiters.removeIf(CompletableFuture::isDone);
            purgeAt = Math.max(MIN_PURGE, 2 * waiters.size());
        }
        waiters.add(waiter);
    }

    List<CompletableFuture<Boolean>> takeWoken() {
        List<CompletableFuture<Boolean>> taken = woken;
        woken = List.of();
        return taken;
    }

    private static double epochSeconds(Instant instant) {
        return instant.getEpochSecond() + instant.getNano() / 1e9;
    }
}
