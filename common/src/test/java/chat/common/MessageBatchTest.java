package chat.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageBatchTest {
    private static final Message HELLO = Message.broadcast("ana", "olá", 1_764_000_000.25);

    @Test
    void aBatchComesBackAsItWent() {
        MessageBatch batch = new MessageBatch(7, List.of(HELLO));

        assertEquals(batch, MessageBatch.fromWire(batch.toWire()));
    }

    @Test
    void aCursorThatFitsAnIntTravelsAsAnInt() {
        assertEquals(Integer.MAX_VALUE, new MessageBatch(Integer.MAX_VALUE, List.of()).toWire().get("cursor"));
        assertEquals(0, MessageBatch.cursorToWire(0));
    }

    @Test
    void aCursorPastTheIntRangeComesBackAsItWent() {
        long past = Integer.MAX_VALUE + 5_000L;
        MessageBatch batch = new MessageBatch(past, List.of(HELLO));

        assertEquals(past, MessageBatch.fromWire(batch.toWire()).cursor());
        assertEquals(past, MessageBatch.cursorFromWire(MessageBatch.cursorToWire(past)));
    }

    @Test
    void aCursorPastTheIntRangeTravelsAsItsDecimalDigitsWhichAnyPeerCanSendBack() {
        // XML-RPC's int is 32 bits; <i8> is an extension Python reads but cannot send back.
        assertEquals("3000000000", new MessageBatch(3_000_000_000L, List.of()).toWire().get("cursor"));
    }

    @Test
    void aCursorThatIsNeitherAnIntNorDigitsIsRefusedByName() {
        for (Object wrong : new Object[] {null, 1.5, "", "-3", "12a", "99999999999999999999"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> MessageBatch.fromWire(Map.of("cursor", wrong == null ? false : wrong, "messages", List.of())),
                    String.valueOf(wrong));
            assertTrue(e.getMessage().contains("cursor"), e.getMessage());
        }
    }

    @Test
    void somethingOtherThanAStructIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> MessageBatch.fromWire(List.of()));
    }
}
