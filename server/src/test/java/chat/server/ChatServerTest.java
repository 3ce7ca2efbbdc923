package chat.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.binder.BinderConfig;
import chat.binder.BinderServer;
import chat.common.BinderClient;
import chat.common.BinderRegistration;
import chat.common.ChatProcedures;
import chat.common.Endpoint;
import chat.common.Message;
import chat.common.WireValues;
import chat.common.catalogue.ChatCatalogue;
import chat.common.catalogue.ChatProcedure;
import chat.common.rpc.Faults;
import chat.common.rpc.RpcClient;
import chat.common.rpc.RpcFault;
import chat.common.rpc.RpcTransportException;
import chat.common.testing.Await;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChatServerTest {
    private BinderServer binder;
    private ChatServer server;
    private RpcClient rpc;

    @BeforeEach
    void start() throws IOException {
        binder = BinderServer.start(BinderConfig.ephemeral());
        server = ChatServer.start(ServerConfig.local(binder.endpoint()));
        rpc = new RpcClient(server.endpoint());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        binder.close();
    }

    @Test
    void registersEveryProcedureWithTheBinder() {
        BinderClient lookups = new BinderClient(binder.endpoint());
        for (String procedure : ChatCatalogue.registeredNames()) {
            assertEquals(server.endpoint(), lookups.lookup(procedure).orElseThrow(), procedure);
        }
        assertNotEquals(0, server.port());
        assertEquals(server.port(), server.endpoint().port());
    }

    @Test
    void whatItRegistersWithTheBinderIsWhatTheCatalogueSaysIsRegistered() {
        Set<String> registered = new BinderClient(binder.endpoint()).registrations().stream()
                .filter(registration -> registration.endpoint().equals(server.endpoint()))
                .map(BinderRegistration::name).collect(Collectors.toSet());
        Set<String> declared = ChatCatalogue.all().stream().filter(ChatProcedure::registered)
                .map(ChatProcedure::name).collect(Collectors.toSet());
        assertEquals(declared, registered);
        assertTrue(registered.containsAll(ChatProcedures.ALL), "the original's eight, for Python clients");
    }

    @Test
    void servesEveryProcedureOfTheCatalogue() {
        Set<String> served = ChatProcedureTable.of(server.service()).names();
        assertEquals(ChatCatalogue.all().stream().map(ChatProcedure::name).collect(Collectors.toSet()), served);
        assertTrue(served.contains(ChatProcedures.SERVER_STATUS), "served, though not registered");
    }

    @Test
    void aBinderThatCannotBeReachedStopsTheStartWithAClearError() throws IOException {
        int unused;
        try (ServerSocket probe = new ServerSocket(0)) {
            unused = probe.getLocalPort();
        }
        IOException error = assertThrows(IOException.class,
                () -> ChatServer.start(ServerConfig.local(new Endpoint("localhost", unused))));
        assertTrue(error.getMessage().contains("cannot register with the Binder at localhost:" + unused), error.getMessage());
    }

    @Test
    void serversStartedAtOnceGetTheirOwnPorts() throws IOException {
        try (ChatServer second = ChatServer.start(ServerConfig.local(binder.endpoint()))) {
            assertNotEquals(server.port(), second.port());
        }
    }

    @Test
    void closingReleasesThePort() {
        int port = server.port();
        server.close();
        server = null;
        assertThrows(RpcTransportException.class,
                () -> new RpcClient(new Endpoint("localhost", port), Duration.ofSeconds(2)).call("list_rooms"));
    }

    @Test
    void theWholeConversationOnTheWire() {
        assertEquals(true, rpc.call("register_user", "João"));
        assertEquals(true, rpc.call("register_user", "ana"));
        assertEquals(false, rpc.call("register_user", "ana"));
        assertEquals(true, rpc.call("create_room", "sala"));
        assertEquals(false, rpc.call("create_room", "sala"));
        assertEquals(List.of("sala"), WireValues.strings(rpc.call("list_rooms")));

        Object[] joined = (Object[]) rpc.call("join_room", "João", "sala");
        assertEquals(List.of("João"), WireValues.strings(joined[0]));
        assertEquals(List.of("João entrou na sala."),
                WireValues.messages(joined[1]).stream().map(Message::content).toList());
        rpc.call("join_room", "ana", "sala");

        assertEquals(true, rpc.call("send_message", "João", "sala", "olá 😀 ação", null));
        assertEquals(true, rpc.call("send_message", "João", "sala", "sem destinatário"));
        assertEquals(true, rpc.call("send_message", "João", "sala", "psst", "ana"));
        assertEquals(false, rpc.call("send_message", "João", "sala", "x", "ninguém"));

        List<Message> forAna = WireValues.messages(rpc.call("receive_messages", "ana", "sala", 0.0));
        assertEquals(List.of("João entrou na sala.", "ana entrou na sala.", "olá 😀 ação", "sem destinatário", "psst"),
                forAna.stream().map(Message::content).toList());
        assertEquals(List.of("olá 😀 ação", "sem destinatário", "psst"),
                WireValues.messages(rpc.call("receive_messages", "ana", "sala")).stream().map(Message::content).toList());
        assertEquals(5, WireValues.messages(rpc.call("receive_messages", "ana", "sala", 0)).size(),
                "an int timestamp is accepted");

        assertEquals(List.of("João", "ana"), WireValues.strings(rpc.call("list_users", "sala")));
        assertNull(rpc.call("remove_user", "ana", "sala"));
        assertEquals(List.of("João"), WireValues.strings(rpc.call("list_users", "sala")));
        assertArrayEquals(new Object[0], (Object[]) rpc.call("receive_messages", "ana", null, 0.0));
        assertNull(rpc.call("join_room", "ghost", "sala"));
    }

    @Test
    void anEmptyNameOrAnEmptyStructForRecipientSendsToEveryone() {
        rpc.call("register_user", "ana");
        rpc.call("register_user", "bob");
        rpc.call("create_room", "sala");
        rpc.call("join_room", "ana", "sala");
        rpc.call("join_room", "bob", "sala");

        assertEquals(true, rpc.call("send_message", "ana", "sala", "a todos", ""));
        assertEquals(true, rpc.call("send_message", "ana", "sala", "de novo", Map.of()), "davexmlrpc's null");
        RpcFault struct = assertThrows(RpcFault.class, () -> rpc.call("send_message", "ana", "sala", "x", Map.of("to", "bob")));
        assertEquals("send_message: argument 4 (recipient) must be a string, got struct", struct.faultString());

        List<Message> forBob = WireValues.messages(rpc.call("receive_messages", "bob", "sala", 0.0));
        assertEquals(List.of(Message.broadcast("ana", "a todos", forBob.get(2).timestamp()),
                Message.broadcast("ana", "de novo", forBob.get(3).timestamp())), forBob.subList(2, 4));
    }

    @Test
    void aMessageIsAStructWithExactlyTheFiveMembers() {
        rpc.call("register_user", "ana");
        rpc.call("create_room", "r");
        rpc.call("join_room", "ana", "r");
        Object[] messages = (Object[]) rpc.call("receive_messages", "ana", "r", 0.0);
        Map<?, ?> struct = assertInstanceOf(Map.class, messages[0]);
        assertEquals(Set.of("type", "origin", "destination", "content", "timestamp"), struct.keySet());
        assertInstanceOf(Double.class, struct.get("timestamp"));
        assertEquals("broadcast", struct.get("type"));
        assertEquals("Sistema", struct.get("origin"));
        assertEquals("Todos", struct.get("destination"));
    }

    @Test
    void malformedCallsGetFaultsThatNameTheProcedureAndTheProblem() {
        RpcFault arity = assertThrows(RpcFault.class, () -> rpc.call("send_message", "ana", "r"));
        assertEquals(Faults.INVALID_PARAMS, arity.code());
        assertEquals("send_message: expected 3 or 4 arguments (username, room, content[, recipient]), got 2",
                arity.faultString());
        RpcFault type = assertThrows(RpcFault.class, () -> rpc.call("register_user", 42));
        assertEquals("register_user: argument 1 (username) must be a string, got int", type.faultString());
        RpcFault empty = assertThrows(RpcFault.class, () -> rpc.call("create_room", " "));
        assertEquals("create_room: argument 1 (room) must not be empty", empty.faultString());
        RpcFault timestamp = assertThrows(RpcFault.class, () -> rpc.call("receive_messages", "a", "r", "yesterday"));
        assertTrue(timestamp.faultString().contains("argument 3 (last_timestamp) must be a number, got string"));
        RpcFault unknown = assertThrows(RpcFault.class, () -> rpc.call("drop_tables"));
        assertEquals(Faults.METHOD_NOT_FOUND, unknown.code());
        assertEquals(true, rpc.call("register_user", "still-alive"), "the server keeps serving after faults");
    }

    @Test
    void theSweeperRemovesRoomsEmptyLongerThanTheTtl() throws IOException {
        try (ChatServer quick = ChatServer.start(ServerConfig.local(binder.endpoint()).withRoomTtl(Duration.ofMillis(200)))) {
            RpcClient client = new RpcClient(quick.endpoint());
            client.call("create_room", "brief");
            client.call("register_user", "ana");
            client.call("create_room", "kept");
            client.call("join_room", "ana", "kept");
            Await.until("the empty room to be removed",
                    () -> !WireValues.strings(client.call("list_rooms")).contains("brief"));
            assertEquals(List.of("kept"), WireValues.strings(client.call("list_rooms")));
        }
    }

    @Test
    void sweepingIsFrequentEnoughButNeverBusy() {
        assertEquals(Duration.ofSeconds(1), ChatServer.sweepInterval(Duration.ofMinutes(5)));
        assertEquals(Duration.ofMillis(20), ChatServer.sweepInterval(Duration.ofMillis(200)));
        assertEquals(Duration.ofMillis(10), ChatServer.sweepInterval(Duration.ofMillis(1)));
    }

    @Test
    void joinReturnsTheLastFiftyMessages() {
        rpc.call("register_user", "ana");
        rpc.call("create_room", "r");
        rpc.call("join_room", "ana", "r");
        for (int i = 0; i < 80; i++) {
            rpc.call("send_message", "ana", "r", "m" + i, null);
        }
        rpc.call("register_user", "bob");
        List<Message> history = WireValues.messages(((Object[]) rpc.call("join_room", "bob", "r"))[1]);
        assertEquals(50, history.size());
        assertEquals("m31", history.get(0).content());
        assertEquals("bob entrou na sala.", history.get(49).content());
        assertFalse(history.stream().anyMatch(m -> m.content().equals("m30")));
    }
}
