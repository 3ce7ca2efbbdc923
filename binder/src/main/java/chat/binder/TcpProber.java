package chat.binder;

import chat.common.Endpoint;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/**
 * An endpoint answers when a TCP connection to it opens within the timeout; the connection is closed at
 * once, without a request, with an orderly close (a reset would make a Python server print a traceback).
 * This works for every server, a Python one included: a listening socket
 * accepts the connection in the kernel, whatever the program is busy with.
 */
public final class TcpProber implements Prober {
    private final int timeoutMillis;

    /** @param timeout how long a connection may take to open; at least a millisecond is waited */
    public TcpProber(Duration timeout) {
        this.timeoutMillis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    }

    @Override
    public boolean answers(Endpoint endpoint) {
        InetSocketAddress address = new InetSocketAddress(endpoint.host(), endpoint.port());
        if (address.isUnresolved()) {
            return false;
        }
        try (Socket socket = new Socket()) {
            socket.connect(address, timeoutMillis);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
