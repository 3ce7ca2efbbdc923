package chat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.binder.BinderConfig;
import chat.binder.BinderServer;
import chat.common.Message;
import chat.server.ChatServer;
import chat.server.ServerConfig;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The three programs started from Java with their builders, as the README shows. */
class EmbeddingTest {

    @Test
    void aBinderAServerAndABotStartedWithTheBuildersChat() throws IOException {
        try (BinderServer binder = BinderServer.start(BinderConfig.builder().port(0).build());
             ChatServer server = ChatServer.start(ServerConfig.builder().binder(binder.endpoint()).build());
             ChatClient bot = ChatClient.forBinder(binder.endpoint())) {
            assertTrue(bot.register("bot"));
            assertTrue(bot.createRoom("lobby"));
            assertTrue(bot.join("bot", "lobby").isPresent());
            assertTrue(bot.send("bot", "lobby", "hello", null));

            assertEquals(server.endpoint(), bot.server().orElseThrow());
            assertEquals(List.of("hello"), server.service().receive("bot", "lobby", 0).stream()
                    .filter(message -> message.origin().equals("bot")).map(Message::content).toList());
        }
    }
}
