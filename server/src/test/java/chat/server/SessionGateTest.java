package chat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.common.testing.ManualClock;
import chat.server.store.InMemoryChatStore;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Sessions at the service level: tokens, who may act as whom under each policy, and a session dying with its name. */
class SessionGateTest {
    private static final Pattern URL_SAFE = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

    private final ManualClock clock = ManualClock.atSomeInstant();
    private InMemoryChatStore store;
    private ChatService chat;

    @BeforeEach
    void setUp() {
        store = new InMemoryChatStore(1000);
        chat = new ChatService(store, ChatSettings.defaults(clock).withRoomTtl(Duration.ofMinutes(5))
                .withIdleTimes(new IdleTimes(Duration.ofSeconds(60), Duration.ofMinutes(30))));
    }

    private SessionGate gate(SessionPolicy policy) {
        return new SessionGate(store, policy);
    }

    @Test
    void aTokenIsUrlSafeHolds256RandomBitsAndIsStoredOnlyAsItsHash() {
        String token = chat.registerSession("João").orElseThrow();
        assertTrue(URL_SAFE.matcher(token).matches(), token.length() + " characters, URL-safe");
        String secret = token.substring(token.indexOf('.') + 1);
        assertEquals(43, secret.length(), "32 bytes in unpadded Base64");
        assertEquals(Optional.of("João"), SessionTokens.owner(token));
        String stored = store.registration("João").orElseThrow().sessionHash();
        assertFalse(stored.contains(secret), "the store keeps no part of the secret");
        assertNotEquals(token, stored);
        assertTrue(SessionTokens.matches(token, stored));
        Set<String> secrets = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String t = new SessionTokens().issue("ana");
            assertTrue(secrets.add(t), "tokens never repeat");
        }
    }

    @Test
    void aTakenNameGetsNoSessionAndItsRegistrationIsUnchanged() {
        assertTrue(chat.registerUser("ana"));
        assertEquals(Optional.empty(), chat.registerSession("ana"));
        assertFalse(store.registration("ana").orElseThrow().hasSession());
        String token = chat.registerSession("bob").orElseThrow();
        assertEquals(Optional.empty(), chat.registerSession("bob"));
        assertFalse(chat.registerUser("bob"));
        assertTrue(SessionTokens.matches(token, store.registration("bob").orElseThrow().sessionHash()));
        assertEquals(Optional.empty(), chat.registerSession("Sistema"));
        assertThrows(ChatRefusal.class, () -> chat.registerSession(" spaced "));
    }

    @ParameterizedTest
    @EnumSource(SessionPolicy.class)
    void aSessionActsAsItsUserAndNoOtherUnderEveryPolicy(SessionPolicy policy) {
        String ana = chat.registerSession("ana").orElseThrow();
        chat.registerSession("bob").orElseThrow();
        SessionGate gate = gate(policy);
        assertEquals(Optional.of("ana"), gate.admit(ana, "ana"));
        assertEquals(Optional.of("ana"), gate.admit(ana, null), "a call naming no user, with ana's session");
        ChatRefusal other = assertThrows(ChatRefusal.class, () -> gate.admit(ana, "bob"));
        assertEquals(ChatRefusal.Reason.NOT_ALLOWED, other.reason());
        assertEquals("the session is ana's, not bob's: a session acts only as the user that registered it",
                other.explanation());
    }

    @ParameterizedTest
    @EnumSource(SessionPolicy.class)
    void aWrongOrMalformedTokenIsRefusedWithoutRepeatingIt(SessionPolicy policy) {
        String ana = chat.registerSession("ana").orElseThrow();
        String forged = ana.substring(0, ana.length() - 4) + (ana.endsWith("AAAA") ? "BBBB" : "AAAA");
        SessionGate gate = gate(policy);
        for (String bad : List.of(forged, "not-a-token", "bm9ib2R5.c2VjcmV0", ".", "a.b.c", "@@@.###")) {
            ChatRefusal refusal = assertThrows(ChatRefusal.class, () -> gate.admit(bad, "ana"), bad);
            assertEquals(ChatRefusal.Reason.NOT_ALLOWED, refusal.reason());
            String secret = bad.substring(bad.indexOf('.') + 1);
            assertFalse(!secret.isEmpty() && refusal.explanation().contains(secret), refusal.explanation());
        }
        assertTrue(assertThrows(ChatRefusal.class, () -> gate.admit(forged, "ana")).explanation()
                .startsWith("no session of ana has this token"));
    }

    @Test
    void callsOfTheOriginalFormAreAnsweredAsThePolicySays() {
        chat.registerSession("ana").orElseThrow();
        chat.registerUser("py");

        SessionGate open = gate(SessionPolicy.OPEN);
        assertEquals(Optional.empty(), open.admit(null, "ana"), "open: even for a name with a session");
        assertEquals(Optional.empty(), open.admit(null, "py"));
        assertEquals(Optional.empty(), open.admit(null, null));

        SessionGate protect = gate(SessionPolicy.PROTECT);
        ChatRefusal protectedName = assertThrows(ChatRefusal.class, () -> protect.admit(null, "ana"));
        assertEquals("ana holds a session (--sessions protect): calls for it must carry its token in the"
                + " X-Chat-Session header", protectedName.explanation());
        assertEquals(Optional.empty(), protect.admit(null, "py"), "protect: a name without a session stays open");
        assertEquals(Optional.empty(), protect.admit(null, "nobody"));
        assertEquals(Optional.empty(), protect.admit(null, null));

        SessionGate require = gate(SessionPolicy.REQUIRE);
        for (String user : new String[] {"ana", "py", null}) {
            ChatRefusal refused = assertThrows(ChatRefusal.class, () -> require.admit(null, user));
            assertEquals("this server answers only calls with a session (--sessions require): register with"
                    + " register_session and send its token in the X-Chat-Session header of every call",
                    refused.explanation());
        }
    }

    @ParameterizedTest
    @EnumSource(SessionPolicy.class)
    void aNameIsFreedOnlyWithItsSessionsTokenUnderEveryPolicy(SessionPolicy policy) {
        String ana = chat.registerSession("ana").orElseThrow();
        chat.registerUser("py");
        SessionGate gate = gate(policy);
        for (String user : new String[] {"ana", "py", "nobody", null}) {
            ChatRefusal refused = assertThrows(ChatRefusal.class, () -> gate.admitFreeing(null, user), user);
            assertEquals(ChatRefusal.Reason.NOT_ALLOWED, refused.reason());
            assertEquals("a name is freed only by its session: call with the token register_session answered, in the"
                    + " X-Chat-Session header; a name registered without a session (register_user) is freed once its"
                    + " user has made no call for the server's --idle-free time", refused.explanation());
        }
        assertEquals(Optional.of("ana"), gate.admitFreeing(ana, "ana"));
        assertThrows(ChatRefusal.class, () -> gate.admitFreeing(ana, "py"), "a session frees its own name only");
    }

    @Test
    void aSessionDiesWithItsNameWhenUnregisteredAndANewOneDoesNotRevive() {
        chat.createRoom("sala");
        String ana = chat.registerSession("ana").orElseThrow();
        chat.registerUser("bob");
        chat.join("ana", "sala");
        chat.join("bob", "sala");
        assertTrue(chat.unregister("ana"));
        assertEquals(List.of("bob"), chat.listUsers("sala"), "ana left the room");
        assertEquals("ana saiu da sala.", chat.receive("bob", "sala", 0).get(2).content());
        assertFalse(store.registration("ana").isPresent());
        assertFalse(chat.unregister("ana"), "once");
        SessionGate gate = gate(SessionPolicy.OPEN);
        assertThrows(ChatRefusal.class, () -> gate.admit(ana, "ana"), "the old session ended");
        String again = chat.registerSession("ana").orElseThrow();
        assertThrows(ChatRefusal.class, () -> gate.admit(ana, "ana"), "and a new registration does not revive it");
        assertEquals(Optional.of("ana"), gate.admit(again, "ana"));
    }

    @Test
    void aSessionDiesWithItsNameWhenFreedAsIdle() {
        String ana = chat.registerSession("ana").orElseThrow();
        clock.advance(Duration.ofMinutes(31));
        assertEquals(List.of("ana"), chat.expireIdleUsers().freed());
        assertThrows(ChatRefusal.class, () -> gate(SessionPolicy.OPEN).admit(ana, "ana"));
        assertTrue(chat.registerUser("ana"), "the name is anyone's");
        assertEquals(Optional.empty(), gate(SessionPolicy.PROTECT).admit(null, "ana"), "and holds no session now");
    }
}
