package chat.client.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import chat.client.ChatClient;
import chat.client.ChatConsole;
import chat.client.ChatSession;
import chat.client.ClientConfig;
import chat.client.Language;
import chat.client.Texts;
import chat.common.BinderClient;
import chat.common.ChatProcedures;
import chat.common.Endpoint;
import chat.common.Message;
import chat.common.WireValues;
import chat.common.rpc.RpcClient;
import chat.common.rpc.RpcFault;
import chat.common.testing.Await;
import chat.common.testing.Python;
import chat.server.ChatServer;
import chat.server.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java programs against Python peers: a Binder written like the original (a Fault for an unknown
 * name, last registration wins) and a chat server that follows the contract, both Python's own
 * {@code xmlrpc.server} started as processes on free ports, and a Python client (Python's
 * {@code xmlrpc.client}) as the other person in the room.
 */
class PythonPeersInteropTest {
    private static final Pattern PORT_LINE = Pattern.compile("executando na porta (\\d+)");
    private static final Duration PROCESS_DEADLINE = Duration.ofSeconds(60);
    private static final Duration SCREEN_DEADLINE = Duration.ofSeconds(20);

    /**
     * Another person, in Python: for each {@code [procedure, [args...]]} of its JSON argument, looks the
     * procedure up in the Binder, calls it through {@code ServerProxy(..., allow_none=True)}, and prints
     * the answer as one line of JSON, each message as {@code "type origin→destination: content"}.
     */
    private static final String OTHER_CLIENT = """
            import json, sys, xmlrpc.client

            def readable(value):
                if isinstance(value, dict) and "timestamp" in value:
                    return "%s %s→%s: %s" % (value["type"], value["origin"], value["destination"], value["content"])
                if isinstance(value, list):
                    return [readable(item) for item in value]
                return value

            binder = xmlrpc.client.ServerProxy("http://localhost:%s/" % sys.argv[1])
            for procedure, args in json.loads(sys.argv[2]):
                address, port = binder.lookup_procedure(procedure)
                server = xmlrpc.client.ServerProxy("http://%s:%s/" % (address, port), allow_none=True)
                print(json.dumps(readable(getattr(server, procedure)(*args)), ensure_ascii=False))
            """;

    @TempDir
    Path work;

