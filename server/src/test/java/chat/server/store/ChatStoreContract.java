package chat.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.common.Message;
import chat.common.MessageType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ChatStore} must do. Each implementation's test extends this class, so a shared
 * store for several servers is held to the same rules as the in-memory one.
 */
public abstract class ChatStoreContract {
    protected static final Instant T0 = Instant.parse("2026-11-24T12:00:00Z");
    protected static final int HISTORY_LIMIT = 200;
    /** A limit on users or rooms that tests about other rules never reach. */
    protected static final int NO_LIMIT = Integer.MAX_VALUE;

    protected ChatStore store;

    /** A new, empty store keeping {@code historyLimit} messages per room. */
    protected abstract ChatStore newStore(int historyLimit);

    @BeforeEach
    void setUp() {
        store = newStore(HISTORY_LIMIT);
    }

    private static Message notice(String text) {
        return Message.notice(text, 0);
    }

    private void roomWith(String room, String... members) {
        assertEquals(Admission.ADDED, store.createRoom(room, T0, NO_LIMIT));
        for (String member : members) {
            store.registerUser(member, null, T0, NO_LIMIT);
            assertTrue(store.join(room, member, notice(member + " in"), 50, T0).isPresent());
        }
    }

    @Test
    void aNameCanBeRegisteredOnce() {
        assertEquals(Admission.ADDED, store.registerUser("ana", null, T0, NO_LIMIT));
        assertEquals(Admission.TAKEN, store.registerUser("ana", null, T0, NO_LIMIT));
        assertTrue(store.registration("ana").isPresent());
        assertFalse(store.registration("bob").isPresent());
    }

    @Test
    void roomsAreListedOldestFirstAndCreatedOnce() {
        assertEquals(Admission.ADDED, store.createRoom("b", T0, NO_LIMIT));
        assertEquals(Admission.ADDED, store.createRoom("a", T0, NO_LIMIT));
        assertEquals(Admission.TAKEN, store.createRoom("b", T0, NO_LIMIT));
        assertEquals(List.of("b", "a"), store.rooms());
    }

    @Test
    void joiningAnnouncesOnlyTheFirstTime() {
        roomWith("r", "ana");
        RoomSnapshot again = store.join("r", "ana", notice("ana in again"), 50, T0).orElseThrow();
        assertEquals(List.of("ana"), again.members());
        assertEquals(List.of("ana in"), contents(again.history()));
    }

    @Test
    void joiningAnUnknownRoomAnswersEmpty() {
        store.registerUser("ana", null, T0, NO_LIMIT);
        assertTrue(store.join("nope", "ana", notice("x"), 50, T0).isEmpty());
        assertTrue(store.members("nope").isEmpty());
    }

    @Test
    void membersAreKeptInJoinOrderAndLeaveAnnounces() {
        roomWith("r", "ana", "bob", "cid");
        assertTrue(store.leave("r", "bob", notice("bob out"), T0));
        assertFalse(store.leave("r", "bob", notice("bob out again"), T0));
        assertEquals(List.of("ana", "cid"), store.members("r").orElseThrow());
        List<StoredMessage> all = store.readAfter("r", "ana", 0).orElseThrow();
        assertEquals(List.of("ana in", "bob in", "cid in", "bob out"), contents(all));
    }

    @Test
    void onlyMembersMayPostAndUnicastsOnlyToMembers() {
        roomWith("r", "ana", "bob");
        store.registerUser("eve", null, T0, NO_LIMIT);
        assertTrue(store.post("r", Message.broadcast("ana", "hi", 0), T0).isPresent());
        assertTrue(store.post("r", Message.unicast("ana", "bob", "psst", 0), T0).isPresent());
        assertTrue(store.post("r", Message.broadcast("eve", "intruder", 0), T0).isEmpty());
        assertTrue(store.post("r", Message.unicast("ana", "eve", "outside", 0), T0).isEmpty());
        assertTrue(store.post("nope", Message.broadcast("ana", "hi", 0), T0).isEmpty());
    }

