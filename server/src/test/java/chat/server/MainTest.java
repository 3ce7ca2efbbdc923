package chat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.common.Endpoint;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
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
        assertEquals(new Endpoint("localhost", 5000), config.binder());
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
        assertEquals(new Endpoint("10.0.0.1", 6000), config.binder());
        assertEquals(Duration.ofMillis(1500), config.roomTtl());
        assertEquals(500, config.historyLimit());
        assertEquals(4, config.httpLimits().workers());
    }

    @Test
    void impossibleValuesAreRefusedWithTheirName() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("--room-ttl", "0").config())
                .getMessage().contains("--room-ttl"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("--history-limit", "10").config())
                .getMessage().contains("history limit"));
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
        StringWriter err = new StringWriter();
        CommandLine cmd = Main.commandLine(new Main());
        cmd.setErr(new PrintWriter(err));
        assertEquals(1, cmd.execute("--binder-port", Integer.toString(unused)));
        String text = err.toString();
        assertTrue(text.startsWith("server: cannot register with the Binder at localhost:" + unused), text);
        assertEquals(1, text.strip().lines().count(), text);
    }
}
