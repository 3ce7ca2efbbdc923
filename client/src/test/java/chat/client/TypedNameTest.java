package chat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.Parser.ParseContext;
import org.junit.jupiter.api.Test;

/** How a name is written in a command and read back, and the words the line editor sees. */
class TypedNameTest {
    private static final String[] PIECES = {"a", "ç", "😀", " ", "  ", "\u00a0", "\"", "\\", "'", "$", "/", "x"};

    @Test
    void aNameIsQuotedOnlyWhenItMustBe() {
        assertEquals("ana", TypedName.quote("ana"));
        assertEquals("a\\b", TypedName.quote("a\\b"));
        assertEquals("a\"b", TypedName.quote("a\"b"));
        assertEquals("\"joão silva\"", TypedName.quote("joão silva"));
        assertEquals("\"\\\"x\\\"\"", TypedName.quote("\"x\""));
        assertEquals("\"a \\\"b\\\" \\\\ c\"", TypedName.quote("a \"b\" \\ c"));
        assertEquals("\"sala\u00a0nova\"", TypedName.quote("sala\u00a0nova"));
    }

    @Test
    void everyNameReadsBackFromHowItIsWrittenInEveryPlaceANameGoes() {
        Random random = new Random(5);
        for (int i = 0; i < 5_000; i++) {
            StringBuilder name = new StringBuilder();
            for (int n = 1 + random.nextInt(6); n > 0; n--) {
                name.append(PIECES[random.nextInt(PIECES.length)]);
            }
            if (name.toString().isBlank()) {
                continue; // no name: refused before it is read
            }
            String typed = TypedName.quote(name.toString());
            assertEquals(Optional.of(List.of(name.toString(), "oi")), SlashCommand.MSG.arguments(typed + " oi"), typed);
            assertEquals(Optional.of(List.of(name.toString())), SlashCommand.JOIN.arguments(typed), typed);
        }
    }

    @Test
    void theLineEditorSeesTheWordsTheCommandReads() {
        String line = "/msg \"joão silva\" oi jo";
        CompletingParsedLine parsed = (CompletingParsedLine) new TypedLineParser().parse(line, line.length(),
                ParseContext.COMPLETE);
        assertEquals(List.of("/msg", "joão silva", "oi", "jo"), parsed.words());
        assertEquals(3, parsed.wordIndex());
        assertEquals("joão silva", parsed.escape("joão silva", true).toString(), "a mention is written as it is");

        String join = "/join sala n";
        parsed = (CompletingParsedLine) new TypedLineParser().parse(join, join.length(), ParseContext.COMPLETE);
        assertEquals(List.of("/join", "sala n"), parsed.words());
        assertEquals(1, parsed.wordIndex());
        assertEquals("\"sala nova\"", parsed.escape("sala nova", true).toString());
        assertEquals(6, parsed.rawWordLength());

        String opened = "/msg \"jo";
        parsed = (CompletingParsedLine) new TypedLineParser().parse(opened, opened.length(), ParseContext.COMPLETE);
        assertEquals("jo", parsed.word());
        assertEquals(2, parsed.wordCursor());
        assertEquals(3, parsed.rawWordCursor());
        assertEquals("\"joão", parsed.escape("joão", false).toString(), "a shared beginning leaves the quote open");
    }

    @Test
    void theLineIsReturnedAsTyped() {
        String line = "/msg \"a \\\"b\\\"\" c:\\dir \\o/";
        assertEquals(line, new TypedLineParser().parse(line, 3, ParseContext.ACCEPT_LINE).line());
    }
}
