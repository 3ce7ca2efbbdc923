package chat.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.common.Message;
import chat.common.testing.Await;
import chat.server.store.Admission;
import chat.server.store.StoredMessage;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reads answered from a server's own copy of the chat, on several members: a message posted through one
 * server reaches a reader on another through its event alone, in order, and one whose event is lost is fetched
 * from the room's owner; a member that leaves hands what it watched to the others.
 */
class ClusteredReadsTest {
    private static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");
    private static final int NO_LIMIT = Integer.MAX_VALUE;
    private static TcpMembers members;
    private static int namespaces;
    private final List<HazelcastChatStore> opened = new ArrayList<>();

    @BeforeAll
    static void startMembers() {
        members = TcpMembers.start(2);
    }

    @AfterAll
    static void stopMembers() {
        members.close();
    }

    @AfterEach
    void closeStores() {
        opened.forEach(HazelcastChatStore::close);
    }

    private HazelcastChatStore store(HazelcastInstance member, String namespace) {
        HazelcastChatStore store = new HazelcastChatStore(member, namespace, 200);
        opened.add(store);
        return store;
    }

    /** Two servers' stores of one chat, on two members; ana and bob in room "sala". */
    private HazelcastChatStore[] twoServers(String namespace) {
        HazelcastChatStore a = store(members.get(0), namespace);
        HazelcastChatStore b = store(members.get(1), namespace);
        assertEquals(Admission.ADDED, a.registerUser("ana", null, T0, NO_LIMIT));
        assertEquals(Admission.ADDED, b.registerUser("bob", null, T0, NO_LIMIT));
        assertEquals(Admission.ADDED, a.createRoom("sala", T0, NO_LIMIT));
        a.join("sala", "ana", Message.notice("ana entrou", 0), 50, T0);
        b.join("sala", "bob", Message.notice("bob entrou", 0), 50, T0);
        return new HazelcastChatStore[] {a, b};
    }

    private static List<String> contents(List<StoredMessage> messages) {
        return messages.stream().map(m -> m.message().content()).toList();
    }

    @Test
    void aMessagePostedThroughOneServerWakesAReaderOnAnotherByItsEventAlone() throws Exception {
        HazelcastChatStore[] servers = twoServers("reads" + ++namespaces);
        HazelcastChatStore a = servers[0];
        HazelcastChatStore b = servers[1];
        long seen = b.readAfterSeq("sala", "bob", 0).orElseThrow().newestSeq();
        long catchUps = b.catchUps();
        CompletableFuture<Boolean> next = b.nextMessage("sala", seen);
        assertFalse(next.isDone());
        StoredMessage posted = a.post("sala", Message.broadcast("ana", "olá", 0), T0.plusSeconds(1)).orElseThrow();
        assertTrue(next.get(10, TimeUnit.SECONDS));
        assertEquals(List.of("olá"), contents(b.readAfterSeq("sala", "bob", seen).orElseThrow().messages()));
        assertEquals(posted, b.readAfterSeq("sala", "bob", seen).orElseThrow().messages().get(0),
                "the same sequence number and timestamp on every server");
        assertEquals(catchUps, b.catchUps(), "nothing was asked of the room's owner");
        assertTrue(b.registration("bob").isPresent());
        assertTrue(b.answersFromMemory("bob", "sala"), "a name read once and a complete copy: no call needs to wait");
        assertFalse(b.answersFromMemory("bob", "nowhere"), "a room it has no copy of");
    }

    @Test
    void aServerReadsItsOwnWritesAtOnce() {
        HazelcastChatStore[] servers = twoServers("own" + ++namespaces);
        HazelcastChatStore b = servers[1];
        b.readAfterSeq("sala", "bob", 0).orElseThrow();
        b.post("sala", Message.broadcast("bob", "eu", 0), T0.plusSeconds(1)).orElseThrow();
        assertEquals(List.of("eu"), contents(b.readAfter("sala", "bob", T0.getEpochSecond()).orElseThrow())
                .stream().filter("eu"::equals).toList());
        assertEquals(Admission.ADDED, b.createRoom("nova", T0, NO_LIMIT));
        assertTrue(b.rooms().contains("nova"), "listed by the server that made it before its call is answered");
    }