    private final List<Process> processes = new ArrayList<>();
    private final ExecutorService sessionThread = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "java-client-session");
        thread.setDaemon(true);
        return thread;
    });
    private ChatServer javaServer;
    private PipedOutputStream keyboard;
    private ByteArrayOutputStream screen;
    private int screenMark;
    private int pythonBinderPort;
    private int otherClientRuns;

    /** Probed once: every process start probes again, and a probe costs a Python start-up. */
    private static Optional<String> pythonFound;

    @BeforeAll
    static void findPython() {
        pythonFound = Python.executable();
    }

    @BeforeEach
    void skipWithoutPython() {
        if (pythonFound.isEmpty()) {
            Python.require(); // skips this test, saying python3 is missing
        }
    }

    @AfterEach
    void stopEverything() throws Exception {
        try {
            if (keyboard != null) {
                keyboard.close(); // the session reads end of input, leaves its room and returns
            }
            sessionThread.shutdownNow();
            sessionThread.awaitTermination(10, TimeUnit.SECONDS);
            if (javaServer != null) {
                javaServer.close();
            }
        } finally {
            for (Process process : processes) {
                process.destroy();
            }
            for (Process process : processes) {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
    }

    @Test
    void binderClientFindsThePythonServerAndReadsThePythonBindersFaultAsUnknown() throws Exception {
        Endpoint binderAt = startPythonBinder();
        Endpoint pythonServer = new Endpoint("localhost", startPythonServer());
        BinderClient binder = new BinderClient(binderAt);

        for (String procedure : ChatProcedures.ALL) {
            assertEquals(Optional.of(pythonServer), binder.lookup(procedure), procedure);
        }
        assertEquals(Optional.empty(), binder.lookup("no_such_procedure"));
        // That empty answer is BinderClient's reading of what the original-style Binder really sends: a Fault.
        assertThrows(RpcFault.class, () -> new RpcClient(binderAt).call(ChatProcedures.LOOKUP_PROCEDURE,
                "no_such_procedure"));

        binder.register("outro_procedimento", new Endpoint("127.0.0.1", 4001));
        binder.register("outro_procedimento", new Endpoint("127.0.0.1", 4002));
        assertEquals(Optional.of(new Endpoint("127.0.0.1", 4002)), binder.lookup("outro_procedimento"));
    }

    @Test
    void javaCallsReachThePythonServerWithNilAndEmojiIntact() throws Exception {
        BinderClient binder = new BinderClient(startPythonBinder());
        startPythonServer();
        RpcClient server = new RpcClient(binder.lookup(ChatProcedures.SEND_MESSAGE).orElseThrow());

        assertEquals(true, server.call(ChatProcedures.REGISTER_USER, "João"));
        assertEquals(true, server.call(ChatProcedures.CREATE_ROOM, "ação"));
        List<Object> joined = WireValues.array(server.call(ChatProcedures.JOIN_ROOM, "João", "ação"));
        assertEquals(List.of("João"), WireValues.strings(joined.get(0)));
        assertEquals(true, server.call(ChatProcedures.SEND_MESSAGE, "João", "ação", "olá 😀🎉", null));

        List<Message> read = WireValues.messages(server.call(ChatProcedures.RECEIVE_MESSAGES, "João", "ação", 0.0));
        assertEquals(2, read.size(), () -> "João's view of the room: " + read);
        assertEquals(Message.notice("João entrou na sala.", read.get(0).timestamp()), read.get(0));
        assertEquals(Message.broadcast("João", "olá 😀🎉", read.get(1).timestamp()), read.get(1));
        assertTrue(read.get(0).timestamp() < read.get(1).timestamp(), () -> "timestamps: " + read);
        assertEquals("""
                ["broadcast Sistema→Todos: João entrou na sala.", "broadcast João→Todos: olá 😀🎉"]""",
                otherClient("receive_messages", "João", "ação", 0.0));
    }

    @Test
    void theJavaServerRegistersWithThePythonBinderAndAPythonClientReachesIt() throws Exception {
        Endpoint binderAt = startPythonBinder();
        javaServer = ChatServer.start(ServerConfig.local(binderAt));
        BinderClient binder = new BinderClient(binderAt);
        for (String procedure : ChatProcedures.ALL) {
            assertEquals(Optional.of(javaServer.endpoint()), binder.lookup(procedure), procedure);
        }

        assertEquals(List.of("true", "true",
                        "[[\"Zé 😀\"], [\"broadcast Sistema→Todos: Zé 😀 entrou na sala.\"]]", "true"),
                otherClient(new Call("register_user", "Zé 😀"), new Call("create_room", "café ☕"),
                        new Call("join_room", "Zé 😀", "café ☕"), new Call("send_message", "Zé 😀", "café ☕", "olá 😀🎉", null)));

        assertEquals(List.of("café ☕"), javaServer.service().listRooms());
        assertEquals(List.of("Zé 😀"), javaServer.service().listUsers("café ☕"));
        List<Message> stored = javaServer.service().receive("Zé 😀", "café ☕", 0);
        assertEquals("olá 😀🎉", stored.get(stored.size() - 1).content(), () -> "stored: " + stored);
    }

    @Test
    void theJavaClientHoldsAWholeSessionThroughThePythonBinderWithThePythonServer() throws Exception {
        Endpoint binderAt = startPythonBinder();
        startPythonServer();
        Texts texts = Texts.of(Language.EN);
        ClientConfig config = ClientConfig.of(binderAt, Language.EN).withPollInterval(Duration.ofMillis(100));
        keyboard = new PipedOutputStream();
        InputStream typed = new PipedInputStream(keyboard, 1 << 16);
        screen = new ByteArrayOutputStream();
        ChatConsole console = ChatConsole.over(typed, screen);
        Future<Integer> exit = sessionThread.submit(() -> {
            try (console) {
                return new ChatSession(ChatClient.of(config), console, texts, config.pollInterval()).run();
            }
        });
        String me = "Zé 😀";
        String room = "café ☕";

        type(me);
        awaitOnScreen(texts.get("registered"));
        type("c", room);
        awaitOnScreen(texts.get("room.created"));
        type("l");
        awaitOnScreen(texts.get("rooms.list", room));
        type("e", room);
        awaitOnScreen(texts.get("room.joined", room));
        awaitOnScreen(texts.get("room.users", me));

        // The other person, in Python, joins and writes; the Java client's feed shows it.
        List<String> ana = otherClient(new Call("register_user", "Ana"), new Call("join_room", "Ana", room),
                new Call("send_message", "Ana", room, "olá do Python 🐍", null),
                new Call("send_message", "Ana", room, "só pra você ✉️", me));
        assertEquals("true", ana.get(0));
        assertTrue(ana.get(1).startsWith("[[\"" + me + "\", \"Ana\"]"), ana.get(1));
        assertEquals(List.of("true", "true"), ana.subList(2, 4));
        awaitOnScreen(texts.get("line.notice", texts.get("notice.joined", "Ana")));
        awaitOnScreen(texts.get("line.broadcast", "Ana", "olá do Python 🐍"));
        awaitOnScreen(texts.get("line.private", "Ana", me, "só pra você ✉️"));

        // The Java client writes to everyone (recipient left empty: nil on the wire) and to Ana alone.
        type("m", "olá 😀🎉", "");
        awaitOnScreen(texts.get("line.broadcast", me, "olá 😀🎉"));
        type("m", "psiu 🤫", "Ana");
        awaitOnScreen(texts.get("line.private", me, "Ana", "psiu 🤫"));
        String anaSees = otherClient("receive_messages", "Ana", room, 0.0);
        assertTrue(anaSees.contains("\"broadcast " + me + "→Todos: olá 😀🎉\""), anaSees);
        assertTrue(anaSees.contains("\"unicast " + me + "→Ana: psiu 🤫\""), anaSees);

        type("l");
        awaitOnScreen(texts.get("room.users", me + ", Ana"));
        type("s");
        awaitOnScreen(texts.get("room.left", room));
        List<String> afterLeaving = otherClient(new Call("list_users", room), new Call("receive_messages", "Ana", room, 0.0));
        assertEquals("[\"Ana\"]", afterLeaving.get(0));
        assertTrue(afterLeaving.get(1).endsWith("\"broadcast Sistema→Todos: " + me + " saiu da sala.\"]"),
                afterLeaving.get(1));

        type("s");
        awaitOnScreen(texts.get("goodbye"));
        assertEquals(ChatSession.EXIT_OK, exit.get(SCREEN_DEADLINE.toSeconds(), TimeUnit.SECONDS));
    }

    // --- Python processes -------------------------------------------------------------------------

    /** Starts the original-style Binder on a free port; calls from the other client go to it. */
    private Endpoint startPythonBinder() throws IOException {
        pythonBinderPort = startListening("contract_binder", resource("/python/contract_binder.py"), "0");
        return new Endpoint("localhost", pythonBinderPort);
    }

    /** Starts the contract chat server, registered with the Python Binder; returns its port. */
    private int startPythonServer() throws IOException {
        return startListening("contract_server", resource("/chat/common/testing/contract_server.py"),
                String.valueOf(pythonBinderPort));
    }

    /** Starts a Python program that prints "... executando na porta N" once it listens, and returns N. */
    private int startListening(String name, Path script, String... args) throws IOException {
        Path out = work.resolve(name + ".out");
        Path err = work.resolve(name + ".err");
        Process process = start(Python.script(script, args), out, err);
        String[] port = new String[1];
        Await.until(name + " to print the port it listens on", PROCESS_DEADLINE, () -> {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + transcript(out, err));
            }
            Matcher line = PORT_LINE.matcher(read(out));
            if (!line.find()) {
                return false;
            }
            port[0] = line.group(1);
            return true;
        });
        return Integer.parseInt(port[0]);
    }

    /** One call of the other person's: a procedure and its arguments (strings, numbers, null). */
    private record Call(String procedure, Object... args) {
    }

    /** Runs the other person's one call and returns the answer it printed. */
    private String otherClient(String procedure, Object... args) throws Exception {
        return otherClient(new Call(procedure, args)).get(0);
    }

    /** Runs the other person's calls, in order, in one Python process; returns the answers it printed. */
    private List<String> otherClient(Call... calls) throws Exception {
        Path script = work.resolve("other_client.py");
        if (!Files.exists(script)) {
            Files.writeString(script, OTHER_CLIENT, StandardCharsets.UTF_8);
        }
        int run = ++otherClientRuns;
        Path out = work.resolve("other-client-" + run + ".out");
        Path err = work.resolve("other-client-" + run + ".err");
        StringBuilder json = new StringBuilder("[");
        for (Call call : calls) {
            json.append(json.length() > 1 ? ", " : "").append('[').append(json(call.procedure()))
                    .append(", ").append(json(call.args())).append(']');
        }
        String what = "the Python client's " + Stream.of(calls).map(Call::procedure).toList();
        Process process = start(Python.script(script, String.valueOf(pythonBinderPort), json.append(']').toString()),
                out, err);
        if (!process.waitFor(PROCESS_DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
            fail(what + " did not finish in time" + transcript(out, err));
        }
        assertEquals(0, process.exitValue(), () -> what + " failed" + transcript(out, err));
        List<String> answers = read(out).lines().toList();
        assertEquals(calls.length, answers.size(), () -> what + ": one answer per call" + transcript(out, err));
        return answers;
    }

    private Process start(ProcessBuilder builder, Path out, Path err) throws IOException {
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        processes.add(process);
        process.getOutputStream().close();
        return process;
    }

    /** Copies a script from the class path (the chat server from common's, the Binder from the tests') into the temporary folder. */
    private Path resource(String path) throws IOException {
        Path copy = work.resolve(path.substring(path.lastIndexOf('/') + 1));
        if (!Files.exists(copy)) {
            try (InputStream in = PythonPeersInteropTest.class.getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException(path + " is not on the class path");
                }
                Files.copy(in, copy);
            }
        }
        return copy;
    }

    /**
     * A string, number, null or array of those as JSON, all ASCII: a command line in a non-UTF-8 locale
     * would mangle anything else, and Python's json reads the escapes back, emoji included.
     */
    private static String json(Object value) {
        if (value instanceof Object[] array) {
            return Stream.of(array).map(PythonPeersInteropTest::json).collect(Collectors.joining(", ", "[", "]"));
        }
        if (!(value instanceof String text)) {
            return String.valueOf(value); // numbers, and null
        }
        StringBuilder json = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\' || c < 0x20 || c > 0x7e) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"').toString();
    }

    // --- The Java client's terminal ---------------------------------------------------------------

    /** Types each answer and Enter, as a person at the keyboard. */
    private void type(String... answers) throws IOException {
        for (String answer : answers) {
            keyboard.write((answer + "\n").getBytes(StandardCharsets.UTF_8));
        }
        keyboard.flush();
    }

    /** Waits until {@code text} shows on the screen after what was awaited before. */
    private void awaitOnScreen(String text) {
        int[] at = new int[1];
        try {
            Await.until("the Java client to show '" + text + "'", SCREEN_DEADLINE,
                    () -> (at[0] = screenText().indexOf(text, screenMark)) >= 0);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n--- screen ---\n" + screenText(), e);
        }
        screenMark = at[0] + text.length();
    }

    private String screenText() {
        return screen.toString(StandardCharsets.UTF_8);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private static String transcript(Path out, Path err) {
        return "\n--- stdout ---\n" + read(out) + "--- stderr ---\n" + read(err);
    }
}
