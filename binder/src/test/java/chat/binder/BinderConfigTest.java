package chat.binder;

import chat.common.rpc.HttpLimits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BinderConfigTest {

    @Test
    void ephemeralIsLocalhostOnAFreePortWithRegistrationFromThisMachineOnly() {
        assertEquals(new BinderConfig("localhost", 0, HttpLimits.DEFAULTS, RegistrationPolicy.loopbackOnly(), 10_000),
                BinderConfig.ephemeral());
        assertEquals(BinderConfig.ephemeral(), new BinderConfig("localhost", 0, HttpLimits.DEFAULTS));
    }

    @Test
    void aBinderNobodyCouldRegisterWithIsRefused() {
        RegistrationPolicy nobody = RegistrationPolicy.allowing(List.of());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BinderConfig.ephemeral().withRegistration(nobody));
        assertEquals("nobody could register with this Binder: allow some addresses (--allow-register) or give it a"
                + " secret (--secret, --secret-file)", e.getMessage());
        BinderConfig.ephemeral().withRegistration(nobody.withSecret("a secret"));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1})
    void refusesHoldingNoNames(int max) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BinderConfig.ephemeral().withMaxRegistrations(max));
        assertEquals("the Binder must hold at least 1 name (--max-registrations), got " + max, e.getMessage());
    }

    @Test
    void theTextOfAConfigNeverContainsTheSecret() {
        BinderConfig config = BinderConfig.ephemeral().withRegistration(RegistrationPolicy.loopbackOnly().withSecret("hunter2-hunter2-hunter2"));

        assertFalse(config.toString().contains("hunter2"), config.toString());
        assertTrue(config.toString().contains("with the secret"), config.toString());
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 65536})
    void refusesAPortOutOfRange(int port) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BinderConfig("localhost", port, HttpLimits.DEFAULTS));
        assertEquals("port must be between 0 and 65535, got " + port, e.getMessage());
    }

    @Test
    void refusesAMissingHost() {
        assertThrows(NullPointerException.class, () -> new BinderConfig(null, 5000, HttpLimits.DEFAULTS));
    }

    @Test
    void theConventionalPortIs5000() {
        assertEquals(5000, BinderConfig.DEFAULT_PORT);
    }
}
