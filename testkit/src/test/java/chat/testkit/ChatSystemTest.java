package chat.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import chat.common.BinderClient;
import chat.common.ChatProcedures;
import chat.common.Endpoint;
import chat.common.testing.PythonCommand;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Starting, stopping, killing and restarting parts of the chat, and moving its clock. */
class ChatSystemTest {
    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

    @Test
    void startsOneStandaloneServerByDefaultOnFreePorts() {
        try (ChatSystem chat = ChatSystem.start(); ChatSystem other = ChatSystem.start()) {
            assertEquals(1, chat.servers().size());
            assertFalse(chat.isShared());
            assertNotEquals(0, chat.binder().port());
            assertNotEquals(chat.binder(), other.binder());
            assertEquals(chat.servers(), new BinderClient(chat.binder()).lookupAll(ChatProcedures.REGISTER_USER));
        }
    }

    @Test
    void aStoppedServerIsNoLongerNamedByTheBinder() {
        try (ChatSystem chat = ChatSystem.builder().servers(2).build()) {
            Endpoint stopped = chat.servers().get(0);
            chat.stopServer(stopped);

            assertEquals(1, chat.servers().size());
            assertFalse(new BinderClient(chat.binder()).lookupAll(ChatProcedures.REGISTER_USER).contains(stopped));
            IllegalArgumentException again = assertThrows(IllegalArgumentException.class, () -> chat.stopServer(stopped));
            assertTrue(again.getMessage().startsWith("no server of this chat system runs at " + stopped), again.getMessage());
        }
    }

    @Test
    void aUserWhoseStandaloneServerIsKilledRegistersAgainOnAnotherAndGoesOn() {
        try (ChatSystem chat = ChatSystem.builder().servers(2).build()) {
            ChatUser alice = chat.user("alice").register();
            Endpoint killed = alice.server();

            chat.killServer(killed);
            alice.create("lobby").join("lobby").say("still here");

            assertNotEquals(killed, alice.server());
            alice.awaitMessage("alice", "still here", TEN_SECONDS);
        }
    }

    @Test
    void aRestartedBinderIsOnTheSamePortAndLearnsTheServersAgain() {
        try (ChatSystem chat = ChatSystem.start()) {
            ChatUser alice = chat.user("alice").register().create("lobby").join("lobby");
            Endpoint binder = chat.binder();

            chat.restartBinder();

            assertEquals(binder, chat.binder());
            ChatUser bob = chat.user("bob").register().join("lobby");
            bob.say("found you");
            alice.awaitMessage("bob", "found you", TEN_SECONDS);
        }
    }

    @Test
    void sharedServersAreOneChatAndRemoveAnEmptyRoomOnceTheClockPassesTheRoomTtl() {
        try (ChatSystem chat = ChatSystem.builder().servers(2).shared().build()) {
            assertTrue(chat.isShared());
            List<Endpoint> servers = chat.servers();
            ChatUser alice = chat.user("alice").register();
            chat.user("alice2").register().create("lobby").join("lobby").leave();
            assertEquals(2, servers.size());

            chat.advanceClock(ChatSystem.ROOM_TTL.minusSeconds(1));
            assertTrue(alice.rooms().contains("lobby"));
            chat.advanceClock(Duration.ofSeconds(2));
            alice.awaitRoomGone("lobby", TEN_SECONDS);
        }
    }

    @Test
    void twoSystemsAreTwoChatsEvenWhenShared() {
        try (ChatSystem one = ChatSystem.builder().shared().build();
             ChatSystem two = ChatSystem.builder().shared().build()) {
            one.user("alice").register().create("lobby");

            assertEquals(List.of(), two.user("bob").register().rooms());
            two.user("alice").register(); // the name is free there
        }
    }

    @Test
    void aPythonServerRegistersWithTheBinderAndStopsWhenAsked() {
        assumeTrue(PythonCommand.find().isPresent(), "python3 with xmlrpc is not installed: skipped");
        try (ChatSystem chat = ChatSystem.builder().servers(0).build()) {
            Endpoint python = chat.startPythonServer();
            assertEquals(List.of(python), new BinderClient(chat.binder()).lookupAll(ChatProcedures.REGISTER_USER));
            assertEquals(List.of(), chat.servers(), "Java servers only");
            ChatUser alice = chat.user("alice").register();
            assertEquals(python, alice.server());

            chat.stopServer(python);
            AssertionError gone = assertThrows(AssertionError.class, () -> chat.user("bob").register());
            assertTrue(gone.getMessage().startsWith("bob expected to register as bob, but "), gone.getMessage());
        }
    }

    @Test
    void aClosedSystemHandsOutNoMoreUsersAndClosesTwiceHarmlessly() {
        ChatSystem chat = ChatSystem.start();
        chat.close();
        chat.close();

        assertThrows(IllegalStateException.class, () -> chat.user("alice"));
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> ChatSystem.builder().servers(-1));
        assertEquals("the number of servers cannot be negative, got -1", none.getMessage());
    }
}
