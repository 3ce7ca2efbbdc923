package chat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import chat.common.Binders;
import chat.common.Endpoint;
import chat.common.rpc.HttpLimits;
import chat.server.persist.Persistence;
import chat.server.store.StoreKind;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ServerConfigBuilderTest {
    private static final Endpoint BINDER = new Endpoint("localhost", 6001);

    @Test
    void theDefaultsAreTheCommandLinesWithTheChatInMemory() {
        assumeTrue(System.getenv().keySet().stream().noneMatch(name -> name.startsWith("CHAT_")),
                "the environment changes the command line's defaults");
        Main main = new Main();
        new CommandLine(main).parseArgs("--standalone", "--memory-only");

        assertEquals(main.config(), ServerConfig.builder().build());
    }

    @Test
    void theDefaultsAreLocalsOnceTheBinderIsGiven() {
        assertEquals(ServerConfig.local(BINDER), ServerConfig.builder().binder(BINDER).build());
    }

    @Test
    void eachValueSetIsTheOneBuilt() {
        IdleTimes idle = new IdleTimes(Duration.ofSeconds(1), Duration.ofSeconds(2));
        ChatLimits limits = ChatLimits.DEFAULTS.withMaxUsers(3);
        ServerConfig config = ServerConfig.builder()
                .host("127.0.0.1").port(6002).advertisedHost("chat.example").binder(BINDER)
                .roomTtl(Duration.ofSeconds(7)).historyLimit(60).httpLimits(HttpLimits.DEFAULTS.withWorkers(2))
                .chatLimits(limits).binderSecret("s3cret").idleTimes(idle).sessionPolicy(SessionPolicy.REQUIRE)
                .reRegisterEvery(Duration.ZERO).store(StoreKind.CLUSTER)
                .persistence(new Persistence.Database("jdbc:postgresql://db.example/chat"))
                .build();

        assertEquals(new ServerConfig("127.0.0.1", 6002, "chat.example", Binders.of(BINDER), Duration.ofSeconds(7), 60,
                HttpLimits.DEFAULTS.withWorkers(2), limits, "s3cret", idle, SessionPolicy.REQUIRE, Duration.ZERO,
                StoreKind.CLUSTER, new Persistence.Database("jdbc:postgresql://db.example/chat")), config);
    }

    @Test
    void aServerWithoutABinderRunsUnregisteredInMemory() {
        ServerConfig config = ServerConfig.builder().binder(null).build();

        assertNull(config.binders());
        assertEquals(StoreKind.MEMORY, config.store());
    }

    @Test
    void buildingLeavesTheBuilderAsItWas() {
        ServerConfig.Builder builder = ServerConfig.builder().binder(BINDER);
        ServerConfig first = builder.build();
        builder.port(6003);

        assertEquals(0, first.port());
        assertEquals(6003, builder.build().port());
    }

    @Test
    void aValueOutOfRangeIsRefusedByBuildSayingWhatIsAllowed() {
        assertEquals("port must be between 0 and 65535, got 70000", refusal(ServerConfig.builder().port(70000)));
        assertEquals("the room TTL must be positive, got PT0S", refusal(ServerConfig.builder().roomTtl(Duration.ZERO)));
        assertEquals("the history limit must be at least 50 (join returns the last 50), got 10",
                refusal(ServerConfig.builder().historyLimit(10)));
        assertEquals("the Binder secret must not be blank (leave it unset to register without one)",
                refusal(ServerConfig.builder().binderSecret(" ")));
        assertEquals("a clustered server finds the other servers through the Binder; give one (or keep the chat in"
                + " this server's memory: StoreKind.MEMORY)", refusal(ServerConfig.builder().binder(null)
                .store(StoreKind.CLUSTER)));
        assertEquals("the re-registration interval must be 0 (never) or at least 1 ms, got PT-1S",
                refusal(ServerConfig.builder().reRegisterEvery(Duration.ofSeconds(-1))));
    }

    @Test
    void aMissingValueIsNamed() {
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> ServerConfig.builder().chatLimits(null).build());
        assertEquals("chatLimits", e.getMessage());
    }

    private static String refusal(ServerConfig.Builder builder) {
        return assertThrows(IllegalArgumentException.class, builder::build).getMessage();
    }
}
