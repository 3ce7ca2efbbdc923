package chat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import chat.common.Binders;
import chat.common.Endpoint;
import chat.server.store.StoreKind;
import chat.server.testing.LogCapture;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MainTest {
    private static Main parse(String... args) {
        Main main = new Main();
        new CommandLine(main).parseArgs(args);
        return main;
    }

    @Test
    void defaultsAreAFreePortAndTheBinderOnLocalhost5000() {
        ServerConfig config = parse().config();
        assertEquals(0, config.port());
        assertEquals(Binders.of(new Endpoint("localhost", 5000)), config.binders());
        assertEquals(Duration.ofMinutes(5), config.roomTtl());
        assertNull(config.advertisedHost());
    }

    @Test
    void everyOptionReachesTheConfig() {
        ServerConfig config = parse("--host", "127.0.0.1", "--port", "7001", "--advertised-host", "chat.example",
                "--binder-host", "10.0.0.1", "--binder-port", "6000", "--room-ttl", "1.5", "--history-limit", "500",
                "--workers", "4").config();
        assertEquals("127.0.0.1", config.host());
        assertEquals(7001, config.port());
        assertEquals("chat.example", config.publicHost());
        assertEquals(Binders.of(new Endpoint("10.0.0.1", 6000)), config.binders());
        assertEquals(Duration.ofMillis(1500), config.roomTtl());
        assertEquals(500, config.historyLimit());
        assertEquals(4, config.httpLimits().workers());
    }

    @Test
    void serversShareOneChatByDefaultAndStandaloneIsAnOption() {
        // the environment of the build decides the default; unset (as in CI), the chat is shared
        if (System.getenv("CHAT_SERVER_STANDALONE") == null) {
            assertEquals(StoreKind.CLUSTER, parse().config().store());
        }
        assertEquals(StoreKind.MEMORY, parse("--standalone").config().store());
        assertEquals(StoreKind.MEMORY, parse("--standalone=true").config().store());
        assertEquals(StoreKind.CLUSTER, parse("--standalone=false").config().store());
    }

    @Test
    void theOldClusterOptionStillReadsAsBefore() {
        assertEquals(StoreKind.CLUSTER, parse("--cluster").config().store());
        assertEquals(StoreKind.MEMORY, parse("--cluster=false").config().store());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("--cluster", "--standalone").config())
                .getMessage().contains("--standalone"));
    }

    @Test
    void impossibleValuesAreRefusedWithTheirName() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("--room-ttl", "0").config())
                .getMessage().contains("--room-ttl"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("--history-limit", "10").config())
                .getMessage().contains("history limit"));
    }

    @Test
    void theIdleTimesAreOptionsWithTheDocumentedDefaults() {
        assertEquals(IdleTimes.DEFAULTS, parse().config().idleTimes());
        assertEquals(new IdleTimes(java.time.Duration.ofMillis(1500), java.time.Duration.ofSeconds(90)),
                parse("--idle-leave", "1.5", "--idle-free", "90").config().idleTimes());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("--idle-leave", "0").config())
                .getMessage().contains("--idle-leave"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> parse("--idle-leave", "100", "--idle-free", "100").config())
                .getMessage().contains("--idle-free must be longer than --idle-leave"));
    }

    @Test
    void theServerRegistersAgainEveryFiveSecondsUnlessToldOtherwise() {
        assertEquals(Duration.ofSeconds(5), parse().config().reRegisterEvery());
        assertEquals(Duration.ofMillis(250), parse("--reregister-every", "0.25").config().reRegisterEvery());
        assertEquals(Duration.ZERO, parse("--reregister-every", "0").config().reRegisterEvery(), "0: only at start");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("--reregister-every", "-1").config())
                .getMessage().contains("--reregister-every"));
    }

    @Test
    void theChatLimitsAreOptionsWithTheDocumentedDefaults() {
        assertEquals(ChatLimits.DEFAULTS, parse().config().chatLimits());
        ChatLimits limits = parse("--max-name-length", "20", "--max-message-length", "500", "--max-users", "7",
                "--max-rooms", "3", "--max-messages-per-second", "0").config().chatLimits();
        assertEquals(new ChatLimits(20, 500, 7, 3, 0), limits);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("--max-users", "0").config())
                .getMessage().contains("user limit"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("--max-name-length", "2000").config())
                .getMessage().contains("name length limit"));
    }

    @Test
    void helpShowsEachLimitWithItsDefault() {
        StringWriter out = new StringWriter();
        CommandLine cmd = Main.commandLine(new Main());
        cmd.setOut(new PrintWriter(out));
        assertEquals(0, cmd.execute("--help"));
        String help = out.toString().replaceAll("\\s+", " ");
        for (String expected : List.of("--max-name-length=N Longest user or room name, in characters (default: 32)",
                "(default: 4096)", "--max-users=N", "(default: 10000)", "--max-rooms=N", "(default: 1000)",
                "--max-messages-per-second=N", "0: no limit (default: 50)", "--max-request-bytes",
                "--binder-secret=SECRET", "--binder-secret-file=PATH")) {
            assertTrue(help.contains(expected), expected + " in " + help);
        }
    }

    @Test
    void theBinderSecretComesFromTheOptionOrTheFirstLineOfAFile(@TempDir Path dir) throws IOException {
        assumeTrue(System.getenv("CHAT_BINDER_SECRET") == null, "CHAT_BINDER_SECRET is set in this environment");
        assertNull(parse().config().binderSecret(), "none by default: register as the original does");
        assertNull(parse("--binder-secret", "").config().binderSecret(), "empty is none");
        assertEquals("s3cr3t", parse("--binder-secret", "s3cr3t").config().binderSecret());
        Path file = dir.resolve("secret");
        Files.writeString(file, "  fr0m-f1le \r\nsecond line\n");
        assertEquals("fr0m-f1le", parse("--binder-secret-file", file.toString()).config().binderSecret());
    }

    @Test
    void aSecretFileThatCannotServeIsRefusedWithoutShowingItsText(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("missing");
        assertEquals("--binder-secret-file: cannot read " + missing + ": no such file",
                assertThrows(IllegalArgumentException.class,
                        () -> parse("--binder-secret-file", missing.toString()).config()).getMessage());
        Path empty = dir.resolve("empty");
        Files.writeString(empty, "\ns3cr3t on the second line\n");
        String message = assertThrows(IllegalArgumentException.class,
                () -> parse("--binder-secret-file", empty.toString()).config()).getMessage();
        assertTrue(message.contains("is empty; write the secret on it"), message);
        Path huge = dir.resolve("huge");
        Files.writeString(huge, "s".repeat(10_000));
        message = assertThrows(IllegalArgumentException.class,
                () -> parse("--binder-secret-file", huge.toString()).config()).getMessage();
        assertTrue(message.contains("longer than 4096 characters"), message);
        assertFalse(message.contains("sss"), message);
        Path file = dir.resolve("secret");
        Files.writeString(file, "s3cr3t\n");
        message = assertThrows(IllegalArgumentException.class,
                () -> parse("--binder-secret", "other", "--binder-secret-file", file.toString()).config()).getMessage();
        assertEquals("give --binder-secret or --binder-secret-file, not both", message);
    }

    @Test
    void theSecretIsNeverPrinted() throws Exception {
        int unused;
        try (ServerSocket probe = new ServerSocket(0)) {
            unused = probe.getLocalPort();
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = Main.commandLine(new Main());
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        assertEquals(1, cmd.execute("--binder-port", Integer.toString(unused), "--binder-secret", "s3cr3t"));
        assertEquals(0, cmd.execute("--binder-secret", "s3cr3t", "--help"));
        assertFalse(out.toString().contains("s3cr3t"), out.toString());
        assertFalse(err.toString().contains("s3cr3t"), err.toString());
        assertTrue(err.toString().startsWith("server: cannot reach the Binder"), err.toString());
    }

    @Test
    void helpPrintsUsageAndSucceeds() {
        StringWriter out = new StringWriter();
        CommandLine cmd = Main.commandLine(new Main());
        cmd.setOut(new PrintWriter(out));
        assertEquals(0, cmd.execute("--help"));
        assertTrue(out.toString().contains("--binder-port"));
    }

    @Test
    void anUnreachableBinderIsOneClearLineAndExitCodeOne() throws Exception {
        int unused;
        try (ServerSocket probe = new ServerSocket(0)) {
            unused = probe.getLocalPort();
        }
        for (boolean standalone : new boolean[] {false, true}) {
            // Everything the program writes to standard error, its own line and any logging alike.
            List<String> stderr;
            try (LogCapture log = LogCapture.start()) {
                CommandLine cmd = Main.commandLine(new Main());
                assertEquals(1, standalone ? cmd.execute("--standalone", "--memory-only", "--binder-port", Integer.toString(unused))
                        : cmd.execute("--binder-port", Integer.toString(unused)));
                stderr = log.text().lines().toList();
            }
            String expected = standalone ? "server: cannot register with the Binder at localhost:" + unused
                    : "server: cannot reach the Binder at localhost:" + unused;
            assertEquals(1, stderr.size(), "standalone " + standalone + ": " + stderr);
            assertTrue(stderr.get(0).startsWith(expected), stderr.get(0));
            assertTrue(stderr.get(0).endsWith("(is the Binder running? see --binder, or --binder-host and --binder-port)"),
                    stderr.get(0));
        }
    }

    @Test
    void aMistakenOptionIsOneLineNamingItAndExitStatusTwo() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = Main.commandLine(new Main());
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        assertEquals(2, cmd.execute("--port", "abc"));
        assertEquals(2, cmd.execute("--max-users", "lots"));
        assertEquals(2, cmd.execute("--sesions"));
        assertEquals(List.of("server: --port: 'abc' is not a port number (0-65535, 0 for a free one); see --help",
                "server: --max-users: 'lots' is not an int; see --help",
                "server: Unknown option: '--sesions' (did you mean --sessions?); see --help"), err.toString().lines().toList());
        assertEquals("", out.toString(), "no usage");
    }

    @Test
    void aTakenPortIsOneLineNamingTheAddressAndPort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            String port = Integer.toString(taken.getLocalPort());
            List<String> stderr;
            try (LogCapture log = LogCapture.start()) {
                assertEquals(1, Main.commandLine(new Main()).execute("--standalone", "--memory-only", "--host", "127.0.0.1", "--port", port));
                stderr = log.text().lines().toList();
            }
            assertEquals(List.of("server: cannot listen on 127.0.0.1:" + port + ": Address already in use (another program"
                    + " listens there: choose another --port, or 0 for a free one)"), stderr);
        }
    }
}