    @Test
    void unicastsAreReadOnlyBySenderAndRecipient() {
        roomWith("r", "ana", "bob", "cid");
        store.post("r", Message.unicast("ana", "bob", "psst", 0), T0);
        assertTrue(contents(store.readAfter("r", "ana", 0).orElseThrow()).contains("psst"));
        assertTrue(contents(store.readAfter("r", "bob", 0).orElseThrow()).contains("psst"));
        assertFalse(contents(store.readAfter("r", "cid", 0).orElseThrow()).contains("psst"));
        assertFalse(contents(store.join("r", "cid", notice("x"), 50, T0).orElseThrow().history()).contains("psst"));
    }

    @Test
    void nonMembersReadNothing() {
        roomWith("r", "ana");
        store.registerUser("eve", null, T0, NO_LIMIT);
        store.post("r", Message.broadcast("ana", "hi", 0), T0);
        assertTrue(store.readAfter("r", "eve", 0).isEmpty());
        assertTrue(store.readSinceCursor("r", "eve").isEmpty());
    }

    @Test
    void timestampsStrictlyIncreaseEvenWhenTheClockStandsStill() {
        roomWith("r", "ana");
        double previous = 0;
        for (int i = 0; i < 100; i++) {
            StoredMessage stored = store.post("r", Message.broadcast("ana", "m" + i, 0), T0).orElseThrow();
            assertTrue(stored.message().timestamp() > previous, "message " + i + " is stamped after the one before");
            previous = stored.message().timestamp();
        }
    }

    @Test
    void timestampsStrictlyIncreaseWhenTheClockGoesBack() {
        roomWith("r", "ana");
        StoredMessage first = store.post("r", Message.broadcast("ana", "a", 0), T0.plusSeconds(10)).orElseThrow();
        StoredMessage second = store.post("r", Message.broadcast("ana", "b", 0), T0).orElseThrow();
        assertTrue(second.message().timestamp() > first.message().timestamp());
        assertTrue(second.seq() > first.seq());
    }

    @Test
    void aTimestampCursorMissesNothingAndRepeatsNothing() {
        roomWith("r", "ana");
        List<String> seen = new ArrayList<>();
        double cursor = 0;
        for (int batch = 0; batch < 5; batch++) {
            for (int i = 0; i < 7; i++) {
                store.post("r", Message.broadcast("ana", batch + "." + i, 0), T0);
            }
            List<StoredMessage> fresh = store.readAfter("r", "ana", cursor).orElseThrow();
            fresh.forEach(m -> seen.add(m.message().content()));
            cursor = fresh.get(fresh.size() - 1).message().timestamp();
        }
        assertEquals(36, seen.size(), "the join notice and 35 messages, each once: " + seen);
        assertEquals(seen.stream().distinct().count(), seen.size());
    }

    @Test
    void theServerKeptCursorStartsAtJoinAndMovesWithEachRead() {
        roomWith("r", "ana", "bob");
        store.post("r", Message.broadcast("ana", "before bob read", 0), T0);
        assertEquals(List.of("before bob read"), contents(store.readSinceCursor("r", "bob").orElseThrow()));
        assertEquals(List.of(), store.readSinceCursor("r", "bob").orElseThrow());
        store.post("r", Message.broadcast("ana", "one", 0), T0);
        store.post("r", Message.unicast("ana", "bob", "two", 0), T0);
        assertEquals(List.of("one", "two"), contents(store.readSinceCursor("r", "bob").orElseThrow()));
    }

