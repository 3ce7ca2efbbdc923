package chat.common.rpc;

import java.net.InetAddress;

/** What an endpoint knows about one call beyond its arguments. */
public interface CallContext {
    /** The address the call came from. */
    InetAddress caller();

    /**
     * The value of the request's HTTP header {@code name} (case-insensitive), or null when it has none. Read while
     * the procedure runs: a procedure that answers later (with a CompletionStage) is not kept holding its request.
     */
    default String header(String name) {
        return null;
    }
}
