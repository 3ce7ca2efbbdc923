package chat.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.common.rpc.CannedPeer;
import chat.common.rpc.Faults;
import chat.common.rpc.ProcedureTable;
import chat.common.rpc.RpcEndpoint;
import chat.common.rpc.RpcFault;
import chat.common.rpc.RpcTransportException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BinderClientTest {
    /** What a binder that answers like the port does (nil for an unknown name) has been told. */
    private final Map<String, Endpoint> registered = new ConcurrentHashMap<>();
    /** How many arguments each register_procedure call carried, and the secret it presented. */
    private final List<String> registerCalls = new CopyOnWriteArrayList<>();
    private RpcEndpoint binder;
    private BinderClient client;

    @BeforeEach
    void startABinderThatAnswersNil() throws IOException {
        ProcedureTable procedures = ProcedureTable.builder()
                .add(ChatProcedures.REGISTER_PROCEDURE, "name address port [secret]", p -> {
                    registered.put(p.string(0), new Endpoint(p.string(1), p.integer(2)));
                    registerCalls.add(p.count() + " arguments" + (p.has(3) ? ", secret " + p.optionalString(3) : ""));
                    return true;
                })
                .add(ChatProcedures.LOOKUP_PROCEDURE, "name", p -> {
                    Endpoint at = registered.get(p.string(0));
                    return at == null ? null : at.toWire();
                })
                .build();
        binder = RpcEndpoint.start(RpcEndpoint.Options.of("fake-binder", "127.0.0.1", 0), procedures);
        client = new BinderClient(new Endpoint("127.0.0.1", binder.port()));
    }

    @AfterEach
    void stop() {
        binder.close();
    }

    @Test
    void registerSendsTheNameAddressAndIntPort() {
        client.register(ChatProcedures.JOIN_ROOM, new Endpoint("10.0.0.7", 6001));

        assertEquals(Map.of("join_room", new Endpoint("10.0.0.7", 6001)), registered);
    }

    @Test
    void registerWithoutASecretSendsTheOriginalThreeArguments() {
        client.register(ChatProcedures.JOIN_ROOM, new Endpoint("10.0.0.7", 6001));
        client.register(ChatProcedures.SEND_MESSAGE, new Endpoint("10.0.0.7", 6001), null);

        assertEquals(List.of("3 arguments", "3 arguments"), registerCalls);
    }

    @Test
    void registerWithASecretSendsItAsTheFourthArgument() {
        client.register(ChatProcedures.JOIN_ROOM, new Endpoint("10.0.0.7", 6001), "s3gredo-ação");

        assertEquals(List.of("4 arguments, secret s3gredo-ação"), registerCalls);
        assertEquals(Map.of("join_room", new Endpoint("10.0.0.7", 6001)), registered);
    }

    @Test
    void aRegistrationTheBinderDoesNotAdmitIsFault32002() {
        try (CannedPeer refusing = CannedPeer.answering("<?xml version='1.0'?><methodResponse><fault><value><struct>"
                + "<member><name>faultCode</name><value><int>-32002</int></value></member>"
                + "<member><name>faultString</name><value><string>register_procedure: 203.0.113.9 may not register"
                + "</string></value></member></struct></value></fault></methodResponse>")) {
            RpcFault fault = assertThrows(RpcFault.class, () -> new BinderClient(refusing.endpoint())
                    .register("join_room", new Endpoint("localhost", 6001), "wrong"));

            assertEquals(Faults.NOT_ALLOWED, fault.code());
            String request = refusing.nextRequest();
            assertTrue(request.contains("<value>localhost</value></param><param><value><i4>6001</i4></value></param>"
                    + "<param><value>wrong</value>"), request);
        }
    }

    @Test
    void aRegisteredNameLooksUpAsItsEndpoint() {
        client.register("send_message", new Endpoint("sala.local", 6002));

        assertEquals(Optional.of(new Endpoint("sala.local", 6002)), client.lookup("send_message"));
    }

    @Test
    void anUnknownNameLooksUpAsEmpty() {
        assertEquals(Optional.empty(), client.lookup("no_such_procedure"));
    }

    @Test
    void anUnknownNameAtAPythonBinderThatAnswersAFaultLooksUpAsEmpty() {
        try (CannedPeer pythonBinder = CannedPeer.answering(CannedPeer.PYTHON_CANNOT_MARSHAL_NONE)) {
            BinderClient python = new BinderClient(pythonBinder.endpoint());

            assertEquals(Optional.empty(), python.lookup("no_such_procedure"));
            assertTrue(pythonBinder.nextRequest().contains("lookup_procedure"));
        }
    }

    @Test
    void anUnreachableBinderIsATransportFailureNotAnEmptyLookup() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        BinderClient nowhere = new BinderClient(new Endpoint("127.0.0.1", closedPort), Duration.ofSeconds(2));

        assertThrows(RpcTransportException.class, () -> nowhere.lookup("join_room"));
        assertThrows(RpcTransportException.class, () -> nowhere.register("join_room", new Endpoint("localhost", 6001)));
    }

    @Test
    void aRefusedRegistrationIsAFault() {
        try (CannedPeer refusing = CannedPeer.answering("<?xml version='1.0'?><methodResponse><fault><value><struct>"
                + "<member><name>faultCode</name><value><int>-32602</int></value></member>"
                + "<member><name>faultString</name><value><string>register_procedure: no</string></value></member>"
                + "</struct></value></fault></methodResponse>")) {
            RpcFault fault = assertThrows(RpcFault.class,
                    () -> new BinderClient(refusing.endpoint()).register("x", new Endpoint("localhost", 1)));
            assertEquals(Faults.INVALID_PARAMS, fault.code());
        }
    }

    @Test
    void knowsWhichBinderItTalksTo() {
        assertEquals(new Endpoint("127.0.0.1", binder.port()), client.binder());
    }
}
