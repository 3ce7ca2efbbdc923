package com.example.chat;

import static org.junit.jupiter.api.Assertions.assertNotEquals;

import chat.common.Endpoint;
import chat.testkit.ChatSystem;
import chat.testkit.ChatTest;
import chat.testkit.ChatUser;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Two servers sharing one chat: a user whose server is killed goes on, on the other, and loses nothing. */
@ChatTest(servers = 2, shared = true)
class FailoverTest {
    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

    @Test
    void aUserGoesOnOnAnotherServerWhenItsServerIsKilled(ChatSystem chat) {
        ChatUser alice = chat.user("alice").register().create("lobby").join("lobby");
        ChatUser bob = chat.user("bob").register().join("lobby");
        alice.say("before the crash");
        bob.awaitMessage("alice", "before the crash", TEN_SECONDS);

        Endpoint crashed = alice.server();
        chat.killServer(crashed);
        alice.say("after the crash");

        assertNotEquals(crashed, alice.server(), "alice moved to the other server");
        bob.awaitMessage("alice", "after the crash", TEN_SECONDS);
        // Whoever joins now, on the server left, finds what was acknowledged before the crash.
        ChatUser carol = chat.user("carol").register().join("lobby");
        carol.awaitMessage("alice", "before the crash", TEN_SECONDS);
        carol.awaitMessage("alice", "after the crash", TEN_SECONDS);
    }
}
