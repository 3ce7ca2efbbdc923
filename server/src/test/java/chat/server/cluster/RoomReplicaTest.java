package chat.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.common.Message;
import chat.common.testing.Await;
import chat.server.store.StoredMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A server's copy of a room: it shows a prefix of the room's history, in order and with no hole, whatever order
 * the events arrive in, and its members are those of its newest message.
 */
class RoomReplicaTest {
    private static final String ROOM = "sala";

    private static StoredMessage message(long seq, String text) {
        return new StoredMessage(seq, Message.broadcast("ana", text, 1_000 + seq));
    }

    private static RoomCopy copy(long order, List<String> members, long from, StoredMessage... messages) {
        long last = messages.length == 0 ? from : messages[messages.length - 1].seq();
        return new RoomCopy(order, new ArrayList<>(members), 100, last, from, List.of(messages));
    }

    private static RoomEvent posted(long seq) {
        return RoomEvent.posted(ROOM, message(seq, "m" + seq));
    }

    private static List<String> texts(RoomReplica replica, String reader, long after) {
        return replica.readAfterSeq(reader, after).messages().stream().map(m -> m.message().content()).toList();
    }

    private static RoomReplica loaded(long lastSeq) {
        RoomReplica replica = new RoomReplica(ROOM);
        StoredMessage[] history = new StoredMessage[(int) lastSeq];
        for (int i = 0; i < lastSeq; i++) {
            history[i] = message(i + 1, "m" + (i + 1));
        }
        assertTrue(replica.catchUp(copy(1, List.of("ana", "bob"), 0, history)));
        return replica;
    }

    @Test
    void whatIsRecordedUnlessTheRoomIsGoneIsNotRecordedOnceItIs() {
        RoomReplica replica = loaded(1);
        List<String> recorded = new ArrayList<>();

        assertTrue(replica.unlessGone(() -> recorded.add("listed")));
        replica.remove();
        assertFalse(replica.unlessGone(() -> recorded.add("listed again")));

        assertEquals(List.of("listed"), recorded);
    }

    @Test
    void aRemovalWaitsForWhatIsBeingRecordedSoItIsNeverUndoneByIt() throws Exception {
        RoomReplica replica = loaded(1);
        List<String> events = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread remover = new Thread(() -> {
            replica.remove();
            events.add("removed");
        });

        replica.unlessGone(() -> {
            remover.start();
            Await.until("the removal waiting for the recording", () -> remover.getState() == Thread.State.BLOCKED);
            events.add("recorded");
        });
        remover.join(TimeUnit.SECONDS.toMillis(20));

        assertEquals(List.of("recorded", "removed"), events);
        assertTrue(replica.gone());
    }

    @Test
    void aMessageThatArrivesEarlyWaitsForTheOnesBeforeIt() {
        RoomReplica replica = loaded(2);
        replica.apply(posted(4));
        assertFalse(replica.complete(), "a message is missing");
        assertTrue(replica.waitingForAHole());
        assertEquals(List.of("m1", "m2"), texts(replica, "bob", 0), "never m4 before m3");
        replica.apply(posted(3));
        assertTrue(replica.complete());
        assertEquals(List.of("m3", "m4"), texts(replica, "bob", 2));
        assertEquals(4, replica.readAfterSeq("bob", 0).newestSeq());
    }

    @Test
    void aMessageAppliedTwiceIsKeptOnce() {
        RoomReplica replica = loaded(2);
        replica.apply(posted(3));
        replica.apply(posted(3));
        replica.apply(posted(2));
        assertEquals(List.of("m1", "m2", "m3"), texts(replica, "bob", 0));
    }

    @Test
    void theMembersAreThoseOfTheNewestMessage() {
        RoomReplica replica = loaded(1);
        replica.apply(RoomEvent.joined(ROOM, message(2, "cid entrou"), "cid"));
        assertEquals(List.of("ana", "bob", "cid"), replica.members());
        replica.apply(RoomEvent.left(ROOM, message(3, "ana saiu"), "ana", null));
        assertEquals(List.of("bob", "cid"), replica.members());
        assertNull(replica.readAfterSeq("ana", 0), "who left reads nothing");
        // a leave that arrives before the join it follows changes nothing until the join is applied
        replica.apply(RoomEvent.left(ROOM, message(5, "dan saiu"), "dan", null));
        assertEquals(List.of("bob", "cid"), replica.members());
        replica.apply(RoomEvent.joined(ROOM, message(4, "dan entrou"), "dan"));
        assertEquals(List.of("bob", "cid"), replica.members());
    }

