package chat.binder;

import chat.common.rpc.HttpLimits;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.common.BinderClient;
import chat.common.ChatProcedures;
import chat.common.Endpoint;
import chat.common.BinderRegistration;
import chat.common.rpc.Faults;
import chat.common.rpc.RawHttp;
import chat.common.rpc.RpcClient;
import chat.common.rpc.RpcFault;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The Binder over the socket, as chat servers and clients (Java or Python) call it. */
class BinderServerTest {
    private BinderServer server;
    private RpcClient rpc;

    @BeforeEach
    void start() throws IOException {
        // Probing off: these tests register made-up servers and must find them however slow the machine is.
        server = BinderServer.start(BinderConfig.ephemeral().withLiveness(Liveness.OFF));
        rpc = new RpcClient(server.endpoint());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void startsOnAFreePortAndReportsIt() {
        assertNotEquals(0, server.port());
        assertEquals(new Endpoint("localhost", server.port()), server.endpoint());
    }

    @Test
    void registerProcedureAnswersTrue() {
        assertEquals(Boolean.TRUE, rpc.call("register_procedure", "join_room", "10.0.0.7", 6001));
        assertEquals(Optional.of(new Endpoint("10.0.0.7", 6001)), server.binder().lookup("join_room"));
    }

    @Test
    void lookupAnswersTheAddressAndTheIntPort() {
        rpc.call("register_procedure", "join_room", "10.0.0.7", 6001);

        Object answer = rpc.call("lookup_procedure", "join_room");

        assertArrayEquals(new Object[] {"10.0.0.7", 6001}, (Object[]) answer);
        assertInstanceOf(Integer.class, ((Object[]) answer)[1]);
    }

    @Test
    void lookupPutsThePortOnTheWireAsAnInt() {
        rpc.call("register_procedure", "join_room", "10.0.0.7", 6001);

        RawHttp.Response response = RawHttp.post(server.port(), "/",
                RawHttp.methodCall("lookup_procedure", "<string>join_room</string>"));

        assertTrue(response.text().matches("(?s).*<(i4|int)>6001</(i4|int)>.*"), response.text());
    }

    @Test
    void anUnknownNameLooksUpAsNil() {
        assertNull(rpc.call("lookup_procedure", "no_such_procedure"));

        RawHttp.Response response = RawHttp.post(server.port(), "/",
                RawHttp.methodCall("lookup_procedure", "<string>no_such_procedure</string>"));
        assertFalse(response.isFault(), response.text());
        assertTrue(response.text().contains("<nil/>"), response.text());
    }

    @Test
    void oneCallerIsGivenTheSameServerForEveryLookupAndEveryName() {
        for (String name : List.of("join_room", "list_rooms")) {
            rpc.call("register_procedure", name, "server-a", 6001);
            rpc.call("register_procedure", name, "server-b", 6002);
        }
        rpc.call("register_procedure", "join_room", "server-a", 6001);

        Object[] first = (Object[]) rpc.call("lookup_procedure", "join_room");
        for (int i = 0; i < 5; i++) {
            assertArrayEquals(first, (Object[]) rpc.call("lookup_procedure", "join_room"));
            assertArrayEquals(first, (Object[]) rpc.call("lookup_procedure", "list_rooms"));
        }
    }

    @Test
    void lookupEndpointsAnswersEveryLiveServerOfANameTheCallersOwnFirst() {
        rpc.call("register_procedure", "join_room", "server-a", 6001);
        rpc.call("register_procedure", "join_room", "server-b", 6002);

        Object[] answer = (Object[]) rpc.call("lookup_endpoints", "join_room");

        assertEquals(2, answer.length);
        assertArrayEquals((Object[]) rpc.call("lookup_procedure", "join_room"), (Object[]) answer[0]);
        assertEquals(Set.of(new Endpoint("server-a", 6001), new Endpoint("server-b", 6002)),
                Set.of(Endpoint.fromWire(answer[0]), Endpoint.fromWire(answer[1])));
        assertArrayEquals(new Object[] {}, (Object[]) rpc.call("lookup_endpoints", "no_such_procedure"));
        List<Endpoint> again = new BinderClient(server.endpoint()).lookupAll("join_room");
        assertEquals(List.of(Endpoint.fromWire(answer[0]), Endpoint.fromWire(answer[1])), again, "the same order every time");
    }

    @Test
    void unregisterProcedureForgetsOneServerOfAName() {
        rpc.call("register_procedure", "join_room", "server-a", 6001);
        rpc.call("register_procedure", "join_room", "server-b", 6002);

        assertEquals(Boolean.TRUE, rpc.call("unregister_procedure", "join_room", "server-b", 6002));
        assertEquals(Boolean.FALSE, rpc.call("unregister_procedure", "join_room", "server-b", 6002));
        assertEquals(Boolean.FALSE, rpc.call("unregister_procedure", "no_such_procedure", "server-b", 6002));

        for (int i = 0; i < 3; i++) {
            assertArrayEquals(new Object[] {"server-a", 6001}, (Object[]) rpc.call("lookup_procedure", "join_room"));
        }
        assertTrue(new BinderClient(server.endpoint()).unregister("join_room", new Endpoint("server-a", 6001), null));
        assertNull(rpc.call("lookup_procedure", "join_room"));
    }

    @Test
    void listRegistrationsAnswersEveryRegistrationWithItsLiveness() {
        rpc.call("register_procedure", "list_rooms", "server-b", 6002);
        rpc.call("register_procedure", "join_room", "server-a", 6001);

        Object[] rows = (Object[]) rpc.call("list_registrations");

        assertEquals(2, rows.length);
        @SuppressWarnings("unchecked")
        Map<String, Object> first = (Map<String, Object>) rows[0];
        assertEquals(Set.of("name", "address", "port", "alive", "seconds_since_registered", "seconds_since_seen"),
                first.keySet());
        assertEquals("join_room", first.get("name"));
        assertEquals("server-a", first.get("address"));
        assertEquals(6001, first.get("port"));
        assertEquals(Boolean.TRUE, first.get("alive"));
        assertInstanceOf(Double.class, first.get("seconds_since_registered"));
        List<BinderRegistration> read = new BinderClient(server.endpoint()).registrations();
        assertEquals(List.of("join_room", "list_rooms"), read.stream().map(BinderRegistration::name).toList());
        assertEquals(new Endpoint("server-b", 6002), read.get(1).endpoint());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/RPC2"})
    void answersOnRootAndRpc2(String path) {
        RawHttp.Response registered = RawHttp.post(server.port(), path, RawHttp.methodCall("register_procedure",
                "<string>list_rooms</string>", "<string>localhost</string>", "<int>6001</int>"));
        RawHttp.Response found = RawHttp.post(server.port(), path,
                RawHttp.methodCall("lookup_procedure", "<string>list_rooms</string>"));

        assertEquals(200, registered.status());
        assertFalse(registered.isFault(), registered.text());
        assertTrue(found.text().contains("localhost"), found.text());
    }

    static Stream<Arguments> wrongArguments() {
        return Stream.of(
                Arguments.of("register_procedure", new Object[] {"join_room", "localhost"}),
                Arguments.of("register_procedure", new Object[] {"join_room", "localhost", 6001, "secret", "extra"}),
                Arguments.of("register_procedure", new Object[] {"join_room", "localhost", 6001, 42}),
                Arguments.of("register_procedure", new Object[] {"join_room", "localhost", "6001"}),
                Arguments.of("register_procedure", new Object[] {"join_room", "localhost", 6001.0}),
                Arguments.of("register_procedure", new Object[] {"join_room", null, 6001}),
                Arguments.of("register_procedure", new Object[] {42, "localhost", 6001}),
                Arguments.of("lookup_procedure", new Object[] {}),
                Arguments.of("lookup_procedure", new Object[] {"a", "b"}),
                Arguments.of("lookup_procedure", new Object[] {7}),
                Arguments.of("lookup_procedure", new Object[] {null}),
                Arguments.of("unregister_procedure", new Object[] {"join_room", "localhost"}),
                Arguments.of("unregister_procedure", new Object[] {"join_room", "localhost", "6001"}),
                Arguments.of("unregister_procedure", new Object[] {"join_room", "localhost", 0}),
                Arguments.of("unregister_procedure", new Object[] {"join\nroom", "localhost", 6001}),
                Arguments.of("unregister_procedure", new Object[] {"join_room", "evil/x", 6001}),
                Arguments.of("lookup_endpoints", new Object[] {}),
                Arguments.of("lookup_endpoints", new Object[] {7}),
                Arguments.of("list_registrations", new Object[] {"all"}));
    }

    @ParameterizedTest
    @MethodSource("wrongArguments")
    void wrongArgumentsAreFault32602NamingTheProcedure(String procedure, Object[] args) {
        RpcFault fault = assertThrows(RpcFault.class, () -> rpc.call(procedure, args));

        assertEquals(Faults.INVALID_PARAMS, fault.code());
        assertTrue(fault.faultString().startsWith(procedure + ": "), fault.faultString());
        assertFalse(fault.faultString().contains("java."), fault.faultString());
    }

    @Test
    void aWrongTypeFaultSaysWhichArgumentAndWhatArrived() {
        RpcFault fault = assertThrows(RpcFault.class,
                () -> rpc.call("register_procedure", "join_room", "localhost", "6001"));

        assertEquals("register_procedure: argument 3 (port) must be an int, got string", fault.faultString());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 65536, 100_000})
    void aPortOutOfRangeIsRefusedAndNotRegistered(int port) {
        RpcFault fault = assertThrows(RpcFault.class, () -> rpc.call("register_procedure", "join_room", "localhost", port));

        assertEquals(Faults.INVALID_PARAMS, fault.code());
        assertEquals("register_procedure: argument 3 (port) must be a port between 1 and 65535, got " + port,
                fault.faultString());
        assertEquals(Optional.empty(), server.binder().lookup("join_room"));
    }

    @Test
    void aBlankAddressIsRefused() {
        RpcFault fault = assertThrows(RpcFault.class, () -> rpc.call("register_procedure", "join_room", " ", 6001));

        assertEquals(Faults.INVALID_PARAMS, fault.code());
        assertTrue(fault.faultString().contains("argument 2 (address)"), fault.faultString());
        assertEquals(Optional.empty(), server.binder().lookup("join_room"));
    }

    @Test
    void anUnknownProcedureIsFault32601() {
        assertEquals(Faults.METHOD_NOT_FOUND, assertThrows(RpcFault.class, () -> rpc.call("join_room", "ana", "geral")).code());
    }

    @Test
    void theBinderClientRegistersAndLooksUpEveryChatProcedure() {
        BinderClient client = new BinderClient(server.endpoint());
        Endpoint chatServer = new Endpoint("localhost", 6001);

        for (String procedure : ChatProcedures.ALL) {
            client.register(procedure, chatServer);
        }

        for (String procedure : ChatProcedures.ALL) {
            assertEquals(Optional.of(chatServer), client.lookup(procedure), procedure);
        }
        assertEquals(Optional.empty(), client.lookup("no_such_procedure"));
    }

    @Test
    void namesWithAccentsAndEmojiAreKeptExactly() {
        rpc.call("register_procedure", "sala-ação-😀", "localhost", 6001);

        assertEquals(Optional.of(new Endpoint("localhost", 6001)), server.binder().lookup("sala-ação-😀"));
        assertArrayEquals(new Object[] {"localhost", 6001}, (Object[]) rpc.call("lookup_procedure", "sala-ação-😀"));
    }

    @Test
    void manyClientsRegisterAndLookUpAtOnce() throws Exception {
        int threads = 12;
        int namesEach = 6;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    RpcClient mine = new RpcClient(server.endpoint());
                    go.await();
                    int found = 0;
                    for (int i = 0; i < namesEach; i++) {
                        String name = "t" + thread + "-p" + i;
                        mine.call("register_procedure", name, "host" + thread, 6000 + i);
                        if (i == 0) {
                            mine.call("register_procedure", "shared", "host" + thread, 6000);
                        }
                        if (new Endpoint("host" + thread, 6000 + i).equals(Endpoint.fromWire(mine.call("lookup_procedure", name)))) {
                            found++;
                        }
                    }
                    return found;
                }));
            }
            go.countDown();
            for (Future<Integer> result : results) {
                assertEquals(namesEach, result.get(20, TimeUnit.SECONDS));
            }
            Endpoint shared = Endpoint.fromWire(rpc.call("lookup_procedure", "shared"));
            assertTrue(shared.host().startsWith("host") && shared.port() == 6000, shared.toString());
            assertEquals(threads, ((Object[]) rpc.call("lookup_endpoints", "shared")).length);
            assertEquals(threads * namesEach + 1, server.binder().registrations().size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void closeReleasesThePortForANewBinder() throws IOException {
        int port = server.port();
        server.close();

        try (BinderServer again = BinderServer.start(new BinderConfig("localhost", port, HttpLimits.DEFAULTS))) {
            assertEquals(port, again.port());
            assertNull(new RpcClient(again.endpoint()).call("lookup_procedure", "join_room"), "a new Binder starts empty");
        }
    }

    @Test
    void aFourthArgumentFromAnAllowedAddressIsIgnoredWhenTheBinderHasNoSecret() {
        assertEquals(Boolean.TRUE, rpc.call("register_procedure", "join_room", "localhost", 6001, "any secret"));
        assertEquals(Boolean.TRUE, rpc.call("register_procedure", "send_message", "localhost", 6001, null));

        assertEquals(Optional.of(new Endpoint("localhost", 6001)), server.binder().lookup("join_room"));
        assertEquals(Optional.of(new Endpoint("localhost", 6001)), server.binder().lookup("send_message"));
    }

    static Stream<Arguments> refusedValues() {
        return Stream.of(
                Arguments.of("", "localhost", "argument 1 (name) must not be empty"),
                Arguments.of("n".repeat(129), "localhost", "argument 1 (name) must be at most 128 characters, got 129"),
                Arguments.of("join_room\nregister_user", "localhost", "argument 1 (name) must not contain control characters"),
                Arguments.of("join\troom\u0085", "localhost", "argument 1 (name) must not contain control characters"),
                Arguments.of("join_room", "h".repeat(256), "argument 2 (address) must be at most 255 characters, got 256"),
                Arguments.of("join_room", "evil.example\n", "argument 2 (address) must not contain spaces or control characters"),
                Arguments.of("join_room", "local host", "argument 2 (address) must not contain spaces or control characters"),
                Arguments.of("join_room", "evil.example/x", "argument 2 (address) must be a host name or address, without / ? # @ or \\"),
                Arguments.of("join_room", "user@evil.example", "argument 2 (address) must be a host name or address, without / ? # @ or \\"));
    }

    @ParameterizedTest
    @MethodSource("refusedValues")
    void aRefusedNameOrAddressIsFault32602NamingTheArgument(String name, String address, String why) {
        RpcFault fault = assertThrows(RpcFault.class, () -> rpc.call("register_procedure", name, address, 6001));

        assertEquals(Faults.INVALID_PARAMS, fault.code());
        assertEquals("register_procedure: " + why, fault.faultString());
        assertEquals(Map.of(), server.binder().registrations());
    }

    @Test
    void aNewNameBeyondMaxRegistrationsIsFault32000AndAHeldNameStillRegisters() throws IOException {
        try (BinderServer small = BinderServer.start(BinderConfig.ephemeral().withMaxRegistrations(2).withLiveness(Liveness.OFF))) {
            RpcClient smallRpc = new RpcClient(small.endpoint());
            smallRpc.call("register_procedure", "a", "localhost", 6001);
            smallRpc.call("register_procedure", "b", "localhost", 6001);

            RpcFault fault = assertThrows(RpcFault.class, () -> smallRpc.call("register_procedure", "c", "localhost", 6001));

            assertEquals(Faults.LIMIT_REACHED, fault.code());
            assertEquals("register_procedure: this Binder holds its maximum of 2 names; names it holds may still be"
                    + " registered again (see the Binder's --max-registrations)", fault.faultString());
            assertEquals(Boolean.TRUE, smallRpc.call("register_procedure", "a", "10.0.0.7", 6002));
            assertEquals(Set.of(new Endpoint("10.0.0.7", 6002), new Endpoint("localhost", 6001)),
                    Set.copyOf(new BinderClient(small.endpoint()).lookupAll("a")));
            assertNull(smallRpc.call("lookup_procedure", "c"));
        }
    }
}
