package chat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.common.ChatProcedures;
import chat.common.rpc.RpcClient;
import chat.common.rpc.RpcFault;
import chat.server.testing.LogCapture;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the server's log (at INFO, as it runs) says of the calls it refuses: not the refusals users meet in normal use
 * (a long poll of the room just left, a call with a session that ended while its client was away), which are at
 * DEBUG, but the others, which an operator may want to read.
 */
class RefusalLogTest {
    @Test
    void refusalsOfNormalUseStayOutOfTheLogAndOthersAreInIt() throws Exception {
        try (ChatServer server = ChatServer.start(ServerConfig.local(null));
             LogCapture log = LogCapture.start()) {
            RpcClient plain = new RpcClient(server.endpoint());
            plain.call(ChatProcedures.REGISTER_USER, "ana");
            plain.call(ChatProcedures.CREATE_ROOM, "sala1");
            RpcFault notMember = assertThrows(RpcFault.class,
                    () -> plain.call(ChatProcedures.WAIT_MESSAGES, "ana", "sala1", 0, 0));
            assertEquals("wait_messages: ana is not a member of room sala1", notMember.faultString());

            String token = (String) plain.call(ChatProcedures.REGISTER_SESSION, "bruno");
            RpcClient bruno = new RpcClient(server.endpoint(), Duration.ofSeconds(10),
                    () -> Map.of(ChatProcedures.SESSION_HEADER, token));
            assertEquals(true, bruno.call(ChatProcedures.UNREGISTER_USER, "bruno"));
            RpcFault ended = assertThrows(RpcFault.class, () -> bruno.call(ChatProcedures.KEEP_ALIVE, "bruno"));
            assertTrue(ended.faultString().startsWith("keep_alive: no session of bruno has this token"), ended.faultString());

            assertThrows(RpcFault.class, () -> plain.call(ChatProcedures.REGISTER_USER, 42));

            // The log line is written before the fault is sent.
            assertEquals(1, log.count("refused a call: register_user: argument 1 (username) must be a string"), log.text());
            assertEquals(0, log.count("refused a call: wait_messages"), log.text());
            assertEquals(0, log.count("refused a call: keep_alive"), log.text());
        }
    }
}
