package chat.client;

import chat.common.Endpoint;
import chat.common.rpc.RpcFault;
import java.util.Objects;
import java.util.Optional;

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
        BAD_ANSWER,
        /**
         * The server stopped answering during the call and the client moved to another ({@link #move()}); the
         * call was not repeated there: {@link #lost()} says whether it may have had its effect (a message stored).
         */
        SERVER_CHANGED,
        /**
         * The server stopped answering and the client is still looking for another (it goes on looking): the call
         * was not made anywhere meanwhile. {@link #lost()} says whether the first attempt may have had its effect.
         */
        SEARCHING
    }

    /**
     * The server a call went to stopped answering during it.
     *
     * @param server         that server
     * @param detail         what went wrong there ("Connection refused")
     * @param mayHaveArrived whether the request may have reached it (and had its effect): false when no
     *                       connection could be made, or the call was not made at all
     */
    public record Lost(Endpoint server, String detail, boolean mayHaveArrived) {
        /**
         * Checks that nothing is missing.
         *
         * @param server         that server
         * @param detail         what went wrong there ("Connection refused")
         * @param mayHaveArrived whether the request may have reached it (and had its effect): false when no
         *                       connection could be made, or the call was not made at all
         */
        public Lost {
            Objects.requireNonNull(server, "server");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** Why the call failed. */
    private final Reason reason;
    /** The Binder or server address the failure is about. */
    private final String where;
    /** What the peer said or what went wrong. */
    private final String detail;
    private final transient ServerMove move;
    /** Whether a sequence cursor keeps its meaning on the server the client moved to. */
    private final boolean cursorKept;
    private final transient Lost lost;

    /**
     * @param reason why the call failed
     * @param cause  the failure underneath; null for none
     * @param where  the Binder or server address the failure is about, as {@code host:port}
     * @param detail what the peer said or what went wrong, for the person to read
     */
    public ChatCallException(Reason reason, String where, String detail, Throwable cause) {
        this(reason, where, detail, cause, null, false, null);
    }

    /**
     * @param move       for {@link Reason#SERVER_CHANGED}: the move the failed call led to
     * @param cursorKept whether the call's server sequence cursor still holds on the new server
     * @param lost       the server the call went to, when it stopped answering during the call; else null
     */
    ChatCallException(Reason reason, String where, String detail, Throwable cause, ServerMove move,
                      boolean cursorKept, Lost lost) {
        super(reason + " at " + where + ": " + detail, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.where = Objects.requireNonNull(where, "where");
        this.detail = Objects.requireNonNull(detail, "detail");
        this.move = move;
        this.cursorKept = cursorKept;
        this.lost = lost;
    }

    /** This failure, said of a call whose server stopped answering during it ({@code lost}). */
    ChatCallException of(Lost lost) {
        ChatCallException copy = new ChatCallException(reason, where, detail, getCause(), move, cursorKept, lost);
        copy.setStackTrace(getStackTrace());
        return copy;
    }

    /** {@return why the call failed, which decides what the person is told} */
    public Reason reason() {
        return reason;
    }

    /** {@return the Binder or server address the failure is about, as {@code host:port}} */
    public String where() {
        return where;
    }

    /** {@return what the peer said or what went wrong} */
    public String detail() {
        return detail;
    }

    /** {@return for {@link Reason#SERVER_CHANGED}: where the client moved, and what it had to set up again there} */
    public Optional<ServerMove> move() {
        return Optional.ofNullable(move);
    }

    /**
     * For {@link Reason#SERVER_CHANGED}: whether a sequence cursor the failed call carried means the same on the
     * server the client moved to (it knew the person and the room: one chat across servers).
     *
     * @return false for any other reason
     */
    public boolean cursorKept() {
        return cursorKept;
    }

    /**
     * The server the call went to, when it stopped answering during the call (whatever the client did next:
     * moved, still looking, or found no other); empty for a failure that did not start with the call's server.
     *
     * @return that server, what went wrong and whether the request may have reached it
     */
    public Optional<Lost> lost() {
        return Optional.ofNullable(lost);
    }

    /** {@return the server's fault code when it answered with a fault ({@link Reason#SERVER_REFUSED}), else 0} */
    public int faultCode() {
        return getCause() instanceof RpcFault fault ? fault.code() : 0;
    }

    /**
     * {@return whether the person can go on (the server refused one request) rather than the chat being unreachable}
     */
    public boolean isRefusal() {
        return reason == Reason.SERVER_REFUSED;
    }
}
