package chat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.client.testing.Keyboard;
import chat.common.Endpoint;
import chat.common.Json;
import chat.common.Message;
import chat.common.testing.Await;
import chat.server.ChatLimits;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The non-interactive mode, in-process: lines in, one line per arriving message out, exit statuses. */
class ScriptSessionTest {
    private final Keyboard stdin = new Keyboard();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private LocalChat chat;
    private ChatClient other;

    @BeforeEach
    void startChat() throws IOException {
        chat = LocalChat.start();
        other = new ChatClient(chat.binder(), Duration.ofSeconds(5));
    }

    @AfterEach
    void stopChat() {
        stdin.end();
        chat.close();
    }

    private CompletableFuture<Integer> start(String user, String room, ArrivalFormat format, Endpoint binder) {
        ScriptSession.Options options = new ScriptSession.Options(user, room, format, Duration.ZERO,
                TypedSession.FAST_POLL, ZoneOffset.UTC);
        ScriptSession session = new ScriptSession(new ChatClient(binder, Duration.ofSeconds(5)), options,
                new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)),
                new PrintWriter(out, true), new PrintWriter(err, true), Texts.of(Language.EN));
        return CompletableFuture.supplyAsync(session::run);
    }

    private List<String> outLines() {
        synchronized (out) {
            return out.toString().lines().toList();
        }
    }

    private static int exit(CompletableFuture<Integer> run) throws Exception {
        return run.get(Await.DEFAULT_DEADLINE.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void createsTheRoomSendsEachLineAndWritesWhatArrivesOnePerLine() throws Exception {
        CompletableFuture<Integer> run = start("robô", "sala", ArrivalFormat.TEXT, chat.binder());
        Await.until("the bot in the room", () -> chat.server().service().listUsers("sala").equals(List.of("robô")));
        other.register("ana");
        other.join("ana", "sala");
        Await.until("ana's arrival", () -> outLines().size() == 1);

        stdin.type("olá\tmundo", "", "/me acena", "/msg ana psiu");
        Await.until("three lines of its own", () -> outLines().size() == 4);
        other.send("ana", "sala", "oi robô", null);
        Await.until("ana's message", () -> outLines().size() == 5);
        stdin.end();

        assertEquals(ScriptSession.EXIT_OK, exit(run));
        List<Message> seen = other.receive("ana", "sala", 0);
        // What came after its own entrance, which joining answered, up to its leaving.
        List<String> expected = seen.subList(1, seen.size()).stream().filter(m -> !m.content().endsWith("saiu da sala."))
                .map(m -> ArrivalFormat.TEXT.line(m, ZoneOffset.UTC)).toList();
        assertEquals(expected, outLines());
        assertTrue(outLines().get(1).matches("\\d\\d:\\d\\d:\\d\\d\trobô\tTodos\tolá\\\\tmundo"), outLines().get(1));
        assertTrue(outLines().get(2).endsWith("\trobô\tTodos\t* robô acena"), outLines().get(2));
        assertTrue(outLines().get(3).endsWith("\trobô\tana\tpsiu"), outLines().get(3));
        assertEquals("", err.toString());
        assertEquals(List.of("ana"), chat.server().service().listUsers("sala"), "left at the end");
    }

    @Test
    void jsonWritesOneObjectPerMessage() throws Exception {
        chat.server().service().createRoom("sala");
        CompletableFuture<Integer> run = start("bot", "sala", ArrivalFormat.JSON, chat.binder());
        stdin.type("diz \"oi\" \\ 😀");
        Await.until("its message", () -> outLines().size() == 1);
        stdin.end();

        assertEquals(ScriptSession.EXIT_OK, exit(run));
        String line = outLines().get(0);
        assertTrue(line.matches("\\{\"time\": \"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z\", \"timestamp\": \\d+\\.\\d+, "
                + "\"type\": \"broadcast\", \"origin\": \"bot\", \"destination\": \"Todos\", "
                + "\"content\": \"diz \\\\\"oi\\\\\" \\\\\\\\ 😀\"}"), line);
    }

    @Test
    void aTakenNameIsExitStatusThreeWithOneLine() throws Exception {
        other.register("ana");
        assertEquals(ScriptSession.EXIT_NAME_TAKEN, exit(start("ana", "sala", ArrivalFormat.TEXT, chat.binder())));
        assertEquals(List.of("client: the username ana is taken (exit status 3)"), err.toString().lines().toList());
        assertEquals("", out.toString());
    }

    @Test
    void aRefusedNameIsExitStatusThreeWithOneLineSayingWhyInThePersonsWords() throws Exception {
        String name = "x".repeat(40);
        assertEquals(ScriptSession.EXIT_NAME_TAKEN, exit(start(name, "sala", ArrivalFormat.TEXT, chat.binder())));
        assertEquals(List.of("client: the server refused the username " + name
                + ": it has 40 characters; the limit is 32 (exit status 3)"), err.toString().lines().toList());
    }

    @Test
    void aRefusedMessageIsOneLineTheRestIsSentAndTheStatusIsFive() throws Exception {
        CompletableFuture<Integer> run = start("bot", "sala", ArrivalFormat.TEXT, chat.binder());
        stdin.type("/msg ninguém oi", "depois");
        Await.until("the message after the refused one", () -> outLines().size() == 1);
        stdin.end();

        assertEquals(ScriptSession.EXIT_REFUSED, exit(run));
        assertEquals(List.of("client: message not sent (is the recipient in the room?): /msg ninguém oi"),
                err.toString().lines().toList());
        assertTrue(outLines().get(0).endsWith("\tdepois"));
    }

    @Test
    void aMessageTheServerRefusesIsOneLineTheRestIsSentAndTheStatusIsFive() throws Exception {
        CompletableFuture<Integer> run = start("bot", "sala", ArrivalFormat.TEXT, chat.binder());
        String tooLong = "x".repeat(ChatLimits.DEFAULT_MAX_MESSAGE_LENGTH + 1);
        stdin.type(tooLong, "depois");
        Await.until("the message after the refused one", () -> outLines().size() == 1);
        stdin.end();

        assertEquals(ScriptSession.EXIT_REFUSED, exit(run));
        List<String> lines = err.toString().lines().toList();
        assertEquals(1, lines.size(), err.toString());
        assertTrue(lines.get(0).startsWith("client: message not sent (the server refused it: "), lines.get(0));
        assertTrue(lines.get(0).endsWith("): " + tooLong), lines.get(0));
        assertTrue(outLines().get(0).endsWith("\tdepois"), outLines().get(0));
    }

    @Test
    void aBinderThatIsNotRunningIsExitStatusOne() throws Exception {
        Endpoint nowhere = new Endpoint("localhost", MainTest.freePort());
        assertEquals(ScriptSession.EXIT_UNREACHABLE, exit(start("bot", "sala", ArrivalFormat.TEXT, nowhere)));
        List<String> lines = err.toString().lines().toList();
        assertEquals(1, lines.size(), err.toString());
        assertTrue(lines.get(0).startsWith("client: Cannot reach the Binder at " + nowhere), lines.get(0));
    }

    @Test
    void aRoomTheServerRefusesIsExitStatusFourWithOneLine() throws Exception {
        String tooLong = "s".repeat(ChatLimits.DEFAULT_MAX_NAME_LENGTH + 1);
        assertEquals(ScriptSession.EXIT_ROOM, exit(start("bot", tooLong, ArrivalFormat.TEXT, chat.binder())));
        List<String> lines = err.toString().lines().toList();
        assertEquals(1, lines.size(), err.toString());
        assertTrue(lines.get(0).startsWith("client: the server refused the room " + tooLong + ": "), lines.get(0));
        assertTrue(lines.get(0).endsWith(" (exit status 4)"), lines.get(0));
        assertTrue(lines.get(0).contains("too long"), lines.get(0));
        assertEquals("", out.toString());
        assertTrue(chat.server().service().registerUser("bot"), "the name was freed");
    }

    @Test
    void jsonStringsEscapeQuotesBackslashesAndControlCharacters() {
        assertEquals("\"a\\\"b\\\\c\\nd\\te\\u0001é😀\"", Json.string("a\"b\\c\nd\te\u0001é😀"));
    }
}
