package chat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.jline.terminal.Size;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Names with spaces, quotes and backslashes, as the server accepts them, typed in the commands: between quotes, and
 * as Tab writes them, through JLine's own line editor (on a terminal that is not dumb, where Tab completes).
 */
class TypedNamesTest {
    @Test
    void aNameBetweenQuotesIsOneArgument() {
        assertEquals(Optional.of(List.of("joão silva", "oi, tudo bem?")),
                SlashCommand.MSG.arguments("\"joão silva\" oi, tudo bem?"));
        assertEquals(Optional.of(List.of("sala nova")), SlashCommand.JOIN.arguments("\"sala nova\""));
        assertEquals(Optional.of(List.of("sala nova")), SlashCommand.USERS.arguments("\"sala nova\""));
        assertEquals(Optional.of(List.of("a \"b\" \\ c")), SlashCommand.CREATE.arguments("\"a \\\"b\\\" \\\\ c\""));
        assertEquals(Optional.of(new SlashCommand.Outgoing("oi", "joão silva")),
                ScriptSession.outgoing("robô", "/msg \"joão silva\" oi"));
    }

    @Test
    void aNameWithoutQuotesIsAsTypedAndTheLastTakesTheRestOfTheLine() {
        assertEquals(Optional.of(List.of("sala  nova")), SlashCommand.JOIN.arguments("sala  nova"));
        assertEquals(Optional.of(List.of("a\\b", "oi")), SlashCommand.MSG.arguments("a\\b oi"));
        assertEquals(Optional.of(List.of("o'neil", "oi")), SlashCommand.MSG.arguments("o'neil oi"));
        assertEquals(Optional.of(List.of("a\"b", "oi")), SlashCommand.MSG.arguments("a\"b oi"));
    }

    @Test
    void textKeepsItsQuotes() {
        assertEquals(Optional.of(List.of("bob", "\"oi\" \\o/")), SlashCommand.MSG.arguments("bob \"oi\" \\o/"));
        assertEquals(Optional.of(List.of("\"oi\"")), SlashCommand.SAY.arguments("\"oi\""));
        assertEquals(Optional.of(List.of("\"acena\"")), SlashCommand.ME.arguments("\"acena\""));
    }

    @Test
    void aNameWhoseQuotesAreNotClosedOrRunIntoMoreIsRefused() {
        assertEquals(Optional.empty(), SlashCommand.MSG.arguments("\"joão silva oi"));
        assertEquals(Optional.empty(), SlashCommand.MSG.arguments("\"joão\"silva oi"));
        assertEquals(Optional.empty(), SlashCommand.JOIN.arguments("\"sala\" nova"));
    }

    /** Names the server accepts that a command can only read between quotes, or that hold quotes or backslashes. */
    @ParameterizedTest
    @ValueSource(strings = {"ana", "joão silva", "a  b", "\"x\"", "\"", "a\"b", "a\\b", "x\\", "\\\"", "sala\u00a0nova",
        "o'neil", "a \"b\" \\ c", "$HOME", "😀 ação"})
    void tabWritesEveryNameAsTheCommandsReadItBack(String name) {
        List<String> one = List.of(name);
        assertEquals(Optional.of(List.of(name, "oi")), argumentsOf(typedWithTab("/msg \toi\n", List.of(), one)));
        assertEquals(Optional.of(List.of(name)), argumentsOf(typedWithTab("/join \t\n", one, List.of())));
        assertEquals(Optional.of(List.of(name)), argumentsOf(typedWithTab("/users \t\n", one, List.of())));
        assertEquals(Optional.of(List.of(name)), argumentsOf(typedWithTab("/create \t\n", one, List.of())));
    }

    @Test
    void tabCompletesAPartlyTypedNameWithSpaces() {
        List<String> users = List.of("joão silva", "bob");
        List<String> rooms = List.of("sala nova", "geral");
        assertEquals("/msg \"joão silva\" oi", typedWithTab("/msg jo\toi\n", rooms, users));
        assertEquals("/msg \"joão silva\" oi", typedWithTab("/msg \"jo\toi\n", rooms, users));
        assertEquals("/msg \"joão silva\" oi", typedWithTab("/msg \"joão s\toi\n", rooms, users));
        assertEquals("/join \"sala nova\" ", typedWithTab("/join sala n\t\n", rooms, users));
        assertEquals("/join \"sala nova\" ", typedWithTab("/join sa\t\n", rooms, users));
        assertEquals("/users geral ", typedWithTab("/users ge\t\n", rooms, users));
    }

    @Test
    void inAMessageTabWritesTheNameAsItIs() {
        List<String> users = List.of("joão silva");
        assertEquals("oi joão silva ", typedWithTab("oi jo\t\n", List.of(), users));
        assertEquals("/msg bob oi joão silva ", typedWithTab("/msg bob oi jo\t\n", List.of(), users));
        assertEquals("/me acena para joão silva ", typedWithTab("/me acena para jo\t\n", List.of(), users));
    }

    @Test
    void tabOffersCommandsAfterTheSlash() {
        assertEquals("/history ", typedWithTab("/hi\t\n", List.of(), List.of()));
    }

    /** The arguments of the command on {@code line}. */
    private static Optional<List<String>> argumentsOf(String line) {
        TypedCommand typed = TypedCommand.parse(line).orElseThrow(() -> new AssertionError("not a command: " + line));
        return typed.declared().orElseThrow().arguments(typed.argument());
    }

    /** The line JLine returns for {@code keys} ({@code \t} is Tab), with Tab offering those rooms and users. */
    private static String typedWithTab(String keys, List<String> rooms, List<String> users) {
        try {
            DumbTerminal terminal = new DumbTerminal("chat", "ansi", new ByteArrayInputStream(
                    keys.getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(), StandardCharsets.UTF_8);
            terminal.setSize(new Size(160, 40));
            try (ChatConsole console = new ChatConsole(terminal, false, false, Display.plain())) {
                console.completeWith(new ChatCompleter(() -> rooms, () -> users));
                return console.ask("> ").orElseThrow(() -> new AssertionError("no line for " + keys));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
