package chat.binder;

import chat.common.rpc.HttpLimits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line, parsed and run in-process: no JVM is started, nothing is left listening. */
class MainTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine command = Main.commandLine(new Main());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        return command.execute(args);
    }

    private List<String> errLines() {
        return err.toString().lines().filter(line -> !line.isBlank()).toList();
    }

    @Test
    void helpExitsZeroAndPrintsUsage() {
        assertEquals(0, run("--help"));

        String usage = out.toString();
        assertTrue(usage.startsWith("Usage: binder"), usage);
        assertTrue(usage.contains("--host") && usage.contains("--port"), usage);
        assertTrue(usage.contains("Runs the Binder"), usage);
        assertEquals("", err.toString());
    }

    @Test
    void versionExitsZero() {
        assertEquals(0, run("--version"));
        assertTrue(out.toString().contains("binder 1.0.0"), out.toString());
    }

    @Test
    void hostAndPortAreParsedIntoTheConfig() {
        Main main = new Main();
        Main.commandLine(main).parseArgs("--host", "0.0.0.0", "--port", "0");

        assertEquals(new BinderConfig("0.0.0.0", 0, HttpLimits.DEFAULTS), main.config());
    }

    @Test
    void withoutOptionsTheBinderIsOnLocalhost5000() {
        Assumptions.assumeTrue(System.getenv("CHAT_BINDER_HOST") == null && System.getenv("CHAT_BINDER_PORT") == null,
                "CHAT_BINDER_HOST or CHAT_BINDER_PORT is set in this environment");
        Main main = new Main();
        Main.commandLine(main).parseArgs();

        assertEquals(new BinderConfig("localhost", 5000, HttpLimits.DEFAULTS), main.config());
    }

    @Test
    void aPortThatIsNotANumberIsAUsageError() {
        assertEquals(2, run("--port", "cinco-mil"));
        assertTrue(err.toString().contains("--port") && err.toString().contains("cinco-mil"), err.toString());
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        assertEquals(2, run("--bogus"));
        assertTrue(err.toString().contains("--bogus"), err.toString());
    }

    @Test
    void aPortOutOfRangeExitsOneWithOneLine() {
        assertEquals(1, run("--port", "70000"));

        assertEquals(List.of("binder: port must be between 0 and 65535, got 70000"), errLines());
    }

    @Test
    void aTakenPortExitsOneWithOneClearLineOnStderr() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            String port = Integer.toString(taken.getLocalPort());

            int exit = assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> run("--host", "127.0.0.1", "--port", port),
                    "the Binder started on a taken port and kept running");

            assertEquals(1, exit);
            List<String> lines = errLines();
            assertEquals(1, lines.size(), err.toString());
            String line = lines.get(0);
            assertTrue(line.startsWith("binder: cannot listen on 127.0.0.1:" + port), line);
            assertTrue(line.contains("--port"), "the line says what to do: " + line);
            assertFalse(line.contains("Exception") || line.contains("\tat "), line);
            assertEquals("", out.toString());
        }
    }
}
