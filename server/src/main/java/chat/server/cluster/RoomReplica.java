package chat.server.cluster;

import chat.server.store.MessageLog;
import chat.server.store.Reading;
import chat.server.store.StoredMessage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * This server's copy of one room, so that the reads of its users (members, newest messages, waiting for the
 * next one) are answered from its own memory, on the thread that asked, with no call to the member that owns
 * the room.
 *
 * <p>The copy starts from a {@link RoomCopy} the owner sends, then follows the room through the
 * {@link RoomEvent}s every server publishes after each change, each carrying the stored message. It applies a
 * message only when it is the next one (sequence number {@code last + 1}); one that arrives early (two servers
 * posted at once and their events crossed) waits in {@link #early} for the ones before it. So the copy is
 * always a prefix of the room's history: in order, with no hole, its members exactly those of its newest
 * message. While a message is missing ({@link #complete()} is false), or after something may have been lost
 * (a member left the cluster: {@link #suspect()}), readers catch it up from the owner before they read.
 *
 * <p>What the copy cannot know is a message whose event is still on its way: a read on this server may
 * answer a moment before a message stored through another server shows, never out of order and never
 * skipping one. Messages stored through this server are applied before their call is answered.
 *
 * <p>Thread-safe: every field is guarded by the copy's monitor; waiters are completed after it is released.
 */
final class RoomReplica {
    private final String name;
    private boolean loaded;
    private boolean gone;
    private boolean suspect;
    private long order;
    private final Set<String> members = new LinkedHashSet<>();
    private MessageLog log;
    private long lastSeq;
    /** Messages that arrived before the ones they follow, by sequence number. */
    private final TreeMap<Long, RoomEvent> early = new TreeMap<>();
    /** Calls waiting for a message after a sequence number. */
    private final List<Waiter> waiters = new ArrayList<>();
    /** When a reader last used the copy ({@link System#nanoTime()}), so an unread copy can be dropped. */
    private volatile long lastUsed = System.nanoTime();

    RoomReplica(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    /** Whether readers may trust it as it is: loaded, no message missing before one it holds, nothing suspected. */
    synchronized boolean complete() {
        return loaded && early.isEmpty() && !suspect && !gone;
    }

    synchronized boolean gone() {
        return gone;
    }

    /** The sequence number to ask the owner for messages after: the newest applied, 0 before the first copy. */
    synchronized long catchUpFrom() {
        return loaded ? lastSeq : 0;
    }

    /** Something may have been lost (a member left the cluster): the next reader asks the owner first. */
    synchronized void suspect() {
        suspect = true;
    }

    /** Whether a message is missing before one that arrived: a catch-up is due if it does not arrive soon. */
    synchronized boolean waitingForAHole() {
        return !early.isEmpty();
    }

    /**
     * Brings the copy up to the owner's {@code copy}, asked from {@link #catchUpFrom()}: its messages are
     * appended when they continue this copy, else (a first copy, or one that missed more than the owner keeps)
     * they replace it.
     *
     * @return false when the copy is of another room of the same name (this one was removed and made again):
     *         this copy is of no use any more
     */
    boolean catchUp(RoomCopy copy) {
        List<CompletableFuture<Boolean>> woken;
        synchronized (this) {
            if (loaded && copy.order() != order) {
                return false;
            }
            if (gone || (loaded && copy.lastSeq() < lastSeq)) {
                return true; // removed meanwhile, or an older answer than what the events already brought
            }
            boolean append = loaded && copy.from() != 0;
            if (!append) {
                log = new MessageLog(copy.capacity());
            }
            for (StoredMessage message : copy.messages()) {
                if (!append || message.seq() > lastSeq) {
                    log.append(message);
                }
            }
            order = copy.order();
            members.clear();
            members.addAll(copy.members());
            lastSeq = copy.lastSeq();
            loaded = true;
            suspect = false;
            early.headMap(lastSeq, true).clear();
            woken = drainEarly(true);
        }
        woken.forEach(waiter -> waiter.complete(true));
        return true;
    }

    /** Whether this copy is of a room created before the {@code order}-th one: of an earlier room of that name. */
    synchronized boolean createdBefore(long order) {
        return loaded && this.order < order;
    }

    /**
     * Applies a message event: at once when it is the next message, else kept until the ones before it arrive.
     * Events already applied are ignored, so an event may come twice (published again after a failover).
     */
    void apply(RoomEvent event) {
        List<CompletableFuture<Boolean>> woken;
        synchronized (this) {
            if (gone || (loaded && event.seq() <= lastSeq)) {
                return;
            }
            early.put(event.seq(), event);
            woken = loaded ? drainEarly(false) : List.of();
        }
        woken.forEach(waiter -> waiter.complete(true));
    }

    /** Applies every early event that is now next; returns the waiters the new messages wake. */
    private List<CompletableFuture<Boolean>> drainEarly(boolean advanced) {
        for (Map.Entry<Long, RoomEvent> next = early.firstEntry(); next != null && next.getKey() <= lastSeq + 1;
             next = early.firstEntry()) {
            early.pollFirstEntry();
            if (next.getKey() == lastSeq + 1) {
                applyNext(next.getValue());
                advanced = true;
            }
        }
        if (!advanced || waiters.isEmpty()) {
            return List.of();
        }
        List<CompletableFuture<Boolean>> woken = new ArrayList<>();
        waiters.removeIf(waiter -> {
            if (waiter.next.isDone()) {
                return true;
            }
            if (waiter.afterSeq < lastSeq) {
                woken.add(waiter.next);
                return true;
            }
            return false;
        });
        return woken;
    }

    private void applyNext(RoomEvent event) {
        switch (event.change()) {
            case JOINED -> members.add(event.member());
            case LEFT -> members.remove(event.member());
            case NONE -> {
            }
        }
        log.append(event.message());
        lastSeq = event.seq();
    }

    /**
     * Runs {@code action} unless the room is removed, holding its removal off meanwhile: what the action records of
     * the room (its place in the room list) is recorded before the removal is, never after it.
     *
     * @return whether it ran
     */
    synchronized boolean unlessGone(Runnable action) {
        if (gone) {
            return false;
        }
        action.run();
        return true;
    }

    /** The room is removed: waiting calls are answered that it is gone. */
    void remove() {
        List<Waiter> left;
        synchronized (this) {
            gone = true;
            left = new ArrayList<>(waiters);
            waiters.clear();
            early.clear();
        }
        left.forEach(waiter -> waiter.next.complete(false));
    }

    /** The members in the order they joined. */
    synchronized List<String> members() {
        used();
        return List.copyOf(members);
    }

    /** What {@code username} may see after {@code seq}, with the newest sequence number; null for a non-member. */
    synchronized Reading readAfterSeq(String username, long seq) {
        used();
        return members.contains(username)
                ? new Reading(log.afterSeq(seq, m -> m.message().isVisibleTo(username)), lastSeq)
                : null;
    }

    /** What {@code username} may see stamped after {@code timestamp}; null for a non-member. */
    synchronized List<StoredMessage> readAfterTimestamp(String username, double timestamp) {
        used();
        return members.contains(username)
                ? log.afterTimestamp(timestamp, m -> m.message().isVisibleTo(username))
                : null;
    }

    /** The sequence number of the newest message stamped at or before {@code timestamp}. */
    synchronized long seqAtOrBefore(double timestamp) {
        used();
        return log.seqAtOrBefore(timestamp, lastSeq);
    }

    /**
     * Completes with true once the copy holds a message after {@code afterSeq} (at once if it does), with false
     * when the room is removed.
     */
    CompletableFuture<Boolean> nextMessage(long afterSeq) {
        CompletableFuture<Boolean> next = new CompletableFuture<>();
        boolean now;
        synchronized (this) {
            used();
            if (gone) {
                next.complete(false);
                return next;
            }
            now = lastSeq > afterSeq;
            if (!now) {
                waiters.removeIf(waiter -> waiter.next.isDone());
                waiters.add(new Waiter(afterSeq, next));
            }
        }
        if (now) {
            next.complete(true);
        }
        return next;
    }

    /** Whether any call waits on it. */
    synchronized boolean hasWaiters() {
        waiters.removeIf(waiter -> waiter.next.isDone());
        return !waiters.isEmpty();
    }

    /** Whether no reader used it for {@code nanos}. */
    boolean unusedFor(long nanos) {
        return System.nanoTime() - lastUsed > nanos;
    }

    private void used() {
        lastUsed = System.nanoTime();
    }

    private record Waiter(long afterSeq, CompletableFuture<Boolean> next) {
    }
}
