package com.example.chat;

import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.testkit.ChatSystem;
import chat.testkit.ChatTest;
import chat.testkit.ChatUser;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The servers remove a room left empty for five minutes; the test moves their clock instead of waiting. */
@ChatTest
class RoomRuleTest {
    @Test
    void anEmptyRoomDisappearsOnceTheClockPassesFiveMinutes(ChatSystem chat) {
        ChatUser alice = chat.user("alice").register().create("lobby").join("lobby").leave();

        chat.advanceClock(Duration.ofMinutes(4));
        assertTrue(alice.rooms().contains("lobby"), "after four minutes the room is still there");

        chat.advanceClock(Duration.ofMinutes(1).plusSeconds(1));
        alice.awaitRoomGone("lobby", Duration.ofSeconds(5));
    }
}
