package chat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import chat.common.Binders;
import chat.common.Endpoint;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class ClientConfigBuilderTest {
    private static final Endpoint BINDER = new Endpoint("chat.example", 6001);

    @Test
    void theDefaultsAreTheCommandLines() {
        assumeTrue(System.getenv("CHAT_BINDER_HOST") == null && System.getenv("CHAT_BINDER_PORT") == null,
                "the environment sets the Binder's address");
        Main main = new Main(Locale.getDefault(), () -> {
            throw new AssertionError("no console is opened to read options");
        });
        Main.commandLine(main).parseArgs();

        assertEquals(main.config(), ClientConfig.builder().build());
    }

    @Test
    void theDefaultsAreOfsForTheLanguageOfTheDefaultLocale() {
        assertEquals(ClientConfig.of(BINDER, Language.of(Locale.getDefault())),
                ClientConfig.builder().binder(BINDER).build());
    }

    @Test
    void eachValueSetIsTheOneBuilt() {
        ClientConfig config = ClientConfig.builder().binder(BINDER).pollInterval(Duration.ofMillis(100))
                .language(Language.PT).callTimeout(Duration.ofSeconds(3)).failoverTime(Duration.ZERO).build();

        assertEquals(new ClientConfig(Binders.of(BINDER), Duration.ofMillis(100), Language.PT, Duration.ofSeconds(3),
                Duration.ZERO), config);
    }

    @Test
    void aValueOutOfRangeIsRefusedByBuildSayingWhatIsAllowed() {
        assertEquals("the poll interval must be between 0.05 and 3600 seconds, got 0.01",
                refusal(ClientConfig.builder().pollInterval(Duration.ofMillis(10))));
        assertEquals("the call timeout must be positive, got PT0S",
                refusal(ClientConfig.builder().callTimeout(Duration.ZERO)));
        assertEquals("the failover time must not be negative, got PT-1S",
                refusal(ClientConfig.builder().failoverTime(Duration.ofSeconds(-1))));
    }

    @Test
    void aMissingValueIsNamed() {
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> ClientConfig.builder().binder(null).build());
        assertEquals("binders", e.getMessage());
    }

    private static String refusal(ClientConfig.Builder builder) {
        return assertThrows(IllegalArgumentException.class, builder::build).getMessage();
    }
}
