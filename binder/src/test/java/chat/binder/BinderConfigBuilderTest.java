package chat.binder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import chat.common.Endpoint;
import chat.common.rpc.HttpLimits;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BinderConfigBuilderTest {

    @Test
    void theDefaultsAreTheCommandLines() {
        assumeTrue(System.getenv().keySet().stream().noneMatch(name -> name.startsWith("CHAT_")),
                "the environment changes the command line's defaults");
        Main main = new Main();
        Main.commandLine(main).parseArgs();

        assertEquals(main.config(), BinderConfig.builder().build());
        assertEquals(5000, BinderConfig.builder().build().port());
    }

    @Test
    void onAFreePortTheDefaultsAreEphemerals() {
        assertEquals(BinderConfig.ephemeral(), BinderConfig.builder().port(0).build());
    }

    @Test
    void eachValueSetIsTheOneBuilt() {
        RegistrationPolicy policy = RegistrationPolicy.fromAnywhere();
        Liveness liveness = new Liveness(Duration.ofMillis(50), Duration.ofMillis(200), 3, Duration.ofMinutes(1));
        Peering peering = new Peering(List.of(new Endpoint("localhost", 6002)), "s3cret", Duration.ofSeconds(1));
        BinderConfig config = BinderConfig.builder().host("127.0.0.1").port(6001)
                .httpLimits(HttpLimits.DEFAULTS.withWorkers(2)).registration(policy).maxRegistrations(7)
                .liveness(liveness).peering(peering).build();

        assertEquals(new BinderConfig("127.0.0.1", 6001, HttpLimits.DEFAULTS.withWorkers(2), policy, 7, liveness,
                peering), config);
    }

    @Test
    void aValueOutOfRangeIsRefusedByBuildSayingWhatIsAllowed() {
        assertEquals("port must be between 0 and 65535, got -1", refusal(BinderConfig.builder().port(-1)));
        assertEquals("the Binder must hold at least 1 name (--max-registrations), got 0",
                refusal(BinderConfig.builder().maxRegistrations(0)));
        assertEquals("nobody could register with this Binder: allow some addresses (--allow-register) or give it a"
                + " secret (--secret, --secret-file)",
                refusal(BinderConfig.builder().registration(RegistrationPolicy.allowing(List.of()))));
    }

    @Test
    void aMissingValueIsNamed() {
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> BinderConfig.builder().liveness(null).build());
        assertEquals("liveness", e.getMessage());
    }

    private static String refusal(BinderConfig.Builder builder) {
        return assertThrows(IllegalArgumentException.class, builder::build).getMessage();
    }
}
