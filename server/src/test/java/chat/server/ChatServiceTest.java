package chat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.common.JoinedRoom;
import chat.common.Message;
import chat.common.MessageType;
import chat.common.testing.ManualClock;
import chat.server.store.ChatStore;
import chat.server.store.InMemoryChatStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChatServiceTest {
    private final ManualClock clock = ManualClock.atSomeInstant();
    private ChatService chat;

    @BeforeEach
    void setUp() {
        chat = new ChatService(new InMemoryChatStore(1000),
                ChatSettings.defaults(clock).withRoomTtl(Duration.ofMinutes(5)));
    }

    private void inRoom(String room, String... users) {
        chat.createRoom(room);
        for (String user : users) {
            chat.registerUser(user);
            assertTrue(chat.join(user, room).isPresent());
        }
    }

    private static List<String> contents(List<Message> messages) {
        return messages.stream().map(Message::content).toList();
    }

    @Test
    void aUserJoiningAgainWhileItQuitsIsNotLeftInTheRoomWithoutItsName() {
        InMemoryChatStore memory = new InMemoryChatStore(1000);
        AtomicReference<Runnable> beforeFreeing = new AtomicReference<>(() -> { });
        ChatStore store = (ChatStore) Proxy.newProxyInstance(ChatStore.class.getClassLoader(),
                new Class<?>[] {ChatStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("removeUser")) {
                        beforeFreeing.getAndSet(() -> { }).run();
                    }
                    try {
                        return method.invoke(memory, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        ChatService quitting = new ChatService(store, ChatSettings.defaults(clock));
        quitting.createRoom("r");
        quitting.registerUser("bob");
        quitting.join("bob", "r");
        quitting.registerSession("ana");
        quitting.join("ana", "r");
        // Its client, told by the notice that it left, joins again before the name is freed.
        beforeFreeing.set(() -> assertTrue(quitting.join("ana", "r").isPresent()));

        assertTrue(quitting.unregister("ana"));
        assertTrue(memory.registration("ana").isEmpty());
        assertEquals(List.of("bob"), quitting.listUsers("r"), "no member without a name");

        quitting.registerUser("ana");
        assertTrue(quitting.join("ana", "r").isPresent());
        assertEquals(List.of("bob", "ana"), quitting.listUsers("r"), "the name registered again joins as anyone does");
    }

    @Test
    void namesTheSystemSpeaksAsCannotBeRegistered() {
        assertFalse(chat.registerUser("Sistema"));
        assertFalse(chat.registerUser("Todos"));
        assertTrue(chat.registerUser("ana"));
        assertFalse(chat.registerUser("ana"));
    }

    @Test
    void joiningAnnouncesTheUserAndReturnsMembersAndHistory() {
        inRoom("r", "ana");
        chat.registerUser("bob");
        JoinedRoom joined = chat.join("bob", "r").orElseThrow();
        assertEquals(List.of("ana", "bob"), joined.users());
        assertEquals(List.of("ana entrou na sala.", "bob entrou na sala."), contents(joined.messages()));
        Message notice = joined.messages().get(1);
        assertEquals(Message.SYSTEM, notice.origin());
        assertEquals(Message.EVERYONE, notice.destination());
        assertEquals(MessageType.BROADCAST, notice.type());
    }

    @Test
    void anUnregisteredUserOrAnUnknownRoomCannotBeJoined() {
        chat.createRoom("r");
        chat.registerUser("ana");
        assertTrue(chat.join("ghost", "r").isEmpty());
        assertTrue(chat.join("ana", "nope").isEmpty());
        assertTrue(chat.join(null, "r").isEmpty());
        assertTrue(chat.join("ana", null).isEmpty());
    }

    @Test
    void anEmptyRecipientMeansEveryone() {
        inRoom("r", "ana", "bob");
        assertTrue(chat.send("ana", "r", "to all", ""));
        assertTrue(chat.send("ana", "r", "to all too", null));
        List<Message> got = chat.receive("bob", "r", 0);
        assertTrue(got.stream().filter(m -> m.origin().equals("ana")).allMatch(m -> m.type() == MessageType.BROADCAST));
    }

    @Test
    void privateMessagesReachOnlySenderAndRecipient() {
        inRoom("r", "ana", "bob", "cid");
        assertTrue(chat.send("ana", "r", "psst", "bob"));
        assertTrue(contents(chat.receive("ana", "r", 0)).contains("psst"));
        assertTrue(contents(chat.receive("bob", "r", 0)).contains("psst"));
        assertFalse(contents(chat.receive("cid", "r", 0)).contains("psst"));
        chat.registerUser("dan");
        assertFalse(contents(chat.join("dan", "r").orElseThrow().messages()).contains("psst"));
        Message psst = chat.receive("bob", "r", 0).stream().filter(m -> m.content().equals("psst")).findFirst().orElseThrow();
        assertEquals(MessageType.UNICAST, psst.type());
        assertEquals("bob", psst.destination());
    }

    @Test
    void nonMembersCannotSendOrRead() {
        inRoom("r", "ana");
        chat.registerUser("eve");
        assertFalse(chat.send("eve", "r", "hi", null));
        assertEquals(List.of(), chat.receive("eve", "r", 0));
        assertEquals(List.of(), chat.receiveSinceLastFetch("eve", "r"));
        assertFalse(chat.send("ghost", "r", "hi", null));
    }

    @Test
    void aPrivateMessageToSomeoneOutsideTheRoomIsRefused() {
        inRoom("r", "ana");
        chat.registerUser("bob");
        assertFalse(chat.send("ana", "r", "psst", "bob"));
        assertFalse(chat.send("ana", "r", "psst", "nobody"));
        assertEquals(List.of("ana entrou na sala."), contents(chat.receive("ana", "r", 0)));
    }

    @Test
    void unknownRoomsAndNilRoomsAnswerWithTheOriginalsShapes() {
        chat.registerUser("ana");
        assertFalse(chat.send("ana", "nope", "hi", null));
        assertFalse(chat.send("ana", null, "hi", null));
        assertEquals(List.of(), chat.receive("ana", null, 0));
        assertEquals(List.of(), chat.receive("ana", "nope", 0));
        assertEquals(List.of(), chat.listUsers("nope"));
        assertEquals(List.of(), chat.listUsers(null));
        chat.leave("ana", null);
        chat.leave("ana", "nope");
    }

    @Test
    void cursorsAreServerTimestampsSoAClientClockAheadMissesNothing() {
        inRoom("r", "ana", "bob");
        List<Message> seen = chat.receive("bob", "r", 0);
        double cursor = seen.get(seen.size() - 1).timestamp();
        clock.advance(Duration.ofMillis(1));
        chat.send("ana", "r", "after", null);
        assertEquals(List.of("after"), contents(chat.receive("bob", "r", cursor)));
        assertEquals(List.of(), chat.receive("bob", "r", chat.receive("bob", "r", cursor).get(0).timestamp()));
    }

    @Test
    void messagesSentAtTheSameInstantGetDistinctIncreasingTimestamps() {
        inRoom("r", "ana", "bob");
        for (int i = 0; i < 10; i++) {
            chat.send("ana", "r", "m" + i, null);
        }
        List<Message> all = chat.receive("bob", "r", 0);
        for (int i = 1; i < all.size(); i++) {
            assertTrue(all.get(i).timestamp() > all.get(i - 1).timestamp());
        }
        double middle = all.get(5).timestamp();
        assertEquals(all.size() - 6, chat.receive("bob", "r", middle).size());
    }

    @Test
    void twoArgumentReceiveReturnsWhatArrivedSinceTheLastFetch() {
        inRoom("r", "ana", "bob");
        assertEquals(List.of(), chat.receiveSinceLastFetch("bob", "r"), "the cursor starts at what join returned");
        chat.send("ana", "r", "one", null);
        assertEquals(List.of("one"), contents(chat.receiveSinceLastFetch("bob", "r")));
        chat.send("ana", "r", "two", null);
        assertEquals(List.of("two"), contents(chat.receive("bob", "r", 0).subList(3, 4)), "the 3-argument form...");
        assertEquals(List.of("two"), contents(chat.receiveSinceLastFetch("bob", "r")), "...neither reads nor moves it");
    }

    @Test
    void leavingAnnouncesAndStopsReading() {
        inRoom("r", "ana", "bob");
        chat.leave("bob", "r");
        assertEquals(List.of("ana"), chat.listUsers("r"));
        assertEquals("bob saiu da sala.", chat.receive("ana", "r", 0).get(2).content());
        assertEquals(List.of(), chat.receive("bob", "r", 0));
        chat.leave("bob", "r");
        assertEquals(3, chat.receive("ana", "r", 0).size(), "leaving twice announces once");
    }

    @Test
    void aRoomNobodyJoinedIsRemovedAfterFiveMinutes() {
        chat.createRoom("quiet");
        clock.advance(Duration.ofMinutes(5));
        assertEquals(List.of(), chat.removeExpiredRooms(), "exactly five minutes is not more than five");
        clock.advance(Duration.ofMillis(1));
        assertEquals(List.of("quiet"), chat.removeExpiredRooms());
        assertEquals(List.of(), chat.listRooms());
    }

    @Test
    void aRoomIsRemovedFiveMinutesAfterItsLastMemberLeft() {
        inRoom("r", "ana", "bob");
        clock.advance(Duration.ofHours(1));
        assertEquals(List.of(), chat.removeExpiredRooms(), "a room with members stays");
        chat.leave("ana", "r");
        clock.advance(Duration.ofMinutes(3));
        chat.leave("bob", "r");
        clock.advance(Duration.ofMinutes(4));
        assertEquals(List.of(), chat.removeExpiredRooms(), "empty for four minutes only");
        clock.advance(Duration.ofMinutes(1).plusMillis(1));
        assertEquals(List.of("r"), chat.removeExpiredRooms());
        assertTrue(chat.join("ana", "r").isEmpty());
        assertTrue(chat.createRoom("r"), "the name is free again");
    }

    @Test
    void someoneJoiningAnEmptyRoomKeepsIt() {
        inRoom("r", "ana");
        chat.leave("ana", "r");
        clock.advance(Duration.ofMinutes(4));
        chat.join("ana", "r");
        clock.advance(Duration.ofMinutes(10));
        assertEquals(List.of(), chat.removeExpiredRooms());
        assertEquals(List.of("r"), chat.listRooms());
    }
}
