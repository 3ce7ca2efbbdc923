package chat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.client.ChatCallException.Reason;
import chat.client.testing.Keyboard;
import chat.client.testing.Screen;
import chat.common.Message;
import chat.common.testing.Await;
import chat.server.ChatServer;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A client whose server dies continues on another the Binder names: same name, same room, every message shown
 * once, one notice; a send cut off by the death is reported as possibly not sent and never sent twice.
 */
class FailoverTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** Longer than any Await deadline: what arrives in time did not come by polling. */
    private static final Duration SLOW_POLL = Duration.ofMinutes(10);
    /** Far longer than any Await deadline: what happens in time did not wait for the search to end. */
    private static final Duration LONG_FAILOVER = Duration.ofMinutes(5);

    private ServerGroup group;
    private final List<AutoCloseable> people = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        try {
            for (AutoCloseable person : people) {
                person.close();
            }
        } finally {
            if (group != null) {
                group.close();
            }
        }
    }

    private TypedSession person(TypedSession session) {
        people.add(session);
        return session;
    }

    private static String moved(ChatServer from, ChatServer to) {
        return "Lost the connection to server " + from.endpoint() + "; continuing on " + to.endpoint() + ".";
    }

    @Test
    void aConversationContinuesOnAnotherServerOfTheSameChatShowingEveryMessageOnce() throws Exception {
        group = ServerGroup.sharingOneStore();
        ChatServer a = group.startServer();
        a.service().createRoom("sala");
        TypedSession ana = person(TypedSession.inRoom("ana", "sala", group.binder()));
        TypedSession bob = person(TypedSession.inRoom("bob", "sala", group.binder()));
        ana.type("antes da queda");
        bob.type("eu também");
        for (TypedSession person : List.of(ana, bob)) {
            person.awaitShown("ana: antes da queda");
            person.awaitShown("bob: eu também");
        }

        ChatServer b = group.startServer();
        a.close();
        ana.awaitShown(moved(a, b));
        bob.awaitShown(moved(a, b));
        ana.type("depois da queda");
        bob.type("continuamos");
        for (TypedSession person : List.of(ana, bob)) {
            person.awaitShown("ana: depois da queda");
            person.awaitShown("bob: continuamos");
        }

        for (TypedSession person : List.of(ana, bob)) {
            Screen screen = person.screen();
            for (String line : List.of("* bob joined the room.", "ana: antes da queda", "bob: eu também",
                    "ana: depois da queda", "bob: continuamos", moved(a, b))) {
                assertEquals(1, screen.count(line), line + " once on\n" + screen.dump());
            }
            assertTrue(screen.lines().stream().noneMatch(line -> line.contains("again") || line.contains("may not")),
                    "the new server knew the name and the room: nothing redone\n" + screen.dump());
        }
        assertEquals(List.of("ana", "bob"), b.service().listUsers("sala"));
    }

    @Test
    void aMessageCutOffByADeadServerIsReportedAsPossiblyNotSentNamingThatServerAndNotSentAgain() throws Exception {
        group = ServerGroup.sharingOneStoreWithoutLongPoll();
        ChatServer a = group.startServer();
        a.service().createRoom("sala");
        // Polled every ten minutes: the send is the call that finds the server gone.
        TypedSession ana = person(TypedSession.start("ana", group.binder(), Language.EN, SLOW_POLL));
        ana.type("ana");
        ana.awaitShown("Registered.");
        ana.type("e", "sala");
        ana.awaitShown("* ana joined the room.");

        ChatServer b = group.startServer();
        a.close();
        ana.type("perdida?");
        ana.awaitShown("Server " + a.endpoint() + " stopped answering (Connection refused); looking for another "
                + "server for up to " + TypedSession.FAST_FAILOVER.toSeconds() + " s.");
        ana.awaitShown(moved(a, b));
        awaitLine(ana, "the message not sent or possibly not sent, naming the server that failed",
                line -> line.equals("The message was not sent: server " + a.endpoint() + " did not answer (Connection"
                        + " refused); send it again.")
                        || line.equals("The message may not have been sent: server " + a.endpoint() + " stopped"
                        + " answering while it was sent (Connection refused). If it does not show above, send it again."));

        ana.type("de novo");
        ana.awaitShown("ana: de novo");
        ChatClient reader = new ChatClient(group.binder(), TIMEOUT);
        List<String> stored = reader.receive("ana", "sala", 0).stream().map(Message::content).toList();
        assertFalse(stored.contains("perdida?"), "never sent again behind the person's back: " + stored);
        assertEquals(1, stored.stream().filter("de novo"::equals).count(), stored.toString());
        assertEquals(0, ana.screen().count("ana: perdida?"), ana.screen().dump());
        assertEquals(1, ana.screen().count("ana: de novo"), ana.screen().dump());
    }

    @Test
    void onASeparateServerTheNameIsRegisteredAndTheRoomEnteredAgainAndNothingShownTwice() throws Exception {
        group = ServerGroup.eachWithItsOwnStore();
        ChatServer a = group.startServer();
        a.service().createRoom("sala");
        TypedSession ana = person(TypedSession.inRoom("ana", "sala", group.binder()));
        ana.type("no primeiro");
        ana.awaitShown("ana: no primeiro");

        ChatServer b = group.startServer();
        a.close();
        ana.awaitShown(moved(a, b));
        ana.awaitShown("Server " + b.endpoint() + " did not know ana: registered the name again.");
        ana.awaitShown("Entered room sala again on " + b.endpoint() + ".");
        ana.type("no segundo");
        ana.awaitShown("ana: no segundo");
        ChatClient bob = new ChatClient(group.binder(), TIMEOUT);
        assertTrue(bob.register("bob"));
        bob.join("bob", "sala");
        ana.awaitShown("* bob joined the room.");

        Screen screen = ana.screen();
        assertEquals(1, screen.count("ana: no primeiro"), screen.dump());
        assertEquals(1, screen.count("ana: no segundo"), screen.dump());
        assertEquals(1, screen.count("* bob joined the room."), screen.dump());
        assertEquals(2, screen.count("* ana joined the room."), "one entrance on each server\n" + screen.dump());
        assertEquals(List.of("ana", "bob"), b.service().listUsers("sala"));
    }

    @Test
    void aScriptedClientContinuesOnAnotherServerWritingEveryMessageOnce() throws Exception {
        group = ServerGroup.sharingOneStore();
        ChatServer a = group.startServer();
        a.service().createRoom("sala");
        Keyboard stdin = new Keyboard();
        people.add(stdin);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ScriptSession.Options options = new ScriptSession.Options("robô", "sala", ArrivalFormat.TEXT, Duration.ZERO,
                TypedSession.FAST_POLL, ZoneOffset.UTC);
        ScriptSession bot = new ScriptSession(new ChatClient(group.binder(), TIMEOUT, TypedSession.FAST_FAILOVER),
                options, new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)),
                new PrintWriter(out, true), new PrintWriter(err, true), Texts.of(Language.EN));
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(bot::run);
        Await.until("the bot in the room", () -> a.service().listUsers("sala").equals(List.of("robô")));
        ChatClient ana = new ChatClient(group.binder(), TIMEOUT);
        ana.register("ana");
        ana.join("ana", "sala");
        stdin.type("r1");
        ana.send("ana", "sala", "a1", null);
        Await.until("r1 and a1 written", () -> contents(out).containsAll(List.of("r1", "a1")));

        ChatServer b = group.startServer();
        a.close();
        Await.until("the bot to say it moved; stderr:\n" + err,
                () -> err.toString().lines().anyMatch(("client: " + moved(a, b))::equals));
        ana.listRooms(); // ana's client finds the server gone, and moves too
        assertTrue(ana.send("ana", "sala", "a2", null));
        stdin.type("r2");
        Await.until("r2 and a2 written; stdout:\n" + out, () -> contents(out).containsAll(List.of("r2", "a2")));
        stdin.end();

        assertEquals(ScriptSession.EXIT_OK, run.get(Await.DEFAULT_DEADLINE.toSeconds(), TimeUnit.SECONDS), err.toString());
        assertEquals(List.of("a1", "a2", "ana entrou na sala.", "r1", "r2"), contents(out).stream().sorted().toList(),
                "each once:\n" + out);
        assertEquals(List.of("client: " + moved(a, b)), err.toString().lines().toList());
    }

    @Test
    void callsOnManyThreadsWhenTheServerDiesMoveOnceAndAllGoOn() throws Exception {
        group = ServerGroup.sharingOneStore();
        ChatServer a = group.startServer();
        ChatClient client = new ChatClient(group.binder(), TIMEOUT, TypedSession.FAST_FAILOVER);
        List<ServerMove> moves = new CopyOnWriteArrayList<>();
        client.onMove(moves::add);
        assertTrue(client.register("ana"));
        assertTrue(client.createRoom("sala"));
        client.join("ana", "sala").orElseThrow();
        ChatServer b = group.startServer();
        a.close();

        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<List<String>>> answers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return client.listUsers("sala");
                }));
            }
            go.countDown();
            for (Future<List<String>> answer : answers) {
                assertEquals(List.of("ana"), answer.get(Await.DEFAULT_DEADLINE.toSeconds(), TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of(new ServerMove(a.endpoint(), b.endpoint(), "ana", "sala", ServerMove.Outcome.KEPT)), moves);
        assertEquals(b.endpoint(), client.server().orElseThrow());
    }

    @Test
    void aSendWhoseServerIsGoneIsNotRepeatedOnTheNextServer() throws Exception {
        group = ServerGroup.sharingOneStore();
        ChatServer a = group.startServer();
        ChatClient client = new ChatClient(group.binder(), TIMEOUT, TypedSession.FAST_FAILOVER);
        client.register("ana");
        client.createRoom("sala");
        double joined = client.join("ana", "sala").orElseThrow().messages().get(0).timestamp();
        ChatServer b = group.startServer();
        a.close();

        ChatCallException e = assertThrows(ChatCallException.class,
                () -> client.send("ana", "sala", "uma vez", null));

        assertEquals(Reason.SERVER_CHANGED, e.reason());
        assertEquals(a.endpoint().toString(), e.where());
        assertEquals(b.endpoint(), e.move().orElseThrow().to());
        assertTrue(e.cursorKept(), "one chat: the cursor means the same on the next server");
        // Not sent, or (written on the kept-alive connection the server closed as it stopped, then refused when the
        // JDK sent it again) possibly sent, as far as the client can tell: either way named, and not sent again.
        assertEquals(a.endpoint(), e.lost().orElseThrow().server());
        assertEquals("Connection refused", e.lost().orElseThrow().detail());
        assertEquals(List.of(), client.receive("ana", "sala", joined), "not sent again on the next server");
        assertTrue(client.send("ana", "sala", "uma vez", null));
        assertEquals(List.of("uma vez"), client.receive("ana", "sala", joined).stream().map(Message::content).toList());
    }

    @Test
    void aDeadServerIsSaidAtOnceThePromptStaysAndEndOfInputQuitsWithoutWaitingForAnother() throws Exception {
        TypedSession ana = personInARoomAlone();
        ChatServer a = group.servers().get(0);
        group.close(); // the server and the Binder: there is no other server to find

        ana.type("alguém aí?");
        awaitLine(ana, "the one line saying the client looks for another server",
                line -> line.startsWith("Server " + a.endpoint() + " stopped answering (")
                        && line.endsWith("); looking for another server for up to " + LONG_FAILOVER.toSeconds() + " s."));
        // Not sent, when the client had to connect anew; possibly not, when it wrote the message on the connection
        // the server closed as it stopped (see ChatClientTest.aSendWhenTheServerAndTheBinderAreGone...).
        awaitLine(ana, "the message not sent or possibly not sent, naming the server that failed",
                line -> line.startsWith("The message was not sent: server " + a.endpoint() + " did not answer (")
                        || line.startsWith("The message may not have been sent: server " + a.endpoint()
                        + " stopped answering while it was sent ("));
        ana.type("/help");
        ana.awaitShown("Commands (the menu keys work too):");
        ana.endInput();

        assertEquals(ChatSession.EXIT_OK, ana.awaitExit(), "ended long before the failover time\n" + ana.screen().dump());
        Screen screen = ana.screen();
        assertEquals("Goodbye.", screen.lines().get(screen.lines().size() - 1));
        assertEquals(1, screen.lines().stream().filter(line -> line.contains("looking for another server")).count(),
                screen.dump());
        assertTrue(screen.lines().stream().noneMatch(line -> line.contains(group.binder().toString())),
                "the server that failed is named, not the Binder\n" + screen.dump());
    }

    @Test
    void ctrlCWhileTheClientLooksForAnotherServerQuitsAtOnceSayingGoodbye() throws Exception {
        TypedSession ana = personInARoomAlone();
        ChatServer a = group.servers().get(0);
        group.close();

        ana.type("/rooms");
        awaitLine(ana, "the line saying the client looks for another server",
                line -> line.startsWith("Server " + a.endpoint() + " stopped answering ("));
        awaitLine(ana, "the rooms not listed while it looks",
                line -> line.startsWith("Not done: the chat server at " + a.endpoint() + " does not answer ("));
        ana.pressCtrlC();

        assertEquals(ChatSession.EXIT_OK, ana.awaitExit(), "ended long before the failover time\n" + ana.screen().dump());
        assertEquals("Goodbye.", ana.screen().lines().get(ana.screen().lines().size() - 1), ana.screen().dump());
    }

    /** Ana alone in a room of the only server, with a client that would look for another for minutes. */
    private TypedSession personInARoomAlone() throws IOException {
        group = ServerGroup.sharingOneStore();
        group.startServer().service().createRoom("sala");
        TypedSession ana = person(TypedSession.start("ana", group.binder(), Language.EN, TypedSession.FAST_POLL,
                LONG_FAILOVER, Display.plain()));
        ana.type("ana");
        ana.awaitShown("Registered.");
        ana.type("e", "sala");
        ana.awaitShown("* ana joined the room.");
        return ana;
    }

    /** Waits, well within the failover time, until a line of {@code person}'s screen matches. */
    private static void awaitLine(TypedSession person, String what, Predicate<String> line) {
        Await.until(what + "; screen:\n" + person.screen().dump(),
                () -> person.screen().lines().stream().anyMatch(line));
    }

    /** The contents of the TEXT lines written: HH:mm:ss, origin, destination, content. */
    private static List<String> contents(StringWriter out) {
        synchronized (out) {
            return out.toString().lines().map(line -> line.split("\t", 4)[3]).toList();
        }
    }
}
