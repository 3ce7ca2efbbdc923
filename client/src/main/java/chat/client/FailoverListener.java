package chat.client;

import chat.common.Endpoint;
import java.time.Duration;

/**
 * Told how the client's looking for another server goes, when the server in use stops answering. Called on the
 * thread whose call found the server gone ({@link #searching}) or on the thread that looks ({@link #moved},
 * {@link #notFound}), one call at a time, never after {@link ChatClient#close()} has returned.
 */
public interface FailoverListener {
    /**
     * The server in use stopped answering ({@code detail}: "Connection refused"), and the client looks for
     * another for at most {@code limit}; said once until a server answers again.
     */
    default void searching(Endpoint failed, String detail, Duration limit) {
    }

    /** The client continues on another server, set up there with what the person had. */
    void moved(ServerMove move);

    /**
     * No server answered within the failover time ({@code why} says what failed: the Binder, or every server it
     * names); said once until a server answers again. The next call looks again.
     */
    default void notFound(Endpoint failed, ChatCallException why) {
    }
}
