package chat.common.rpc;

/** A remote call that did not return a value: either a fault from the peer or a transport failure. */
public abstract class RpcException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, naming the procedure
     * @param cause   the underlying failure; null for none
     */
    protected RpcException(String message, Throwable cause) {
        super(message, cause);
    }
}