    @Test
    void eventsThatArriveBeforeTheFirstCopyAreAppliedAfterIt() {
        RoomReplica replica = new RoomReplica(ROOM);
        replica.apply(posted(3));
        replica.apply(posted(2));
        assertFalse(replica.complete());
        assertTrue(replica.catchUp(copy(1, List.of("ana"), 0, message(1, "m1"), message(2, "m2"))));
        assertTrue(replica.complete());
        assertEquals(List.of("m1", "m2", "m3"), texts(replica, "ana", 0));
    }

    @Test
    void aCatchUpAppendsWhatFollowsAndAFullCopyReplaces() {
        RoomReplica replica = loaded(2);
        replica.apply(posted(5));
        assertEquals(2, replica.catchUpFrom());
        assertTrue(replica.catchUp(copy(1, List.of("ana", "bob"), 2, message(3, "m3"), message(4, "m4"))));
        assertTrue(replica.complete(), "the early message follows the caught-up ones");
        assertEquals(List.of("m1", "m2", "m3", "m4", "m5"), texts(replica, "bob", 0));
        // the owner no longer holds what follows: it sends all it holds, which replaces the copy
        assertTrue(replica.catchUp(copy(1, List.of("bob"), 0, message(9, "m9"), message(10, "m10"))));
        assertEquals(List.of("m9", "m10"), texts(replica, "bob", 0));
        assertEquals(List.of("bob"), replica.members());
    }

    @Test
    void anOlderAnswerThanTheEventsBroughtChangesNothing() {
        RoomReplica replica = loaded(2);
        replica.apply(posted(3));
        assertTrue(replica.catchUp(copy(1, List.of("ana"), 1, message(2, "m2"))));
        assertEquals(List.of("m1", "m2", "m3"), texts(replica, "bob", 0));
        assertEquals(List.of("ana", "bob"), replica.members());
    }

    @Test
    void aCopyOfAnotherRoomOfTheSameNameIsRefused() {
        RoomReplica replica = loaded(2);
        assertTrue(replica.createdBefore(2));
        assertFalse(replica.catchUp(copy(2, List.of("cid"), 2, message(3, "x"))));
    }

    @Test
    void aSuspectCopyIsNotTrustedUntilCaughtUp() {
        RoomReplica replica = loaded(2);
        replica.suspect();
        assertFalse(replica.complete());
        assertTrue(replica.catchUp(copy(1, List.of("ana", "bob"), 2)));
        assertTrue(replica.complete());
    }

    @Test
    void aWaitingCallWakesWhenItsNextMessageIsAppliedNotBefore() throws Exception {
        RoomReplica replica = loaded(2);
        CompletableFuture<Boolean> next = replica.nextMessage(2);
        assertTrue(replica.hasWaiters());
        replica.apply(posted(4));
        assertFalse(next.isDone(), "m4 cannot be read before m3");
        replica.apply(posted(3));
        assertTrue(next.get(1, TimeUnit.SECONDS));
        assertTrue(replica.nextMessage(3).getNow(false), "a message after 3 is there already");
        assertFalse(replica.hasWaiters());
    }

    @Test
    void aRemovedRoomAnswersItsWaitingCallsThatItIsGone() throws Exception {
        RoomReplica replica = loaded(1);
        CompletableFuture<Boolean> next = replica.nextMessage(1);
        replica.remove();
        assertFalse(next.get(1, TimeUnit.SECONDS));
        assertTrue(replica.gone());
        assertFalse(replica.nextMessage(0).get(1, TimeUnit.SECONDS));
    }

    @Test
    void eventsFromManyThreadsInAnyOrderEndInOneGaplessHistory() throws Exception {
        RoomReplica replica = loaded(0);
        int count = 2_000;
        List<CompletableFuture<Boolean>> waits = new ArrayList<>();
        for (int seq = 0; seq < count; seq += 100) {
            waits.add(replica.nextMessage(seq));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Void>> applied = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                applied.add(CompletableFuture.runAsync(() -> {
                    // each thread applies every eighth message, newest first: the worst order there is
                    for (int seq = count - thread; seq >= 1; seq -= 8) {
                        replica.apply(posted(seq));
                    }
                }, pool));
            }
            CompletableFuture.allOf(applied.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertTrue(replica.complete());
        List<StoredMessage> all = replica.readAfterSeq("ana", 0).messages();
        assertEquals(100, all.size(), "the copy keeps the newest 100, as the room does");
        for (int i = 0; i < all.size(); i++) {
            assertEquals(count - 99 + i, all.get(i).seq());
        }
        for (CompletableFuture<Boolean> wait : waits) {
            assertTrue(wait.get(1, TimeUnit.SECONDS));
        }
    }
}