    @Test
    void aMessageWhoseEventIsLostIsFetchedFromTheOwnerAndShownInOrder() throws Exception {
        String namespace = "lost" + ++namespaces;
        HazelcastChatStore[] servers = twoServers(namespace);
        HazelcastChatStore a = servers[0];
        HazelcastChatStore b = servers[1];
        long seen = b.readAfterSeq("sala", "bob", 0).orElseThrow().newestSeq();
        CompletableFuture<Boolean> next = b.nextMessage("sala", seen);
        // Stored as a server that died before telling anyone would have stored it: no event.
        IMap<String, RoomState> rooms = members.get(0).getMap(namespace + ".rooms");
        assertTrue(rooms.executeOnKey("sala", new RoomOperations.Post(Message.broadcast("ana", "perdida", 0),
                T0.plusSeconds(1))) != null);
        a.post("sala", Message.broadcast("ana", "seguinte", 0), T0.plusSeconds(2)).orElseThrow();
        assertTrue(next.get(10, TimeUnit.SECONDS));
        Await.until("both messages on the reader's server", () ->
                b.readAfterSeq("sala", "bob", seen).orElseThrow().messages().size() == 2);
        assertEquals(List.of("perdida", "seguinte"), contents(b.readAfterSeq("sala", "bob", seen).orElseThrow().messages()));
        assertTrue(b.catchUps() > 0);
    }

    @Test
    void aRoomRemovedAndMadeAgainIsReadAsTheNewRoomEverywhere() {
        HazelcastChatStore[] servers = twoServers("again" + ++namespaces);
        HazelcastChatStore a = servers[0];
        HazelcastChatStore b = servers[1];
        a.post("sala", Message.broadcast("ana", "velha", 0), T0.plusSeconds(1)).orElseThrow();
        Await.until("the old message on b", () ->
                contents(b.readAfterSeq("sala", "bob", 0).orElseThrow().messages()).contains("velha"));
        a.leave("sala", "ana", Message.notice("ana saiu", 0), T0.plusSeconds(2));
        b.leave("sala", "bob", Message.notice("bob saiu", 0), T0.plusSeconds(3));
        Await.until("both servers know the room is empty", () -> !a.removeRoomsEmptySince(T0.plusSeconds(60)).isEmpty()
                || !b.removeRoomsEmptySince(T0.plusSeconds(60)).isEmpty());
        Await.until("the room gone from both lists", () -> !a.rooms().contains("sala") && !b.rooms().contains("sala"));
        assertEquals(Admission.ADDED, a.createRoom("sala", T0.plusSeconds(70), NO_LIMIT));
        a.join("sala", "ana", Message.notice("ana de volta", 0), 50, T0.plusSeconds(71));
        b.join("sala", "bob", Message.notice("bob de volta", 0), 50, T0.plusSeconds(72));
        Await.until("the new room on b", () -> b.readAfterSeq("sala", "bob", 0)
                .map(reading -> contents(reading.messages()).equals(List.of("ana de volta", "bob de volta")))
                .orElse(false));
    }

    @Test
    void whenAMemberLeavesTheOthersWatchTheNamesAndEmptyRoomsItWatched() throws Exception {
        try (TcpMembers three = TcpMembers.start(3)) {
            String namespace = "orphans";
            HazelcastChatStore doomed = store(three.get(2), namespace);
            HazelcastChatStore first = store(three.get(0), namespace);
            HazelcastChatStore second = store(three.get(1), namespace);
            Set<String> names = new HashSet<>();
            Set<String> rooms = new HashSet<>();
            IMap<String, RoomState> roomMap = three.get(2).getMap(namespace + ".rooms");
            for (int i = 0; i < 20; i++) {
                names.add("user" + i);
                assertEquals(Admission.ADDED, doomed.registerUser("user" + i, null, T0, NO_LIMIT));
                rooms.add("room" + i);
                // made as a server that died before telling anyone would have: no event
                assertTrue(roomMap.executeOnKey("room" + i, new RoomOperations.Create(1_000 + i, 200, T0)));
            }
            Instant later = T0.plusSeconds(3_600);
            assertEquals(List.of(), first.usersIdleSince(later), "no server but the registering one watches them yet");
            three.get(2).getLifecycleService().terminate();

            Set<String> idle = new HashSet<>();
            Await.until("the survivors watch every name", () -> {
                idle.addAll(first.usersIdleSince(later));
                idle.addAll(second.usersIdleSince(later));
                return idle.equals(names);
            });
            Set<String> removed = new HashSet<>();
            Await.until("the survivors remove every empty room", () -> {
                removed.addAll(first.removeRoomsEmptySince(later));
                removed.addAll(second.removeRoomsEmptySince(later));
                return removed.equals(rooms);
            });
        }
    }
}
