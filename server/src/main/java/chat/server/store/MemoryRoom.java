package chat.server.store;

import chat.common.Message;
import java.time.Instant;
import java.util.ArrayDeque;
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
 *
 * <p>A message is posted in two steps, so that the room is not held while its change log stores it: under the
 * monitor it is numbered and handed to the log ({@link #startPost}); once the log has stored it, the room is taken
 * again and every message stored by then is added, in order ({@link #settle}). Messages in flight are numbered
 * after each other; readers see a message only once it is added, so never out of order nor after a gap. A message
 * the log could not store is dropped with every one after it (the log refuses those too), and the numbers are
 * handed out again. Joins and leaves change the members: they first wait for the messages in flight to be added,
 * and messages posted meanwhile are started after them ({@link #whenNoneSettling}), so no thread waits for a post.
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

    /** Where each change is written before it is made. */
    private final ChangeLog changes;
    /** Messages handed to the change log and not yet added, oldest first. */
    private final ArrayDeque<Posting> inFlight = new ArrayDeque<>();
    /** Joins and leaves waiting for the messages in flight to be added. */
    private int settling;
    /** Posts that came while {@link #settling}: started, in order, once no join or leave waits. */
    private final ArrayDeque<Runnable> deferred = new ArrayDeque<>();
    /** What the thread holding the room runs once it lets it go: waking the calls a message woke, answering posts. */
    private List<Runnable> afterwards = List.of();

    MemoryRoom(String name, long order, int historyLimit, Instant created, ChangeLog changes) {
        this.name = name;
        this.order = order;
        this.log = new MessageLog(historyLimit);
        this.emptySince = created;
        this.changes = changes;
    }

    /** Removes a member, announcing it with {@code notice}; false when it was not one. */
    boolean leave(String username, Message notice, Instant now) {
        awaitSettled();
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
        awaitSettled();
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

    /**
     * Runs {@code post} (which checks who may post, then {@link #startPost}) now, or, while a join or leave waits for
     * the messages in flight, once it is done ({@link #startDeferred}): a post never waits, and never starves one.
     */
    void whenNoneSettling(Runnable post) {
        if (settling > 0) {
            deferred.addLast(post);
        } else {
            post.run();
        }
    }

    /** Starts the posts deferred by {@link #whenNoneSettling} once no join or leave waits; the lock's holder calls it last. */
    void startDeferred() {
        while (settling == 0 && !deferred.isEmpty()) {
            deferred.pollFirst().run();
        }
    }

    /** Has the thread holding the room run {@code action} once it lets the room go. */
    void afterwards(Runnable action) {
        if (afterwards.isEmpty()) {
            afterwards = new ArrayList<>(2);
        }
        afterwards.add(action);
    }

    List<Runnable> takeAfterwards() {
        List<Runnable> taken = afterwards;
        afterwards = List.of();
        return taken;
    }

    /**
     * Numbers {@code draft} (stamped with {@code now} or just after the newest message, in flight or not) and
     * hands it to the change log. When the log stored it at once and nothing is in flight, it is added now.
     *
     * @return the message on its way; {@link Posting#added} when it is added already
     * @throws ChangeNotSaved the log stores at once and could not; nothing changed
     */
    Posting startPost(Message draft, Instant now) {
        StoredMessage stored = next(draft, now);
        ChangeLog.Pending write = changes.postLater(name, stored, inFlight.isEmpty() ? null : inFlight.peekLast().write);
        Posting posting = new Posting(stored, write);
        if (inFlight.isEmpty() && write.isDone() && !write.failed()) {
            add(stored);
            posting.added = true;
        } else {
            inFlight.addLast(posting);
        }
        return posting;
    }

    /**
     * Adds, in order, each message in flight whose write is done: stored ones to the messages, failed ones (and so
     * every one after them) nowhere. Wakes the joins and leaves waiting once none is left in flight.
     */
    void settle() {
        while (!inFlight.isEmpty() && inFlight.peekFirst().write.isDone()) {
            Posting done = inFlight.pollFirst();
            if (!done.write.failed()) {
                add(done.stored);
                done.added = true;
            }
        }
        if (inFlight.isEmpty()) {
            notifyAll();
        }
    }

    /** Waits, letting the room go meanwhile, until no message is in flight; posts are deferred while this does. */
    private void awaitSettled() {
        if (inFlight.isEmpty()) {
            return;
        }
        boolean interrupted = false;
        settling++;
        try {
            while (!inFlight.isEmpty()) {
                interrupted |= waitHere();
            }
        } finally {
            settling--;
            notifyAll();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits on the room's monitor (held by the caller); answers whether the wait was interrupted. */
    private boolean waitHere() {
        try {
            wait();
            return false;
        } catch (InterruptedException e) {
            return true;
        }
    }

    /**
     * The message {@code draft} becomes when appended now: the sequence number after the newest message (in flight
     * or added), a timestamp after its.
     */
    private StoredMessage next(Message draft, Instant now) {
        long seq = inFlight.isEmpty() ? lastSeq : inFlight.peekLast().stored.seq();
        double newest = inFlight.isEmpty() ? lastTimestamp : inFlight.peekLast().stored.message().timestamp();
        double stamp = Math.max(epochSeconds(now), Math.nextUp(newest));
        return new StoredMessage(seq + 1, draft.withTimestamp(stamp));
    }

    /** A message handed to the change log: its write, and whether it is added to the room yet. */
    static final class Posting {
        final StoredMessage stored;
        final ChangeLog.Pending write;
        /** Whether it is in the room's messages. Guarded by the room's monitor. */
        boolean added;

        Posting(StoredMessage stored, ChangeLog.Pending write) {
            this.stored = stored;
            this.write = write;
        }
    }

    /** Adds a message kept before (at start-up) or just written to the change log, and wakes the waiters. */
    void add(StoredMessage stored) {
        lastSeq = stored.seq();
        lastTimestamp = stored.message().timestamp();
        log.append(stored);
        if (!waiters.isEmpty()) {
            List<CompletableFuture<Boolean>> wake = new ArrayList<>(waiters);
            waiters.clear();
            afterwards(() -> wake.forEach(waiter -> waiter.complete(true))); // told once the room is let go
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


    private static double epochSeconds(Instant instant) {
        return instant.getEpochSecond() + instant.getNano() / 1e9;
    }
}
