package chat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.binder.BinderConfig;
import chat.binder.BinderServer;
import chat.common.BinderClient;
import chat.common.ChatProcedures;
import chat.common.rpc.HttpLimits;
import chat.common.testing.Await;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A chat server stays known to the Binder: registered again every so often, unregistered when it closes. */
class BinderRegistrationTest {
    private BinderServer binder;
    private ChatServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (binder != null) {
            binder.close();
        }
    }

    @Test
    void aCleanCloseUnregistersEveryProcedureAndLeavesTheOtherServers() throws IOException {
        binder = BinderServer.start(BinderConfig.ephemeral());
        server = ChatServer.start(ServerConfig.local(binder.endpoint()));
        try (ChatServer other = ChatServer.start(ServerConfig.local(binder.endpoint()))) {
            for (String procedure : ChatProcedures.REGISTERED) {
                assertEquals(List.of(other.endpoint(), server.endpoint()), binder.binder().registrations().get(procedure));
            }

            server.close();

            for (String procedure : ChatProcedures.REGISTERED) {
                assertEquals(List.of(other.endpoint()), binder.binder().registrations().get(procedure), procedure);
            }
            other.close();
            assertEquals(Map.of(), binder.binder().registrations(), "the last one out leaves the Binder empty");
        }
    }

    @Test
    void aRestartedBinderLearnsOfTheServerAgainWithNobodyDoingAnything() throws IOException {
        binder = BinderServer.start(BinderConfig.ephemeral());
        int port = binder.port();
        server = ChatServer.start(ServerConfig.local(binder.endpoint()).withReRegisterEvery(Duration.ofMillis(50)));

        binder.close();
        binder = BinderServer.start(new BinderConfig("localhost", port, HttpLimits.DEFAULTS));
        BinderClient lookups = new BinderClient(binder.endpoint());

        Await.until("the server registered with the new Binder",
                () -> binder.binder().registrations().keySet().containsAll(ChatProcedures.REGISTERED));
        for (String procedure : ChatProcedures.REGISTERED) {
            assertEquals(Optional.of(server.endpoint()), lookups.lookup(procedure), procedure);
        }
    }

    @Test
    void registeringAgainRestoresAForgottenNameAndNeverDuplicates() throws IOException {
        binder = BinderServer.start(BinderConfig.ephemeral());
        server = ChatServer.start(ServerConfig.local(binder.endpoint()).withReRegisterEvery(Duration.ofMillis(20)));

        binder.binder().unregister(ChatProcedures.JOIN_ROOM, server.endpoint());

        Await.until("join_room registered again", () -> binder.binder().holds(ChatProcedures.JOIN_ROOM));
        assertEquals(ChatProcedures.REGISTERED.size(), binder.binder().status().size(), "one row per name, not more");
        assertTrue(binder.binder().registrations().values().stream().allMatch(List.of(server.endpoint())::equals));
    }

    @Test
    void closingWhenTheBinderIsGoneStillEndsPromptly() throws IOException {
        binder = BinderServer.start(BinderConfig.ephemeral());
        server = ChatServer.start(ServerConfig.local(binder.endpoint()).withReRegisterEvery(Duration.ofMillis(20)));
        binder.close();
        binder = null;

        assertTimeoutPreemptively(Duration.ofSeconds(15), server::close, "close must not hang on a gone Binder");
        server = null;
    }
}
