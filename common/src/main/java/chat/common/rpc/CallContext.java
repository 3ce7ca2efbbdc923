package chat.common.rpc;

import java.net.InetAddress;

/** What an endpoint knows about one call beyond its arguments. */
public interface CallContext {
    /** {@return the address the call came from} */
    InetAddress caller();

    /**
     * The value of the request's HTTP header {@code name}. Read while the procedure runs: a procedure that answers
     * later (with a CompletionStage) is not kept holding its request.
     *
     * @param name the header's name, in any case
     * @return its value, or null when the request has none
     */
    default String header(String name) {
        return null;
    }

    /**
     * Runs {@code task}, which may wait, off the thread that reads requests: on the endpoint's workers when
     * this call runs on an I/O thread (a {@linkplain ProcedureTable#nonBlocking(String) non-blocking} procedure),
     * else right here.
     *
     * @param task the rest of the call's work
     * @throws java.util.concurrent.RejectedExecutionException the workers take no more work
     */
    default void offload(Runnable task) {
        task.run();
    }
}
