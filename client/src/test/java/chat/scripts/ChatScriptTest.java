package chat.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/chat.sh} run twice for one Binder address, each with its client in the non-interactive mode
 * (a line of input is a message, a message that arrives is a line of output): what the first starts serves
 * both, outlives the first to quit, and stops with the last.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "the scripts are bash")
class ChatScriptTest {
    @TempDir
    Path folder;

    private ScriptSandbox sandbox;
    private int binderPort;
    private final List<ScriptProcess> scripts = new ArrayList<>();

    @BeforeEach
    void createSandbox() throws IOException {
        sandbox = ScriptSandbox.create(folder);
        try (ServerSocket socket = new ServerSocket(0)) {
            binderPort = socket.getLocalPort();
        }
    }

    @AfterEach
    void stopEverything() throws Exception {
        scripts.forEach(ScriptProcess::close);
        try (ScriptProcess stop = sandbox.run(binderPort, "stop.sh", "--timeout", "5")) {
            stop.awaitExit();
        }
    }

    @Test
    void theChatOutlivesTheChatScriptThatStartedItAndStopsWhenTheLastOneQuits() throws Exception {
        TwoChats chats = twoChats();
        ScriptProcess ana = chats.ana();
        ScriptProcess bia = chats.bia();
        long binder = chats.binder();
        long server = chats.server();
        String joined = bia.awaitErr("Joined the chat started by chat.sh PID " + ana.pid() + " at ");
        assertTrue(joined.endsWith(": the Binder (PID " + binder + ") and the chat server (PID " + server
                + "), for localhost:" + binderPort + "."), joined);
        bia.send("oi, ana");
        ana.awaitOut("\tbia\tTodos\toi, ana");

        ana.endInput();
        assertEquals(0, ana.awaitExit(), ana.toString());
        assertTrue(ana.err().contains("Leaving the Binder (PID " + binder + ") and the chat server (PID " + server
                + ") running for the other chat.sh using them (PID " + bia.pid() + "); the last to quit stops them."),
                ana.toString());
        assertTrue(alive(binder) && alive(server), "the Binder and the server stopped with the first chat.sh");

        bia.send("ainda aqui");
        bia.awaitOut("\tbia\tTodos\tainda aqui");
        bia.endInput();
        assertEquals(0, bia.awaitExit(), bia.toString());
        assertTrue(bia.err().contains(group() + "-server: stopped (PID " + server + ")"), bia.toString());
        assertTrue(bia.err().contains(group() + "-binder: stopped (PID " + binder + ")"), bia.toString());
        assertFalse(alive(binder) || alive(server), "the last chat.sh left the Binder or the server running");
        assertEquals(List.of(), sandbox.leftInRunDir());
    }

    @Test
    void aChatScriptKilledWithKillNineIsLeftOutAndTheLastOneAliveStopsTheChat() throws Exception {
        TwoChats chats = twoChats();
        ScriptProcess ana = chats.ana();
        ScriptProcess bia = chats.bia();
        long binder = chats.binder();
        long server = chats.server();

        ana.killScriptAndClient();
        ScriptProcess cris = chat("cris");
        cris.awaitErr("Joined the chat started by chat.sh PID " + ana.pid());
        cris.awaitErr("(it has quit since)");
        cris.awaitErr("Other chat.sh using them: 1 (PID " + bia.pid() + ").");

        bia.endInput();
        assertEquals(0, bia.awaitExit(), bia.toString());
        assertTrue(alive(binder) && alive(server), "the Binder and the server stopped while cris used them");
        cris.send("ainda aqui");
        cris.awaitOut("\tcris\tTodos\tainda aqui");
        cris.endInput();
        assertEquals(0, cris.awaitExit(), cris.toString());
        assertFalse(alive(binder) || alive(server), "the last chat.sh left the Binder or the server running");
        assertEquals(List.of(), sandbox.leftInRunDir());
    }

    @Test
    void twoChatScriptsQuittingAtOnceStopTheChatOnce() throws Exception {
        TwoChats chats = twoChats();
        ScriptProcess ana = chats.ana();
        ScriptProcess bia = chats.bia();
        long binder = chats.binder();
        long server = chats.server();

        ana.endInput();
        bia.endInput();
        assertEquals(0, ana.awaitExit(), ana.toString());
        assertEquals(0, bia.awaitExit(), bia.toString());

        List<String> stops = new ArrayList<>(ana.err());
        stops.addAll(bia.err());
        assertEquals(1, stops.stream().filter(line -> line.contains(group() + "-server: stopped")).count(),
                ana + "\n" + bia);
        assertEquals(1, stops.stream().filter(line -> line.contains(group() + "-binder: stopped")).count(),
                ana + "\n" + bia);
        assertFalse(alive(binder) || alive(server), "the Binder or the server still runs");
        assertEquals(List.of(), sandbox.leftInRunDir());
    }

    /** ana's chat.sh, which started the Binder and the server, and bia's, which joined them. */
    private record TwoChats(ScriptProcess ana, ScriptProcess bia, long binder, long server) {
    }

    private TwoChats twoChats() throws Exception {
        ScriptProcess ana = chat("ana");
        ana.awaitErr("No other chat.sh uses them yet.");
        long binder = sandbox.recordedPid(group() + "-binder");
        long server = sandbox.recordedPid(group() + "-server");
        ScriptProcess bia = chat("bia");
        bia.awaitErr("Other chat.sh using them: 1 (PID " + ana.pid() + ").");
        return new TwoChats(ana, bia, binder, server);
    }

    /** Runs chat.sh with its client as USER in the room geral, in the non-interactive mode. */
    private ScriptProcess chat(String user) throws IOException {
        ScriptProcess script = sandbox.run(binderPort, "chat.sh", "--user", user, "--room", "geral",
                "--linger", "0", "--poll-interval", "0.1", "--lang", "en");
        scripts.add(script);
        return script;
    }

    /** The prefix of what chat.sh records for a Binder on localhost. */
    private String group() {
        return "chat-" + binderPort;
    }

    /**
     * Whether PID still runs: a process that has exited is not, even before its new parent (init, once the chat.sh
     * that started it has ended) reaps it.
     */
    private static boolean alive(long pid) throws IOException {
        Path stat = Path.of("/proc", String.valueOf(pid), "stat");
        if (Files.isDirectory(Path.of("/proc", "self"))) {
            try {
                String line = Files.readString(stat);
                return line.charAt(line.lastIndexOf(')') + 2) != 'Z';
            } catch (NoSuchFileException e) {
                return false;
            }
        }
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
