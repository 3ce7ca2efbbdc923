package chat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.common.ChatProcedures;
import chat.common.Endpoint;
import chat.common.WireValues;
import chat.common.rpc.RpcClient;
import chat.common.testing.Await;
import chat.common.testing.ManualClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The running server's sweeper applies the idle rules, over the socket. */
class ChatServerPresenceTest {
    private final ManualClock clock = ManualClock.atSomeInstant();
    private ChatServer server;

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theSweeperMakesIdleUsersLeaveAndFreesTheirNamesLater() throws Exception {
        server = ChatServer.start(ServerConfig.local(null)
                .withIdleTimes(new IdleTimes(Duration.ofSeconds(60), Duration.ofMinutes(30))), clock);
        RpcClient rpc = new RpcClient(new Endpoint("localhost", server.port()));
        assertEquals(true, rpc.call(ChatProcedures.REGISTER_USER, "ana"));
        assertEquals(true, rpc.call(ChatProcedures.REGISTER_USER, "bob"));
        rpc.call(ChatProcedures.CREATE_ROOM, "sala");
        rpc.call(ChatProcedures.JOIN_ROOM, "ana", "sala");
        rpc.call(ChatProcedures.JOIN_ROOM, "bob", "sala");
        clock.advance(Duration.ofSeconds(40));
        assertEquals(true, rpc.call(ChatProcedures.KEEP_ALIVE, "bob"));
        clock.advance(Duration.ofSeconds(21));
        Await.until("ana, idle 61 s, leaves sala",
                () -> WireValues.strings(rpc.call(ChatProcedures.LIST_USERS, "sala")).equals(List.of("bob")));
        List<String> seen = WireValues.messages(rpc.call(ChatProcedures.RECEIVE_MESSAGES, "bob", "sala", 0.0))
                .stream().map(m -> m.content()).toList();
        assertEquals("ana saiu da sala.", seen.get(seen.size() - 1));
        assertEquals(false, rpc.call(ChatProcedures.REGISTER_USER, "ana"), "ana keeps its name for now");

        clock.advance(Duration.ofMinutes(30));
        Await.until("ana's name is freed: anyone may register it",
                () -> Boolean.TRUE.equals(rpc.call(ChatProcedures.REGISTER_USER, "ana")));
        Await.until("bob, idle 30 min since his keep_alive, leaves sala",
                () -> WireValues.strings(rpc.call(ChatProcedures.LIST_USERS, "sala")).isEmpty());
        assertFalse(server.service().listRooms().isEmpty(), "the room itself waits for its TTL");
    }
}
