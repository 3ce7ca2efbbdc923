package chat.binder;

import chat.common.rpc.HttpLimits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BinderConfigTest {

    @Test
    void ephemeralIsLocalhostOnAFreePort() {
        assertEquals(new BinderConfig("localhost", 0, HttpLimits.DEFAULTS), BinderConfig.ephemeral());
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
