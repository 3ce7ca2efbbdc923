package chat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class TextRulesTest {
    @Test
    void aLogExcerptIsQuotedEscapedAndCutWithItsLength() {
        assertEquals("\"ana\"", TextRules.forLog("ana"));
        assertEquals("nil", TextRules.forLog(null));
        assertEquals("\"a\\\"b\\\\c\"", TextRules.forLog("a\"b\\c"), "quotes and backslashes cannot end the quote");
        assertEquals("\"x\\u{000A}[main] ERROR forged\"", TextRules.forLog("x\n[main] ERROR forged"));
        assertEquals("\"\\u{202E}\\u{200B}\\u{2028}\\u{D800}\"", TextRules.forLog("\u202e\u200b\u2028\ud800"));
        assertEquals("\"" + "😀".repeat(40) + "\"", TextRules.forLog("😀".repeat(40)), "40 characters are shown whole");
        assertEquals("\"" + "😀".repeat(40) + "\"... (41 characters)", TextRules.forLog("😀".repeat(41)));
    }

    @Test
    void aNameJustAtTheLimitPassesWhateverItsCharacters() {
        assertNull(TextRules.nameProblem("ç".repeat(32), 32));
        assertEquals("is too long: 33 characters, at most 32", TextRules.nameProblem("ç".repeat(33), 32));
        assertNull(TextRules.nameProblem("a b", 3));
    }

    @Test
    void aMessageJustAtTheLimitPasses() {
        assertNull(TextRules.contentProblem("", 1));
        assertNull(TextRules.contentProblem("a", 1));
        assertEquals("is too long: 2 characters, at most 1", TextRules.contentProblem("ab", 1));
        assertNull(TextRules.contentProblem("\t\r\n", 3));
        assertEquals("must not contain control characters other than tab and line breaks (U+007F)",
                TextRules.contentProblem("\u007f", 3));
    }

    @Test
    void aNameThatCannotFitIsKnownUnknownWithoutReadingIt() {
        assertEquals(true, TextRules.mayBeName("😀".repeat(32), 32));
        assertEquals(false, TextRules.mayBeName("a".repeat(65), 32));
        assertEquals(false, TextRules.mayBeName(null, 32));
    }
}