    @Test
    void joinHistoryIsTheNewestVisibleMessagesCountedAfterFiltering() {
        roomWith("r", "ana", "bob", "cid");
        for (int i = 0; i < 60; i++) {
            store.post("r", Message.broadcast("ana", "pub" + i, 0), T0);
            store.post("r", Message.unicast("ana", "bob", "priv" + i, 0), T0);
        }
        List<String> forCid = contents(store.join("r", "cid", notice("x"), 50, T0).orElseThrow().history());
        assertEquals(50, forCid.size());
        assertEquals("pub10", forCid.get(0));
        assertEquals("pub59", forCid.get(49));
        List<String> forBob = contents(store.join("r", "bob", notice("x"), 50, T0).orElseThrow().history());
        assertEquals(50, forBob.size());
        assertEquals("priv59", forBob.get(49));
        assertEquals("pub35", forBob.get(0));
    }

    @Test
    void eachRoomKeepsOnlyItsNewestMessages() {
        ChatStore small = newStore(60);
        small.createRoom("r", T0, NO_LIMIT);
        small.registerUser("ana", null, T0, NO_LIMIT);
        small.join("r", "ana", notice("in"), 50, T0);
        for (int i = 0; i < 500; i++) {
            small.post("r", Message.broadcast("ana", "m" + i, 0), T0);
        }
        List<StoredMessage> kept = small.readAfter("r", "ana", 0).orElseThrow();
        assertEquals(60, kept.size());
        assertEquals("m440", kept.get(0).message().content());
        assertEquals("m499", kept.get(59).message().content());
    }

    @Test
    void roomsEmptySinceBeforeTheCutoffAreRemoved() {
        store.createRoom("never-joined", T0, NO_LIMIT);
        roomWith("busy", "ana");
        roomWith("left", "bob");
        store.leave("left", "bob", notice("bob out"), T0.plusSeconds(100));
        assertEquals(List.of(), store.removeRoomsEmptySince(T0));
        assertEquals(List.of("never-joined"), store.removeRoomsEmptySince(T0.plusMillis(1)));
        assertEquals(List.of(), store.removeRoomsEmptySince(T0.plusSeconds(100)));
        assertEquals(List.of("left"), store.removeRoomsEmptySince(T0.plusSeconds(100).plusMillis(1)));
        assertEquals(List.of("busy"), store.rooms());
        assertEquals(Admission.ADDED, store.createRoom("left", T0, NO_LIMIT), "a removed room's name is free again");
    }

    @Test
    void joiningAgainKeepsARoomAlive() {
        roomWith("r", "ana");
        store.leave("r", "ana", notice("out"), T0);
        store.join("r", "ana", notice("in"), 50, T0.plus(Duration.ofSeconds(1)));
        assertEquals(List.of(), store.removeRoomsEmptySince(T0.plus(Duration.ofDays(1))));
    }

    @Test
    void concurrentPostsAreAllKeptInOneOrder() throws Exception {
        store = newStore(10_000);
        roomWith("r", "ana", "bob");
        int threads = 8;
        int each = 100;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        ConcurrentLinkedQueue<Long> seqs = new ConcurrentLinkedQueue<>();
        for (int t = 0; t < threads; t++) {
            String sender = t % 2 == 0 ? "ana" : "bob";
            pool.submit(() -> {
                start.await();
                for (int i = 0; i < each; i++) {
                    Optional<StoredMessage> stored = store.post("r", Message.broadcast(sender, "x", 0), T0);
                    seqs.add(stored.orElseThrow().seq());
                }
                return null;
            });
        }
        start.countDown();
        pool.shutdown();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        assertEquals(threads * each, seqs.stream().distinct().count(), "every post got its own sequence number");
        List<StoredMessage> all = store.readAfter("r", "ana", 0).orElseThrow();
        assertEquals(threads * each + 2, all.size());
        for (int i = 1; i < all.size(); i++) {
            assertTrue(all.get(i).seq() > all.get(i - 1).seq());
            assertTrue(all.get(i).message().timestamp() > all.get(i - 1).message().timestamp());
        }
        assertTrue(all.stream().allMatch(m -> m.message().type() == MessageType.BROADCAST));
    }

