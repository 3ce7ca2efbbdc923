package chat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.common.Message;
import chat.common.testing.ManualClock;
import chat.server.ChatRefusal.Reason;
import chat.server.store.InMemoryChatStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The chat's limits, on the service, on a manual clock: each at, just below and just over its boundary. */
class ChatServiceLimitsTest {
    private final ManualClock clock = ManualClock.atSomeInstant();
    private final List<String> warnings = new CopyOnWriteArrayList<>();

    private ChatService chat(ChatLimits limits) {
        return new ChatService(new InMemoryChatStore(1000), ChatSettings.defaults(clock)
                .withRoomTtl(Duration.ofMinutes(5)).withLimits(limits).withWarnings(warnings::add));
    }

    private ChatService chat() {
        return chat(ChatLimits.DEFAULTS);
    }

    private static ChatRefusal refused(Reason reason, Executable call) {
        ChatRefusal refusal = assertThrows(ChatRefusal.class, call);
        assertEquals(reason, refusal.reason(), refusal.getMessage());
        return refusal;
    }

    private static void inRoom(ChatService chat, String room, String... users) {
        chat.createRoom(room);
        for (String user : users) {
            chat.registerUser(user);
            assertTrue(chat.join(user, room).isPresent());
        }
    }

    private static List<String> contents(List<Message> messages) {
        return messages.stream().map(Message::content).toList();
    }

    // ---- names

    @Test
    void aNameOfExactlyTheLimitIsAcceptedAndOneMoreIsRefused() {
        ChatService chat = chat();
        assertTrue(chat.registerUser("a".repeat(31)));
        assertTrue(chat.registerUser("b".repeat(32)));
        ChatRefusal refusal = refused(Reason.INVALID_ARGUMENT, () -> chat.registerUser("c".repeat(33)));
        assertEquals("username", refusal.argument());
        assertEquals("is too long: 33 characters, at most 32", refusal.explanation());
        assertTrue(chat.createRoom("r".repeat(32)));
        assertEquals("room", refused(Reason.INVALID_ARGUMENT, () -> chat.createRoom("r".repeat(33))).argument());
    }

    @Test
    void aNameIsCountedInCharactersNotInJavaChars() {
        ChatService chat = chat();
        assertTrue(chat.registerUser("😀".repeat(32)), "32 emoji are 64 chars but 32 characters");
        assertEquals("is too long: 33 characters, at most 32",
                refused(Reason.INVALID_ARGUMENT, () -> chat.registerUser("😀".repeat(33))).explanation());
    }

    @Test
    void theNameLengthLimitIsConfigurable() {
        ChatService chat = chat(ChatLimits.DEFAULTS.withMaxNameLength(4));
        assertTrue(chat.registerUser("ana"));
        assertTrue(chat.registerUser("joão"));
        assertEquals("is too long: 5 characters, at most 4",
                refused(Reason.INVALID_ARGUMENT, () -> chat.registerUser("maria")).explanation());
    }

