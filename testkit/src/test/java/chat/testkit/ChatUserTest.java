package chat.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a user in a test does, and what its failures say. */
class ChatUserTest {
    private static final Duration FIVE_SECONDS = Duration.ofSeconds(5);
    private final ChatSystem chat = ChatSystem.start();

    @AfterEach
    void close() {
        chat.close();
    }

    @Test
    void messagesArriveInOrderWithTheNoticesOfWhoJoined() {
        ChatUser alice = chat.user("alice").register().create("lobby").join("lobby");
        ChatUser bob = chat.user("bob").register().join("lobby");
        alice.say("one").say("two");

        assertEquals("* alice entrou na sala.", alice.nextMessage(FIVE_SECONDS).toString());
        assertEquals("* bob entrou na sala.", alice.nextMessage(FIVE_SECONDS).toString());
        assertEquals(new ChatMessage("alice", "Todos", "one", false), alice.nextMessage(FIVE_SECONDS));
        assertEquals("alice: two", alice.nextMessage(FIVE_SECONDS).toString());
        assertEquals("alice: two", bob.awaitMessage(message -> message.text().equals("two"), FIVE_SECONDS).toString());
    }

    @Test
    void awaitingAMessageThatDoesNotComeSaysWhatWasExpectedAndWhatArrived() {
        ChatUser alice = chat.user("alice").register().create("lobby").join("lobby");
        ChatUser bob = chat.user("bob").register().join("lobby");
        alice.say("hi");
        bob.awaitMessage("alice", "hi", FIVE_SECONDS);
        alice.whisper("bob", "psst");
        bob.awaitMessage(ChatMessage::isPrivate, FIVE_SECONDS);
        alice.say("hello again");
        bob.awaitMessage("alice", "hello again", FIVE_SECONDS);

        AssertionError missing = assertThrows(AssertionError.class,
                () -> bob.awaitMessage("alice", "bye", Duration.ofMillis(300)));
        assertEquals("bob expected 'alice: bye' within 300 ms in lobby; received: []", missing.getMessage(),
                "what was taken before is not listed again");

        alice.say("not bye");
        AssertionError wrong = assertThrows(AssertionError.class,
                () -> bob.awaitMessage("alice", "bye", Duration.ofMillis(300)));
        assertEquals("bob expected 'alice: bye' within 300 ms in lobby; received: [alice: not bye]", wrong.getMessage());
        assertTrue(bob.received().contains(new ChatMessage("alice", "bob", "psst", true)), bob.received().toString());
        assertEquals("alice -> bob: psst", new ChatMessage("alice", "bob", "psst", true).toString());
    }

    @Test
    void aTakenNameAnExistingRoomAndAnUnknownRoomAreFailuresThatSaySo() {
        ChatUser alice = chat.user("alice").register().create("lobby");

        AssertionError taken = assertThrows(AssertionError.class, () -> chat.user("alice").register());
        assertEquals("alice expected to register, but the name 'alice' is taken", taken.getMessage());
        AssertionError exists = assertThrows(AssertionError.class, () -> alice.create("lobby"));
        assertEquals("alice expected to create room 'lobby', but it exists already", exists.getMessage());
        AssertionError unknown = assertThrows(AssertionError.class, () -> alice.join("kitchen"));
        assertEquals("alice expected to join room 'kitchen', but the server does not know the room (or the user): "
                + "rooms are [lobby]", unknown.getMessage());
        IllegalStateException nowhere = assertThrows(IllegalStateException.class, () -> alice.say("hi"));
        assertEquals("alice cannot send a message: it has joined no room (call join first)", nowhere.getMessage());
    }

    @Test
    void aUserWhoLeavesIsNoLongerAMemberAndJoiningAnotherRoomLeavesTheFirst() {
        ChatUser alice = chat.user("alice").register().create("lobby").create("kitchen").join("lobby");
        assertEquals(List.of("alice"), alice.members("lobby"));

        alice.join("kitchen");
        assertEquals(List.of(), alice.members("lobby"));
        assertEquals(List.of("alice"), alice.members("kitchen"));
        alice.leave();
        assertEquals(List.of(), alice.members("kitchen"));
        assertTrue(alice.room().isEmpty());
    }
}