    @Test
    void usersStopAtTheLimitAndATakenNameIsStillTakenWhenFull() {
        assertEquals(Admission.ADDED, store.registerUser("ana", null, T0, 3));
        assertEquals(Admission.ADDED, store.registerUser("bob", null, T0, 3));
        assertEquals(Admission.ADDED, store.registerUser("cid", null, T0, 3), "the third of three");
        assertEquals(Admission.FULL, store.registerUser("dan", null, T0, 3), "one over the limit");
        assertEquals(Admission.TAKEN, store.registerUser("ana", null, T0, 3));
        assertFalse(store.registration("dan").isPresent());
        assertTrue(store.registration("cid").isPresent());
        assertEquals(Admission.ADDED, store.registerUser("dan", null, T0, 4), "a higher limit admits more");
    }

    @Test
    void roomsStopAtTheLimitAndRemovedRoomsFreeTheirPlace() {
        assertEquals(Admission.ADDED, store.createRoom("a", T0, 2));
        assertEquals(Admission.ADDED, store.createRoom("b", T0.plusSeconds(10), 2));
        assertEquals(Admission.FULL, store.createRoom("c", T0, 2));
        assertEquals(Admission.TAKEN, store.createRoom("a", T0, 2));
        assertEquals(List.of("a", "b"), store.rooms(), "a refusal changes nothing");
        assertEquals(List.of("a"), store.removeRoomsEmptySince(T0.plusSeconds(1)));
        assertEquals(Admission.ADDED, store.createRoom("c", T0, 2));
        assertEquals(Admission.FULL, store.createRoom("d", T0, 2));
        assertEquals(List.of("b", "c"), store.rooms());
    }

    @Test
    void exactlyTheLimitOfUsersIsAdmittedWhenManyRaceForIt() throws Exception {
        int limit = 10;
        List<Admission> answers = race(50, i -> store.registerUser("user" + i, null, T0, limit));
        assertEquals(limit, answers.stream().filter(a -> a == Admission.ADDED).count(), answers.toString());
        assertEquals(50 - limit, answers.stream().filter(a -> a == Admission.FULL).count(), answers.toString());
        long registered = IntStream.range(0, 50).filter(i -> store.registration("user" + i).isPresent()).count();
        assertEquals(limit, registered);
    }

    @Test
    void exactlyTheLimitOfRoomsIsCreatedWhenManyRaceForIt() throws Exception {
        int limit = 10;
        List<Admission> answers = race(50, i -> store.createRoom("room" + i, T0, limit));
        assertEquals(limit, answers.stream().filter(a -> a == Admission.ADDED).count(), answers.toString());
        assertEquals(limit, store.rooms().size());
    }

    @Test
    void oneOfManyRacingForTheSameNameGetsIt() throws Exception {
        List<Admission> users = race(50, i -> store.registerUser("ana", null, T0, NO_LIMIT));
        assertEquals(1, users.stream().filter(a -> a == Admission.ADDED).count(), users.toString());
        assertEquals(49, users.stream().filter(a -> a == Admission.TAKEN).count(), users.toString());
        List<Admission> rooms = race(50, i -> store.createRoom("sala", T0, 1));
        assertEquals(1, rooms.stream().filter(a -> a == Admission.ADDED).count(), rooms.toString());
    }

    /** Runs {@code call(i)} for i in 0..threads-1, all released at once, one thread each; the answers in order of i. */
    protected static <T> List<T> race(int threads, IntFunction<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int i = t;
            futures.add(pool.submit(() -> {
                ready.countDown();
                start.await();
                return call.apply(i);
            }));
        }
        assertTrue(ready.await(30, TimeUnit.SECONDS), "every thread started");
        start.countDown();
        List<T> answers = new ArrayList<>();
        for (Future<T> future : futures) {
            answers.add(future.get(30, TimeUnit.SECONDS));
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        return answers;
    }