    @Test
    void namesWithInvisibleOrLineBreakingCharactersAreRefusedNamingTheRule() {
        ChatService chat = chat();
        assertEquals("must not be empty", refused(Reason.INVALID_ARGUMENT, () -> chat.registerUser("")).explanation());
        assertEquals("must not be empty", refused(Reason.INVALID_ARGUMENT, () -> chat.registerUser(" \t")).explanation());
        assertEquals("must not be empty", refused(Reason.INVALID_ARGUMENT, () -> chat.registerUser(null)).explanation());
        assertEquals("must not begin or end with whitespace",
                refused(Reason.INVALID_ARGUMENT, () -> chat.registerUser(" ana")).explanation());
        assertEquals("must not begin or end with whitespace",
                refused(Reason.INVALID_ARGUMENT, () -> chat.registerUser("ana\u00a0")).explanation(), "no-break space");
        assertEquals("must not contain control characters (U+0007)",
                refused(Reason.INVALID_ARGUMENT, () -> chat.registerUser("an\u0007a")).explanation());
        assertEquals("must not contain control characters (U+000A)",
                refused(Reason.INVALID_ARGUMENT, () -> chat.createRoom("sala\nfalsa")).explanation());
        assertEquals("must not contain control characters (U+0000)",
                refused(Reason.INVALID_ARGUMENT, () -> chat.registerUser("a\u0000")).explanation());
        assertEquals("must not contain control characters (U+009B)",
                refused(Reason.INVALID_ARGUMENT, () -> chat.registerUser("a\u009b31m")).explanation(), "a C1 CSI");
        assertEquals("must not contain line breaks (U+2028)",
                refused(Reason.INVALID_ARGUMENT, () -> chat.registerUser("a\u2028b")).explanation());
        assertEquals("must not contain line breaks (U+2029)",
                refused(Reason.INVALID_ARGUMENT, () -> chat.registerUser("a\u2029b")).explanation());
        assertEquals("must not contain invisible formatting characters (U+202E)",
                refused(Reason.INVALID_ARGUMENT, () -> chat.registerUser("ana\u202egnp.exe")).explanation());
        assertEquals("must not contain invisible formatting characters (U+200B)",
                refused(Reason.INVALID_ARGUMENT, () -> chat.registerUser("an\u200ba")).explanation(), "zero width space");
        assertEquals("must not contain unassigned characters (U+0378)",
                refused(Reason.INVALID_ARGUMENT, () -> chat.registerUser("a\u0378")).explanation());
        assertEquals("must not contain a lone surrogate (U+D800)",
                refused(Reason.INVALID_ARGUMENT, () -> chat.registerUser("a\ud800b")).explanation());
        assertEquals("must not contain a lone surrogate (U+DC00)",
                refused(Reason.INVALID_ARGUMENT, () -> chat.createRoom("\udc00")).explanation());
        assertEquals(List.of(), chat.listRooms(), "nothing refused was kept");
        assertFalse(chat.registerUser("Sistema"), "a reserved name is still just taken");
    }

    @Test
    void namesInEveryLanguageWithInnerSpacesAndEmojiAreWelcome() {
        ChatService chat = chat();
        for (String name : List.of("João", "ação", "Maria José", "Zoë", "Дмитрий", "李小龍", "محمد", "🎉 party", "x")) {
            assertTrue(chat.registerUser(name), name);
            assertTrue(chat.createRoom(name), name);
        }
    }

    @Test
    void overlongOrInvalidNamesInLookupsAreSimplyUnknown() {
        ChatService chat = chat();
        inRoom(chat, "r", "ana");
        String huge = "x".repeat(200_000);
        assertTrue(chat.join(huge, "r").isEmpty());
        assertTrue(chat.join("ana", huge).isEmpty());
        assertTrue(chat.join("ana\u0000", "r").isEmpty());
        assertFalse(chat.send(huge, "r", "hi", null));
        assertFalse(chat.send("ana", huge, "hi", null));
        assertFalse(chat.send("ana", "r", "hi", huge));
        assertEquals(List.of(), chat.receive(huge, "r", 0));
        assertEquals(List.of(), chat.receive("ana", huge, 0));
        assertEquals(List.of(), chat.receiveSinceLastFetch(huge, "r"));
        assertEquals(List.of(), chat.listUsers(huge));
        chat.leave(huge, "r");
        chat.leave("ana", huge);
        assertEquals(List.of("ana"), chat.listUsers("r"));
        assertEquals(List.of("ana entrou na sala."), contents(chat.receive("ana", "r", 0)), "nothing was stored");
        assertEquals(List.of(), warnings, "a lookup is not a refusal, and is not logged");
    }

    // ---- message content

    @Test
    void aMessageOfExactlyTheLimitIsSentAndOneMoreIsRefused() {
        ChatService chat = chat();
        inRoom(chat, "r", "ana", "bob");
        assertTrue(chat.send("ana", "r", "m".repeat(4095), null));
        assertTrue(chat.send("ana", "r", "m".repeat(4096), null));
        ChatRefusal refusal = refused(Reason.INVALID_ARGUMENT, () -> chat.send("ana", "r", "m".repeat(4097), null));
        assertEquals("content", refusal.argument());
        assertEquals("is too long: 4097 characters, at most 4096", refusal.explanation());
        assertTrue(chat.send("ana", "r", "😀".repeat(4096), "bob"), "counted in characters");
        assertEquals(5, chat.receive("bob", "r", 0).size(), "two notices and the three messages that fit");
    }

