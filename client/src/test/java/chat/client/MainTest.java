package chat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import chat.client.testing.Keyboard;
import chat.client.testing.Screen;
import chat.common.Binders;
import chat.common.Endpoint;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** The command line: options into a configuration, one-line errors, exit statuses; no process started. */
class MainTest {
    private final Keyboard keyboard = new Keyboard();
    private final Screen screen = new Screen();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private Main main(Locale systemLocale) {
        return new Main(systemLocale, () -> ChatConsole.over(keyboard, screen));
    }

    private ClientConfig parse(Locale systemLocale, String... args) {
        Main main = main(systemLocale);
        Main.commandLine(main).parseArgs(args);
        return main.config();
    }

    private int execute(Locale systemLocale, String... args) {
        CommandLine cmd = Main.commandLine(main(systemLocale));
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    @Test
    void withoutOptionsTheBinderIsOnLocalhost5000AndRoomsArePolledEveryTwoSeconds() {
        assumeTrue(System.getenv("CHAT_BINDER_HOST") == null && System.getenv("CHAT_BINDER_PORT") == null,
                "the environment sets the Binder's address");
        ClientConfig config = parse(Locale.US);

        assertEquals(Binders.of(new Endpoint("localhost", 5000)), config.binders());
        assertEquals(Duration.ofSeconds(2), config.pollInterval());
        assertEquals(Language.EN, config.language());
    }

    @Test
    void theBindersAddressComesFromTheOptions() {
        assertEquals(Binders.of(new Endpoint("chat.example", 6001)),
                parse(Locale.US, "--binder-host", "chat.example", "--binder-port", "6001").binders());
    }

    @ParameterizedTest
    @CsvSource({"pt_BR, PT", "pt_PT, PT", "pt, PT", "en_US, EN", "fr_FR, EN", "de, EN"})
    void theLanguageFollowsTheSystemLocaleWhenNotGiven(String locale, Language expected) {
        assertEquals(expected, parse(Locale.forLanguageTag(locale.replace('_', '-'))).language());
    }

    @ParameterizedTest
    @CsvSource({"pt, en_US, PT", "PT, en_US, PT", "pt_BR, en_US, PT", "en, pt_BR, EN", "EN-us, pt_BR, EN"})
    void langOverridesTheSystemLocale(String lang, String locale, Language expected) {
        assertEquals(expected, parse(Locale.forLanguageTag(locale.replace('_', '-')), "--lang", lang).language());
    }

    @ParameterizedTest
    @CsvSource({"0.2, 200", "1.5, 1500", "2, 2000", "0.05, 50", "3600, 3600000"})
    void thePollIntervalIsInSecondsWithDecimals(String seconds, long millis) {
        assertEquals(Duration.ofMillis(millis), parse(Locale.US, "--poll-interval", seconds).pollInterval());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "0.01", "3601", "abc", "1e999999"})
    void anImpossiblePollIntervalIsOneLineAndExitStatusTwo(String seconds) {
        assertEquals(2, execute(Locale.US, "--poll-interval", seconds));
        assertOneErrorLine("client: --poll-interval: ");
    }

    @Test
    void anUnknownLanguageIsOneLineAndExitStatusTwo() {
        assertEquals(2, execute(Locale.US, "--lang", "fr"));
        assertOneErrorLine("client: --lang: "
                + "'fr' is not a language this client speaks (use pt or en)");
    }

    @Test
    void anImpossiblePortIsOneLineAndExitStatusTwo() {
        assertEquals(2, execute(Locale.US, "--binder-port", "70000"));
        assertOneErrorLine("client: Invalid Binder address: port must be between 1 and 65535, got 70000");
    }

    @Test
    void anUnknownOptionIsOneLineAndExitStatusTwo() {
        assertEquals(2, execute(Locale.US, "--bogus"));
        assertOneErrorLine("client: Unknown option: '--bogus'");
    }

    @Test
    void helpShowsEveryOptionAndExitsZero() {
        assertEquals(0, execute(Locale.US, "--help"));
        String usage = out.toString();
        for (String option : List.of("--binder-host", "--binder-port", "--poll-interval", "--lang",
                "CHAT_BINDER_HOST", "CHAT_BINDER_PORT")) {
            assertTrue(usage.contains(option), option + " in:\n" + usage);
        }
        assertEquals("", err.toString());
    }

    @Test
    void helpNeverSplitsTheLineAMessageIsWrittenAsWhateverItsWidth() {
        for (int width = 55; width <= 160; width++) {
            CommandLine cmd = Main.commandLine(main(Locale.US));
            cmd.setUsageHelpWidth(width);
            String usage = cmd.getUsageMessage(CommandLine.Help.Ansi.OFF);
            assertTrue(usage.lines().anyMatch(line -> line.contains("HH:mm:ss<TAB>origin<TAB>destination<TAB>content")),
                    "at width " + width + ":\n" + usage);
        }
    }