    protected static List<String> contents(List<StoredMessage> messages) {
        return messages.stream().map(m -> m.message().content()).toList();
    }

    @Test
    void aSequenceReadSeesWhatFollowsTheCursorAndWhereTheRoomStands() {
        roomWith("r", "ana", "bob");
        StoredMessage first = store.post("r", Message.broadcast("ana", "one", 0), T0).orElseThrow();
        store.post("r", Message.unicast("ana", "bob", "psst", 0), T0);
        Reading forAna = store.readAfterSeq("r", "ana", first.seq()).orElseThrow();
        assertEquals(List.of("psst"), contents(forAna.messages()));
        assertEquals(first.seq() + 1, forAna.newestSeq());
        store.registerUser("cid", null, T0, NO_LIMIT);
        store.join("r", "cid", notice("cid in"), 50, T0);
        assertEquals(List.of("cid in"), contents(store.readAfterSeq("r", "cid", first.seq()).orElseThrow().messages()),
                "a unicast to someone else is not read");
        assertTrue(store.readAfterSeq("r", "eve", 0).isEmpty(), "a non-member reads nothing");
        assertTrue(store.readAfterSeq("nope", "ana", 0).isEmpty());
    }

    @Test
    void aTimestampCursorBecomesASequenceCursor() {
        roomWith("r", "ana");
        StoredMessage a = store.post("r", Message.broadcast("ana", "a", 0), T0.plusSeconds(1)).orElseThrow();
        StoredMessage b = store.post("r", Message.broadcast("ana", "b", 0), T0.plusSeconds(2)).orElseThrow();
        assertEquals(a.seq(), store.lastSeqAtOrBefore("r", a.message().timestamp()).orElseThrow());
        assertEquals(b.seq(), store.lastSeqAtOrBefore("r", b.message().timestamp() + 10).orElseThrow());
        assertEquals(0L, store.lastSeqAtOrBefore("r", 0).orElseThrow());
        assertTrue(store.lastSeqAtOrBefore("nope", 0).isEmpty());
    }

    @Test
    void aWaiterIsWokenByTheNextMessageAndOnlyThen() {
        roomWith("r", "ana");
        long newest = store.readAfterSeq("r", "ana", 0).orElseThrow().newestSeq();
        assertEquals(true, store.nextMessage("r", newest - 1).getNow(null), "a message newer than the cursor: at once");
        java.util.concurrent.CompletableFuture<Boolean> next = store.nextMessage("r", newest);
        assertFalse(next.isDone());
        store.post("r", Message.broadcast("ana", "wake", 0), T0);
        assertEquals(true, next.getNow(null));
    }

    @Test
    void aWaiterOnARoomThatGoesIsToldSo() {
        store.createRoom("brief", T0, NO_LIMIT);
        java.util.concurrent.CompletableFuture<Boolean> next = store.nextMessage("brief", 0);
        assertFalse(next.isDone());
        store.removeRoomsEmptySince(T0.plusSeconds(1));
        assertEquals(false, next.getNow(null));
        assertEquals(false, store.nextMessage("nope", 0).getNow(null));
    }
    // Presence and sessions: last seen, idle names, freeing a name atomically.

    @Test
    void aRegistrationKeepsItsSessionHashAndWhenItWasSeen() {
        assertEquals(Admission.ADDED, store.registerUser("ana", "hash-a", T0, NO_LIMIT));
        assertEquals(Admission.ADDED, store.registerUser("bob", null, T0.plusSeconds(1), NO_LIMIT));
        assertEquals(Optional.of(new Registration(T0, "hash-a")), store.registration("ana"));
        assertEquals(Optional.of(new Registration(T0.plusSeconds(1), null)), store.registration("bob"));
        assertTrue(store.registration("cid").isEmpty());
        assertEquals(Admission.TAKEN, store.registerUser("ana", "hash-other", T0.plusSeconds(5), NO_LIMIT));
        assertEquals(Optional.of(new Registration(T0, "hash-a")), store.registration("ana"),
                "a refused registration changes nothing");
    }

