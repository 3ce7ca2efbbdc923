package chat.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WireValuesTest {

    static Stream<Arguments> valuesAndTheirXmlRpcTypes() {
        return Stream.of(
                Arguments.of(null, "nil"),
                Arguments.of("ana", "string"),
                Arguments.of(42, "int"),
                Arguments.of(4.2, "double"),
                Arguments.of(4.2f, "double"),
                Arguments.of(true, "boolean"),
                Arguments.of(new Object[] {1}, "array"),
                Arguments.of(List.of(1), "array"),
                Arguments.of(Map.of("a", 1), "struct"),
                Arguments.of(new byte[] {1}, "base64"),
                Arguments.of(new Date(0), "dateTime.iso8601"));
    }

    @ParameterizedTest
    @MethodSource("valuesAndTheirXmlRpcTypes")
    void typeNameIsTheXmlRpcName(Object value, String typeName) {
        assertEquals(typeName, WireValues.typeName(value));
    }

    @Test
    void typeNameNeverNamesAJavaClass() {
        String name = WireValues.typeName(new Thread());

        assertFalse(name.contains("java") || name.contains("Thread"), name);
    }

    @Test
    void memberReturnsTheTypedValue() {
        Map<String, Object> struct = Map.of("name", "ana", "age", 30);

        assertEquals("ana", WireValues.member(struct, "name", String.class));
        assertEquals(30, WireValues.member(struct, "age", Number.class).intValue());
    }

    @Test
    void memberRefusesAMissingMemberByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WireValues.member(Map.of(), "origin", String.class));
        assertEquals("member 'origin' must be a string, got nil", e.getMessage());
    }

    @Test
    void memberRefusesAMistypedMemberByNameAndXmlRpcType() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WireValues.member(Map.of("timestamp", "now"), "timestamp", Number.class));
        assertEquals("member 'timestamp' must be a number, got string", e.getMessage());
    }

    @Test
    void arrayReadsObjectArraysAndCollections() {
        assertEquals(List.of("a", 1), WireValues.array(new Object[] {"a", 1}));
        assertEquals(List.of("a", 1), WireValues.array(List.of("a", 1)));
    }

    @Test
    void arrayRefusesANonArrayNamingItsType() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WireValues.array("a,b"));
        assertEquals("expected an array, got string", e.getMessage());
    }

    @Test
    void stringsReadsAnArrayOfStrings() {
        assertEquals(List.of("geral", "ação"), WireValues.strings(new Object[] {"geral", "ação"}));
        assertEquals(List.of(), WireValues.strings(new Object[0]));
    }

    @Test
    void stringsRefusesAnythingElseInTheArray() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WireValues.strings(new Object[] {"geral", 7}));
        assertEquals("expected an array of strings, found int", e.getMessage());
    }

    @Test
    void messagesReadsAnArrayOfMessageStructs() {
        Message a = Message.broadcast("ana", "oi", 1.0);
        Message b = Message.unicast("bia", "ana", "olá", 2.0);

        assertEquals(List.of(a, b), WireValues.messages(new Object[] {a.toWire(), b.toWire()}));
    }

    @Test
    void messagesRefusesAMalformedMessage() {
        assertThrows(IllegalArgumentException.class, () -> WireValues.messages(new Object[] {Map.of("type", "broadcast")}));
    }
}
