package chat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.common.ChatProcedures;
import chat.common.Endpoint;
import chat.common.WireValues;
import chat.common.rpc.Faults;
import chat.common.rpc.RpcClient;
import chat.common.rpc.RpcFault;
import chat.common.testing.Python;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Sessions over the socket: the token in the X-Chat-Session header, each policy, and a Python client of the original form. */
class ChatServerSessionsTest {
    private ChatServer server;

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.close();
        }
    }

    private Endpoint start(SessionPolicy policy) throws IOException {
        server = ChatServer.start(ServerConfig.local(null).withSessionPolicy(policy));
        return new Endpoint("localhost", server.port());
    }

    /** A client that sends the token it holds, once it holds one. */
    private static final class SessionClient {
        final AtomicReference<String> token = new AtomicReference<>();
        final RpcClient rpc;

        SessionClient(Endpoint at) {
            rpc = new RpcClient(at, Duration.ofSeconds(10),
                    () -> token.get() == null ? Map.of() : Map.of(ChatProcedures.SESSION_HEADER, token.get()));
        }

        SessionClient register(String name) {
            Object answer = rpc.call(ChatProcedures.REGISTER_SESSION, name);
            token.set(assertInstanceOf(String.class, answer, "register_session answers the token"));
            return this;
        }

        Object call(String procedure, Object... args) {
            return rpc.call(procedure, args);
        }
    }

    private static RpcFault refused(RpcClient rpc, String procedure, Object... args) {
        RpcFault fault = assertThrows(RpcFault.class, () -> rpc.call(procedure, args), procedure);
        assertEquals(Faults.NOT_ALLOWED, fault.code(), fault.faultString());
        return fault;
    }

    @Test
    void aSessionChatsWithItsTokenAndNobodyElseSpeaksOrReadsAsItUnderProtect() throws Exception {
        Endpoint at = start(SessionPolicy.PROTECT);
        SessionClient ana = new SessionClient(at).register("ana");
        assertEquals(true, ana.call(ChatProcedures.CREATE_ROOM, "sala"));
        assertTrue(ana.call(ChatProcedures.JOIN_ROOM, "ana", "sala") instanceof Object[]);
        assertEquals(true, ana.call(ChatProcedures.SEND_MESSAGE, "ana", "sala", "olá", null));
        assertEquals(List.of("ana entrou na sala.", "olá"), contents(ana.call(ChatProcedures.RECEIVE_MESSAGES, "ana", "sala", 0.0)));
        assertEquals(true, ana.call(ChatProcedures.KEEP_ALIVE, "ana"));

        RpcClient plain = new RpcClient(at);
        for (Object[] call : List.of(
                new Object[] {ChatProcedures.SEND_MESSAGE, "ana", "sala", "forged", null},
                new Object[] {ChatProcedures.RECEIVE_MESSAGES, "ana", "sala", 0.0},
                new Object[] {ChatProcedures.RECEIVE_MESSAGES, "ana", "sala"},
                new Object[] {ChatProcedures.WAIT_MESSAGES, "ana", "sala", 0, 1},
                new Object[] {ChatProcedures.JOIN_ROOM, "ana", "sala"},
                new Object[] {ChatProcedures.REMOVE_USER, "ana", "sala"})) {
            RpcFault fault = refused(plain, (String) call[0], java.util.Arrays.copyOfRange(call, 1, call.length));
            assertTrue(fault.faultString().contains("ana holds a session"), fault.faultString());
            assertFalse(fault.faultString().contains(ana.token.get()), "a fault never repeats a token");
        }
        SessionClient bob = new SessionClient(at).register("bob");
        RpcFault asAna = refused(bob.rpc, ChatProcedures.SEND_MESSAGE, "ana", "sala", "forged", null);
        assertTrue(asAna.faultString().contains("the session is bob's, not ana's"), asAna.faultString());
        assertEquals(List.of("ana"), WireValues.strings(plain.call(ChatProcedures.LIST_USERS, "sala")),
                "a call naming no user is still open");
        assertEquals(List.of("ana entrou na sala.", "olá"), contents(ana.call(ChatProcedures.RECEIVE_MESSAGES, "ana", "sala", 0.0)),
                "nothing was forged, ana is still in the room");

        String token = ana.token.get();
        ana.token.set(token.substring(0, token.length() - 1) + (token.endsWith("A") ? "B" : "A"));
        RpcFault wrong = refused(ana.rpc, ChatProcedures.SEND_MESSAGE, "ana", "sala", "with a wrong token", null);
        assertTrue(wrong.faultString().startsWith("send_message: no session of ana has this token"), wrong.faultString());
        assertFalse(wrong.faultString().contains(ana.token.get()));
        ana.token.set(token);
    }

    @Test
    void quittingLeavesTheRoomsFreesTheNameAndEndsTheSession() throws Exception {
        Endpoint at = start(SessionPolicy.OPEN);
        SessionClient ana = new SessionClient(at).register("ana");
        RpcClient plain = new RpcClient(at);
        plain.call(ChatProcedures.REGISTER_USER, "bob");
        plain.call(ChatProcedures.CREATE_ROOM, "sala");
        ana.call(ChatProcedures.JOIN_ROOM, "ana", "sala");
        plain.call(ChatProcedures.JOIN_ROOM, "bob", "sala");
        refused(plain, ChatProcedures.UNREGISTER_USER, "ana");
        assertEquals(true, ana.call(ChatProcedures.UNREGISTER_USER, "ana"));
        assertEquals(List.of("bob"), WireValues.strings(plain.call(ChatProcedures.LIST_USERS, "sala")));
        List<String> seen = contents(plain.call(ChatProcedures.RECEIVE_MESSAGES, "bob", "sala", 0.0));
        assertEquals("ana saiu da sala.", seen.get(seen.size() - 1));
        RpcFault ended = refused(ana.rpc, ChatProcedures.LIST_ROOMS);
        assertTrue(ended.faultString().contains("register again"), ended.faultString());
        assertEquals(true, plain.call(ChatProcedures.REGISTER_USER, "ana"), "the name is free at once");
    }

    /** Anyone can call unregister_user without a token: such a call frees nothing, or it could free anyone's name. */
    @Test
    void aNameRegisteredWithoutASessionIsFreedByNoCallAndStaysItsUsers() throws Exception {
        for (SessionPolicy policy : List.of(SessionPolicy.OPEN, SessionPolicy.PROTECT)) {
            Endpoint at = start(policy);
            RpcClient plain = new RpcClient(at);
            plain.call(ChatProcedures.REGISTER_USER, "bob");
            plain.call(ChatProcedures.CREATE_ROOM, "sala");
            plain.call(ChatProcedures.JOIN_ROOM, "bob", "sala");

            RpcFault fault = refused(plain, ChatProcedures.UNREGISTER_USER, "bob");
            assertEquals("unregister_user: a name is freed only by its session: call with the token register_session"
                    + " answered, in the X-Chat-Session header; a name registered without a session (register_user) is"
                    + " freed once its user has made no call for the server's --idle-free time", fault.faultString());
            refused(plain, ChatProcedures.UNREGISTER_USER, "nobody");
            SessionClient ana = new SessionClient(at).register("ana");
            RpcFault asBob = refused(ana.rpc, ChatProcedures.UNREGISTER_USER, "bob");
            assertTrue(asBob.faultString().contains("the session is ana's, not bob's"), asBob.faultString());

            assertEquals(false, plain.call(ChatProcedures.REGISTER_USER, "bob"), policy + ": the name is still bob's");
            assertEquals(List.of("bob"), WireValues.strings(plain.call(ChatProcedures.LIST_USERS, "sala")));
            assertEquals(true, plain.call(ChatProcedures.SEND_MESSAGE, "bob", "sala", "still here", null));
            server.close();
            server = null;
        }
    }

    @Test
    void requireRefusesEveryCallWithoutASessionButRegisterSession() throws Exception {
        Endpoint at = start(SessionPolicy.REQUIRE);
        RpcClient plain = new RpcClient(at);
        for (String procedure : List.of(ChatProcedures.REGISTER_USER, ChatProcedures.CREATE_ROOM, ChatProcedures.LIST_USERS)) {
            RpcFault fault = refused(plain, procedure, "x");
            assertEquals(procedure + ": this server answers only calls with a session (--sessions require): register"
                    + " with register_session and send its token in the X-Chat-Session header of every call",
                    fault.faultString());
        }
        refused(plain, ChatProcedures.LIST_ROOMS);
        refused(plain, ChatProcedures.JOIN_ROOM, "x", "y");
        SessionClient ana = new SessionClient(at).register("ana");
        assertEquals(true, ana.call(ChatProcedures.CREATE_ROOM, "sala"));
        assertEquals(List.of("sala"), WireValues.strings(ana.call(ChatProcedures.LIST_ROOMS)));
        assertEquals(false, plain.call(ChatProcedures.REGISTER_SESSION, "ana"), "a taken name");
    }

    @Test
    void theOriginalFormWorksByDefaultEvenForANameWithASession() throws Exception {
        Endpoint at = start(SessionPolicy.OPEN);
        SessionClient ana = new SessionClient(at).register("ana");
        ana.call(ChatProcedures.CREATE_ROOM, "sala");
        ana.call(ChatProcedures.JOIN_ROOM, "ana", "sala");
        RpcClient plain = new RpcClient(at);
        assertEquals(true, plain.call(ChatProcedures.SEND_MESSAGE, "ana", "sala", "as the original allows", null));
    }

    /** The server's log (slf4j-simple, on standard error) never shows a token, however its calls are refused. */
    @Test
    void tokensNeverAppearInTheLog() throws Exception {
        Endpoint at = start(SessionPolicy.PROTECT);
        java.io.PrintStream original = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        List<String> secrets = new java.util.ArrayList<>();
        System.setErr(new java.io.PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            SessionClient ana = new SessionClient(at).register("ana");
            SessionClient bob = new SessionClient(at).register("bob");
            secrets.add(ana.token.get());
            secrets.add(bob.token.get());
            ana.call(ChatProcedures.CREATE_ROOM, "sala");
            ana.call(ChatProcedures.JOIN_ROOM, "ana", "sala");
            refused(bob.rpc, ChatProcedures.SEND_MESSAGE, "ana", "sala", "as ana", null);
            String wrong = ana.token.get().substring(0, ana.token.get().length() - 2) + "xy";
            secrets.add(wrong);
            ana.token.set(wrong);
            refused(ana.rpc, ChatProcedures.RECEIVE_MESSAGES, "ana", "sala", 0.0);
            ana.token.set(secrets.get(0));
            assertEquals(true, ana.call(ChatProcedures.UNREGISTER_USER, "ana"));
            refused(ana.rpc, ChatProcedures.LIST_ROOMS);
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("refused a call"), "the log was captured: " + log);
        for (String token : secrets) {
            String secret = token.substring(token.indexOf('.') + 1);
            assertFalse(log.contains(secret), "the log shows a token's secret:\n" + log);
        }
    }

    /** What a Python client of the original form gets under each policy (python3's own xmlrpc.client). */
    @Test
    void aPythonClientOfTheOriginalFormWorksByDefaultAndIsRefusedUnderEachOption() throws Exception {
        Python.require();
        for (SessionPolicy policy : SessionPolicy.values()) {
            Endpoint at = start(policy);
            SessionClient jo = new SessionClient(at).register("jo");
            jo.call(ChatProcedures.CREATE_ROOM, "sala");
            jo.call(ChatProcedures.JOIN_ROOM, "jo", "sala");
            String out = runPython(at.port());
            String expected = switch (policy) {
                case OPEN -> "register ok True|join ok 2|send ok True|receive ok 3|send_as_jo ok True|";
                case PROTECT -> "register ok True|join ok 2|send ok True|receive ok 3|send_as_jo fault -32002|";
                case REQUIRE -> "register fault -32002|join fault -32002|send fault -32002|receive fault -32002|"
                        + "send_as_jo fault -32002|";
            };
            assertEquals(expected, out, "policy " + policy);
            server.close();
            server = null;
        }
    }

    private static final String PYTHON_CLIENT = """
            import sys, xmlrpc.client
            p = xmlrpc.client.ServerProxy("http://localhost:%s/" % sys.argv[1], allow_none=True)
            def attempt(name, call):
                try:
                    print(name, "ok", call(), end="|")
                except xmlrpc.client.Fault as fault:
                    print(name, "fault", fault.faultCode, end="|")
            attempt("register", lambda: p.register_user("py"))
            attempt("join", lambda: len(p.join_room("py", "sala")))
            attempt("send", lambda: p.send_message("py", "sala", "oi", None))
            attempt("receive", lambda: len(p.receive_messages("py", "sala", 0.0)))
            attempt("send_as_jo", lambda: p.send_message("jo", "sala", "forged", None))
            """;

    private static String runPython(int port) throws Exception {
        Process python = new ProcessBuilder(Python.require(), "-c", PYTHON_CLIENT, String.valueOf(port))
                .redirectErrorStream(true).start();
        python.getOutputStream().close();
        String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(python.waitFor(30, TimeUnit.SECONDS), "python3 finished");
        assertEquals(0, python.exitValue(), out);
        return out;
    }

    private static List<String> contents(Object messages) {
        return WireValues.messages(messages).stream().map(m -> m.content()).toList();
    }
}
