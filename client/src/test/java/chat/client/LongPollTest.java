package chat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.binder.BinderConfig;
import chat.binder.BinderServer;
import chat.client.ChatCallException.Reason;
import chat.client.testing.Keyboard;
import chat.common.BinderClient;
import chat.common.ChatProcedures;
import chat.common.Endpoint;
import chat.common.Message;
import chat.common.MessageBatch;
import chat.common.testing.Await;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Instant delivery over the wire: a server that offers wait_messages delivers by long poll, well before
 * any poll interval; one the Binder does not name for it is polled as before.
 */
class LongPollTest {
    /** Longer than any Await deadline: what arrives in time came by long poll. */
    private static final Duration SLOW_POLL = Duration.ofMinutes(10);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private LocalChat chat;
    private ChatClient bob;
    private final List<AutoCloseable> closeLast = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        chat = LocalChat.start();
        bob = new ChatClient(chat.binder(), TIMEOUT);
        bob.register("bob");
        chat.server().service().createRoom("sala");
    }

    @AfterEach
    void stop() throws Exception {
        try {
            for (AutoCloseable closeable : closeLast) {
                closeable.close();
            }
        } finally {
            chat.close();
        }
    }

    /** A Binder that knows only the original eight procedures, all at the LocalChat server, as with a Python server. */
    private Endpoint classicBinder() throws IOException {
        BinderServer classic = BinderServer.start(BinderConfig.ephemeral());
        closeLast.add(0, classic);
        BinderClient registrar = new BinderClient(classic.endpoint());
        ChatProcedures.ALL.forEach(name -> registrar.register(name, chat.server().endpoint()));
        return classic.endpoint();
    }

    @Test
    void waitMessagesAnswersTheMomentAMessageArrivesThenFromItsOwnCursor() throws Exception {
        ChatClient ana = new ChatClient(chat.binder(), TIMEOUT);
        ana.register("ana");
        double joined = ana.join("ana", "sala").orElseThrow().messages().get(0).timestamp();

        CompletableFuture<MessageBatch> waiting = CompletableFuture.supplyAsync(
                () -> ana.waitMessages("ana", "sala", joined, Duration.ofSeconds(50)));
        Await.until("the wait to be held", () -> chat.server().service().waitingCalls() == 1);
        bob.join("bob", "sala");
        MessageBatch batch = waiting.get(Await.DEFAULT_DEADLINE.toSeconds(), TimeUnit.SECONDS);

        assertEquals(List.of("bob entrou na sala."), batch.messages().stream().map(Message::content).toList());
        MessageBatch nothing = ana.waitMessages("ana", "sala", batch.cursor(), Duration.ofSeconds(1));
        assertEquals(new MessageBatch(batch.cursor(), List.of()), nothing);
    }

    @Test
    void aCursorPastTheIntRangeGoesToTheServerAndComesBackWhole() {
        long past = 3_000_000_000L;
        bob.join("bob", "sala");
        MessageBatch nothing = bob.waitMessages("bob", "sala", past, Duration.ofSeconds(1));
        assertEquals(new MessageBatch(past, List.of()), nothing);
    }

    @Test
    void aWaitInARoomTheUserIsNotInIsRefusedAsNotAMember() {
        ChatCallException e = assertThrows(ChatCallException.class,
                () -> bob.waitMessages("bob", "sala", 0.0, Duration.ofSeconds(1)));
        assertEquals(Reason.SERVER_REFUSED, e.reason());
        assertEquals(RoomFeed.NOT_A_MEMBER, e.faultCode());
    }

    @Test
    void theLongPollIsUsedOnlyWhenTheBinderNamesOurServerForIt() throws IOException {
        assertTrue(bob.waiter("bob", "sala").isPresent());

        Endpoint classic = classicBinder();
        ChatClient polling = new ChatClient(classic, TIMEOUT);
        assertTrue(polling.waiter("bob", "sala").isEmpty(), "a Binder without wait_messages");
        new BinderClient(classic).register(ChatProcedures.WAIT_MESSAGES, new Endpoint("localhost", MainTest.freePort()));
        assertTrue(polling.waiter("bob", "sala").isEmpty(), "wait_messages served by another server");
    }

    @Test
    void aMessageFromAnotherShowsLongBeforeThePollIntervalAndOwnMessagesOnce() {
        TypedSession ana = TypedSession.start("ana", chat.binder(), Language.EN, SLOW_POLL);
        closeLast.add(ana);
        ana.type("ana");
        ana.awaitShown("Registered.");
        ana.type("e", "sala");
        ana.awaitShown("* ana joined the room.");
        Await.until("ana's wait", () -> chat.server().service().waitingCalls() == 1);

        bob.join("bob", "sala");
        bob.send("bob", "sala", "oi ana", null);
        ana.awaitShown("bob: oi ana");
        ana.type("m", "minha", "");
        ana.awaitShown("ana: minha");
        bob.send("bob", "sala", "depois", null);
        ana.awaitShown("bob: depois"); // came by the wait after the one that also answered ana's message

        assertEquals(1, ana.screen().lines().stream().filter(line -> line.endsWith("ana: minha")).count(),
                ana.screen().dump());
        Await.until("the next wait", () -> chat.server().service().waitingCalls() == 1); // one for the room, not more
        ana.type("s", "s"); // leaves while a wait is held: does not wait for it
        assertEquals(ChatSession.EXIT_OK, ana.awaitExit());
    }

    @Test
    void theNonInteractiveModeGetsMessagesByLongPollToo() throws Exception {
        Keyboard stdin = new Keyboard();
        closeLast.add(stdin::end);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ScriptSession.Options options = new ScriptSession.Options("robô", "sala", ArrivalFormat.TEXT, Duration.ZERO,
                SLOW_POLL, ZoneOffset.UTC);
        ScriptSession session = new ScriptSession(new ChatClient(chat.binder(), TIMEOUT), options,
                new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)),
                new PrintWriter(out, true), new PrintWriter(err, true), Texts.of(Language.EN));
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(session::run);
        Await.until("the bot's wait", () -> chat.server().service().waitingCalls() == 1);

        bob.join("bob", "sala");
        bob.send("bob", "sala", "oi robô", null);
        Await.until("bob's message", () -> lines(out).size() == 2);
        stdin.end();

        assertEquals(ScriptSession.EXIT_OK, run.get(Await.DEFAULT_DEADLINE.toSeconds(), TimeUnit.SECONDS));
        assertTrue(lines(out).get(0).endsWith("\tSistema\tTodos\tbob entrou na sala."), lines(out).get(0));
        assertTrue(lines(out).get(1).endsWith("\tbob\tTodos\toi robô"), lines(out).get(1));
        assertEquals("", err.toString());
    }

    @Test
    void withoutWaitMessagesAtTheBinderTheRoomIsPolledAsBefore() throws IOException {
        TypedSession ana = TypedSession.start("ana", classicBinder(), Language.EN, TypedSession.FAST_POLL);
        closeLast.add(ana);
        ana.type("ana");
        ana.awaitShown("Registered.");
        ana.type("e", "sala");
        ana.awaitShown("* ana joined the room.");

        bob.join("bob", "sala");
        bob.send("bob", "sala", "por polling", null);
        ana.awaitShown("bob: por polling");

        assertEquals(0, chat.server().service().waitingCalls(), "never waited");
    }

    private static List<String> lines(StringWriter out) {
        synchronized (out) {
            return out.toString().lines().toList();
        }
    }
}
