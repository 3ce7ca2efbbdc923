package chat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.common.Message;
import chat.common.MessageBatch;
import chat.common.testing.ManualClock;
import chat.server.store.InMemoryChatStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Presence: idle users leave their rooms with the usual notice, and lose their names later; on a ManualClock. */
class ChatServicePresenceTest {
    private static final Duration LEAVE = Duration.ofSeconds(60);
    private static final Duration FREE = Duration.ofMinutes(30);
    private static final Duration ROOM_TTL = Duration.ofMinutes(5);

    private final ManualClock clock = ManualClock.atSomeInstant();
    private InMemoryChatStore store;
    private ChatService chat;

    @BeforeEach
    void setUp() {
        store = new InMemoryChatStore(1000);
        chat = new ChatService(store,
                ChatSettings.defaults(clock).withRoomTtl(ROOM_TTL).withIdleTimes(new IdleTimes(LEAVE, FREE)));
    }

    private void inRoom(String room, String... users) {
        chat.createRoom(room);
        for (String user : users) {
            chat.registerUser(user);
            assertTrue(chat.join(user, room).isPresent());
        }
    }

    private void advance(Duration by) {
        clock.advance(by);
    }

    private static List<String> contents(List<Message> messages) {
        return messages.stream().map(Message::content).toList();
    }

    @Test
    void anIdleUserLeavesItsRoomsWithTheUsualNoticeAndKeepsItsName() {
        inRoom("sala", "ana", "bob");
        chat.createRoom("outra");
        chat.join("ana", "outra");
        advance(Duration.ofSeconds(30));
        chat.receive("bob", "sala", 0);
        advance(Duration.ofSeconds(31));
        IdleSweep sweep = chat.expireIdleUsers();

        assertEquals(Map.of("ana", List.of("sala", "outra")), sweep.roomsLeft());
        assertEquals(List.of(), sweep.freed());
        assertEquals(List.of("bob"), chat.listUsers("sala"));
        assertEquals(List.of(), chat.listUsers("outra"));
        List<Message> seenByBob = chat.receive("bob", "sala", 0);
        Message last = seenByBob.get(seenByBob.size() - 1);
        assertEquals("ana saiu da sala.", last.content());
        assertEquals(Message.SYSTEM, last.origin());
        assertEquals(Message.EVERYONE, last.destination());
        assertEquals(1, contents(seenByBob).stream().filter("ana saiu da sala."::equals).count(), "announced once");

        assertEquals(IdleSweep.NOTHING.roomsLeft(), chat.expireIdleUsers().roomsLeft(), "a second pass changes nothing");
        assertEquals(List.of(), chat.receive("ana", "sala", 0), "ana is no longer a member");
        assertFalse(chat.registerUser("ana"), "ana keeps its name");
        assertTrue(chat.join("ana", "sala").isPresent(), "and may come back");
        assertEquals(List.of("bob", "ana"), chat.listUsers("sala"));
    }

    @Test
    void aUserIdlingInTheMenuCostsOneLookThroughTheRoomsNotOneASweep() {
        inRoom("sala", "ana", "bob");
        chat.registerUser("py");
        advance(LEAVE.plusSeconds(1));
        chat.keepAlive("bob");
        assertEquals(Map.of("ana", List.of("sala")), chat.expireIdleUsers().roomsLeft());
        long scans = chat.roomScans();
        for (int i = 0; i < 20; i++) {
            advance(Duration.ofSeconds(1));
            chat.keepAlive("bob");
            chat.expireIdleUsers();
        }
        assertEquals(scans, chat.roomScans(), "ana and py idle on, already out of every room: no further look");
        assertTrue(chat.join("ana", "sala").isPresent(), "ana comes back");
        advance(LEAVE.plusSeconds(1));
        chat.keepAlive("bob");
        assertEquals(Map.of("ana", List.of("sala")), chat.expireIdleUsers().roomsLeft(),
                "and is made to leave again once idle again, however big the clock's step");
        assertEquals(scans + 1, chat.roomScans());
    }

    @Test
    void aRoomEmptiedByIdlenessIsRemovedAfterItsTtl() {
        inRoom("sala", "ana");
        advance(LEAVE.plusSeconds(1));
        chat.expireIdleUsers();
        assertEquals(List.of(), chat.listUsers("sala"));
        advance(ROOM_TTL);
        assertEquals(List.of(), chat.removeExpiredRooms(), "empty for exactly the TTL: not yet");
        advance(Duration.ofMillis(1));
        assertEquals(List.of("sala"), chat.removeExpiredRooms());
        assertEquals(List.of(), chat.listRooms());
    }

