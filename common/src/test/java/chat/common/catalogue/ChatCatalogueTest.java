package chat.common.catalogue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.common.ChatProcedures;
import chat.common.Endpoint;
import chat.common.JoinedRoom;
import chat.common.Message;
import chat.common.MessageBatch;
import chat.common.ServerStatus;
import chat.common.catalogue.Requests.Fetch;
import chat.common.catalogue.Requests.InRoom;
import chat.common.catalogue.Requests.None;
import chat.common.catalogue.Requests.Post;
import chat.common.catalogue.Requests.Room;
import chat.common.catalogue.Requests.User;
import chat.common.catalogue.Requests.Wait;
import chat.common.rpc.Faults;
import chat.common.rpc.ProcedureTable;
import chat.common.rpc.RawHttp;
import chat.common.rpc.RpcClient;
import chat.common.rpc.RpcEndpoint;
import chat.common.rpc.RpcFault;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChatCatalogueTest {
    private static final Message HELLO = Message.broadcast("João", "olá, ação", 1_764_000_000.125);
    private static final Message PSST = Message.unicast("ana", "bob", "psst", 1_764_000_001.5);

    private final AtomicReference<Object> received = new AtomicReference<>();
    private final AtomicReference<Object> answer = new AtomicReference<>();
    private RpcEndpoint server;
    private RpcClient client;

    /** A server serving every catalogue entry: each call's request is kept, and the answer set beforehand is sent. */
    @BeforeEach
    void start() throws IOException {
        ProcedureTable.Builder table = ProcedureTable.builder();
        for (ChatProcedure<?, ?> procedure : ChatCatalogue.all()) {
            table.add(procedure.signature(), false, call -> {
                received.set(procedure.requestFromWire(call));
                return answer.get();
            });
        }
        server = RpcEndpoint.start(RpcEndpoint.Options.of("catalogue", "127.0.0.1", 0), table.build());
        client = new RpcClient(new Endpoint("127.0.0.1", server.port()));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Calls {@code procedure} as the client does, the server answering {@code reply} as the server does. */
    private <Q, A> A roundTrip(ChatProcedure<Q, A> procedure, Q request, A reply) {
        answer.set(procedure.answerToWire(reply));
        A read = procedure.answerFromWire(client.call(procedure.name(), procedure.requestToWire(request)));
        assertEquals(request, received.get(), procedure + "'s request as the server read it");
        return read;
    }

    private <Q, A> void crossesUnchanged(ChatProcedure<Q, A> procedure, Q request, A reply) {
        assertEquals(reply, roundTrip(procedure, request, reply), procedure + "'s answer as the client read it");
    }

    @Test
    void everyRequestAndAnswerCrossesTheWireUnchanged() {
        crossesUnchanged(ChatCatalogue.REGISTER_USER, new User("João"), true);
        crossesUnchanged(ChatCatalogue.CREATE_ROOM, new Room("ação"), false);
        crossesUnchanged(ChatCatalogue.JOIN_ROOM, new InRoom("ana", "sala"),
                Optional.of(new JoinedRoom(List.of("ana", "bob"), List.of(HELLO, PSST))));
        crossesUnchanged(ChatCatalogue.JOIN_ROOM, new InRoom("eve", "sala"), Optional.empty());
        crossesUnchanged(ChatCatalogue.SEND_MESSAGE, new Post("ana", "sala", "olá", null), true);
        crossesUnchanged(ChatCatalogue.SEND_MESSAGE, new Post("ana", "sala", "psst", "bob"), false);
        crossesUnchanged(ChatCatalogue.RECEIVE_MESSAGES, new Fetch("ana", "sala", 1_764_000_000.0), List.of(HELLO, PSST));
        crossesUnchanged(ChatCatalogue.RECEIVE_MESSAGES, new Fetch("ana", "sala", null), List.of());
        crossesUnchanged(ChatCatalogue.LIST_ROOMS, None.NONE, List.of("sala", "ação"));
        crossesUnchanged(ChatCatalogue.LIST_USERS, new Room("sala"), List.of("ana"));
        crossesUnchanged(ChatCatalogue.REMOVE_USER, new InRoom("ana", "sala"), null);
        crossesUnchanged(ChatCatalogue.WAIT_MESSAGES, new Wait("ana", "sala", 1_764_000_000.125, 25),
                new MessageBatch(3, List.of(HELLO)));
        crossesUnchanged(ChatCatalogue.WAIT_MESSAGES, new Wait("ana", "sala", 3L, 0.5), new MessageBatch(3, List.of()));
        crossesUnchanged(ChatCatalogue.WAIT_MESSAGES, new Wait("ana", "sala", 3_000_000_000L, 25),
                new MessageBatch(3_000_000_001L, List.of(PSST)));
        crossesUnchanged(ChatCatalogue.KEEP_ALIVE, new User("ana"), true);
        crossesUnchanged(ChatCatalogue.REGISTER_SESSION, new User("ana"), Optional.of("s3cr3t"));
        crossesUnchanged(ChatCatalogue.REGISTER_SESSION, new User("ana"), Optional.empty());
        crossesUnchanged(ChatCatalogue.UNREGISTER_USER, new User("ana"), false);
        crossesUnchanged(ChatCatalogue.SERVER_STATUS, None.NONE, new ServerStatus(1, 2, 3, 4, "memory",
                new ServerStatus.Cluster("10.0.0.1:5701", 3)));
    }

    @Test
    void argumentsGoAsThePythonClientSendsThem() {
        assertArrayEquals(new Object[] {"ana", "sala", "olá", null},
                ChatCatalogue.SEND_MESSAGE.requestToWire(new Post("ana", "sala", "olá", null)), "everyone: a nil recipient");
        assertArrayEquals(new Object[] {"ana", "sala"},
                ChatCatalogue.RECEIVE_MESSAGES.requestToWire(new Fetch("ana", "sala", null)), "the server's cursor");
        assertArrayEquals(new Object[] {"ana", "sala", 7, 25},
                ChatCatalogue.WAIT_MESSAGES.requestToWire(new Wait("ana", "sala", 7, 25)), "ints, as ever");
        assertArrayEquals(new Object[0], ChatCatalogue.LIST_ROOMS.requestToWire(None.NONE));
    }

    @Test
    void everyRecipientTheOriginalReadsAsFalseIsEveryone() {
        Post everyone = new Post("ana", "sala", "olá", null);
        answer.set(true);
        for (Object[] arguments : List.of(new Object[] {"ana", "sala", "olá"}, new Object[] {"ana", "sala", "olá", null},
                new Object[] {"ana", "sala", "olá", ""}, new Object[] {"ana", "sala", "olá", Map.of()})) {
            received.set(null);
            assertEquals(true, client.call("send_message", arguments));
            assertEquals(everyone, received.get(), arguments.length + " arguments, the last " + arguments[arguments.length - 1]);
        }
        assertEquals(everyone, new Post("ana", "sala", "olá", ""), "an empty name is no name");
    }

    @Test
    void anEmptyStructAsDavexmlrpcSendsForNullIsEveryone() {
        received.set(null);
        RawHttp.Response response = RawHttp.post(server.port(), "/", RawHttp.methodCall("send_message",
                "<string>ana</string>", "<string>sala</string>", "<string>olá</string>", "<struct/>"));

        assertFalse(response.isFault(), response.text());
        assertEquals(new Post("ana", "sala", "olá", null), received.get());
    }

    @Test
    void aRecipientOfAnotherTypeIsStillRefused() {
        for (Object recipient : List.of(Map.of("name", "bob"), 0, false, new Object[0])) {
            RpcFault fault = assertThrows(RpcFault.class, () -> client.call("send_message", "ana", "sala", "olá", recipient));
            assertEquals(Faults.INVALID_PARAMS, fault.code());
            assertTrue(fault.faultString().startsWith("send_message: argument 4 (recipient) must be a string, got "),
                    fault.faultString());
        }
    }

    @Test
    void aJoinAnsweredFalseReadsAsNoRoomLikeNil() {
        assertEquals(Optional.empty(), ChatCatalogue.JOIN_ROOM.answerFromWire(false));
        assertEquals(Optional.empty(), ChatCatalogue.JOIN_ROOM.answerFromWire(null));
    }

    @Test
    void anAnswerOfTheWrongShapeIsRefusedSayingWhatCame() {
        IllegalArgumentException notABoolean = assertThrows(IllegalArgumentException.class,
                () -> ChatCatalogue.REGISTER_USER.answerFromWire("yes"));
        assertEquals("expected a boolean, got string", notABoolean.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ChatCatalogue.REGISTER_SESSION.answerFromWire(""));
        assertThrows(IllegalArgumentException.class, () -> ChatCatalogue.REGISTER_SESSION.answerFromWire(true));
        assertThrows(IllegalArgumentException.class, () -> ChatCatalogue.JOIN_ROOM.answerFromWire(new Object[] {List.of()}));
        assertThrows(IllegalArgumentException.class, () -> ChatCatalogue.LIST_ROOMS.answerFromWire(Map.of()));
    }

    @Test
    void aWaitsCursorIsASequenceNumberOrAServerTimestamp() {
        assertEquals(7L, new Wait("ana", "sala", 7, 1).cursor(), "an Integer is a sequence number");
        assertThrows(IllegalArgumentException.class, () -> new Wait("ana", "sala", 7.5f, 1));
        assertThrows(IllegalArgumentException.class, () -> new Wait("ana", "sala", null, 1));
    }

    @Test
    void serversRegisterTheOriginalsEightThenThisPortsFourButNotTheirStatus() {
        assertEquals(List.of("register_user", "create_room", "join_room", "send_message", "receive_messages",
                "list_rooms", "list_users", "remove_user", "wait_messages", "keep_alive", "register_session",
                "unregister_user"), ChatCatalogue.registeredNames());
        assertEquals(ChatCatalogue.registeredNames(), ChatProcedures.REGISTERED);
        assertTrue(ChatProcedures.REGISTERED.containsAll(ChatProcedures.ALL));
        assertFalse(ChatCatalogue.SERVER_STATUS.registered());
        assertEquals(Optional.of(ChatCatalogue.SERVER_STATUS), ChatCatalogue.named("server_status"));
        assertEquals(Optional.empty(), ChatCatalogue.named("register_procedure"));
    }

    @Test
    void callsNamingAUserActAsItAndRegisteringOnesCarryNoSession() {
        Map<String, String> actingUsers = ChatCatalogue.all().stream().filter(p -> p.actingUser().isPresent())
                .collect(Collectors.toMap(ChatProcedure::name, p -> p.actingUser().orElseThrow()));
        assertEquals(Map.of("join_room", "username", "send_message", "username", "receive_messages", "username",
                "remove_user", "username", "wait_messages", "username", "keep_alive", "username",
                "unregister_user", "username"), actingUsers);
        assertEquals(List.of("register_user", "register_session"), ChatCatalogue.all().stream()
                .filter(ChatProcedure::registersAName).map(ChatProcedure::name).toList());
        assertEquals("ana", ChatCatalogue.SEND_MESSAGE.actingUser(new Object[] {"ana", "sala", "oi", null}));
        assertEquals(null, ChatCatalogue.SEND_MESSAGE.actingUser(new Object[] {null, "sala", "oi", null}));
        assertEquals(null, ChatCatalogue.LIST_USERS.actingUser(new Object[] {"sala"}));
    }
}