    @Test
    void aMessageWithNulOrOtherControlCharactersIsRefusedButTabsAndLineBreaksPass() {
        ChatService chat = chat();
        inRoom(chat, "r", "ana");
        assertEquals("must not contain control characters other than tab and line breaks (U+0000)",
                refused(Reason.INVALID_ARGUMENT, () -> chat.send("ana", "r", "a\u0000b", null)).explanation());
        assertEquals("must not contain control characters other than tab and line breaks (U+001B)",
                refused(Reason.INVALID_ARGUMENT, () -> chat.send("ana", "r", "\u001b[2Jgone", null)).explanation());
        assertEquals("must not contain a lone surrogate (U+D83D)",
                refused(Reason.INVALID_ARGUMENT, () -> chat.send("ana", "r", "half \ud83d", null)).explanation());
        assertTrue(chat.send("ana", "r", "col1\tcol2\r\nline 2\n", null));
        assertTrue(chat.send("ana", "r", "\u202eformatting is text, not a name", null));
        assertEquals(3, chat.receive("ana", "r", 0).size());
    }

    @Test
    void anEmptyMessageIsSentAsTheOriginalDoes() {
        ChatService chat = chat();
        inRoom(chat, "r", "ana");
        assertTrue(chat.send("ana", "r", "", null));
        assertEquals("", chat.receive("ana", "r", 0).get(1).content());
    }

    @Test
    void anInvalidMessageIsRefusedWhoeverSendsIt() {
        ChatService chat = chat();
        refused(Reason.INVALID_ARGUMENT, () -> chat.send("ghost", "nowhere", "x".repeat(5000), null));
        assertFalse(chat.send("ghost", "nowhere", "fine", null), "a valid one from nobody is just false");
    }

    // ---- users and rooms

    @Test
    void usersStopAtTheLimitWithAMessageAPersonUnderstands() {
        ChatService chat = chat(ChatLimits.DEFAULTS.withMaxUsers(3));
        inRoom(chat, "r", "ana", "bob");
        assertTrue(chat.registerUser("cid"), "the third of three");
        ChatRefusal refusal = refused(Reason.LIMIT_REACHED, () -> chat.registerUser("dan"));
        assertEquals("this server already has 3 users, its limit; a name is freed when its user quits, or after 1800 s without a call",
                refusal.explanation());
        assertFalse(chat.registerUser("ana"), "a taken name is still just taken");
        assertFalse(chat.registerUser("Todos"));
        assertTrue(chat.join("cid", "r").isPresent(), "those registered carry on");
        assertTrue(chat.send("ana", "r", "still here", null));
        assertTrue(chat.join("dan", "r").isEmpty(), "the refused name was not registered");
        assertEquals(List.of("ana", "bob", "cid"), chat.listUsers("r"));
    }

    @Test
    void roomsStopAtTheLimitUntilEmptyOnesExpire() {
        ChatService chat = chat(ChatLimits.DEFAULTS.withMaxRooms(2));
        inRoom(chat, "busy", "ana");
        clock.advance(Duration.ofMinutes(1));
        assertTrue(chat.createRoom("quiet"));
        ChatRefusal refusal = refused(Reason.LIMIT_REACHED, () -> chat.createRoom("third"));
        assertEquals("this server already has 2 rooms, its limit; try again after empty rooms expire"
                + " (300 s after their last member leaves)", refusal.explanation());
        assertFalse(chat.createRoom("busy"), "an existing room is still just taken");
        assertEquals(List.of("busy", "quiet"), chat.listRooms());
        assertEquals(List.of("ana"), chat.listUsers("busy"));
        clock.advance(Duration.ofMinutes(5).plusMillis(1));
        assertEquals(List.of("quiet"), chat.removeExpiredRooms());
        assertTrue(chat.createRoom("third"), "an expired room frees its place");
        refused(Reason.LIMIT_REACHED, () -> chat.createRoom("fourth"));
    }

