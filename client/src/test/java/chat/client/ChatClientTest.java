package chat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.common.JoinedRoom;
import chat.binder.BinderConfig;
import chat.binder.BinderServer;
import chat.client.ChatCallException.Reason;
import chat.common.BinderClient;
import chat.common.ChatProcedures;
import chat.common.Endpoint;
import chat.common.Message;
import chat.common.MessageType;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The typed calls, over the wire to a server found through the Binder. */
class ChatClientTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private LocalChat chat;
    private ChatClient client;

    @BeforeEach
    void start() throws IOException {
        chat = LocalChat.start();
        client = new ChatClient(chat.binder(), TIMEOUT);
    }

    @AfterEach
    void stop() {
        chat.close();
    }

    @Test
    void registersNamesAndCreatesRoomsOnce() {
        assertEquals(chat.server().endpoint(), client.connect());
        assertTrue(client.register("João"));
        assertFalse(client.register("João"));
        assertTrue(client.createRoom("ação"));
        assertFalse(client.createRoom("ação"));
        assertEquals(List.of("ação"), client.listRooms());
    }

    @Test
    void aBotMadeForABindersAddressChatsThroughIt() {
        try (ChatClient bot = ChatClient.forBinder(chat.binder())) {
            assertTrue(bot.register("bot"));
            assertTrue(bot.createRoom("lobby"));
            assertTrue(bot.join("bot", "lobby").isPresent());
            assertTrue(bot.send("bot", "lobby", "hello", null));

            assertEquals(List.of("hello"), bot.receive("bot", "lobby", 0).stream()
                    .filter(message -> message.origin().equals("bot")).map(Message::content).toList());
        }
    }

    @Test
    void joiningAnswersTheMembersAndTheRecentMessages() {
        client.register("ana");
        client.register("bob");
        client.createRoom("sala");
        client.join("ana", "sala");
        assertTrue(client.send("ana", "sala", "oi", null));

        JoinedRoom joined = client.join("bob", "sala").orElseThrow();

        assertEquals(List.of("ana", "bob"), joined.users());
        assertEquals(List.of("ana entrou na sala.", "oi", "bob entrou na sala."),
                joined.messages().stream().map(Message::content).toList());
        assertEquals(Optional.empty(), client.join("bob", "nenhuma"));
        assertEquals(Optional.empty(), client.join("desconhecido", "sala"));
    }

    @Test
    void sendsToEveryoneOrToOneMemberAndReceivesAfterAServerTimestamp() {
        client.register("ana");
        client.register("bob");
        client.createRoom("sala");
        client.join("ana", "sala");
        double joined = client.join("bob", "sala").orElseThrow().messages().get(1).timestamp();

        assertTrue(client.send("ana", "sala", "para todos", null));
        assertTrue(client.send("ana", "sala", "para bob", "bob"));
        assertFalse(client.send("ana", "sala", "para ninguém", "ninguém"));
        assertFalse(client.send("ana", "nenhuma", "x", null));

        List<Message> received = client.receive("bob", "sala", joined);
        assertEquals(List.of("para todos", "para bob"), received.stream().map(Message::content).toList());
        assertEquals(MessageType.UNICAST, received.get(1).type());
        assertEquals(List.of(), client.receive("bob", "sala", received.get(1).timestamp()));
    }

    @Test
    void listsUsersAndLeaves() {
        client.register("ana");
        client.createRoom("sala");
        client.join("ana", "sala");
        assertEquals(List.of("ana"), client.listUsers("sala"));

        client.leave("ana", "sala");

        assertEquals(List.of(), client.listUsers("sala"));
        assertEquals(List.of(), client.listUsers("nenhuma"));
    }

    @Test
    void aServerRestartedOnAnotherPortIsFoundByLookingItUpAgain() throws IOException {
        client.createRoom("antes");
        Endpoint before = chat.server().endpoint();

        chat.restartServer();

        assertNotEquals(before, chat.server().endpoint());
        assertTrue(client.createRoom("depois"));
        assertEquals(List.of("depois"), client.listRooms());
    }

    @Test
    void aBinderThatIsNotRunningIsReportedAsSuch() throws IOException {
        Endpoint nowhere = new Endpoint("localhost", MainTest.freePort());
        ChatCallException e = assertThrows(ChatCallException.class, () -> new ChatClient(nowhere, TIMEOUT).connect());
        assertEquals(Reason.BINDER_UNREACHABLE, e.reason());
        assertEquals(nowhere.toString(), e.where());
    }

    @Test
    void aBinderThatKnowsNoServerIsReportedAsSuch() throws IOException {
        try (BinderServer empty = BinderServer.start(BinderConfig.ephemeral())) {
            ChatCallException e = assertThrows(ChatCallException.class,
                    () -> new ChatClient(empty.endpoint(), TIMEOUT).listRooms());
            assertEquals(Reason.NO_SERVER, e.reason());
            assertEquals(ChatProcedures.LIST_ROOMS, e.detail());
        }
    }

    @Test
    void aServerThatDoesNotAnswerIsReportedOnceTheBinderNamesNoOtherForTheFailoverTime() throws IOException {
        Endpoint gone = new Endpoint("localhost", MainTest.freePort());
        try (BinderServer onlyGone = BinderServer.start(BinderConfig.ephemeral())) {
            BinderClient binder = new BinderClient(onlyGone.endpoint());
            binder.register(ChatProcedures.LIST_ROOMS, gone);
            ChatClient client = new ChatClient(onlyGone.endpoint(), TIMEOUT, Duration.ofMillis(300));

            ChatCallException e = assertThrows(ChatCallException.class, client::listRooms);

            assertEquals(Reason.SERVER_UNREACHABLE, e.reason());
            assertEquals(gone.toString(), e.where());
            binder.register(ChatProcedures.LIST_ROOMS, chat.server().endpoint());
            assertEquals(List.of(), client.listRooms(), "found again once the Binder names a live server");
        }
    }

    @Test
    void aSendRefusedByAServerThatIsGoneNamesThatServerAndWasNotSent() throws IOException {
        Endpoint gone = new Endpoint("localhost", MainTest.freePort());
        try (BinderServer onlyGone = BinderServer.start(BinderConfig.ephemeral())) {
            new BinderClient(onlyGone.endpoint()).register(ChatProcedures.SEND_MESSAGE, gone);
            ChatClient client = new ChatClient(onlyGone.endpoint(), TIMEOUT, Duration.ofMillis(300));

            ChatCallException e = assertThrows(ChatCallException.class, () -> client.send("ana", "sala", "oi", null));

            ChatCallException.Lost lost = e.lost().orElseThrow();
            assertEquals(gone, lost.server());
            assertEquals("Connection refused", lost.detail());
            assertFalse(lost.mayHaveArrived(), "a refused connection sent nothing");
        }
    }

    @Test
    void aSendToAServerThatTookItAndNeverAnsweredMayHaveArrived() throws IOException {
        // Connections complete in the socket's backlog: the request is written, and no answer ever comes.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             BinderServer onlySilent = BinderServer.start(BinderConfig.ephemeral())) {
            Endpoint taker = new Endpoint(silent.getInetAddress().getHostAddress(), silent.getLocalPort());
            new BinderClient(onlySilent.endpoint()).register(ChatProcedures.SEND_MESSAGE, taker);
            ChatClient client = new ChatClient(onlySilent.endpoint(), Duration.ofMillis(300), Duration.ZERO);

            ChatCallException e = assertThrows(ChatCallException.class, () -> client.send("ana", "sala", "oi", null));

            ChatCallException.Lost lost = e.lost().orElseThrow();
            assertEquals(taker, lost.server());
            assertTrue(lost.mayHaveArrived(), "written, then no answer: the server may have stored it");
        }
    }

    @Test
    void aSendWhenTheServerAndTheBinderAreGoneNamesTheServerNotTheBinder() {
        ChatClient client = new ChatClient(chat.binder(), TIMEOUT, Duration.ofMillis(300));
        assertTrue(client.register("ana"));
        assertTrue(client.createRoom("sala"));
        client.join("ana", "sala").orElseThrow();
        Endpoint server = chat.server().endpoint();
        chat.close();

        ChatCallException e = assertThrows(ChatCallException.class, () -> client.send("ana", "sala", "oi", null));

        assertEquals(server, e.lost().orElseThrow().server());
        // Whether it may have arrived depends on the connection: a new one refused, nothing was sent; the kept-alive
        // one the server closed as it stopped, written and then refused when the JDK sent it again, the client
        // cannot tell from a server that stored the message and died before answering (RpcClientTest).
        assertEquals("Connection refused", e.lost().orElseThrow().detail());
        assertEquals(Reason.BINDER_UNREACHABLE, e.reason(), "why no other server was found: " + e);
        assertEquals(chat.binder().toString(), e.where());
    }

    @Test
    void aFaultFromTheServerIsARefusal() {
        ChatCallException e = assertThrows(ChatCallException.class, () -> client.register("   "));
        assertEquals(Reason.SERVER_REFUSED, e.reason());
        assertTrue(e.isRefusal());
    }
}
