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

    /**
     * The innermost cause's message: "Connection refused" says more to a person than a library's wrapping of it.
     *
     * @param failure what was thrown
     * @return the message of its innermost cause, or that cause's class name when it has none
     */
    public static String innermostMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }
}
