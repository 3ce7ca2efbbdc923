package chat.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.binder.BinderConfig;
import chat.binder.BinderServer;
import chat.server.ChatServer;
import chat.server.ServerConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The crowd scenario counts what it should: every message to every member of its room, once. */
class CrowdTest {
    private BinderServer binder;
    private ChatServer server;

    @BeforeEach
    void start() throws Exception {
        binder = BinderServer.start(BinderConfig.ephemeral());
        server = ChatServer.start(ServerConfig.local(binder.endpoint()));
    }

    @AfterEach
    void stop() {
        server.close();
        binder.close();
    }

    @ParameterizedTest(name = "long-polling: {0}")
    @ValueSource(booleans = {true, false})
    void everyMemberOfARoomGetsEachOfItsMessagesOnce(boolean waits) throws Exception {
        StringWriter progress = new StringWriter();
        Crowd.Outcome outcome = new Crowd(server.endpoint(), 40, 4, 2, 20, waits, 0.2, 0, 1, null,
                new PrintWriter(progress)).run();

        assertEquals(0, outcome.errors(), outcome.extra());
        assertTrue(outcome.extra().contains("40 users in 4 rooms"), outcome.extra());
        assertTrue(outcome.extra().contains(" 0 missing, 0 duplicates, 0 send errors"), outcome.extra());
        long sent = Long.parseLong(outcome.extra().replaceAll(".*rooms; (\\d+) messages sent.*", "$1"));
        assertTrue(sent > 0, outcome.extra());
        // 40 users in 4 rooms: each message has 10 readers.
        assertTrue(outcome.extra().contains(", " + sent * 10 + " deliveries"), outcome.extra());
        assertEquals(sent * 10, outcome.latencies().count(), outcome.extra());
        assertTrue(progress.toString().contains("40 users connected, registered and in 4 rooms"), progress.toString());
    }
}
