package chat.common.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SignatureTest {

    @Test
    void parseReadsRequiredNamesThenBracketedOptionalOnes() {
        Signature signature = Signature.parse("send_message", "username room content [recipient]");

        assertEquals("send_message", signature.procedure());
        assertEquals(List.of("username", "room", "content", "recipient"), signature.names());
        assertEquals(3, signature.required());
    }

    @Test
    void aBlankSpecMeansNoArguments() {
        Signature signature = Signature.parse("list_rooms", "");

        assertEquals(List.of(), signature.names());
        assertEquals(0, signature.required());
        assertEquals("no arguments", signature.arity());
    }

    @Test
    void aRequiredArgumentAfterAnOptionalOneIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Signature.parse("p", "a [b] c"));
        assertEquals("required argument 'c' after an optional one in a [b] c", e.getMessage());
    }

    @ParameterizedTest(name = "''{0}'' takes {1}")
    @CsvSource(delimiter = '|', value = {
            "name                               | 1 argument",
            "username room                      | 2 arguments",
            "name address port                  | 3 arguments",
            "username room content [recipient]  | 3 or 4 arguments",
            "username room [last_timestamp]     | 2 or 3 arguments",
            "a [b] [c]                          | 1 to 3 arguments",
            "[a]                                | 0 or 1 argument"})
    void arityIsWrittenForPeople(String spec, String arity) {
        assertEquals(arity, Signature.parse("p", spec).arity());
    }

    @ParameterizedTest(name = "''{0}'' reads ''{1}''")
    @CsvSource(delimiter = '|', value = {
            "name                               | name",
            "name address port                  | name, address, port",
            "username room content [recipient]  | username, room, content[, recipient]",
            "a [b] [c]                          | a[, b[, c]]",
            "[a]                                | [a]"})
    void describeListsTheNamesWithOptionalOnesInBrackets(String spec, String description) {
        assertEquals(description, Signature.parse("p", spec).describe());
    }

    @Test
    void requiredMustFitTheNames() {
        assertThrows(IllegalArgumentException.class, () -> new Signature("p", List.of("a"), 2));
        assertThrows(IllegalArgumentException.class, () -> new Signature("p", List.of("a"), -1));
    }

    @Test
    void theNamesAreACopy() {
        List<String> names = new ArrayList<>(List.of("a", "b"));
        Signature signature = new Signature("p", names, 2);
        names.add("c");

        assertEquals(List.of("a", "b"), signature.names());
    }
}
