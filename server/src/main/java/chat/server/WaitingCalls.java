package chat.server;

import chat.common.MessageBatch;
import chat.server.store.ChatStore;
import chat.server.store.Reading;
import chat.server.store.StoredMessage;
import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The wait_messages calls of this server not answered yet: each is answered as soon as its room holds a message
 * its user may see past its cursor, or at its timeout with none. No thread is held while a call waits: the
 * store's promise of the room's next message wakes it, and a timer wheel times it out. Thread-safe.
 */
final class WaitingCalls {
    /**
     * The timeouts of every waiting call of the process, on one timer wheel (a thread that ticks every 100 ms):
     * arming and cancelling one takes no lock and sorts nothing, where the JDK's timer behind
     * {@code completeOnTimeout} is one heap of all of them under one lock, taken twice per call by every I/O
     * thread. A wait ends at most a tick after its timeout, which a wait of seconds does not notice. The wheel
     * ticks whether or not a call waits, once it has been used: every 10 ms, it took an idle server 0.45% of a
     * core; every 100 ms, a tenth of that.
     */
    private static final HashedWheelTimer TIMEOUTS = new HashedWheelTimer(
            new DefaultThreadFactory("chat-wait-timeouts", true), 100, TimeUnit.MILLISECONDS, 512, false);

    private final ChatStore store;
    private final Presence presence;
    /** Each call not answered yet, with who waits and what it answers at its timeout. */
    private final Map<CompletableFuture<Optional<MessageBatch>>, PendingWait> waiting = new ConcurrentHashMap<>();

    WaitingCalls(ChatStore store, Presence presence) {
        this.store = store;
        this.presence = presence;
    }

    /**
     * Waits for messages {@code username} may see after sequence number {@code seq} in {@code room}: answers as
     * soon as there is at least one, or after {@code timeout} with none.
     *
     * @return the batch, or empty when the room is unknown or the user is not a member
     */
    CompletableFuture<Optional<MessageBatch>> afterSeq(String username, String room, long seq, Duration timeout) {
        if (username == null || room == null || !presence.present(username)) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        CompletableFuture<Optional<MessageBatch>> result = new CompletableFuture<>();
        PendingWait pending = new PendingWait(username, Math.max(0, seq));
        waiting.put(result, pending);
        result.whenComplete((answer, failure) -> {
            waiting.remove(result);
            pending.stop();
        });
        attempt(username, room, seq, result, pending);
        long millis = Math.max(0, timeout.toMillis());
        if (millis == 0) {
            result.complete(Optional.of(pending.nothing()));
        } else if (!result.isDone()) {
            pending.timeout = TIMEOUTS.newTimeout(expired -> result.complete(Optional.of(pending.nothing())), millis,
                    TimeUnit.MILLISECONDS);
            if (result.isDone()) {
                pending.stop(); // answered meanwhile, perhaps before the timeout was there to be cancelled
            }
        }
        return result;
    }

    /** The same, from a server timestamp: the first wait after join_room, whose messages carry timestamps. */
    CompletableFuture<Optional<MessageBatch>> afterTimestamp(String username, String room, double timestamp,
                                                             Duration timeout) {
        if (username == null || room == null) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return store.lastSeqAtOrBefore(room, timestamp)
                .map(seq -> afterSeq(username, room, seq, timeout))
                .orElseGet(() -> CompletableFuture.completedFuture(Optional.empty()));
    }

    private void attempt(String username, String room, long cursor, CompletableFuture<Optional<MessageBatch>> result,
                         PendingWait pending) {
        if (result.isDone()) {
            return;
        }
        Optional<Reading> reading = store.readAfterSeq(room, username, cursor);
        if (reading.isEmpty()) {
            result.complete(Optional.empty());
            return;
        }
        List<StoredMessage> fresh = reading.get().messages();
        if (!fresh.isEmpty()) {
            result.complete(Optional.of(new MessageBatch(fresh.get(fresh.size() - 1).seq(),
                    fresh.stream().map(StoredMessage::message).toList())));
            return;
        }
        long newest = Math.max(cursor, reading.get().newestSeq());
        CompletableFuture<Boolean> next = store.nextMessage(room, newest);
        pending.next = next;
        if (result.isDone()) {
            next.cancel(false); // answered meanwhile (its timeout), perhaps before this was there to be cancelled
            return;
        }
        next.thenAccept(alive -> {
            if (alive) {
                attempt(username, room, newest, result, pending);
            } else {
                result.complete(Optional.empty());
            }
        });
    }

    /** How many calls are waiting now. */
    int count() {
        return waiting.size();
    }

    /** The users with a call waiting now, each once. */
    Set<String> users() {
        Set<String> users = new HashSet<>();
        for (PendingWait pending : waiting.values()) {
            users.add(pending.username);
        }
        return users;
    }

    /** Answers every call still waiting, with nothing new: for a server that is stopping. */
    void wakeAll() {
        waiting.forEach((call, pending) -> call.complete(Optional.of(pending.nothing())));
    }

    /**
     * A call not answered yet: who waits, the cursor it answers at its timeout, and what to stop once it is
     * answered (its timeout, and the store's promise of the room's next message).
     */
    private static final class PendingWait {
        final String username;
        final long cursor;
        volatile Timeout timeout;
        volatile CompletableFuture<Boolean> next;

        PendingWait(String username, long cursor) {
            this.username = username;
            this.cursor = cursor;
        }

        MessageBatch nothing() {
            return new MessageBatch(cursor, List.of());
        }

        void stop() {
            Timeout armed = timeout;
            if (armed != null) {
                armed.cancel();
            }
            CompletableFuture<Boolean> promised = next;
            if (promised != null) {
                promised.cancel(false);
            }
        }
    }
}
