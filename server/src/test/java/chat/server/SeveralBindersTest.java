package chat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.binder.BinderConfig;
import chat.binder.BinderServer;
import chat.common.Binders;
import chat.common.ChatProcedures;
import chat.common.Endpoint;
import chat.common.rpc.HttpLimits;
import chat.common.testing.Await;
import chat.common.testing.Started;
import chat.server.store.StoreKind;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A server given several Binders registers with every one, whichever of them is up when. */
class SeveralBindersTest {
    private final Started started = new Started();

    @AfterEach
    void stop() {
        started.close();
    }

    private BinderServer binder() throws IOException {
        return started.add(BinderServer.start(BinderConfig.ephemeral()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    private static ServerConfig config(Binders binders) {
        return ServerConfig.builder().binders(binders).reRegisterEvery(Duration.ofMillis(50)).build();
    }

    private static boolean holdsEveryProcedureOf(BinderServer binder, ChatServer server) {
        Map<String, List<Endpoint>> registrations = binder.binder().registrations();
        return ChatProcedures.REGISTERED.stream()
                .allMatch(name -> registrations.getOrDefault(name, List.of()).contains(server.endpoint()));
    }

    @Test
    void aServerRegistersWithEveryBinderAndUnregistersFromEveryOneWhenItCloses() throws IOException {
        BinderServer first = binder();
        BinderServer second = binder();
        ChatServer server = ChatServer.start(config(Binders.of(first.endpoint(), second.endpoint())));

        assertTrue(holdsEveryProcedureOf(first, server));
        assertTrue(holdsEveryProcedureOf(second, server));

        server.close();

        assertEquals(Map.of(), first.binder().registrations());
        assertEquals(Map.of(), second.binder().registrations());
    }

    @Test
    void aBinderThatIsDownAtTheStartIsRegisteredWithOnceItAnswers() throws IOException {
        BinderServer up = binder();
        int downPort = freePort();
        ChatServer server = started.add(ChatServer.start(config(Binders.of(new Endpoint("localhost", downPort),
                up.endpoint()))));
        assertTrue(holdsEveryProcedureOf(up, server), "the Binder that is up has the server at once");

        BinderServer late = started.add(BinderServer.start(new BinderConfig("localhost", downPort, HttpLimits.DEFAULTS)));

        Await.until("the server registered with the Binder that came up", () -> holdsEveryProcedureOf(late, server));
    }

    @Test
    void whenNoBinderAnswersTheServerDoesNotStartAndSaysWhichItTried() throws IOException {
        Binders nowhere = Binders.of(new Endpoint("localhost", freePort()), new Endpoint("localhost", freePort()));

        IOException failure = assertThrows(IOException.class, () -> started.add(ChatServer.start(config(nowhere))));

        assertTrue(failure.getMessage().startsWith("cannot register with any of the Binders at " + nowhere + ": "),
                failure.getMessage());
        assertTrue(failure.getMessage().endsWith("(is any of them running? see --binder)"), failure.getMessage());
    }

    @Test
    void clusteredServersGivenTheSameBindersInAnyOrderShareOneChat() throws IOException {
        BinderServer first = binder();
        BinderServer second = binder();
        ChatServer one = started.add(ChatServer.start(config(Binders.of(first.endpoint(), second.endpoint()))
                .withStore(StoreKind.CLUSTER)));
        ChatServer other = started.add(ChatServer.start(config(Binders.of(second.endpoint(), first.endpoint()))
                .withStore(StoreKind.CLUSTER)));

        assertEquals(2, one.clusterMember().orElseThrow().hazelcast().getCluster().getMembers().size(),
                "one cluster of two");
        assertTrue(one.service().registerUser("ana"));
        assertTrue(one.service().createRoom("sala"));

        Await.until("the room seen on the other server", () -> other.service().listRooms().equals(List.of("sala")));
        assertTrue(!other.service().registerUser("ana"), "the name is taken in the one chat");
        assertTrue(holdsEveryProcedureOf(first, other) && holdsEveryProcedureOf(second, one));
    }

    @Test
    void aClusteredServerFindsTheOthersThroughASecondBinderWhenTheFirstIsDown() throws IOException {
        BinderServer up = binder();
        Binders binders = Binders.of(new Endpoint("localhost", freePort()), up.endpoint());
        ChatServer one = started.add(ChatServer.start(config(binders).withStore(StoreKind.CLUSTER)));
        ChatServer other = started.add(ChatServer.start(config(binders).withStore(StoreKind.CLUSTER)));

        assertEquals(2, other.clusterMember().orElseThrow().hazelcast().getCluster().getMembers().size(),
                "one cluster of two");
        assertTrue(one.service().createRoom("sala"));

        Await.until("the room seen on the other server", () -> other.service().listRooms().equals(List.of("sala")));
    }
}
