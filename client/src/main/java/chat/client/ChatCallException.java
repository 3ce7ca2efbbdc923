package chat.client;

import chat.common.rpc.RpcFault;
import java.util.Objects;

/** A chat call that got no usable answer: the Binder or the server cannot be reached, knows nothing, or refused. */
public final class ChatCallException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why the call failed; each has its own text for the person. */
    public enum Reason {
        /** The Binder did not answer. */
        BINDER_UNREACHABLE,
        /** The Binder answered, but no server is registered for the procedure. */
        NO_SERVER,
        /** The server the Binder named did not answer, even after looking it up again. */
        SERVER_UNREACHABLE,
        /** The server answered with a fault. */
        SERVER_REFUSED,
        /** The server answered something that is not what the protocol says. */
        BAD_ANSWER
    }

    private final Reason reason;
    private final String where;
    private final String detail;

    /**
     * @param where  the Binder or server address the failure is about, as {@code host:port}
     * @param detail what the peer said or what went wrong, for the person to read
     */
    public ChatCallException(Reason reason, String where, String detail, Throwable cause) {
        super(reason + " at " + where + ": " + detail, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.where = Objects.requireNonNull(where, "where");
        this.detail = Objects.requireNonNull(detail, "detail");
    }

    public Reason reason() {
        return reason;
    }

    /** The Binder or server address the failure is about. */
    public String where() {
        return where;
    }

    /** What the peer said or what went wrong. */
    public String detail() {
        return detail;
    }

    /** The server's fault code when it answered with a fault ({@link Reason#SERVER_REFUSED}), else 0. */
    public int faultCode() {
        return getCause() instanceof RpcFault fault ? fault.code() : 0;
    }

    /** Whether the person can go on (the server refused one request) rather than the chat being unreachable. */
    public boolean isRefusal() {
        return reason == Reason.SERVER_REFUSED;
    }
}
