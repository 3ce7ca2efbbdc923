package chat.server.store;

import chat.common.Message;
import chat.common.MessageType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A {@link ChatStore} in this server's memory. Each room has its own lock, so rooms are served in
 * parallel; names live in a concurrent set. Adding a user or a room takes a short lock of its own, so
 * the count and the addition are one step and a limit is never overshot.
 *
 * <p>Given a {@link ChangeLog}, it writes each change there, in the same step and before making it in memory,
 * so a change is answered only once it is kept; {@link #restore} starts one from what the log kept. Reads are
 * always answered from memory.
 */
public final class InMemoryChatStore implements ChatStore {
    private final int historyLimit;
    private final Map<String, Registration> users = new ConcurrentHashMap<>();
    private final Map<String, MemoryRoom> rooms = new ConcurrentHashMap<>();
    private final AtomicLong roomsCreated = new AtomicLong();
    /** Guards adding users: the check against the limit and the addition are one step. */
    private final Object registering = new Object();
    /** Guards adding rooms, as {@link #registering} does users. */
    private final Object creating = new Object();
    /** Rooms in {@link #rooms}, or one more while a removal is between its two steps (never fewer). */
    private final AtomicInteger liveRooms = new AtomicInteger();
    /** Where each change is written before it is made; {@link ChangeLog#NONE} for a chat in memory only. */
    private final ChangeLog changes;

    /** @param historyLimit how many of its newest messages each room keeps */
    public InMemoryChatStore(int historyLimit) {
        this(historyLimit, ChangeLog.NONE);
    }

    /**
     * An empty store that writes every change to {@code changes} before making it.
     *
     * @param historyLimit how many of its newest messages each room keeps
     * @param changes      where each change is written first
     */
    public InMemoryChatStore(int historyLimit, ChangeLog changes) {
        if (historyLimit < 1) {
            throw new IllegalArgumentException("historyLimit must be positive, got " + historyLimit);
        }
        this.historyLimit = historyLimit;
        this.changes = changes;
    }

    /**
     * A store holding what {@code image} kept, writing every further change to {@code changes}. Every name counts
     * as seen at {@code now}; the members keep their rooms, each with its cursor at the room's newest message.
     *
     * @param historyLimit how many of its newest messages each room keeps
     * @param image        what a database kept
     * @param changes      where each further change is written first
     * @param now          when the names count as last seen
     * @return the store
     */
    public static InMemoryChatStore restore(int historyLimit, ChatImage image, ChangeLog changes, Instant now) {
        InMemoryChatStore store = new InMemoryChatStore(historyLimit, changes);
        image.users().forEach((name, sessionHash) -> store.users.put(name, new Registration(now, sessionHash)));
        for (ChatImage.Room kept : image.rooms()) {
            MemoryRoom room = new MemoryRoom(kept.name(), kept.order(), historyLimit,
                    kept.members().isEmpty() ? (kept.emptySince() == null ? now : kept.emptySince()) : null, changes);
            kept.messages().forEach(room::add);
            room.members.addAll(kept.members());
            kept.members().forEach(member -> room.cursors.put(member, room.lastSeq));
            store.rooms.put(room.name, room);
            store.liveRooms.incrementAndGet();
            store.roomsCreated.accumulateAndGet(kept.order(), Math::max);
        }
        return store;
    }

    /** Unless it writes its changes to a log: its maps and rooms are in this process, each room's lock held only for one operation. */
    @Override
    public boolean nonBlocking() {
        return !changes.keeps();
    }

    /** Always: every read is answered from this process's memory, even when changes are written to a log. */
    @Override
    public boolean answersFromMemory(String username, String room) {
        return true;
    }

    @Override
    public Admission registerUser(String username, String sessionHash, Instant now, int maxUsers) {
        synchronized (registering) {
            if (users.containsKey(username)) {
                return Admission.TAKEN;
            }
            if (users.size() >= maxUsers) {
                return Admission.FULL;
            }
            changes.userAdded(username, sessionHash, now);
            users.put(username, new Registration(now, sessionHash));
            return Admission.ADDED;
        }
    }

    @Override
    public Optional<Registration> registration(String username) {
        return Optional.ofNullable(users.get(username));
    }

    @Override
    public boolean touch(String username, Instant now) {
        return users.computeIfPresent(username, (name, registration) -> registration.seenAt(now)) != null;
    }

    @Override
    public int userCount() {
        return users.size();
    }

    @Override
    public StoreKind kind() {
        return StoreKind.MEMORY;
    }

    @Override
    public String label() {
        return changes.keeps() ? kind().label() + ", kept in " + changes.where() : kind().label();
    }

    @Override
    public List<String> usersIdleSince(Instant cutoff) {
        List<String> idle = new ArrayList<>();
        users.forEach((name, registration) -> {
            if (registration.idleSince(cutoff)) {
                idle.add(name);
            }
        });
        return idle;
    }

    @Override
    public boolean removeUserIdleSince(String username, Instant cutoff) {
        return removeIf(username, registration -> registration.idleSince(cutoff));
    }

    @Override
    public boolean removeUser(String username, String sessionHash) {
        return removeIf(username, registration -> Objects.equals(registration.sessionHash(), sessionHash));
    }

    /** Removes the name when its registration, as it is at that moment, passes {@code test}. */
    private boolean removeIf(String username, Predicate<Registration> test) {
        boolean[] removed = {false};
        users.computeIfPresent(username, (name, registration) -> {
            if (!test.test(registration)) {
                return registration;
            }
            changes.userRemoved(name);
            removed[0] = true;
            return null;
        });
        return removed[0];
    }

    @Override
    public Admission createRoom(String room, Instant now, int maxRooms) {
        synchronized (creating) {
            if (rooms.containsKey(room)) {
                return Admission.TAKEN;
            }
            if (liveRooms.get() >= maxRooms) {
                return Admission.FULL;
            }
            long order = roomsCreated.get() + 1;
            changes.roomCreated(room, order, now);
            roomsCreated.set(order);
            rooms.put(room, new MemoryRoom(room, order, historyLimit, now, changes));
            liveRooms.incrementAndGet();
            return Admission.ADDED;
        }
    }

    @Override
    public List<String> rooms() {
        return rooms.values().stream()
                .sorted(Comparator.comparingLong(room -> room.order))
                .map(room -> room.name)
                .toList();
    }

    @Override
    public Optional<List<String>> members(String room) {
        return inRoom(room, r -> List.copyOf(r.members));
    }

    @Override
    public Optional<RoomSnapshot> join(String room, String username, Message notice, int historySize, Instant now) {
        return inRoom(room, r -> {
            r.join(username, notice, now);
            StoredMessage newest = r.log.newest();
            r.cursors.put(username, newest == null ? 0L : newest.seq());
            return new RoomSnapshot(List.copyOf(r.members),
                    r.log.newest(historySize, m -> m.message().isVisibleTo(username)));
        });
    }

    @Override
    public boolean leave(String room, String username, Message notice, Instant now) {
        return inRoom(room, r -> r.leave(username, notice, now)).orElse(false);
    }

    @Override
    public boolean leaveIfIdle(String room, String username, Message notice, Instant now, Instant idleBefore) {
        return inRoom(room, r -> {
            // Read under the room's lock: a join touches the name before it takes this lock, so it either
            // sees the leave done (and joins again) or its touch is seen here (and the user stays).
            Registration registration = users.get(username);
            return (registration == null || registration.idleSince(idleBefore)) && r.leave(username, notice, now);
        }).orElse(false);
    }

    @Override
    public Optional<StoredMessage> post(String room, Message draft, Instant now) {
        try {
            return postAsync(room, draft, now).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /**
     * Never waits: the message is numbered and handed to the change log under the room's lock (after any join or leave
     * waiting for it), and the answer completes once the log has stored it and it is added to the room, on the log's
     * thread.
     */
    @Override
    public CompletableFuture<Optional<StoredMessage>> postAsync(String room, Message draft, Instant now) {
        CompletableFuture<Optional<StoredMessage>> answer = new CompletableFuture<>();
        Optional<Boolean> found = inRoom(room, r -> {
            r.whenNoneSettling(() -> startPost(r, draft, now, answer));
            return Boolean.TRUE;
        });
        if (found.isEmpty()) {
            answer.complete(Optional.empty());
        }
        return answer;
    }

    /** Always: a post holds no thread while its message is written. */
    @Override
    public boolean postsWithoutBlocking() {
        return true;
    }

    /** Under {@code r}'s lock: checks who may post, starts the post, and says what completes {@code answer}. */
    private void startPost(MemoryRoom r, Message draft, Instant now, CompletableFuture<Optional<StoredMessage>> answer) {
        boolean allowed = !r.removed && r.members.contains(draft.origin())
                && (draft.type() == MessageType.BROADCAST || r.members.contains(draft.destination()));
        if (!allowed) {
            r.afterwards(() -> answer.complete(Optional.empty()));
            return;
        }
        MemoryRoom.Posting posting;
        try {
            posting = r.startPost(draft, now);
        } catch (ChangeNotSaved e) {
            r.afterwards(() -> answer.completeExceptionally(e));
            return;
        }
        if (posting.added) {
            r.afterwards(() -> answer.complete(Optional.of(posting.stored)));
            return;
        }
        // Stored by the change log while the room serves others; then added in order (MemoryRoom), and answered.
        r.afterwards(() -> posting.write.whenDone(() -> {
            underLock(r, settling -> {
                settling.settle();
                return Boolean.TRUE;
            });
            try {
                posting.write.await(); // done: answers at once
                answer.complete(Optional.of(posting.stored));
            } catch (ChangeNotSaved e) {
                answer.completeExceptionally(e);
            }
        }));
    }

    @Override
    public Optional<List<StoredMessage>> readAfter(String room, String username, double timestamp) {
        return inRoom(room, r -> r.members.contains(username)
                ? r.log.afterTimestamp(timestamp, m -> m.message().isVisibleTo(username))
                : null);
    }

    @Override
    public Optional<List<StoredMessage>> readSinceCursor(String room, String username) {
        return inRoom(room, r -> {
            Long cursor = r.cursors.get(username);
            if (cursor == null) {
                return null;
            }
            List<StoredMessage> fresh = r.log.afterSeq(cursor, m -> m.message().isVisibleTo(username));
            StoredMessage newest = r.log.newest();
            if (newest != null) {
                r.cursors.put(username, newest.seq());
            }
            return fresh;
        });
    }

    @Override
    public Optional<Reading> readAfterSeq(String room, String username, long seq) {
        return inRoom(room, r -> r.members.contains(username)
                ? new Reading(r.log.afterSeq(seq, m -> m.message().isVisibleTo(username)), r.lastSeq)
                : null);
    }

    @Override
    public Optional<Long> lastSeqAtOrBefore(String room, double timestamp) {
        return inRoom(room, r -> r.log.seqAtOrBefore(timestamp, r.lastSeq));
    }

    @Override
    public CompletableFuture<Boolean> nextMessage(String room, long afterSeq) {
        CompletableFuture<Boolean> next = new CompletableFuture<>();
        Optional<Boolean> already = inRoom(room, r -> {
            if (r.lastSeq > afterSeq) {
                return true;
            }
            r.await(next);
            return false;
        });
        if (already.isEmpty()) {
            next.complete(false);
        } else if (already.get()) {
            next.complete(true);
        }
        return next;
    }

    /** What this store holds as a database keeps it (every name's session, every room, member and message); for tests. */
    ChatImage image() {
        Map<String, String> sessions = new java.util.HashMap<>();
        users.forEach((name, registration) -> sessions.put(name, registration.sessionHash()));
        List<ChatImage.Room> kept = new ArrayList<>();
        rooms.values().stream().sorted(Comparator.comparingLong(room -> room.order)).forEach(room -> {
            synchronized (room) {
                kept.add(new ChatImage.Room(room.name, room.order, room.emptySince, List.copyOf(room.members),
                        room.log.all()));
            }
        });
        return new ChatImage(sessions, kept);
    }

    /** How many waiters a room's list holds, those that ended without a message included; for tests. */
    int waitersHeld(String room) {
        return inRoom(room, r -> r.waiters.size()).orElse(0);
    }

    @Override
    public List<String> removeRoomsEmptySince(Instant cutoff) {
        List<String> removed = new ArrayList<>();
        List<CompletableFuture<Boolean>> gone = new ArrayList<>();
        try {
            for (MemoryRoom room : rooms.values()) {
                synchronized (room) {
                    if (!room.removed && room.emptySince != null && room.emptySince.isBefore(cutoff)) {
                        changes.roomRemoved(room.name);
                        room.removed = true;
                        if (rooms.remove(room.name, room)) {
                            liveRooms.decrementAndGet();
                        }
                        removed.add(room.name);
                        gone.addAll(room.waiters);
                        room.waiters.clear();
                    }
                }
            }
        } finally {
            gone.forEach(waiter -> waiter.complete(false));
        }
        return removed;
    }

    /**
     * Runs {@code action} under the room's lock; empty when the room does not exist or the action answers
     * null. Waiters that a new message woke are told after the lock is released ({@link #underLock}).
     */
    private <T> Optional<T> inRoom(String name, Function<MemoryRoom, T> action) {
        MemoryRoom room = rooms.get(name);
        if (room == null) {
            return Optional.empty();
        }
        return underLock(room, r -> r.removed ? null : action.apply(r));
    }

    /**
     * Runs {@code action} under {@code room}'s lock, then the posts it deferred that may start now
     * ({@link MemoryRoom#startDeferred}); once the lock is released, runs what the room left for afterwards (waking the
     * calls a new message woke, answering posts), even when the action threw.
     */
    private <T> Optional<T> underLock(MemoryRoom room, Function<MemoryRoom, T> action) {
        T result = null;
        RuntimeException failure = null;
        List<Runnable> afterwards;
        synchronized (room) {
            try {
                result = action.apply(room);
            } catch (RuntimeException e) {
                failure = e;
            }
            room.startDeferred();
            afterwards = room.takeAfterwards();
        }
        afterwards.forEach(Runnable::run);
        if (failure != null) {
            throw failure;
        }
        return Optional.ofNullable(result);
    }
}
