package chat.common.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.xmlrpc.XmlRpcException;
import org.apache.xmlrpc.XmlRpcRequest;
import org.apache.xmlrpc.XmlRpcRequestConfig;
import org.junit.jupiter.api.Test;

class ProcedureTableTest {
    private final AtomicInteger bodyRuns = new AtomicInteger();
    private final ProcedureTable table = ProcedureTable.builder()
            .add("greet", "name [greeting]", p -> {
                bodyRuns.incrementAndGet();
                String greeting = p.optionalString(1);
                return (greeting == null ? "olá" : greeting) + ", " + p.string(0);
            })
            .add("explode", "", p -> {
                throw new IllegalStateException("java.lang.IllegalStateException: secret detail at chat.Foo.bar(Foo.java:1)");
            })
            .add("refuse", "", p -> {
                throw Faults.invalidParams("refuse", "not today");
            })
            .build();

    private static XmlRpcRequest request(String name, Object... args) {
        return new XmlRpcRequest() {
            @Override
            public XmlRpcRequestConfig getConfig() {
                return null;
            }

            @Override
            public String getMethodName() {
                return name;
            }

            @Override
            public int getParameterCount() {
                return args.length;
            }

            @Override
            public Object getParameter(int index) {
                return args[index];
            }
        };
    }

    private Object call(String name, Object... args) throws XmlRpcException {
        return table.getHandler(name).execute(request(name, args));
    }

    @Test
    void anUnknownProcedureIsFault32601NamingIt() {
        XmlRpcException e = assertThrows(XmlRpcException.class, () -> table.getHandler("join_room"));

        assertEquals(Faults.METHOD_NOT_FOUND, e.code);
        assertEquals("unknown procedure 'join_room'", e.getMessage());
    }

    @Test
    void aMissingProcedureNameIsFault32601() {
        assertEquals(Faults.METHOD_NOT_FOUND, assertThrows(XmlRpcException.class, () -> table.getHandler(null)).code);
    }

    @Test
    void theBodyGetsTheArgumentsAndItsResultIsTheAnswer() throws XmlRpcException {
        assertEquals("olá, ana", call("greet", "ana"));
        assertEquals("bom dia, ana", call("greet", "ana", "bom dia"));
    }

    @Test
    void arityIsCheckedBeforeTheBodyRuns() {
        XmlRpcException e = assertThrows(XmlRpcException.class, () -> call("greet"));

        assertEquals(Faults.INVALID_PARAMS, e.code);
        assertEquals("greet: expected 1 or 2 arguments (name[, greeting]), got 0", e.getMessage());
        assertEquals(0, bodyRuns.get());
    }

    @Test
    void aRuntimeExceptionInABodyIsFault32603WithoutClassNameOrTrace() {
        XmlRpcException e = assertThrows(XmlRpcException.class, () -> call("explode"));

        assertEquals(Faults.INTERNAL_ERROR, e.code);
        assertEquals("explode: internal server error (details are in the server log)", e.getMessage());
        assertFalse(e.getMessage().contains("secret") || e.getMessage().contains("Exception")
                || e.getMessage().contains("java."), e.getMessage());
    }

    @Test
    void aFaultFromABodyPassesThroughUnchanged() {
        XmlRpcException e = assertThrows(XmlRpcException.class, () -> call("refuse"));

        assertEquals(Faults.INVALID_PARAMS, e.code);
        assertEquals("refuse: not today", e.getMessage());
    }

    @Test
    void namesAreInTheOrderAdded() {
        assertEquals(List.of("greet", "explode", "refuse"), List.copyOf(table.names()));
    }

    @Test
    void aNameCannotBeAddedTwice() {
        ProcedureTable.Builder builder = ProcedureTable.builder().add("a", "", p -> null);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> builder.add("a", "x", p -> null));
        assertEquals("procedure 'a' is added twice", e.getMessage());
    }

    @Test
    void aBadSpecIsRefusedWhenAdded() {
        assertThrows(IllegalArgumentException.class, () -> ProcedureTable.builder().add("a", "[x] y", p -> null));
    }
}