    @Test
    void aTouchMovesLastSeenForwardOnlyAndNeverRegisters() {
        store.registerUser("ana", "h", T0, NO_LIMIT);
        assertTrue(store.touch("ana", T0.plusSeconds(10)));
        assertEquals(T0.plusSeconds(10), store.registration("ana").orElseThrow().lastSeen());
        assertTrue(store.touch("ana", T0.plusSeconds(3)), "an older time is no error");
        assertEquals(new Registration(T0.plusSeconds(10), "h"), store.registration("ana").orElseThrow(),
                "last seen never moves back, and the session stays");
        assertFalse(store.touch("bob", T0), "a free name is not touched");
        assertFalse(store.registration("bob").isPresent(), "and stays free");
    }

    @Test
    void idleUsersAreThoseLastSeenBeforeTheCutoff() {
        store.registerUser("ana", null, T0, NO_LIMIT);
        store.registerUser("bob", null, T0, NO_LIMIT);
        store.registerUser("cid", null, T0.plusSeconds(30), NO_LIMIT);
        store.touch("bob", T0.plusSeconds(60));
        assertEquals(List.of(), store.usersIdleSince(T0));
        assertEquals(List.of("ana"), sorted(store.usersIdleSince(T0.plusSeconds(30))));
        assertEquals(List.of("ana", "cid"), sorted(store.usersIdleSince(T0.plusSeconds(31))));
        assertEquals(List.of("ana", "bob", "cid"), sorted(store.usersIdleSince(T0.plusSeconds(61))));
    }

    @Test
    void anIdleNameIsFreedOnlyWhenStillIdleAndCanBeTakenAgain() {
        store.registerUser("ana", "h", T0, NO_LIMIT);
        assertFalse(store.removeUserIdleSince("ana", T0), "seen at the cutoff: not idle");
        store.touch("ana", T0.plusSeconds(100));
        assertFalse(store.removeUserIdleSince("ana", T0.plusSeconds(50)), "touched since: stays");
        assertTrue(store.registration("ana").isPresent());
        assertTrue(store.removeUserIdleSince("ana", T0.plusSeconds(101)));
        assertFalse(store.registration("ana").isPresent());
        assertTrue(store.registration("ana").isEmpty(), "the session went with the name");
        assertFalse(store.removeUserIdleSince("ana", T0.plusSeconds(101)), "freed once");
        assertFalse(store.touch("ana", T0.plusSeconds(102)));
        assertEquals(Admission.ADDED, store.registerUser("ana", "new", T0.plusSeconds(103), NO_LIMIT));
        assertEquals("new", store.registration("ana").orElseThrow().sessionHash());
    }

    @Test
    void theIdleRulesLeaveHappensOnlyWhileTheUserIsIdle() {
        store.registerUser("ana", null, T0, NO_LIMIT);
        store.registerUser("bob", null, T0, NO_LIMIT);
        store.createRoom("sala", T0, NO_LIMIT);
        store.join("sala", "ana", notice("ana entrou na sala."), 50, T0);
        store.join("sala", "bob", notice("bob entrou na sala."), 50, T0);
        store.touch("bob", T0.plusSeconds(100));

        assertFalse(store.leaveIfIdle("sala", "ana", notice("ana saiu da sala."), T0.plusSeconds(101), T0),
                "seen at the cutoff: not idle");
        assertFalse(store.leaveIfIdle("sala", "bob", notice("bob saiu da sala."), T0.plusSeconds(101),
                T0.plusSeconds(50)), "touched since: stays");
        assertTrue(store.leaveIfIdle("sala", "ana", notice("ana saiu da sala."), T0.plusSeconds(101),
                T0.plusSeconds(50)));
        assertEquals(List.of("bob"), store.members("sala").orElseThrow());
        assertFalse(store.leaveIfIdle("sala", "ana", notice("ana saiu da sala."), T0.plusSeconds(102),
                T0.plusSeconds(50)), "left once");
        assertTrue(store.removeUserIdleSince("bob", T0.plusSeconds(200)));
        assertTrue(store.leaveIfIdle("sala", "bob", notice("bob saiu da sala."), T0.plusSeconds(201),
                T0.plusSeconds(50)), "a member whose name is gone leaves");
        assertEquals(List.of(), store.members("sala").orElseThrow());
    }

