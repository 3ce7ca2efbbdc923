package chat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.common.ChatProcedures;
import chat.common.Endpoint;
import chat.common.JoinedRoom;
import chat.common.Message;
import chat.common.MessageBatch;
import chat.common.ServerStatus;
import chat.common.rpc.RpcClient;
import chat.common.rpc.RpcFault;
import chat.server.persist.Persistence;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A standalone server keeping its chat in a data directory, stopped and started again, over the socket. */
class KeptServerTest {
    @TempDir
    Path data;

    private ChatServer server;

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.close();
        }
    }

    private Endpoint start() throws IOException {
        server = ChatServer.start(ServerConfig.local(null).withSessionPolicy(SessionPolicy.PROTECT)
                .withPersistence(new Persistence.DataDirectory(data)));
        return new Endpoint("localhost", server.port());
    }

    /** A client holding its session token, sent with every call once it has one: it moves to a new address. */
    private static final class Client {
        final AtomicReference<String> token = new AtomicReference<>();
        final AtomicReference<Endpoint> at = new AtomicReference<>();

        Client(Endpoint at) {
            this.at.set(at);
        }

        Object call(String procedure, Object... args) {
            RpcClient rpc = new RpcClient(at.get(), Duration.ofSeconds(10),
                    () -> token.get() == null ? Map.of() : Map.of(ChatProcedures.SESSION_HEADER, token.get()));
            return rpc.call(procedure, args);
        }

        Client register(String name) {
            token.set(assertInstanceOf(String.class, call(ChatProcedures.REGISTER_SESSION, name)));
            return this;
        }
    }

    @Test
    void aRestartedServerKeepsRoomsMessagesNamesAndSessionsAndAClientGoesOnFromItsCursor() throws Exception {
        Client ana = new Client(start()).register("ana");
        assertEquals(true, ana.call(ChatProcedures.CREATE_ROOM, "sala"));
        JoinedRoom joined = JoinedRoom.fromWire(ana.call(ChatProcedures.JOIN_ROOM, "ana", "sala"));
        List<String> sent = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            assertEquals(true, ana.call(ChatProcedures.SEND_MESSAGE, "ana", "sala", "antes " + i));
            sent.add("antes " + i);
        }
        MessageBatch before = MessageBatch.fromWire(ana.call(ChatProcedures.WAIT_MESSAGES, "ana", "sala",
                joined.messages().get(joined.messages().size() - 1).timestamp(), 0));
        assertEquals(sent, before.messages().stream().map(Message::content).toList());
        server.close();
        server = null;

        ana.at.set(start());
        // The session survived: a call as ana without its token is refused, with it answered.
        RpcClient anonymous = new RpcClient(ana.at.get(), Duration.ofSeconds(10));
        assertThrows(RpcFault.class, () -> anonymous.call(ChatProcedures.SEND_MESSAGE, "ana", "sala", "impostor"));
        assertEquals(true, ana.call(ChatProcedures.SEND_MESSAGE, "ana", "sala", "depois"));
        MessageBatch after = MessageBatch.fromWire(ana.call(ChatProcedures.WAIT_MESSAGES, "ana", "sala",
                (int) before.cursor(), 0));
        assertEquals(List.of("depois"), after.messages().stream().map(Message::content).toList(),
                "nothing twice, nothing missed");
        assertEquals(List.of("ana"), List.of((Object[]) ana.call(ChatProcedures.LIST_USERS, "sala")));

        Client bia = new Client(ana.at.get()).register("bia");
        JoinedRoom seen = JoinedRoom.fromWire(bia.call(ChatProcedures.JOIN_ROOM, "bia", "sala"));
        List<String> history = seen.messages().stream().map(Message::content).toList();
        assertTrue(history.containsAll(sent) && history.contains("depois"), history.toString());

        ServerStatus status = ServerStatus.fromWire(ana.call(ChatProcedures.SERVER_STATUS));
        assertEquals(2, status.users());
        assertTrue(status.store().startsWith("memory, kept in " + data.toAbsolutePath()), status.store());
    }
}
