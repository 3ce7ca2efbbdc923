package com.example.chat;

import chat.testkit.ChatSystem;
import chat.testkit.ChatTest;
import chat.testkit.ChatUser;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@ChatTest
class TwoUsersTest {
    @Test
    void bobHearsWhatAliceSays(ChatSystem chat) {
        ChatUser alice = chat.user("alice").register().create("lobby").join("lobby");
        ChatUser bob = chat.user("bob").register().join("lobby");

        alice.say("hi bob");

        bob.awaitMessage("alice", "hi bob", Duration.ofSeconds(5));
    }
}
