package chat.binder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.common.BinderClient;
import chat.common.ChatProcedures;
import chat.common.Endpoint;
import chat.common.rpc.Faults;
import chat.common.rpc.RawHttp;
import chat.common.rpc.RpcClient;
import chat.common.rpc.RpcFault;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The registration policy as a caller meets it. Every call here comes from 127.0.0.1, so a Binder whose
 * allow-list leaves loopback out stands in for one that a stranger on the network calls.
 */
class RegistrationOverTheSocketTest {
    private static final String SECRET = "o segredo do binder, 32 letras!";
    private static final String REFUSAL = "register_procedure: 127.0.0.1 may not register procedures with this Binder"
            + " (see the Binder's --allow-register and --secret)";

    private BinderServer server;

    private RpcClient startBinder(RegistrationPolicy policy) throws IOException {
        // 127.0.0.1, not localhost: the caller's address is then 127.0.0.1 whatever localhost resolves to.
        // Probing off: made-up servers, found however slow the machine is.
        server = BinderServer.start(BinderConfig.builder().host("127.0.0.1").port(0).registration(policy)
                .maxRegistrations(100).liveness(Liveness.OFF).build());
        return new RpcClient(server.endpoint());
    }

    private static RegistrationPolicy elsewhereOnly() {
        return RegistrationPolicy.allowing(List.of(AddressBlock.parse("10.0.0.0/8")));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aCallerOutsideTheAllowListIsFault32002AndNothingIsRegistered() throws IOException {
        RpcClient rpc = startBinder(elsewhereOnly().withSecret(SECRET));

        RpcFault fault = assertThrows(RpcFault.class, () -> rpc.call("register_procedure", "register_user", "127.0.0.1", 6001));

        assertEquals(Faults.NOT_ALLOWED, fault.code());
        assertEquals(REFUSAL, fault.faultString());
        assertEquals(Map.of(), server.binder().registrations());
    }

    @Test
    void theRightSecretAdmitsACallerOutsideTheAllowList() throws IOException {
        RpcClient rpc = startBinder(elsewhereOnly().withSecret(SECRET));

        assertEquals(Boolean.TRUE, rpc.call("register_procedure", "register_user", "127.0.0.1", 6001, SECRET));

        assertEquals(Optional.of(new Endpoint("127.0.0.1", 6001)), server.binder().lookup("register_user"));
    }

    @Test
    void unregisteringIsAdmittedExactlyAsRegisteringIs() throws IOException {
        RpcClient rpc = startBinder(elsewhereOnly().withSecret(SECRET));
        rpc.call("register_procedure", "register_user", "127.0.0.1", 6001, SECRET);

        RpcFault fault = assertThrows(RpcFault.class, () -> rpc.call("unregister_procedure", "register_user", "127.0.0.1", 6001));
        assertEquals(Faults.NOT_ALLOWED, fault.code());
        assertEquals(REFUSAL.replace("register_procedure:", "unregister_procedure:"), fault.faultString());
        assertThrows(RpcFault.class, () -> rpc.call("unregister_procedure", "register_user", "127.0.0.1", 6001, "wrong"));
        assertEquals(Optional.of(new Endpoint("127.0.0.1", 6001)), server.binder().lookup("register_user"));

        assertEquals(Boolean.TRUE, rpc.call("unregister_procedure", "register_user", "127.0.0.1", 6001, SECRET));
        assertEquals(Map.of(), server.binder().registrations());
    }

    @Test
    void aWrongSecretIsRefusedWithTheSameAnswerAsNone() throws IOException {
        RpcClient rpc = startBinder(elsewhereOnly().withSecret(SECRET));

        for (String wrong : List.of("", "o segredo do binder", SECRET + " ", SECRET.toUpperCase())) {
            RpcFault fault = assertThrows(RpcFault.class, () -> rpc.call("register_procedure", "register_user", "127.0.0.1", 6001, wrong));
            assertEquals(Faults.NOT_ALLOWED, fault.code(), wrong);
            assertEquals(REFUSAL, fault.faultString(), "the answer says nothing about the secret");
        }
        assertEquals(Map.of(), server.binder().registrations());
    }

    @Test
    void aSecretIsRefusedWhenTheBinderHasNone() throws IOException {
        RpcClient rpc = startBinder(elsewhereOnly());

        RpcFault fault = assertThrows(RpcFault.class, () -> rpc.call("register_procedure", "register_user", "127.0.0.1", 6001, SECRET));

        assertEquals(Faults.NOT_ALLOWED, fault.code());
        assertEquals(REFUSAL, fault.faultString(), "the same answer as a Binder with a secret gives");
    }

    @Test
    void lookupsStayOpenToCallersThatMayNotRegister() throws IOException {
        RpcClient rpc = startBinder(elsewhereOnly().withSecret(SECRET));
        rpc.call("register_procedure", "join_room", "10.0.0.7", 6001, SECRET);

        assertArrayEquals(new Object[] {"10.0.0.7", 6001}, (Object[]) rpc.call("lookup_procedure", "join_room"));
        assertNull(rpc.call("lookup_procedure", "no_such_procedure"));
    }

    @Test
    void theRefusalIsCheckedBeforeTheValuesSoAStrangerLearnsNothingFromThem() throws IOException {
        RpcClient rpc = startBinder(elsewhereOnly());

        RpcFault fault = assertThrows(RpcFault.class, () -> rpc.call("register_procedure", "", "evil.example/x", 0));

        assertEquals(Faults.NOT_ALLOWED, fault.code());
    }

    @Test
    void malformedCallsAreStillFault32602WhoeverSendsThem() throws IOException {
        RpcClient rpc = startBinder(elsewhereOnly());

        assertEquals(Faults.INVALID_PARAMS,
                assertThrows(RpcFault.class, () -> rpc.call("register_procedure", "join_room", "localhost")).code());
        assertEquals(Faults.INVALID_PARAMS,
                assertThrows(RpcFault.class, () -> rpc.call("register_procedure", "join_room", "localhost", 6001, 42)).code());
    }

    @Test
    void theBinderClientPresentsTheSecretAndIsAdmitted() throws IOException {
        startBinder(elsewhereOnly().withSecret(SECRET));
        BinderClient client = new BinderClient(server.endpoint());
        Endpoint chatServer = new Endpoint("127.0.0.1", 6001);

        for (String procedure : ChatProcedures.ALL) {
            client.register(procedure, chatServer, SECRET);
        }

        for (String procedure : ChatProcedures.ALL) {
            assertEquals(Optional.of(chatServer), client.lookup(procedure), procedure);
        }
        RpcFault fault = assertThrows(RpcFault.class, () -> client.register("list_rooms", chatServer));
        assertEquals(Faults.NOT_ALLOWED, fault.code());
    }

    @Test
    void aSecretOnlyBinderRefusesEvenThisMachineWithoutTheSecret() throws IOException {
        RpcClient rpc = startBinder(RegistrationPolicy.allowing(List.of()).withSecret(SECRET));

        assertEquals(Faults.NOT_ALLOWED,
                assertThrows(RpcFault.class, () -> rpc.call("register_procedure", "join_room", "127.0.0.1", 6001)).code());
        assertEquals(Boolean.TRUE, rpc.call("register_procedure", "join_room", "127.0.0.1", 6001, SECRET));
    }

    @Test
    void byDefaultThisMachineRegistersWithTheOriginalsThreeArguments() throws IOException {
        RpcClient rpc = startBinder(RegistrationPolicy.loopbackOnly());

        assertEquals(Boolean.TRUE, rpc.call("register_procedure", "join_room", "127.0.0.1", 6001));
    }

    @Test
    void theRefusalIsAnXmlRpcFaultOnTheWireWithHttp200() throws IOException {
        startBinder(elsewhereOnly());

        RawHttp.Response response = RawHttp.post(server.port(), "/", RawHttp.methodCall("register_procedure",
                "<string>register_user</string>", "<string>127.0.0.1</string>", "<int>6001</int>"));

        assertEquals(200, response.status());
        assertTrue(response.isFault(), response.text());
        assertTrue(response.text().contains("-32002"), response.text());
    }

    @Test
    void theRefusalLogLineNamesTheCallerAndAShortenedPrintableName() throws Exception {
        InetAddress stranger = InetAddress.getByName("203.0.113.9");

        assertEquals("register_procedure refused: 203.0.113.9 may not register 'register_user' (not an allowed address;"
                        + " presented no secret)",
                BinderServer.refusalLogLine("register_procedure", stranger, "register_user", "presented no secret"));
        String line = BinderServer.refusalLogLine("register_procedure", InetAddress.getByName("2001:db8::1"), "x\n" + "y".repeat(200), "presented a wrong secret");
        assertTrue(line.startsWith("register_procedure refused: 2001:db8::1 may not register 'x\\u000a"
                + "y".repeat(BinderServer.LOGGED_NAME_LENGTH - 2) + "...' "), line);
        assertFalse(line.contains("\n"), line);
        assertTrue(BinderServer.refusalLogLine("register_procedure", null, "a", "b").contains("a caller of unknown address"));
    }

    @Test
    void anIpv6LoopbackCallerIsAdmittedByDefaultAndNamedShortlyWhenRefused() throws IOException {
        Assumptions.assumeTrue(ipv6LoopbackWorks(), "this machine has no IPv6 loopback (::1)");
        try (BinderServer ipv6 = BinderServer.start(new BinderConfig("::1", 0, BinderConfig.ephemeral().httpLimits()));
             BinderServer ipv6Elsewhere = BinderServer.start(new BinderConfig("::1", 0, BinderConfig.ephemeral().httpLimits())
                     .withRegistration(elsewhereOnly()))) {
            assertEquals(Boolean.TRUE, new RpcClient(ipv6.endpoint()).call("register_procedure", "join_room", "::1", 6001));

            RpcFault fault = assertThrows(RpcFault.class,
                    () -> new RpcClient(ipv6Elsewhere.endpoint()).call("register_procedure", "join_room", "::1", 6001));
            assertEquals(Faults.NOT_ALLOWED, fault.code());
            assertTrue(fault.faultString().startsWith("register_procedure: ::1 may not register"), fault.faultString());
        }
    }

    private static boolean ipv6LoopbackWorks() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("::1"))) {
            return probe.getLocalPort() > 0;
        } catch (IOException e) {
            return false;
        }
    }
}
