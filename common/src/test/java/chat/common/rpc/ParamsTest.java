package chat.common.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.apache.xmlrpc.XmlRpcException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class ParamsTest {
    private static final Signature SEND = Signature.parse("send_message", "username room content [recipient]");
    private static final Signature RECEIVE = Signature.parse("receive_messages", "username room [last_timestamp]");
    private static final Signature REGISTER = Signature.parse("register_procedure", "name address port");
    private static final Signature LIST_ROOMS = Signature.parse("list_rooms", "");

    private static Params params(Signature signature, Object... values) throws XmlRpcException {
        return new Params(signature, Arrays.asList(values), null);
    }

    private static XmlRpcException refusal(Executable call) {
        return assertThrows(XmlRpcException.class, call);
    }

    @Test
    void tooFewArgumentsNameTheArityAndTheArguments() {
        XmlRpcException e = refusal(() -> params(SEND, "ana", "geral"));

        assertEquals(Faults.INVALID_PARAMS, e.code);
        assertEquals("send_message: expected 3 or 4 arguments (username, room, content[, recipient]), got 2",
                e.getMessage());
    }

    @Test
    void tooManyArgumentsAreRefusedToo() {
        XmlRpcException e = refusal(() -> params(REGISTER, "join_room", "localhost", 6001, "extra"));

        assertEquals(Faults.INVALID_PARAMS, e.code);
        assertEquals("register_procedure: expected 3 arguments (name, address, port), got 4", e.getMessage());
    }

    @Test
    void anyArgumentToAProcedureWithoutArgumentsIsRefused() {
        XmlRpcException e = refusal(() -> params(LIST_ROOMS, "geral"));

        assertEquals(Faults.INVALID_PARAMS, e.code);
        assertTrue(e.getMessage().startsWith("list_rooms: expected no arguments"), e.getMessage());
        assertTrue(e.getMessage().endsWith("got 1"), e.getMessage());
    }

    @Test
    void everyArityBetweenRequiredAndAllIsAccepted() throws XmlRpcException {
        assertEquals(3, params(SEND, "ana", "geral", "oi").count());
        assertEquals(4, params(SEND, "ana", "geral", "oi", "bia").count());
        assertEquals(0, params(LIST_ROOMS).count());
    }

    @Test
    void hasTellsWhetherAnArgumentWasSent() throws XmlRpcException {
        Params sent = params(SEND, "ana", "geral", "oi", null);

        assertTrue(sent.has(3));
        assertFalse(params(SEND, "ana", "geral", "oi").has(3));
    }

    @Test
    void aWrongTypeNamesTheProcedurePositionArgumentAndXmlRpcType() throws XmlRpcException {
        Params p = params(SEND, "ana", 42, "oi");

        XmlRpcException e = refusal(() -> p.string(1));
        assertEquals(Faults.INVALID_PARAMS, e.code);
        assertEquals("send_message: argument 2 (room) must be a string, got int", e.getMessage());
    }

    @Test
    void typeErrorsNeverNameAJavaClass() throws XmlRpcException {
        Params p = params(REGISTER, new Object[] {"a"}, java.util.Map.of(), 5000.0);

        for (Executable call : new Executable[] {() -> p.string(0), () -> p.string(1), () -> p.integer(2)}) {
            String message = refusal(call).getMessage();
            assertFalse(message.contains("java") || message.contains("Object") || message.contains("Map")
                    || message.contains("Double"), message);
        }
        assertEquals("register_procedure: argument 1 (name) must be a string, got array", refusal(() -> p.string(0)).getMessage());
        assertEquals("register_procedure: argument 2 (address) must be a string, got struct", refusal(() -> p.string(1)).getMessage());
        assertEquals("register_procedure: argument 3 (port) must be an int, got double", refusal(() -> p.integer(2)).getMessage());
    }

    @Test
    void nilIsNotAString() throws XmlRpcException {
        Params p = params(SEND, null, "geral", "oi");

        assertEquals("send_message: argument 1 (username) must be a string, got nil", refusal(() -> p.string(0)).getMessage());
    }

    @Test
    void anOptionalStringMayBeAbsentOrNil() throws XmlRpcException {
        assertNull(params(SEND, "ana", "geral", "oi").optionalString(3));
        assertNull(params(SEND, "ana", "geral", "oi", null).optionalString(3));
        assertEquals("bia", params(SEND, "ana", "geral", "oi", "bia").optionalString(3));
    }

    @Test
    void anEmptyStructIsToldApartFromOtherValues() throws XmlRpcException {
        assertTrue(params(SEND, "ana", "geral", "oi", java.util.Map.of()).isEmptyStruct(3));
        assertFalse(params(SEND, "ana", "geral", "oi", java.util.Map.of("a", 1)).isEmptyStruct(3));
        assertFalse(params(SEND, "ana", "geral", "oi", "").isEmptyStruct(3));
        assertFalse(params(SEND, "ana", "geral", "oi", (Object) null).isEmptyStruct(3));
        assertFalse(params(SEND, "ana", "geral", "oi").isEmptyStruct(3), "absent");
    }

    @Test
    void anOptionalStringOfAnotherTypeIsRefused() throws XmlRpcException {
        Params p = params(SEND, "ana", "geral", "oi", 7);

        assertEquals("send_message: argument 4 (recipient) must be a string, got int",
                refusal(() -> p.optionalString(3)).getMessage());
    }

    @Test
    void aNumberMayBeSentAsIntOrDouble() throws XmlRpcException {
        assertEquals(1_700_000_000.5, params(RECEIVE, "ana", "geral", 1_700_000_000.5).number(2));
        assertEquals(0.0, params(RECEIVE, "ana", "geral", 0).number(2));
    }

    @Test
    void aNumberOfAnotherTypeIsRefused() throws XmlRpcException {
        assertEquals("receive_messages: argument 3 (last_timestamp) must be a number, got string",
                refusal(() -> params(RECEIVE, "ana", "geral", "0").number(2)).getMessage());
        assertEquals("receive_messages: argument 3 (last_timestamp) must be a number, got boolean",
                refusal(() -> params(RECEIVE, "ana", "geral", true).number(2)).getMessage());
        assertEquals("receive_messages: argument 3 (last_timestamp) must be a number, got nil",
                refusal(() -> params(RECEIVE, "ana", "geral", null).number(2)).getMessage());
    }

    @Test
    void anIntMustBeAnInt() throws XmlRpcException {
        assertEquals(6001, params(REGISTER, "join_room", "localhost", 6001).integer(2));
        assertEquals("register_procedure: argument 3 (port) must be an int, got string",
                refusal(() -> params(REGISTER, "join_room", "localhost", "6001").integer(2)).getMessage());
    }

    @Test
    void invalidNamesTheProcedureAndArgument() throws XmlRpcException {
        XmlRpcException e = params(REGISTER, "join_room", "localhost", 0).invalid(2, "must be a port between 1 and 65535, got 0");

        assertEquals(Faults.INVALID_PARAMS, e.code);
        assertEquals("register_procedure: argument 3 (port) must be a port between 1 and 65535, got 0", e.getMessage());
    }
}
