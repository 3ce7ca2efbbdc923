package chat.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

    @ParameterizedTest
    @CsvSource({
        "1714583109.25, 1714583109.25",
        "1.796425194449876E9, 1796425194.449876",
        "1.0E7, 10000000.0",
        "9999999.5, 9999999.5",
        "5, 5.0",
        "0, 0.0",
        "-0.0, -0.0",
        "0.001, 0.001",
        "1.0E-4, 0.0001",
        "-2.5E-7, -0.00000025",
        "1.0E21, 1000000000000000000000.0"})
    void numbersAreWrittenInPlainDecimalsNeverWithAnExponent(double value, String json) {
        assertEquals(json, Json.number(value));
    }

    @Test
    void numbersReadBackAsTheSameDouble() {
        Random random = new Random(20261205);
        for (int i = 0; i < 100_000; i++) {
            double value = i % 2 == 0 ? Double.longBitsToDouble(random.nextLong()) : random.nextDouble() * 2e9;
            if (!Double.isFinite(value)) {
                continue;
            }
            String json = Json.number(value);
            assertFalse(json.contains("E") || json.contains("e"), json);
            assertEquals(Double.doubleToLongBits(value), Double.doubleToLongBits(Double.parseDouble(json)), json);
        }
    }

    @Test
    void whatJsonCannotWriteIsNull() {
        assertEquals("null", Json.number(Double.NaN));
        assertEquals("null", Json.number(Double.POSITIVE_INFINITY));
        assertEquals("null", Json.number(Double.NEGATIVE_INFINITY));
    }
}
