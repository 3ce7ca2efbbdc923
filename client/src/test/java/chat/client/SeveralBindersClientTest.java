package chat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.binder.BinderConfig;
import chat.binder.BinderServer;
import chat.common.Binders;
import chat.common.Endpoint;
import chat.common.Message;
import chat.common.testing.Started;
import chat.server.ChatServer;
import chat.server.ServerConfig;
import chat.server.store.InMemoryChatStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A client given several Binders looks up in any that answers: one Binder's death costs it nothing. */
class SeveralBindersClientTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Started started = new Started();
    private final InMemoryChatStore chat = new InMemoryChatStore(ServerConfig.DEFAULT_HISTORY_LIMIT);
    private BinderServer first;
    private BinderServer second;

    @AfterEach
    void stop() {
        started.close();
    }

    private Binders startTwoBinders() throws IOException {
        first = started.add(BinderServer.start(BinderConfig.ephemeral()));
        second = started.add(BinderServer.start(BinderConfig.ephemeral()));
        return Binders.of(first.endpoint(), second.endpoint());
    }

    /** A server of the one chat, registered with every Binder. */
    private ChatServer server(Binders binders) throws IOException {
        return started.add(ChatServer.start(ServerConfig.builder().binders(binders).build(), Clock.systemUTC(), chat));
    }

    @Test
    void aClientWhoseFirstBinderIsDeadFindsTheServerThroughTheNext() throws IOException {
        Binders binders = startTwoBinders();
        ChatServer server = server(binders);
        first.close();

        ChatClient ana = started.add(new ChatClient(binders, TIMEOUT, Duration.ofSeconds(10)));

        assertTrue(ana.register("ana"));
        assertEquals(server.endpoint(), ana.server().orElseThrow());
    }

    @Test
    void whenTheFirstBinderAndTheServerInUseDieTheClientMovesThroughTheNextBinderAndGoesOn() throws IOException {
        Binders binders = startTwoBinders();
        ChatServer a = server(binders);
        ChatClient ana = started.add(new ChatClient(binders, TIMEOUT, Duration.ofSeconds(10)));
        assertTrue(ana.register("ana"));
        assertTrue(ana.createRoom("sala"));
        ana.join("ana", "sala");
        assertTrue(ana.send("ana", "sala", "antes", null));
        Endpoint before = ana.server().orElseThrow();
        ChatServer b = server(binders);

        first.close();
        (before.equals(a.endpoint()) ? a : b).close();

        assertEquals(List.of("sala"), ana.listRooms(), "a read is made again on the server found through the other Binder");
        assertNotEquals(before, ana.server().orElseThrow());
        assertTrue(ana.send("ana", "sala", "depois", null));
        ChatClient reader = started.add(new ChatClient(Binders.of(second.endpoint()), TIMEOUT, Duration.ZERO));
        assertEquals(List.of("antes", "depois"), reader.receive("ana", "sala", 0).stream()
                .filter(message -> message.origin().equals("ana")).map(Message::content).toList());
    }
}
