package chat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.binder.BinderConfig;
import chat.binder.BinderServer;
import chat.client.testing.Keyboard;
import chat.client.testing.Screen;
import chat.common.ChatProcedures;
import chat.common.Endpoint;
import chat.common.WireValues;
import chat.common.rpc.Faults;
import chat.common.rpc.RpcClient;
import chat.common.rpc.RpcFault;
import chat.common.testing.Await;
import chat.common.testing.ManualClock;
import chat.server.ChatServer;
import chat.server.IdleTimes;
import chat.server.ServerConfig;
import chat.server.SessionPolicy;
import chat.server.store.InMemoryChatStore;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client's side of presence and sessions: its calls carry its session, quitting frees its name, the menu keeps it alive. */
class ClientSessionsTest {
    private final ManualClock clock = ManualClock.atSomeInstant();
    private final InMemoryChatStore store = new InMemoryChatStore(1000);
    private BinderServer binder;
    private ChatServer server;
    private RpcClient plain;

    @BeforeEach
    void startBinder() throws IOException {
        binder = BinderServer.start(BinderConfig.ephemeral());
    }

    private void startServer(SessionPolicy policy) throws IOException {
        server = ChatServer.start(ServerConfig.local(binder.endpoint()).withSessionPolicy(policy)
                .withIdleTimes(new IdleTimes(Duration.ofSeconds(60), Duration.ofMinutes(30))), clock, store);
        plain = new RpcClient(new Endpoint("localhost", server.port()));
    }

    @AfterEach
    void stopEverything() {
        if (server != null) {
            server.close();
        }
        binder.close();
    }

    @Test
    void theClientsCallsCarryItsSessionSoNobodyElseSpeaksAsIt() throws Exception {
        startServer(SessionPolicy.PROTECT);
        plain.call(ChatProcedures.CREATE_ROOM, "sala");
        plain.call(ChatProcedures.REGISTER_USER, "bob");
        plain.call(ChatProcedures.JOIN_ROOM, "bob", "sala");
        try (TypedSession ana = TypedSession.registered("ana", binder.endpoint())) {
            assertTrue(store.registration("ana").orElseThrow().hasSession(), "the client registered with a session");
            ana.type("e", "sala");
            ana.awaitShown("* ana joined the room.");
            ana.type("m", "olá bob", "");
            Await.until("bob reads ana's message", () -> WireValues.messages(
                    plain.call(ChatProcedures.RECEIVE_MESSAGES, "bob", "sala", 0.0)).stream()
                    .anyMatch(m -> m.origin().equals("ana") && m.content().equals("olá bob")));
            RpcFault forged = assertThrows(RpcFault.class,
                    () -> plain.call(ChatProcedures.SEND_MESSAGE, "ana", "sala", "forged", null));
            assertEquals(Faults.NOT_ALLOWED, forged.code(), "without ana's token nobody speaks as ana under protect");
            assertThrows(RpcFault.class, () -> plain.call(ChatProcedures.RECEIVE_MESSAGES, "ana", "sala", 0.0));
            ana.type("s");
            ana.awaitShown("You left the room sala.");
            ana.quit();
        }
    }

    @Test
    void quittingLeavesTheRoomAndFreesTheNameAtOnce() throws Exception {
        startServer(SessionPolicy.OPEN);
        plain.call(ChatProcedures.CREATE_ROOM, "sala");
        try (TypedSession ana = TypedSession.registered("ana", binder.endpoint())) {
            ana.type("e", "sala");
            ana.awaitShown("* ana joined the room.");
            ana.endInput();
            assertEquals(ChatSession.EXIT_OK, ana.awaitExit());
        }
        assertEquals(List.of(), WireValues.strings(plain.call(ChatProcedures.LIST_USERS, "sala")));
        assertTrue(store.registration("ana").isEmpty(), "the name is free at once, not after --idle-free");
        assertEquals(true, plain.call(ChatProcedures.REGISTER_USER, "ana"));

        try (TypedSession cid = TypedSession.registered("cid", binder.endpoint())) {
            cid.quit();
        }
        assertTrue(store.registration("cid").isEmpty(), "quitting from the menu frees it too");
    }

    /** An open server, bob in room "sala", and ana's client in the room, its long poll waiting. */
    private TypedSession anaWaitingBesideBob() throws Exception {
        startServer(SessionPolicy.OPEN);
        plain.call(ChatProcedures.CREATE_ROOM, "sala");
        plain.call(ChatProcedures.REGISTER_USER, "bob");
        plain.call(ChatProcedures.JOIN_ROOM, "bob", "sala");
        TypedSession ana = TypedSession.inRoom("ana", "sala", binder.endpoint());
        try {
            Await.until("ana's long poll is waiting", () -> server.service().waitingCalls() == 1);
            return ana;
        } catch (RuntimeException | Error e) {
            ana.close();
            throw e;
        }
    }

