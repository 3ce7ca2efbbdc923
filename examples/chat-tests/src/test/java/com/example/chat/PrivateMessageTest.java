package com.example.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.testkit.ChatMessage;
import chat.testkit.ChatSystem;
import chat.testkit.ChatTest;
import chat.testkit.ChatUser;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@ChatTest
class PrivateMessageTest {
    private static final Duration FIVE_SECONDS = Duration.ofSeconds(5);

    @Test
    void aWhisperReachesItsRecipientAndNotAThirdUser(ChatSystem chat) {
        ChatUser alice = chat.user("alice").register().create("lobby").join("lobby");
        ChatUser bob = chat.user("bob").register().join("lobby");
        ChatUser carol = chat.user("carol").register().join("lobby");

        alice.whisper("bob", "psst, bob");
        alice.say("hello, everyone");

        ChatMessage whisper = bob.awaitMessage("alice", "psst, bob", FIVE_SECONDS);
        assertTrue(whisper.isPrivate());
        assertEquals("bob", whisper.to());
        // Messages arrive in order: once carol has the public one, she is past the whisper, which never came.
        carol.awaitMessage("alice", "hello, everyone", FIVE_SECONDS);
        assertTrue(carol.received().stream().noneMatch(message -> message.text().equals("psst, bob")),
                () -> "carol saw the whisper: " + carol.received());
    }
}
