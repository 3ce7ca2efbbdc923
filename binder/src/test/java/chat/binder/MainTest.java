package chat.binder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.common.Endpoint;
import chat.common.rpc.HttpLimits;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The command line, parsed and run in-process: no JVM is started, nothing is left listening. A run that
 * should stop at its options but starts serving instead fails on the timeout rather than hanging.
 */
@Timeout(30)
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
    void theProbeOptionsBecomeTheLivenessRules() {
        assertEquals(Liveness.DEFAULTS, parsed().config().liveness());
        assertEquals(new Liveness(Duration.ofMillis(250), Duration.ofMillis(100), 3, Duration.ofSeconds(60)),
                parsed("--probe-every", "0.25", "--probe-timeout", "0.1", "--probe-failures", "3", "--forget-after", "60")
                        .config().liveness());
        assertFalse(parsed("--probe-every", "0").config().liveness().probes(), "0 turns probing off");
    }

    @Test
    void impossibleProbeValuesAreUsageErrorsNamingTheOption() {
        assertEquals(2, run("--probe-failures", "0"));
        assertTrue(err.toString().contains("--probe-failures must be at least 1"), err.toString());
        for (String[] args : List.of(new String[] {"--probe-every", "-1"}, new String[] {"--probe-timeout", "0"},
                new String[] {"--forget-after", "NaN"})) {
            StringWriter captured = new StringWriter();
            CommandLine command = Main.commandLine(new Main());
            command.setErr(new PrintWriter(captured, true));
            assertEquals(2, command.execute(args), String.join(" ", args));
            assertTrue(captured.toString().contains(args[0] + " must be"), captured.toString());
        }
    }

    @Test
    void peersAreCommaSeparatedOrRepeatedAndShareWithTheBindersSecret() {
        Peering peering = parsed("--peer", "localhost:5001,10.0.0.2:5000", "--peer", "[::1]:5002",
                "--secret", "s3gredo-s3gredo-s3gredo", "--share-every", "0.5").config().peering();
        assertEquals(new Peering(List.of(new Endpoint("localhost", 5001), new Endpoint("10.0.0.2", 5000),
                new Endpoint("::1", 5002)), "s3gredo-s3gredo-s3gredo", Duration.ofMillis(500)), peering);
        assertFalse(peering.toString().contains("s3gredo"), peering.toString());
    }

    @Test
    void theAddressGivenToPeersIsTheAdvertisedOneElseTheHost() {
        assertEquals(new Endpoint("chat.example", 5000),
                parsed("--host", "0.0.0.0", "--advertised-host", "chat.example").config().peering().self("0.0.0.0", 5000));
        assertEquals(new Endpoint("localhost", 5000), parsed().config().peering().self("localhost", 5000));
    }

    @Test
    void aPeerThatIsNotHostColonPortIsOneLineAndExitStatusTwo() {
        assertEquals(2, run("--peer", "localhost"));

        assertEquals(List.of("binder: Invalid value for option '--peer': 'localhost' is not HOST:PORT; see --help"),
                errLines());
    }

    @Test
    void aPortThatIsNotANumberIsOneLineNamingTheOptionAndExitStatusTwo() {
        assertEquals(2, run("--port", "cinco-mil"));

        assertEquals(List.of("binder: --port: 'cinco-mil' is not a port number (0-65535, 0 for a free one); see --help"),
                errLines());
        assertEquals("", out.toString(), "no usage");
    }

    @Test
    void anUnknownOptionIsOneLineAndExitStatusTwo() {
        assertEquals(2, run("--bogus"));

        assertEquals(List.of("binder: Unknown option: '--bogus'; see --help"), errLines());
    }

    @Test
    void aPortOutOfRangeIsOneLineAndExitStatusTwo() {
        assertEquals(2, run("--port", "70000"));

        assertEquals(List.of("binder: --port: '70000' is not a port number (0-65535, 0 for a free one); see --help"),
                errLines());
    }

    @Test
    void theStatusCommandsMistakesAreOneLineToo() {
        assertEquals(2, run("status", "--binder-port", "abc"));

        assertEquals(1, errLines().size(), err.toString());
        assertTrue(errLines().get(0).startsWith("binder status: --binder-port: 'abc' is not an int"), err.toString());
        assertEquals("", out.toString(), "no usage");
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
            assertEquals("binder: cannot listen on 127.0.0.1:" + port + ": Address already in use (is another Binder"
                    + " running there? try --port, or --standby to stand by for it)", line);
            assertTrue(line.contains("--port"), "the line says what to do: " + line);
            assertFalse(line.contains("Exception") || line.contains("\tat "), line);
            assertEquals("", out.toString());
        }
    }

    private static Main parsed(String... args) {
        Main main = new Main();
        Main.commandLine(main).parseArgs(args);
        return main;
    }

    private static RegistrationPolicy allowing(String... blocks) {
        return RegistrationPolicy.allowing(java.util.Arrays.stream(blocks).map(AddressBlock::parse).toList());
    }

    @Test
    void withoutRegistrationOptionsOnlyThisMachineMayRegister() {
        Assumptions.assumeTrue(System.getenv("CHAT_BINDER_SECRET") == null, "CHAT_BINDER_SECRET is set in this environment");

        BinderConfig config = parsed().config();

        assertEquals(RegistrationPolicy.loopbackOnly(), config.registration());
        assertEquals(10_000, config.maxRegistrations());
    }

    @Test
    void allowRegisterTakesCommaSeparatedAndRepeatedBlocks() {
        Assumptions.assumeTrue(System.getenv("CHAT_BINDER_SECRET") == null, "CHAT_BINDER_SECRET is set in this environment");

        Main main = parsed("--allow-register", "127.0.0.0/8,::1/128", "--allow-register", "10.1.0.0/16",
                "--allow-register", "2001:db8::7");

        assertEquals(allowing("127.0.0.0/8", "::1", "10.1.0.0/16", "2001:db8::7"), main.registration());
    }

    @Test
    void allowRegisterNoneWithASecretIsSecretOnly() {
        assertEquals(RegistrationPolicy.allowing(List.of()).withSecret("s3gredo-s3gredo-s3gredo"),
                parsed("--allow-register", "none", "--secret", "s3gredo-s3gredo-s3gredo").registration());
    }

    @Test
    void allowRegisterNoneWithoutASecretExitsOneSayingNobodyCouldRegister() {
        Assumptions.assumeTrue(System.getenv("CHAT_BINDER_SECRET") == null, "CHAT_BINDER_SECRET is set in this environment");

        assertEquals(1, run("--port", "0", "--allow-register", "none"));

        assertEquals(List.of("binder: nobody could register with this Binder: allow some addresses (--allow-register)"
                + " or give it a secret (--secret, --secret-file)"), errLines());
    }

    @Test
    void fromAnywhereIsAnExplicitOption() {
        assertTrue(parsed("--allow-register-from-anywhere").registration().isFromAnywhere());
    }

    @Test
    void maxRegistrationsIsParsed() {
        assertEquals(50, parsed("--max-registrations", "50").config().maxRegistrations());
        assertEquals(1, run("--port", "0", "--max-registrations", "0"));
        assertEquals(List.of("binder: the Binder must hold at least 1 name (--max-registrations), got 0"), errLines());
    }

    @Test
    void theSecretOptionIsReadButNeverShown() {
        Main main = parsed("--secret", "s3gredo-muito-longo-mesmo");

        assertTrue(main.registration().matchesSecret("s3gredo-muito-longo-mesmo"));
        assertFalse(main.config().toString().contains("s3gredo"), main.config().toString());
    }

    @Test
    void theSecretFileGivesItsFirstLineWithoutSurroundingSpaces(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("binder.secret");
        Files.writeString(file, "  segredo-ação-do-arquivo \r\nsecond line ignored\n", StandardCharsets.UTF_8);

        RegistrationPolicy policy = parsed("--secret-file", file.toString()).registration();

        assertTrue(policy.matchesSecret("segredo-ação-do-arquivo"));
        assertFalse(policy.matchesSecret("second line ignored"));
    }

    @Test
    void anEmptySecretFileExitsOne(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("empty.secret");
        Files.writeString(file, "\n");

        assertEquals(1, run("--port", "0", "--secret-file", file.toString()));

        assertEquals(List.of("binder: --secret-file: the first line of " + file + " is empty; write the secret on it"),
                errLines());
    }

    @Test
    void aMissingSecretFileExitsOneWithOneLine(@TempDir Path dir) {
        Path file = dir.resolve("nowhere.secret");

        assertEquals(1, run("--port", "0", "--secret-file", file.toString()));

        assertEquals(List.of("binder: --secret-file: cannot read " + file + ": no such file"), errLines());
    }

    @Test
    void anExplicitlyEmptySecretExitsOne() {
        assertEquals(1, run("--port", "0", "--secret", ""));

        assertEquals(List.of("binder: the Binder's secret must not be empty"), errLines());
    }

    @Test
    void secretAndSecretFileTogetherAreAUsageError(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("binder.secret");
        Files.writeString(file, "from-the-file-from-the-file\n");

        assertEquals(2, run("--port", "0", "--secret", "x", "--secret-file", file.toString()));

        assertTrue(err.toString().contains("use either --secret or --secret-file, not both"), err.toString());
        assertFalse(err.toString().contains("from-the-file"), err.toString());
    }

    @Test
    void allowListAndFromAnywhereTogetherAreAUsageError() {
        assertEquals(2, run("--port", "0", "--allow-register", "10.0.0.0/8", "--allow-register-from-anywhere"));

        assertTrue(err.toString().contains("use either --allow-register or --allow-register-from-anywhere, not both"),
                err.toString());
    }

    @Test
    void aHostNameInTheAllowListIsAUsageErrorSayingWhy() {
        assertEquals(2, run("--port", "0", "--allow-register", "127.0.0.0/8,localhost"));

        assertTrue(err.toString().contains("Invalid value for option '--allow-register': 'localhost' is not an IP address"
                + " or CIDR block"), err.toString());
    }

    @Test
    void aBlockWithHostBitsIsAUsageErrorSuggestingTheBlock() {
        assertEquals(2, run("--port", "0", "--allow-register", "10.1.2.3/16"));

        assertTrue(err.toString().contains("did you mean 10.1.0.0/16?"), err.toString());
    }

    @Test
    void noneCannotBeCombinedWithAddresses() {
        assertEquals(2, run("--port", "0", "--allow-register", "none,10.0.0.0/8"));

        assertTrue(err.toString().contains("--allow-register none cannot be combined with addresses"), err.toString());
    }

    @Test
    void helpListsTheRegistrationOptions() {
        assertEquals(0, run("--help"));

        String usage = out.toString();
        for (String option : List.of("--allow-register", "--allow-register-from-anywhere", "--secret", "--secret-file",
                "--max-registrations", "CHAT_BINDER_SECRET")) {
            assertTrue(usage.contains(option), option + " in " + usage);
        }
        String secret = System.getenv("CHAT_BINDER_SECRET");
        if (secret != null && !secret.isEmpty()) {
            assertFalse(usage.contains(secret), "the help shows the secret from the environment");
        }
    }
}