    @Test
    void aNameIdleForLongerIsFreedAndCanBeTakenByAnyone() {
        inRoom("sala", "ana", "bob");
        chat.registerUser("cid");
        for (int minute = 0; minute < 30; minute++) {
            advance(Duration.ofMinutes(1));
            chat.receive("bob", "sala", 0);
            chat.expireIdleUsers();
        }
        assertEquals(List.of(), chat.expireIdleUsers().freed(), "cid, idle exactly 30 min, keeps its name");
        assertTrue(chat.keepAlive("ana"), "ana, idle as long, is still registered, and now seen");
        advance(FREE);
        chat.keepAlive("bob");
        assertEquals(List.of("cid"), chat.expireIdleUsers().freed(), "cid made no call since registering");
        advance(Duration.ofMillis(1));
        chat.keepAlive("bob");
        assertEquals(List.of("ana"), chat.expireIdleUsers().freed());
        assertFalse(chat.keepAlive("ana"), "a freed name is told so");
        assertEquals(List.of(), chat.receive("ana", "sala", 0));
        assertFalse(chat.send("ana", "sala", "hello?", null));
        assertTrue(chat.join("ana", "sala").isEmpty(), "a freed name cannot join");
        assertTrue(chat.registerUser("ana"), "anyone may take it now");
        assertTrue(chat.registerUser("cid"));
        assertEquals(List.of("bob"), chat.listUsers("sala"));
    }

