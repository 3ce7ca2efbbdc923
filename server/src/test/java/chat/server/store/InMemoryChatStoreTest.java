package chat.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.common.Message;
import chat.common.testing.Await;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InMemoryChatStoreTest extends ChatStoreContract {
    @Override
    protected ChatStore newStore(int historyLimit) {
        return new InMemoryChatStore(historyLimit);
    }

    @Test
    void waitsThatEndedWithoutAMessageDoNotPileUpInTheRoom() {
        InMemoryChatStore rooms = new InMemoryChatStore(100);
        Instant now = Instant.parse("2024-01-01T00:00:00Z");
        rooms.createRoom("r", now, 10);
        rooms.registerUser("ana", null, now, 10);
        rooms.join("r", "ana", Message.notice("ana entrou na sala.", 0), 50, now);
        long newest = rooms.readAfterSeq("r", "ana", 0).orElseThrow().newestSeq();
        List<CompletableFuture<Boolean>> live = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            live.add(rooms.nextMessage("r", newest));
        }
        for (int i = 0; i < 10_000; i++) {
            rooms.nextMessage("r", newest).cancel(false); // a wait that timed out
            assertTrue(rooms.waitersHeld("r") <= 2 * (live.size() + 1) + 16, "held " + rooms.waitersHeld("r"));
        }
        rooms.post("r", Message.broadcast("ana", "wake", 0), now);
        for (CompletableFuture<Boolean> waiter : live) {
            assertEquals(true, waiter.getNow(null));
        }
        assertEquals(0, rooms.waitersHeld("r"));
    }

    @Test
    void aPostWhileAJoinWaitsForTheMessagesInFlightStartsAfterTheJoinWithoutHoldingAThread() throws Exception {
        Instant now = Instant.parse("2024-01-01T00:00:00Z");
        HeldLog log = new HeldLog();
        InMemoryChatStore rooms = new InMemoryChatStore(100, log);
        rooms.createRoom("r", now, 10);
        rooms.join("r", "ana", Message.notice("ana entrou na sala.", 0), 50, now);
        rooms.join("r", "bia", Message.notice("bia entrou na sala.", 0), 50, now);

        log.holdNext = true;
        CompletableFuture<Optional<StoredMessage>> first = rooms.postAsync("r", Message.broadcast("ana", "um", 0), now);
        assertFalse(first.isDone(), "answered once stored");
        ExecutorService joiner = Executors.newSingleThreadExecutor();
        try {
            Future<?> joined = joiner.submit(
                    () -> rooms.join("r", "caio", Message.notice("caio entrou na sala.", 0), 50, now));
            Await.until("the join waits for the message in flight", InMemoryChatStoreTest::aJoinWaits);
            CompletableFuture<Optional<StoredMessage>> second =
                    rooms.postAsync("r", Message.broadcast("bia", "dois", 0), now);
            assertFalse(second.isDone(), "deferred behind the join");
            assertEquals(List.of("created r", "joined ana", "joined bia", "posted um"), log.changes, "nothing more handed over");

            log.held.get(0).store(); // the log's thread: the message is added, the join goes on, then the post starts
            joined.get(10, TimeUnit.SECONDS);
            assertEquals(3, first.get(10, TimeUnit.SECONDS).orElseThrow().seq());
            assertEquals(5, second.get(10, TimeUnit.SECONDS).orElseThrow().seq());
            assertEquals(List.of("created r", "joined ana", "joined bia", "posted um", "joined caio", "posted dois"),
                    log.changes);
            assertEquals(List.of("ana entrou na sala.", "bia entrou na sala.", "um", "caio entrou na sala.", "dois"),
                    rooms.readAfterSeq("r", "caio", 0).orElseThrow().messages().stream()
                            .map(stored -> stored.message().content()).toList());
        } finally {
            joiner.shutdownNow();
        }
    }

    /** Whether a thread waits on a room's monitor (the join, letting the room go while a message is in flight). */
    private static boolean aJoinWaits() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(thread -> thread.getState() == Thread.State.WAITING
                        && List.of(thread.getStackTrace()).stream().anyMatch(frame -> frame.getMethodName().equals("awaitSettled")));
    }

    /** A change log that keeps what it is given, and holds a message's write when told to, until the test stores it. */
    private static final class HeldLog implements ChangeLog {
        final List<String> changes = new CopyOnWriteArrayList<>();
        final List<HeldWrite> held = new CopyOnWriteArrayList<>();
        volatile boolean holdNext;

        @Override
        public Pending postLater(String room, StoredMessage message, Pending previous) {
            changes.add("posted " + message.message().content());
            if (!holdNext) {
                return Pending.STORED;
            }
            holdNext = false;
            HeldWrite write = new HeldWrite();
            held.add(write);
            return write;
        }

        @Override
        public void joined(String room, String username, StoredMessage notice) {
            changes.add("joined " + username);
        }

        @Override
        public void userAdded(String username, String sessionHash, Instant at) {
            changes.add("registered " + username);
        }

        @Override
        public void userRemoved(String username) {
            changes.add("freed " + username);
        }

        @Override
        public void roomCreated(String room, long order, Instant at) {
            changes.add("created " + room);
        }

        @Override
        public void roomRemoved(String room) {
            changes.add("removed " + room);
        }

        @Override
        public void left(String room, String username, StoredMessage notice, Instant emptySince) {
            changes.add("left " + username);
        }

        @Override
        public void posted(String room, StoredMessage message) {
            changes.add("posted " + message.message().content());
        }

        @Override
        public String where() {
            return "the test";
        }
    }

    /** A write the test stores when it chooses, running the actions waiting for it then, on its own thread. */
    private static final class HeldWrite implements ChangeLog.Pending {
        private final List<Runnable> actions = new ArrayList<>();
        private boolean done;

        synchronized void store() {
            done = true;
            actions.forEach(Runnable::run);
            actions.clear();
        }

        @Override
        public void await() {
            if (!isDone()) {
                throw new AssertionError("awaited before the test stored it");
            }
        }

        @Override
        public synchronized boolean isDone() {
            return done;
        }

        @Override
        public boolean failed() {
            return false;
        }

        @Override
        public synchronized void whenDone(Runnable action) {
            if (done) {
                action.run();
            } else {
                actions.add(action);
            }
        }
    }
}
