package chat.common.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StartedTest {
    private final List<String> closed = new ArrayList<>();

    private AutoCloseable thing(String name) {
        return () -> closed.add(name);
    }

    private AutoCloseable failing(String name) {
        return () -> {
            closed.add(name);
            throw new IllegalStateException(name + " failed to close");
        };
    }

    @Test
    void theLastStartedIsClosedFirstAndAddGivesTheThingBack() {
        Started started = new Started();
        AutoCloseable binder = thing("binder");

        assertSame(binder, started.add(binder));
        started.add(thing("server"));
        started.add(thing("client"));
        started.close();

        assertEquals(List.of("client", "server", "binder"), closed);
    }

    @Test
    void oneThatFailsDoesNotKeepTheOthersOpenAndTheFirstFailureIsThrown() {
        Started started = new Started();
        started.add(thing("binder"));
        started.add(failing("server"));
        started.add(failing("client"));

        Exception failure = assertThrows(IllegalStateException.class, started::close);

        assertEquals(List.of("client", "server", "binder"), closed);
        assertEquals("client failed to close", failure.getMessage());
        assertEquals("server failed to close", failure.getSuppressed()[0].getMessage());
    }

    @Test
    void closingTwiceClosesNothingTwice() {
        Started started = new Started();
        started.add(thing("server"));
        started.close();
        started.close();

        assertEquals(List.of("server"), closed);
    }
}
