package com.example.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import chat.testkit.BotRun;
import chat.testkit.ChatSystem;
import chat.testkit.ChatTest;
import chat.testkit.ChatUser;
import chat.testkit.TerminalUser;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The real client, typed into as a person would, and its bot mode run as a script would. */
@ChatTest
class TerminalClientTest {
    private static final Duration FIVE_SECONDS = Duration.ofSeconds(5);

    @Test
    void aPersonTypesIntoTheClientAndReadsTheAnswer(ChatSystem chat) {
        ChatUser bob = chat.user("bob").register().create("lobby").join("lobby");
        TerminalUser ana = chat.terminal("ana");

        ana.type("ana");
        ana.awaitShown("Registered.", FIVE_SECONDS);
        ana.type("e", "lobby");
        ana.awaitShown("* ana joined the room.", FIVE_SECONDS);
        ana.type("m", "hello from the keyboard", "");
        bob.awaitMessage("ana", "hello from the keyboard", FIVE_SECONDS);
        bob.say("hi ana");
        ana.awaitShown("bob: hi ana", FIVE_SECONDS);

        ana.type("s", "s");
        assertEquals(0, ana.awaitExit(FIVE_SECONDS), () -> String.join("\n", ana.screen()));
    }

    @Test
    void aBotSendsEachLineAndEndsWithStatusZero(ChatSystem chat) {
        ChatUser bob = chat.user("bob").register().create("lobby").join("lobby");

        BotRun run = chat.runBot("robot", "lobby", Duration.ofMillis(200), "beep", "boop");

        assertEquals(0, run.exitStatus(), () -> "errors: " + run.errors());
        bob.awaitMessage("robot", "beep", FIVE_SECONDS);
        bob.awaitMessage("robot", "boop", FIVE_SECONDS);
        assertEquals(List.of("beep", "boop"), run.contents().stream().filter(text -> text.startsWith("b")).toList());
    }
}