    /** Each kind of call by a user keeps it present. */
    static Stream<Arguments> calls() {
        return Stream.of(
                Arguments.of("join_room", (Consumer<ChatService>) c -> c.join("ana", "sala")),
                Arguments.of("send_message", (Consumer<ChatService>) c -> c.send("ana", "sala", "oi", null)),
                Arguments.of("receive_messages/3", (Consumer<ChatService>) c -> c.receive("ana", "sala", 0)),
                Arguments.of("receive_messages/2", (Consumer<ChatService>) c -> c.receiveSinceLastFetch("ana", "sala")),
                Arguments.of("wait_messages", (Consumer<ChatService>) c -> c.waitAfterSeq("ana", "sala", 0, Duration.ZERO).join()),
                Arguments.of("keep_alive", (Consumer<ChatService>) c -> c.keepAlive("ana")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("calls")
    void everyCallByAUserKeepsItPresent(String call, Consumer<ChatService> byAna) {
        inRoom("sala", "ana");
        for (int i = 0; i < 5; i++) {
            advance(Duration.ofSeconds(50));
            byAna.accept(chat);
            advance(Duration.ofSeconds(50));
            assertEquals(IdleSweep.NOTHING, chat.expireIdleUsers(), call + ", round " + i);
        }
        assertEquals(List.of("ana"), chat.listUsers("sala"));
        advance(Duration.ofSeconds(11));
        assertEquals(Map.of("ana", List.of("sala")), chat.expireIdleUsers().roomsLeft(),
                "and without it, ana leaves: the test can fail");
    }

    @Test
    void callsThatNameNoUserKeepNobodyPresent() {
        inRoom("sala", "ana");
        advance(Duration.ofSeconds(59));
        chat.listRooms();
        chat.listUsers("sala");
        chat.createRoom("outra");
        advance(Duration.ofSeconds(2));
        assertEquals(Map.of("ana", List.of("sala")), chat.expireIdleUsers().roomsLeft());
    }

    @Test
    void theLastSeenTimeIsWrittenAtMostOnceASecond() {
        chat.registerUser("ana");
        Instant registered = clock.instant();
        for (int i = 0; i < 9; i++) {
            advance(Duration.ofMillis(100));
            chat.keepAlive("ana");
        }
        assertEquals(registered, store.registration("ana").orElseThrow().lastSeen(), "0.9 s of calls: not written");
        advance(Duration.ofMillis(100));
        chat.keepAlive("ana");
        assertEquals(clock.instant(), store.registration("ana").orElseThrow().lastSeen(), "1 s: written");
    }

    @Test
    void aUserHoldingAWaitOpenIsPresentHoweverLongTheClockRuns() throws Exception {
        inRoom("sala", "ana", "bob");
        CompletableFuture<Optional<MessageBatch>> waiting = chat.waitAfterSeq("ana", "sala", 100, Duration.ofMinutes(1));
        assertFalse(waiting.isDone());
        for (int i = 0; i < 10; i++) {
            advance(Duration.ofSeconds(20));
            chat.keepAlive("bob");
            chat.expireIdleUsers();
        }
        assertEquals(List.of("ana", "bob"), chat.listUsers("sala"), "200 s with a wait open: still in the room");
        chat.wakeAllWaiting();
        assertTrue(waiting.get(5, TimeUnit.SECONDS).isPresent());
        advance(LEAVE.plusSeconds(1));
        chat.keepAlive("bob");
        assertEquals(Map.of("ana", List.of("sala")), chat.expireIdleUsers().roomsLeft(), "once the wait ends, ana may idle out");
    }

    @Test
    void aFreedNameLosesItsSendRate() {
        inRoom("sala", "ana");
        chat.send("ana", "sala", "oi", null);
        assertEquals(1, chat.usersWithASendRate());
        advance(FREE.plusSeconds(1));
        assertEquals(List.of("ana"), chat.expireIdleUsers().freed());
        assertEquals(0, chat.usersWithASendRate());
    }

    @Test
    void theFullServerRefusalSaysWhenNamesAreFreed() {
        ChatService small = new ChatService(new InMemoryChatStore(100), ChatSettings.defaults(clock)
                .withRoomTtl(ROOM_TTL).withLimits(ChatLimits.DEFAULTS.withMaxUsers(1))
                .withIdleTimes(new IdleTimes(LEAVE, FREE)));
        small.registerUser("ana");
        ChatRefusal refusal = org.junit.jupiter.api.Assertions.assertThrows(ChatRefusal.class,
                () -> small.registerUser("bob"));
        assertTrue(refusal.explanation().contains("after 1800 s without a call"), refusal.explanation());
        advance(FREE.plusSeconds(1));
        small.expireIdleUsers();
        assertTrue(small.registerUser("bob"), "ana's place is free");
    }

    /**
     * Many users come back at the instant two sweepers (two servers over one store) free them: each user
     * either keeps its name and is in the room, or lost its name and is in no room. Never a member
     * without a name, never a name announced as leaving twice.
     */
    @Test
    void usersComingBackWhileSweepersFreeThemEndWhole() throws Exception {
        int users = 64;
        for (int round = 0; round < 5; round++) {
            setUp();
            String[] names = new String[users];
            chat.createRoom("sala");
            for (int i = 0; i < users; i++) {
                names[i] = "u" + i;
                chat.registerUser(names[i]);
                chat.join(names[i], "sala");
            }
            advance(FREE.plusSeconds(1));
            ExecutorService pool = Executors.newFixedThreadPool(users + 2);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> joins = new ArrayList<>();
            List<Future<IdleSweep>> sweeps = new ArrayList<>();
            for (int s = 0; s < 2; s++) {
                sweeps.add(pool.submit(() -> {
                    start.await();
                    return chat.expireIdleUsers();
                }));
            }
            for (int i = 0; i < users; i++) {
                String name = names[i];
                joins.add(pool.submit(() -> {
                    start.await();
                    return chat.join(name, "sala").isPresent();
                }));
            }
            start.countDown();
            List<String> freed = new ArrayList<>();
            for (Future<IdleSweep> sweep : sweeps) {
                freed.addAll(sweep.get(30, TimeUnit.SECONDS).freed());
            }
            pool.shutdown();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
            List<String> members = chat.listUsers("sala");
            List<Message> history = store.readAfter("sala", members.isEmpty() ? "nobody" : members.get(0), 0)
                    .map(stored -> stored.stream().map(m -> m.message()).toList()).orElse(List.of());
            for (int i = 0; i < users; i++) {
                String name = names[i];
                boolean joined = joins.get(i).get();
                boolean registered = store.registration(name).isPresent();
                assertEquals(joined, registered, name + ": its join succeeded exactly when it kept its name");
                assertEquals(registered, members.contains(name), name + ": a member exactly when it has a name");
                assertEquals(!registered, freed.contains(name), name + ": freed exactly when it lost its name");
                assertTrue(freed.stream().filter(name::equals).count() <= 1, name + " freed once");
                if (!history.isEmpty()) {
                    long leaves = history.stream().filter(m -> m.content().equals(name + " saiu da sala.")).count();
                    assertTrue(leaves <= 1, name + " announced as leaving " + leaves + " times");
                }
            }
        }
    }
}
