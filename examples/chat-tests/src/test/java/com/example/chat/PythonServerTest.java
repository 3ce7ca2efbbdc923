package com.example.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import chat.common.Endpoint;
import chat.testkit.ChatSystem;
import chat.testkit.ChatTest;
import chat.testkit.ChatUser;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The Java client against an original-style Python server; skipped, with a message, where python3 is missing. */
@ChatTest(servers = 0)
class PythonServerTest {
    @Test
    void twoUsersChatThroughThePythonServer(ChatSystem chat) {
        Endpoint python = chat.startPythonServer();
        ChatUser alice = chat.user("alice").register().create("lobby").join("lobby");
        ChatUser bob = chat.user("bob").register().join("lobby");

        alice.whisper("bob", "through Python");

        bob.awaitMessage("alice", "through Python", Duration.ofSeconds(5));
        assertEquals(python, alice.server());
    }
}