    // ---- sending rate

    @Test
    void aUserMaySendABurstOfTwiceTheRateThenIsRefusedUntilTheBucketRefills() {
        ChatService chat = chat();
        inRoom(chat, "r", "ana", "bob");
        for (int i = 0; i < 100; i++) {
            assertTrue(chat.send("ana", "r", "m" + i, null), "message " + i + " of the burst");
        }
        ChatRefusal refusal = refused(Reason.RATE_LIMITED, () -> chat.send("ana", "r", "one too many", null));
        assertEquals("ana is sending faster than 50 messages per second; wait a moment and send again",
                refusal.explanation());
        assertTrue(chat.send("bob", "r", "bob has his own bucket", null));

        clock.advance(Duration.ofMillis(19));
        refused(Reason.RATE_LIMITED, () -> chat.send("ana", "r", "19 ms is not a fiftieth of a second", null));
        clock.advance(Duration.ofMillis(1));
        assertTrue(chat.send("ana", "r", "20 ms refill one", null));
        refused(Reason.RATE_LIMITED, () -> chat.send("ana", "r", "and only one", null));

        clock.advance(Duration.ofHours(1));
        for (int i = 0; i < 100; i++) {
            assertTrue(chat.send("ana", "r", "again" + i, null), "a quiet spell refills the burst, message " + i);
        }
        refused(Reason.RATE_LIMITED, () -> chat.send("ana", "r", "but never more than the burst", null));

        List<String> seen = contents(chat.receive("bob", "r", 0));
        assertEquals(2 + 100 + 1 + 1 + 100, seen.size(), "refused messages are not stored");
        assertFalse(seen.contains("one too many"));
    }

    @Test
    void aSteadySenderAtTheRateIsNeverRefused() {
        ChatService chat = chat();
        inRoom(chat, "r", "ana");
        for (int i = 0; i < 1000; i++) {
            clock.advance(Duration.ofMillis(20));
            assertTrue(chat.send("ana", "r", "m" + i, null), "message " + i);
        }
    }

    @Test
    void aRateOfZeroLimitsNothing() {
        ChatService chat = chat(ChatLimits.DEFAULTS.withMaxMessagesPerSecond(0));
        inRoom(chat, "r", "ana");
        for (int i = 0; i < 1000; i++) {
            assertTrue(chat.send("ana", "r", "m" + i, null));
        }
        assertEquals(0, chat.usersWithASendRate());
    }

    @Test
    void onlyRegisteredUsersGetASendRate() {
        ChatService chat = chat();
        inRoom(chat, "r", "ana");
        for (int i = 0; i < 1000; i++) {
            assertFalse(chat.send("ghost" + i, "r", "hi", null));
        }
        assertEquals(0, chat.usersWithASendRate(), "no memory for names nobody registered");
        chat.send("ana", "r", "hi", null);
        assertEquals(1, chat.usersWithASendRate());
    }

    // ---- the log

    @Test
    void eachRefusalIsOneWarningLineWithTheLimitAndAShortenedName() {
        ChatService chat = chat(ChatLimits.DEFAULTS.withMaxUsers(1).withMaxRooms(1));
        refused(Reason.INVALID_ARGUMENT, () -> chat.registerUser("x".repeat(100_000)));
        refused(Reason.INVALID_ARGUMENT, () -> chat.createRoom("bad\nroom"));
        chat.registerUser("ana");
        refused(Reason.LIMIT_REACHED, () -> chat.registerUser("bob"));
        chat.createRoom("r");
        refused(Reason.LIMIT_REACHED, () -> chat.createRoom("s"));
        chat.join("ana", "r");
        refused(Reason.INVALID_ARGUMENT, () -> chat.send("ana", "r", "secret text\u0000", null));
        assertEquals(List.of(
                "register_user: refused username \"" + "x".repeat(40) + "\"... (100000 characters): is too long:"
                        + " 100000 characters, at most 32 (--max-name-length 32)",
                "create_room: refused room \"bad\\u{000A}room\": must not contain control characters (U+000A)"
                        + " (--max-name-length 32)",
                "register_user: refused \"bob\": 1 users, the limit (--max-users)",
                "create_room: refused \"s\": 1 rooms, the limit (--max-rooms)",
                "send_message: refused a message from \"ana\" in \"r\": content must not contain control characters"
                        + " other than tab and line breaks (U+0000) (--max-message-length 4096)"), warnings);
        assertTrue(warnings.stream().noneMatch(line -> line.contains("secret text")), "a message's text is never logged");
    }

