package chat.common.rpc;

/** The call did not get an XML-RPC answer: the peer could not be reached, timed out, or answered garbage. */
public final class RpcTransportException extends RpcException {
    private static final long serialVersionUID = 1L;

    /** Whether the request may have reached the peer. */
    private final boolean mayHaveArrived;

    /**
     * A failure after which the request may have reached the peer, and had its effect there.
     *
     * @param message what failed, naming the procedure and the peer
     * @param cause   the I/O failure
     */
    public RpcTransportException(String message, Throwable cause) {
        this(message, cause, true);
    }

    /**
     * @param message        what failed, naming the procedure and the peer
     * @param cause          the I/O failure
     * @param mayHaveArrived false when the request certainly did not reach the peer (no connection could be
     *                       made), so the call had no effect there
     */
    public RpcTransportException(String message, Throwable cause, boolean mayHaveArrived) {
        super(message, cause);
        this.mayHaveArrived = mayHaveArrived;
    }

    /**
     * Whether the request may have reached the peer: false only when no connection could be made (refused,
     * unknown host, no answer to the connection attempt), so nothing was sent; true once the request may have
     * been written (a timeout or a reset while waiting for the answer), since the peer may have acted on it.
     *
     * @return false when sending it again cannot make it count twice
     */
    public boolean mayHaveArrived() {
        return mayHaveArrived;
    }
}