    /** Whether {@code user} is registered with a session other than the one hashed {@code before}. */
    private boolean hasNewSession(String user, String before) {
        return store.registration(user).map(r -> r.hasSession() && !r.sessionHash().equals(before)).orElse(false);
    }

    @Test
    void aClientTheServerMadeLeaveWhileAwayEntersTheRoomAgainAndReadsOn() throws Exception {
        try (TypedSession ana = anaWaitingBesideBob()) {
            server.service().leave("ana", "sala"); // as the idle rule does when the machine slept
            Await.until("ana is a member again", () -> WireValues.strings(
                    plain.call(ChatProcedures.LIST_USERS, "sala")).contains("ana"));
            plain.call(ChatProcedures.SEND_MESSAGE, "bob", "sala", "ainda aí?", null);
            ana.awaitShown("bob: ainda aí?");
        }
    }

    @Test
    void aClientWhoseNameWasFreedWhileAwayRegistersItAgainAndReadsOn() throws Exception {
        try (TypedSession ana = anaWaitingBesideBob()) {
            String before = store.registration("ana").orElseThrow().sessionHash();
            assertTrue(server.service().unregister("ana")); // as the idle rule does after --idle-free
            Await.until("ana registered again, with a new session, and is in the room",
                    () -> hasNewSession("ana", before)
                            && WireValues.strings(plain.call(ChatProcedures.LIST_USERS, "sala")).contains("ana"));
            plain.call(ChatProcedures.SEND_MESSAGE, "bob", "sala", "de volta?", null);
            ana.awaitShown("bob: de volta?");
        }
    }

    /**
     * The name freed while the client's long poll waits, the room not yet left (as between the steps of
     * {@code unregister_user}): its next wait is refused for the ended session, not as a non-member. It registers
     * again, enters its room again, and reads on; a feed that took that refusal for a server without long polls
     * polled on with the ended session, refused at every poll.
     */
    @Test
    void aWaitRefusedForAnEndedSessionRegistersAgainAndReadsOn() throws Exception {
        try (TypedSession ana = anaWaitingBesideBob()) {
            String before = store.registration("ana").orElseThrow().sessionHash();
            assertTrue(store.removeUser("ana", before)); // the name freed; ana still a member of the room
            plain.call(ChatProcedures.SEND_MESSAGE, "bob", "sala", "ainda aí?", null); // answers the waiting poll
            ana.awaitShown("bob: ainda aí?");
            Await.until("ana registered again, with a new session, and waiting in the room",
                    () -> hasNewSession("ana", before) && server.service().waitingCalls() == 1);
            plain.call(ChatProcedures.SEND_MESSAGE, "bob", "sala", "de volta?", null);
            ana.awaitShown("bob: de volta?");
        }
    }

    @Test
    void theMenuKeepsTheNameAliveAndTheKeepAliveStopsOnQuit() throws Exception {
        startServer(SessionPolicy.OPEN);
        Keyboard keyboard = new Keyboard();
        Screen screen = new Screen();
        ClientConfig config = ClientConfig.of(binder.endpoint(), Language.EN);
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> {
            try (ChatConsole console = ChatConsole.over(keyboard, screen, Display.plain())) {
                return new ChatSession(ChatClient.of(config), console, Texts.of(Language.EN), config.pollInterval(),
                        Duration.ofMillis(20)).run();
            }
        });
        keyboard.type("ana");
        Await.until("registered; screen:\n" + screen.dump(), () -> screen.shows("Registered."));
        for (int step = 1; step <= 4; step++) {
            clock.advance(Duration.ofMinutes(20));
            Instant now = clock.instant();
            Await.until("a keep_alive at minute " + 20 * step, () -> store.registration("ana")
                    .map(r -> r.lastSeen().equals(now)).orElse(false));
            assertEquals(List.of(), server.service().expireIdleUsers().freed());
        }
        assertTrue(store.registration("ana").isPresent(), "80 minutes in the menu, with names freed after 30: still there");
        keyboard.type("s");
        assertEquals(ChatSession.EXIT_OK, exit.get(20, TimeUnit.SECONDS));
        assertTrue(store.registration("ana").isEmpty());
    }
}