    @Test
    void versionExitsZero() {
        assertEquals(0, execute(Locale.US, "--version"));
        assertEquals("client 1.0.0", out.toString().strip());
    }

    @Test
    void aBinderThatIsNotRunningIsOneLineInTheSystemsLanguageAndExitStatusOne() throws IOException {
        int port = freePort();

        assertEquals(1, execute(Locale.forLanguageTag("pt-BR"), "--binder-port", String.valueOf(port)));

        assertEquals(List.of("Não foi possível contatar o Binder em localhost:" + port
                + " (Connection refused). Ele está em execução? Veja --binder-host e --binder-port."),
                screen.lines());
        assertEquals("", err.toString());
    }

    @Test
    void aSessionThatQuitsExitsZero() throws IOException {
        try (LocalChat chat = LocalChat.start()) {
            keyboard.type("ana", "s");

            assertEquals(0, execute(Locale.US, "--binder-port", String.valueOf(chat.binder().port())));

            assertEquals(List.of("Type a unique username: ana", "Registered.",
                    "[Create room (c), Enter room (e), List rooms (l), Quit (s)]: s", "Goodbye."), screen.lines());
        }
    }

    @Test
    void helpListsTheExitStatusesAndTheScriptOptions() {
        assertEquals(0, execute(Locale.US, "--help"));
        String usage = out.toString();
        for (String text : List.of("Exit status:", "3   the username is taken", "5   a message was refused", "--user",
                "--room", "--json", "--linger", "--no-color", "--completion", "/join ROOM")) {
            assertTrue(usage.contains(text), text + " in:\n" + usage);
        }
    }

    @Test
    void completionPrintsABashScriptForTheOptions() {
        assertEquals(0, execute(Locale.US, "--completion"));
        String script = out.toString();
        assertTrue(script.startsWith("#!/usr/bin/env bash"), script.lines().findFirst().orElse(""));
        assertTrue(script.contains("complete -F") && script.contains("--binder-port") && script.contains("--room"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--user ana|client: --user NAME and --room ROOM go together",
        "--room sala|client: --user NAME and --room ROOM go together",
        "--json|client: --json and --linger go with --user and --room",
        "--user ana --room sala --linger -1|client: --linger: '-1' is not a number of seconds"})
    void scriptOptionsMisusedAreOneLineAndExitStatusTwo(String args, String start) {
        assertEquals(2, execute(Locale.US, args.split(" ")));
        assertOneErrorLine(start);
    }

    @Test
    void anEmptyNameOrRoomIsSaidSoAndExitStatusTwo() {
        assertEquals(2, execute(Locale.US, "--user", "", "--room", "sala"));
        assertOneErrorLine("client: --user: the name is empty");
        err.getBuffer().setLength(0);
        assertEquals(2, execute(Locale.US, "--user", " ", "--room", "sala"));
        assertOneErrorLine("client: --user: the name is empty");
        err.getBuffer().setLength(0);
        assertEquals(2, execute(Locale.US, "--user", "ana", "--room", ""));
        assertOneErrorLine("client: --room: the room name is empty");
    }

    @Test
    void userAndRoomRunWithoutMenusFromStandardInput() throws IOException {
        try (LocalChat chat = LocalChat.start()) {
            Main main = new Main(Locale.US, () -> {
                throw new AssertionError("no console in the non-interactive mode");
            }, new java.io.ByteArrayInputStream("olá 😀\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                    java.time.ZoneOffset.UTC);
            CommandLine cmd = Main.commandLine(main);
            cmd.setOut(new PrintWriter(out, true));
            cmd.setErr(new PrintWriter(err, true));

            assertEquals(0, cmd.execute("--binder-port", String.valueOf(chat.binder().port()), "--user", "bot",
                    "--room", "sala", "--linger", "0", "--json", "--poll-interval", "0.05"));

            List<String> lines = out.toString().lines().toList();
            assertEquals(1, lines.size(), out.toString());
            assertTrue(lines.get(0).endsWith("\"origin\": \"bot\", \"destination\": \"Todos\", \"content\": \"olá 😀\"}"),
                    lines.get(0));
            assertEquals("", err.toString());
            assertEquals(List.of(), chat.server().service().listUsers("sala"));
        }
    }

    private void assertOneErrorLine(String start) {
        List<String> lines = err.toString().lines().toList();
        assertEquals(1, lines.size(), err.toString());
        assertTrue(lines.get(0).startsWith(start), lines.get(0));
        assertTrue(lines.get(0).endsWith("; see --help"), lines.get(0));
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
