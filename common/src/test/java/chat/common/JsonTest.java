package chat.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void quotesBackslashesAndControlCharactersAreEscapedAndEverythingElseKept() {
        assertEquals("\"a\\\"b\\\\c\\nd\\te\\u0001é😀\"", Json.string("a\"b\\c\nd\te\u0001é😀"));
        assertEquals("\"\\r\\b\\f\\u001f\"", Json.string("\r\b\f\u001f"));
    }

    @Test
    void lineAndParagraphSeparatorsAreEscapedForReadersThatAreJavaScript() {
        assertEquals("\"a\\u2028b\\u2029c\"", Json.string("a\u2028b\u2029c"));
    }

    @Test
    void theEmptyStringIsTwoQuotes() {
        assertEquals("\"\"", Json.string(""));
    }
}
