package chat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.binder.BinderConfig;
import chat.binder.BinderServer;
import chat.common.AnyBinder;
import chat.common.Binders;
import chat.common.ChatProcedures;
import chat.common.Endpoint;
import chat.common.JoinedRoom;
import chat.common.KeptPlace;
import chat.common.Message;
import chat.common.ServerStatus;
import chat.common.rpc.RpcClient;
import chat.server.persist.DatabaseProblem;
import chat.server.persist.Persistence;
import chat.server.store.StoreKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Clustered servers keeping their shared chat in one SQLite file: every one stopped, then one started again. */
class KeptClusterServerTest {
    @TempDir
    Path data;

    private BinderServer binder;
    private final List<ChatServer> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(ChatServer::close);
        if (binder != null) {
            binder.close();
        }
    }

    private ChatServer start() throws Exception {
        return start(new Persistence.DataDirectory(data));
    }

    private ChatServer start(Persistence kept) throws Exception {
        ChatServer server = ChatServer.start(ServerConfig.local(binder.endpoint()).withStore(StoreKind.CLUSTER)
                .withPersistence(kept));
        servers.add(server);
        return server;
    }

    private static RpcClient client(ChatServer server) {
        return new RpcClient(new Endpoint("localhost", server.port()), Duration.ofSeconds(30));
    }

    @Test
    void theSharedChatOutlivesEveryServer() throws Exception {
        binder = BinderServer.start(BinderConfig.ephemeral());
        ChatServer first = start();
        ChatServer second = start();
        RpcClient ana = client(first);
        RpcClient bia = client(second);
        assertEquals(true, ana.call(ChatProcedures.REGISTER_USER, "ana"));
        assertEquals(true, bia.call(ChatProcedures.REGISTER_USER, "bia"));
        assertEquals(true, ana.call(ChatProcedures.CREATE_ROOM, "sala"));
        ana.call(ChatProcedures.JOIN_ROOM, "ana", "sala");
        bia.call(ChatProcedures.JOIN_ROOM, "bia", "sala");
        for (int i = 0; i < 30; i++) {
            assertEquals(true, (i % 2 == 0 ? ana : bia).call(ChatProcedures.SEND_MESSAGE, i % 2 == 0 ? "ana" : "bia",
                    "sala", "m" + i));
        }
        assertTrue(first.keptIn().orElseThrow().startsWith(data.toAbsolutePath().toString()));
        servers.forEach(ChatServer::close);
        servers.clear();

        ChatServer again = start();
        RpcClient caio = client(again);
        assertEquals(true, caio.call(ChatProcedures.REGISTER_USER, "caio"));
        assertEquals(false, caio.call(ChatProcedures.REGISTER_USER, "ana"), "ana's name is kept");
        JoinedRoom joined = JoinedRoom.fromWire(caio.call(ChatProcedures.JOIN_ROOM, "caio", "sala"));
        assertEquals(List.of("ana", "bia", "caio"), joined.users());
        List<String> history = joined.messages().stream().map(Message::content).filter(c -> c.startsWith("m")).toList();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            expected.add("m" + i);
        }
        assertEquals(expected, history);
        ServerStatus status = ServerStatus.fromWire(caio.call(ChatProcedures.SERVER_STATUS));
        assertTrue(status.store().startsWith("cluster, kept in " + data.toAbsolutePath()), status.store());
    }

    @Test
    void aServerGivenAnotherDataDirectoryKeepsTheChatInTheFileOfTheServersItJoins(@TempDir Path elsewhere)
            throws Exception {
        binder = BinderServer.start(BinderConfig.ephemeral());
        ChatServer first = start();
        ChatServer second = start(new Persistence.DataDirectory(elsewhere));

        assertEquals(first.keptIn(), second.keptIn());
        try (var made = Files.list(elsewhere)) {
            assertEquals(List.of(), made.toList(), "nothing is kept where the second server was told");
        }
        ServerStatus status = ServerStatus.fromWire(client(second).call(ChatProcedures.SERVER_STATUS));
        assertEquals(KeptPlace.file(ClusterKeeping.thisMachine(), first.keptIn().orElseThrow()),
                status.cluster().kept());
        RpcClient bia = client(second);
        assertEquals(true, bia.call(ChatProcedures.REGISTER_USER, "bia"));
        assertEquals(true, bia.call(ChatProcedures.CREATE_ROOM, "sala"));
        bia.call(ChatProcedures.JOIN_ROOM, "bia", "sala");
        for (int i = 0; i < 20; i++) {
            assertEquals(true, bia.call(ChatProcedures.SEND_MESSAGE, "bia", "sala", "m" + i));
        }
        servers.forEach(ChatServer::close);
        servers.clear();

        RpcClient caio = client(start());
        assertEquals(true, caio.call(ChatProcedures.REGISTER_USER, "caio"));
        List<String> history = JoinedRoom.fromWire(caio.call(ChatProcedures.JOIN_ROOM, "caio", "sala")).messages()
                .stream().map(Message::content).filter(c -> c.startsWith("m")).toList();
        assertEquals(20, history.size(), history.toString());
    }

    @Test
    void aServerThatWouldKeepTheChatOtherwiseThanItsClusterIsRefusedAndTheClusterGoesOnAlone() throws Exception {
        binder = BinderServer.start(BinderConfig.ephemeral());
        ChatServer first = start();

        DatabaseProblem refused = assertThrows(DatabaseProblem.class, () -> start(Persistence.MEMORY_ONLY));

        assertEquals("the other servers of this chat keep it in the file " + first.keptIn().orElseThrow() + ", and"
                + " this one would keep it in memory only: start it with neither --memory-only nor --database (or"
                + " give every server the same --database)", refused.getMessage());
        assertEquals(1, first.clusterMember().orElseThrow().hazelcast().getCluster().getMembers().size());
        assertEquals(List.of(first.endpoint()), new AnyBinder(Binders.of(binder.endpoint()), Duration.ofSeconds(5))
                .lookupAll(ChatProcedures.REGISTER_USER));
    }
}
