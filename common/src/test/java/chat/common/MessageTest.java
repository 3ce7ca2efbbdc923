package chat.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class MessageTest {
    private static final double T = 1_764_000_000.125;

    @Test
    void toWireHasExactlyTheFiveMembersWithTheirWireTypes() {
        Map<String, Object> wire = Message.unicast("João", "Maria", "olá", T).toWire();

        assertEquals(Set.of("type", "origin", "destination", "content", "timestamp"), wire.keySet());
        assertEquals("unicast", wire.get("type"));
        assertEquals("João", wire.get("origin"));
        assertEquals("Maria", wire.get("destination"));
        assertEquals("olá", wire.get("content"));
        assertInstanceOf(Double.class, wire.get("timestamp"), "timestamp travels as an XML-RPC double");
        assertEquals(T, (Double) wire.get("timestamp"));
    }

    @Test
    void broadcastTravelsAsLowercaseBroadcastToTodos() {
        Map<String, Object> wire = Message.broadcast("ana", "oi", T).toWire();

        assertEquals("broadcast", wire.get("type"));
        assertEquals("Todos", wire.get("destination"));
    }

    static Stream<Message> messages() {
        return Stream.of(
                Message.broadcast("ana", "bom dia, ação!", T),
                Message.unicast("ana", "bia", "só pra você 😀🎉", T),
                Message.notice("ana entrou na sala.", 0.0));
    }

    @ParameterizedTest
    @MethodSource("messages")
    void fromWireReadsWhatToWireWrote(Message message) {
        assertEquals(message, Message.fromWire(message.toWire()));
    }

    @Test
    void fromWireAcceptsAWholeNumberTimestampSentAsInt() {
        Map<String, Object> wire = Message.broadcast("ana", "oi", 0).toWire();
        wire.put("timestamp", 1_700_000_000);

        assertEquals(1_700_000_000.0, Message.fromWire(wire).timestamp());
    }

    @Test
    void fromWireIgnoresExtraMembers() {
        Map<String, Object> wire = Message.broadcast("ana", "oi", T).toWire();
        wire.put("room", "geral");

        assertEquals(Message.broadcast("ana", "oi", T), Message.fromWire(wire));
    }

    @ParameterizedTest
    @ValueSource(strings = {"type", "origin", "destination", "content", "timestamp"})
    void fromWireRefusesAMissingMemberNamingIt(String member) {
        Map<String, Object> wire = Message.unicast("ana", "bia", "oi", T).toWire();
        wire.remove(member);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Message.fromWire(wire));
        assertTrue(e.getMessage().contains("'" + member + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("got nil"), e.getMessage());
    }

    static Stream<Arguments> mistypedMembers() {
        return Stream.of(
                Arguments.of("type", 1, "must be a string, got int"),
                Arguments.of("origin", true, "must be a string, got boolean"),
                Arguments.of("destination", new Object[] {"bia"}, "must be a string, got array"),
                Arguments.of("content", 2.5, "must be a string, got double"),
                Arguments.of("timestamp", "1700000000.5", "must be a number, got string"));
    }

    @ParameterizedTest
    @MethodSource("mistypedMembers")
    void fromWireRefusesAMistypedMemberNamingItAndItsXmlRpcType(String member, Object value, String why) {
        Map<String, Object> wire = Message.unicast("ana", "bia", "oi", T).toWire();
        wire.put(member, value);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Message.fromWire(wire));
        assertEquals("member '" + member + "' " + why, e.getMessage());
    }

    @Test
    void fromWireRefusesSomethingThatIsNotAStruct() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Message.fromWire(List.of("broadcast", "ana")));
        assertEquals("a message must be a struct, got array", e.getMessage());
    }

    @Test
    void fromWireRefusesAnUnknownTypeNamingIt() {
        Map<String, Object> wire = Message.broadcast("ana", "oi", T).toWire();
        wire.put("type", "Broadcast");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Message.fromWire(wire));
        assertTrue(e.getMessage().contains("'Broadcast'"), e.getMessage());
    }

    @Test
    void aBroadcastMustGoToTodos() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Message(MessageType.BROADCAST, "ana", "bia", "oi", T));
        assertTrue(e.getMessage().contains("Todos"), e.getMessage());
    }

    @Test
    void fromWireRefusesABroadcastAddressedToSomeone() {
        Map<String, Object> wire = new HashMap<>(Message.broadcast("ana", "oi", T).toWire());
        wire.put("destination", "bia");

        assertThrows(IllegalArgumentException.class, () -> Message.fromWire(wire));
    }

    @Test
    void noMemberMayBeNull() {
        assertThrows(NullPointerException.class, () -> new Message(null, "a", "b", "c", T));
        assertThrows(NullPointerException.class, () -> Message.unicast(null, "b", "c", T));
        assertThrows(NullPointerException.class, () -> Message.unicast("a", null, "c", T));
        assertThrows(NullPointerException.class, () -> Message.unicast("a", "b", null, T));
    }

    @Test
    void aNoticeIsABroadcastFromSistemaToTodos() {
        Message notice = Message.notice("ana saiu da sala.", T);

        assertEquals(new Message(MessageType.BROADCAST, "Sistema", "Todos", "ana saiu da sala.", T), notice);
    }

    @Test
    void aBroadcastIsVisibleToEveryone() {
        Message broadcast = Message.broadcast("ana", "oi", T);

        assertTrue(broadcast.isVisibleTo("ana"));
        assertTrue(broadcast.isVisibleTo("bia"));
        assertTrue(broadcast.isVisibleTo("zé"));
    }

    @Test
    void aUnicastIsVisibleToItsSenderAndRecipientOnly() {
        Message unicast = Message.unicast("ana", "bia", "segredo", T);

        assertTrue(unicast.isVisibleTo("ana"));
        assertTrue(unicast.isVisibleTo("bia"));
        assertFalse(unicast.isVisibleTo("carla"));
        assertFalse(unicast.isVisibleTo("Todos"));
        assertFalse(unicast.isVisibleTo("Ana"), "names are case-sensitive");
    }

    @Test
    void withTimestampChangesOnlyTheTimestamp() {
        Message unicast = Message.unicast("ana", "bia", "oi", T);

        assertEquals(Message.unicast("ana", "bia", "oi", T + 1), unicast.withTimestamp(T + 1));
    }

    @Test
    void messageTypesHaveLowercaseWireNamesAndUnknownOnesAreRefused() {
        assertEquals("broadcast", MessageType.BROADCAST.wireName());
        assertEquals("unicast", MessageType.UNICAST.wireName());
        assertEquals(MessageType.UNICAST, MessageType.fromWire("unicast"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MessageType.fromWire("multicast"));
        assertEquals("unknown message type 'multicast' (expected broadcast or unicast)", e.getMessage());
    }
}
