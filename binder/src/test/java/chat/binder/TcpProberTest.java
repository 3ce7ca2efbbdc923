package chat.binder;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.common.Endpoint;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TcpProberTest {
    private final TcpProber prober = new TcpProber(Duration.ofMillis(500));

    @Test
    void aListeningPortAnswersEvenWhenNobodyAcceptsAndAClosedOneDoesNot() throws IOException {
        Endpoint endpoint;
        try (ServerSocket listening = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            endpoint = new Endpoint("127.0.0.1", listening.getLocalPort());
            assertTrue(prober.answers(endpoint), "the kernel completes the connection before any accept()");
        }

        assertFalse(prober.answers(endpoint), "closed: the connection is refused");
    }

    @Test
    void aHostNameThatDoesNotResolveDoesNotAnswer() {
        assertFalse(prober.answers(new Endpoint("no-such-host.invalid", 6001)));
    }
}
