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
     *
     * @param failed the server that stopped answering
     * @param detail what went wrong there
     * @param limit  how long the client looks
     */
    default void searching(Endpoint failed, String detail, Duration limit) {
    }

    /**
     * The client continues on another server, set up there with what the person had.
     *
     * @param move where it moved, and what it set up again there
     */
    void moved(ServerMove move);

    /**
     * No server answered within the failover time ({@code why} says what failed: the Binder, or every server it
     * names); said once until a server answers again. The next call looks again.
     *
     * @param failed the server that stopped answering
     * @param why    what failed last
     */
    default void notFound(Endpoint failed, ChatCallException why) {
    }
}
