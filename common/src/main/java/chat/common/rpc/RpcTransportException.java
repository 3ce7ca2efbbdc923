package chat.common.rpc;

/** The call did not get an XML-RPC answer: the peer could not be reached, timed out, or answered garbage. */
public final class RpcTransportException extends RpcException {
    private static final long serialVersionUID = 1L;

    public RpcTransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