    @Test
    void aFloodOfRefusalsLogsOneLineASecondAndCountsTheRest() {
        ChatService chat = chat();
        for (int i = 0; i < 500; i++) {
            refused(Reason.INVALID_ARGUMENT, () -> chat.registerUser(""));
        }
        assertEquals(1, warnings.size());
        clock.advance(Duration.ofMillis(999));
        refused(Reason.INVALID_ARGUMENT, () -> chat.registerUser(""));
        assertEquals(1, warnings.size());
        clock.advance(Duration.ofMillis(1));
        refused(Reason.INVALID_ARGUMENT, () -> chat.registerUser(""));
        assertEquals(2, warnings.size());
        assertTrue(warnings.get(1).endsWith(" (500 more like it since the last such line)"), warnings.get(1));
        refused(Reason.INVALID_ARGUMENT, () -> chat.createRoom(""));
        assertEquals(3, warnings.size(), "another kind of refusal has its own line");
    }

    @Test
    void aUserSendingTooFastIsLoggedAtMostOnceASecond() {
        ChatService chat = chat();
        inRoom(chat, "r", "ana", "bob");
        for (int i = 0; i < 100; i++) {
            chat.send("ana", "r", "m", null);
            chat.send("bob", "r", "m", null);
        }
        for (int i = 0; i < 1000; i++) {
            refused(Reason.RATE_LIMITED, () -> chat.send("ana", "r", "m", null));
        }
        refused(Reason.RATE_LIMITED, () -> chat.send("bob", "r", "m", null));
        assertEquals(List.of(
                "send_message: refused messages from \"ana\": faster than 50 per second, bursts of 100"
                        + " (--max-messages-per-second)",
                "send_message: refused messages from \"bob\": faster than 50 per second, bursts of 100"
                        + " (--max-messages-per-second)"), warnings);
        clock.advance(Duration.ofSeconds(1));
        for (int i = 0; i < 200; i++) {
            try {
                chat.send("ana", "r", "m", null);
            } catch (ChatRefusal expected) {
                assertEquals(Reason.RATE_LIMITED, expected.reason());
            }
        }
        assertEquals(3, warnings.size());
        assertTrue(warnings.get(2).endsWith("(999 more like it since the last such line)"), warnings.get(2));
    }

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        ChatLimits d = ChatLimits.DEFAULTS;
        assertEquals(List.of(32, 4096, 20_000, 1_000, 50, 100),
                List.of(d.maxNameLength(), d.maxMessageLength(), d.maxUsers(), d.maxRooms(), d.maxMessagesPerSecond(),
                        d.messageBurst()));
        assertEquals(d, new ChatService(new InMemoryChatStore(100), ChatSettings.defaults(clock)).settings().limits());
    }

    @Test
    void impossibleLimitsAreRefusedSayingWhich() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ChatLimits.DEFAULTS.withMaxNameLength(0))
                .getMessage().startsWith("the name length limit"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ChatLimits.DEFAULTS.withMaxNameLength(1025))
                .getMessage().startsWith("the name length limit"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ChatLimits.DEFAULTS.withMaxMessageLength(0))
                .getMessage().startsWith("the message length limit"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ChatLimits.DEFAULTS.withMaxUsers(0))
                .getMessage().startsWith("the user limit"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ChatLimits.DEFAULTS.withMaxRooms(-1))
                .getMessage().startsWith("the room limit"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ChatLimits.DEFAULTS.withMaxMessagesPerSecond(-1))
                .getMessage().startsWith("the message rate limit"));
        assertNull(TextRules.nameProblem("a".repeat(1024), ChatLimits.NAME_LENGTH_CEILING));
    }
}