    @Test
    void aNameIsRemovedOnlyWithItsOwnSession() {
        store.registerUser("ana", "h-ana", T0, NO_LIMIT);
        store.registerUser("bob", null, T0, NO_LIMIT);
        assertFalse(store.removeUser("ana", "h-other"));
        assertFalse(store.removeUser("ana", null), "a name with a session is not removed without it");
        assertTrue(store.registration("ana").isPresent());
        assertTrue(store.removeUser("ana", "h-ana"));
        assertFalse(store.registration("ana").isPresent());
        assertFalse(store.removeUser("bob", "h-any"), "a name without a session is not removed with one");
        assertTrue(store.removeUser("bob", null));
        assertFalse(store.removeUser("bob", null));
        assertFalse(store.removeUser("nobody", null));
    }

    @Test
    void freedNamesMakeRoomUnderTheUserLimit() {
        assertEquals(Admission.ADDED, store.registerUser("ana", null, T0, 2));
        assertEquals(Admission.ADDED, store.registerUser("bob", "h", T0, 2));
        assertEquals(Admission.FULL, store.registerUser("cid", null, T0, 2));
        assertTrue(store.removeUserIdleSince("ana", T0.plusSeconds(1)));
        assertEquals(Admission.ADDED, store.registerUser("cid", null, T0, 2));
        assertTrue(store.removeUser("bob", "h"));
        assertEquals(Admission.ADDED, store.registerUser("dan", null, T0, 2));
        assertEquals(Admission.FULL, store.registerUser("eve", null, T0, 2));
    }

    @Test
    void aReturningUserRacingTheSweeperEitherKeepsItsNameOrFindsItFree() throws Exception {
        int names = 100;
        for (int i = 0; i < names; i++) {
            store.registerUser("user" + i, null, T0, NO_LIMIT);
        }
        Instant back = T0.plusSeconds(3600);
        // Even threads free user i/2 as idle since before T0 + 1 h; odd ones bring user i/2 back at T0 + 1 h.
        List<Boolean> answers = race(2 * names, i -> i % 2 == 0
                ? store.removeUserIdleSince("user" + i / 2, back)
                : store.touch("user" + i / 2, back));
        for (int n = 0; n < names; n++) {
            boolean freed = answers.get(2 * n);
            boolean touched = answers.get(2 * n + 1);
            assertTrue(freed != touched, "user" + n + ": exactly one of freeing and coming back wins (freed "
                    + freed + ", touched " + touched + ")");
            assertEquals(touched, store.registration("user" + n).isPresent(), "user" + n);
            if (touched) {
                assertEquals(back, store.registration("user" + n).orElseThrow().lastSeen());
            }
        }
    }

    @Test
    void oneOfManyRacingToRemoveANameRemovesIt() throws Exception {
        store.registerUser("ana", "h", T0, NO_LIMIT);
        List<Boolean> answers = race(20, i -> i % 2 == 0
                ? store.removeUser("ana", "h")
                : store.removeUserIdleSince("ana", T0.plusSeconds(1)));
        assertEquals(1, answers.stream().filter(a -> a).count(), answers.toString());
        assertFalse(store.registration("ana").isPresent());
    }

    private static List<String> sorted(List<String> names) {
        return names.stream().sorted().toList();
    }
}
