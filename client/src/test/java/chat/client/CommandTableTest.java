package chat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.client.testing.Screen;
import chat.common.Endpoint;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jline.reader.Candidate;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser.ParseContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The declared slash commands, without a chat: every one is listed by {@code /help} and {@code --help}, offered by
 * Tab and read by bot mode, and has its help line in both languages; the typed session's tests are in
 * {@link SlashCommandsTest}.
 */
class CommandTableTest {
    private static final List<String> ROOMS = List.of("geral", "ação");
    private static final List<String> USERS = List.of("ana", "bob");

    @ParameterizedTest
    @EnumSource(Language.class)
    void everyCommandHasAHelpLineThatStartsWithItInBothLanguages(Language language) {
        ResourceBundle bundle = ResourceBundle.getBundle(Texts.BUNDLE, language.locale(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        Set<String> keys = Set.copyOf(Collections.list(bundle.getKeys()));
        for (SlashCommand command : SlashCommand.values()) {
            assertTrue(keys.contains(command.helpKey()), language + " has no " + command.helpKey());
            String line = Texts.of(language).get(command.helpKey());
            assertTrue(line.startsWith(command.typed() + " "), language + " " + command.helpKey() + ": " + line);
            int usageWords = command.usage().split(" ").length;
            assertTrue(line.strip().split("\\s+").length > usageWords,
                    language + " " + command.helpKey() + " says what the command does after its usage: " + line);
        }
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void helpPutsWhatEachCommandDoesInOneColumnOfTheScreen(Language language) {
        List<String> lines = CommandHelp.lines(Texts.of(language));
        Set<Integer> columns = new TreeSet<>();
        SlashCommand[] commands = SlashCommand.values();
        for (int i = 0; i < commands.length; i++) {
            String line = lines.get(i);
            int usageWords = commands[i].usage().split(" ").length;
            String usage = String.join(" ", Arrays.asList(line.split(" ")).subList(0, usageWords));
            String rest = line.substring(usage.length());
            String gap = rest.substring(0, rest.length() - rest.stripLeading().length());
            assertTrue(gap.length() >= CommandHelp.GAP, language + ": '" + line + "'");
            columns.add(CommandHelp.width(usage) + gap.length());
        }
        assertEquals(1, columns.size(), language + ":\n" + String.join("\n", lines));
    }

    @Test
    void widthsAreTerminalColumns() {
        assertEquals(7, CommandHelp.width("USUÁRIO"));
        assertEquals(7, CommandHelp.width("USUA\u0301RIO"), "a combining accent takes no column");
        assertEquals(6, CommandHelp.width("会議室"), "a wide character takes two");
        assertEquals(4, CommandHelp.width("AÇÃO"));
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void helpListsEveryCommandInTheTablesOrder(Language language) {
        Texts texts = Texts.of(language);
        Screen screen = new Screen();
        try (ChatConsole console = ChatConsole.over(InputStream.nullInputStream(), screen)) {
            Participant you = new Participant(new ChatClient(new Endpoint("localhost", 1), Duration.ofSeconds(1)),
                    console, texts, TypedSession.FAST_POLL);
            SlashCommand.HELP.run(you, List.of());
        }
        List<String> expected = new ArrayList<>();
        expected.add(texts.get("help.title"));
        expected.addAll(CommandHelp.lines(texts));
        expected.add(texts.get("help.keys"));
        expected.add(texts.get("help.text"));
        assertEquals(expected, screen.lines());
    }

    @Test
    void theClientsHelpOptionGivesEveryCommandsUsage() {
        String description = String.join("\n",
                Main.commandLine(new Main(Locale.US, null)).getCommandSpec().usageMessage().description());
        for (SlashCommand command : SlashCommand.values()) {
            assertTrue(description.contains(command.usage()), command.usage() + " in:\n" + description);
        }
        assertTrue(description.contains("Commands, at any prompt: /join ROOM, /create ROOM, /leave,"), description);
    }

    @Test
    void tabOffersEveryCommandThenRoomsWhereItTakesARoomElseNames() {
        ChatCompleter completer = new ChatCompleter(() -> ROOMS, () -> USERS);
        List<String> offered = complete(completer, "/");
        for (SlashCommand command : SlashCommand.values()) {
            assertTrue(offered.contains(command.typed()), command.typed());
            List<String> next = complete(completer, command.typed() + " x");
            assertEquals(command.offersRooms(1) ? ROOMS : USERS, next, command.typed());
        }
        assertEquals(Set.of(SlashCommand.JOIN, SlashCommand.CREATE, SlashCommand.USERS),
                Arrays.stream(SlashCommand.values()).filter(command -> command.offersRooms(1)).collect(Collectors.toSet()));
    }

    @Test
    void theSessionAndBotModeFindEveryCommandByWhatIsTyped() {
        for (SlashCommand command : SlashCommand.values()) {
            String line = wellFormed(command);
            assertEquals(Optional.of(command), TypedCommand.parse(line).flatMap(TypedCommand::declared), line);
            assertEquals(Optional.of(command), TypedCommand.parse(line.toUpperCase(Locale.ROOT)).flatMap(TypedCommand::declared));
            assertTrue(ScriptSession.outgoing("robô", line).filter(message -> !message.content().isBlank()).isPresent(),
                    "a bot sends something for " + line);
        }
    }

    @Test
    void aBotSendsMsgPrivatelyMeAsAnActionAndOtherCommandsAsTyped() {
        assertEquals(Optional.of(new SlashCommand.Outgoing("oi, tudo bem?", "ana")),
                ScriptSession.outgoing("robô", "/msg ana oi, tudo bem?"));
        assertEquals(Optional.of(new SlashCommand.Outgoing("* robô acena", null)),
                ScriptSession.outgoing("robô", "/me acena"));
        assertEquals(Optional.of(new SlashCommand.Outgoing("/join sala", null)),
                ScriptSession.outgoing("robô", "/join sala"));
        assertEquals(Optional.of(new SlashCommand.Outgoing("/join", null)), ScriptSession.outgoing("robô", "/join"));
        assertEquals(Optional.of(new SlashCommand.Outgoing("/dance", null)), ScriptSession.outgoing("robô", "/dance"));
        assertEquals(Optional.empty(), ScriptSession.outgoing("robô", "/msg ana"));
        assertEquals(Optional.empty(), ScriptSession.outgoing("robô", "/me"));
    }

    @Test
    void argumentsAreWordsTheLastTakingTheRestOfTheLineAndUsageShowsThem() {
        assertEquals(Optional.of(List.of("bob", "oi,  tudo bem?")), SlashCommand.MSG.arguments("bob oi,  tudo bem?"));
        assertEquals(Optional.empty(), SlashCommand.MSG.arguments("bob"));
        assertEquals(Optional.of(List.of("sala nova")), SlashCommand.JOIN.arguments("sala nova"));
        assertEquals(Optional.empty(), SlashCommand.JOIN.arguments(""));
        assertEquals(Optional.of(List.of("")), SlashCommand.USERS.arguments(""));
        assertEquals(Optional.of(List.of()), SlashCommand.LEAVE.arguments("agora"));
        assertEquals(Optional.of(List.of("")), SlashCommand.HISTORY.arguments(""));
        assertEquals(Optional.empty(), SlashCommand.HISTORY.arguments("0"));
        assertEquals(Optional.empty(), SlashCommand.HISTORY.arguments("dez"));
        assertEquals("/msg USER TEXT", SlashCommand.MSG.usage());
        assertEquals("/history [N]", SlashCommand.HISTORY.usage());
        assertEquals("/quit", SlashCommand.QUIT.usage());
    }

    @Test
    void onlyHelpAndQuitWorkBeforeAName() {
        assertEquals(Set.of(SlashCommand.HELP, SlashCommand.QUIT), Arrays.stream(SlashCommand.values())
                .filter(SlashCommand::availableBeforeName).collect(Collectors.toSet()));
    }

    /** The command with an argument each declared argument accepts. */
    private static String wellFormed(SlashCommand command) {
        Optional<List<String>> none = command.arguments("");
        if (none.isPresent()) {
            return command.typed();
        }
        for (String argument : List.of("sala", "ana oi", "3")) {
            if (command.arguments(argument).isPresent()) {
                return command.typed() + " " + argument;
            }
        }
        throw new AssertionError(command.typed() + " takes none of the sample arguments; add one here");
    }

    private static List<String> complete(ChatCompleter completer, String typed) {
        ParsedLine line = new TypedLineParser().parse(typed, typed.length(), ParseContext.COMPLETE);
        List<Candidate> candidates = new ArrayList<>();
        completer.complete(null, line, candidates);
        return candidates.stream().map(Candidate::value).toList();
    }
}
