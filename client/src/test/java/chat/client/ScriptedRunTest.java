package chat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The program as a process with standard input from a file: the same keys as on a terminal, answers
 * echoed after their prompts, exit statuses for a script to test.
 */
class ScriptedRunTest {
    /** The keys of a whole scripted conversation (also the README's example). */
    static final List<String> SCRIPT = List.of("ana", "c", "geral", "l", "e", "geral", "m", "Olá a todos!", "",
            "l", "s", "s");

    @TempDir
    Path work;

    @Test
    void aScriptPipedIntoTheProgramRunsTheConversationAndExitsZero() throws Exception {
        try (LocalChat chat = LocalChat.start()) {
            Result run = run(SCRIPT, "--binder-port", String.valueOf(chat.binder().port()), "--lang", "en",
                    "--poll-interval", "0.2");

            assertEquals(0, run.exit(), run.toString());
            assertEquals(List.of(
                    "Type a unique username: ana",
                    "Registered.",
                    "[Create room (c), Enter room (e), List rooms (l), Quit (s)]: c",
                    "Room name: geral",
                    "Room created.",
                    "[Create room (c), Enter room (e), List rooms (l), Quit (s)]: l",
                    "Rooms: geral",
                    "[Create room (c), Enter room (e), List rooms (l), Quit (s)]: e",
                    "Room name: geral",
                    "You entered the room geral.",
                    "Users in the room: ana",
                    "Recent messages:",
                    "* ana joined the room.",
                    "[Send message (m), List users (l), Leave room (s)]: m",
                    "Message: Olá a todos!",
                    "Recipient (empty for everyone):",
                    "ana: Olá a todos!",
                    "[Send message (m), List users (l), Leave room (s)]: l",
                    "Users in the room: ana",
                    "[Send message (m), List users (l), Leave room (s)]: s",
                    "You left the room geral.",
                    "[Create room (c), Enter room (e), List rooms (l), Quit (s)]: s",
                    "Goodbye."), run.lines());
            assertEquals("", run.err());
            assertEquals(List.of(), chat.server().service().listUsers("geral"));
        }
    }

    @Test
    void theEndOfThePipedFileInARoomLeavesItAndExitsZero() throws Exception {
        try (LocalChat chat = LocalChat.start()) {
            chat.server().service().createRoom("geral");
            Result run = run(List.of("ana", "e", "geral"), "--binder-port", String.valueOf(chat.binder().port()),
                    "--lang", "pt");

            assertEquals(0, run.exit(), run.toString());
            assertEquals(List.of("Você saiu da sala geral.", "Até logo."),
                    run.lines().subList(run.lines().size() - 2, run.lines().size()));
            assertEquals(List.of(), chat.server().service().listUsers("geral"));
        }
    }

    @Test
    void aBinderThatIsNotRunningIsOneLineWithoutAStackTraceAndExitStatusOne() throws Exception {
        int port = MainTest.freePort();
        Result run = run(SCRIPT, "--binder-port", String.valueOf(port), "--lang", "en");

        assertEquals(1, run.exit(), run.toString());
        assertEquals(List.of("Cannot reach the Binder at localhost:" + port
                + " (Connection refused). Is it running? See --binder-host and --binder-port."), run.lines());
        assertEquals("", run.err());
    }

    @Test
    void theNonInteractiveModeSendsEachLineWritesOneLinePerMessageAndExitsZero() throws Exception {
        try (LocalChat chat = LocalChat.start()) {
            Result run = run(List.of("bom dia", "/me acena"), "--binder-port", String.valueOf(chat.binder().port()),
                    "--user", "bot", "--room", "geral", "--linger", "0", "--poll-interval", "0.05");

            assertEquals(0, run.exit(), run.toString());
            assertEquals(2, run.lines().size(), run.out());
            assertTrue(run.lines().get(0).matches("\\d\\d:\\d\\d:\\d\\d\tbot\tTodos\tbom dia"), run.out());
            assertTrue(run.lines().get(1).endsWith("\tbot\tTodos\t* bot acena"), run.out());
            assertEquals("", run.err());
            assertEquals(List.of(), chat.server().service().listUsers("geral"));
        }
    }

    @Test
    void theNonInteractiveModeWithATakenNameExitsThree() throws Exception {
        try (LocalChat chat = LocalChat.start()) {
            chat.server().service().registerUser("bot");
            Result run = run(List.of("oi"), "--binder-port", String.valueOf(chat.binder().port()), "--user", "bot",
                    "--room", "geral", "--lang", "pt");

            assertEquals(3, run.exit(), run.toString());
            assertEquals("client: o username bot já está em uso (código de saída 3)", run.err().strip());
            assertEquals("", run.out());
        }
    }

    private record Result(int exit, String out, String err) {
        List<String> lines() {
            return Arrays.stream(out.split("\n"))
                    .map(line -> line.substring(line.lastIndexOf('\r') + 1).stripTrailing())
                    .filter(line -> !line.isEmpty())
                    .toList();
        }
    }

    private Result run(List<String> keys, String... args) throws IOException, InterruptedException {
        Path input = Files.write(work.resolve("keys.txt"), keys, StandardCharsets.UTF_8);
        Path out = work.resolve("out.txt");
        Path err = work.resolve("err.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Dfile.encoding=UTF-8",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(input.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().remove("CHAT_BINDER_HOST");
        builder.environment().remove("CHAT_BINDER_PORT");
        Process process = builder.start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("the client did not end; output:\n" + Files.readString(out));
        }
        Result result = new Result(process.exitValue(), Files.readString(out), Files.readString(err));
        assertTrue(result.err().isEmpty() || !result.err().contains("Exception"), result.err());
        return result;
    }
}
