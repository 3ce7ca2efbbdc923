package chat.common.rpc;

import org.apache.xmlrpc.XmlRpcException;

/**
 * The fault codes every program here answers with. They follow the XML-RPC community's
 * "specification for fault code interoperability", so generic tools understand them; the
 * README lists them for users.
 */
public final class Faults {
    /** The request is not well-formed XML, or not an XML-RPC call. */
    public static final int PARSE_ERROR = -32700;
    /** The request is XML but refused: a DOCTYPE, an unsupported encoding, an unsupported value type. */
    public static final int INVALID_REQUEST = -32600;
    /** No procedure of that name. */
    public static final int METHOD_NOT_FOUND = -32601;
    /** Wrong number or types of arguments, or an argument whose value is refused. */
    public static final int INVALID_PARAMS = -32602;
    /** The server failed; its log has the details, the fault never does. */
    public static final int INTERNAL_ERROR = -32603;
    /** A server-wide limit is reached: too many users, rooms, or similar. Trying later may work. */
    public static final int LIMIT_REACHED = -32000;
    /** The caller sends too fast; the excess is refused. Slowing down works. */
    public static final int RATE_LIMITED = -32001;
    /** The caller is not allowed to do this (e.g. register with a Binder from an address it does not admit). */
    public static final int NOT_ALLOWED = -32002;

    private Faults() {
    }

    /**
     * A refusal of a call's arguments.
     *
     * @param procedure the procedure called
     * @param what      what was wrong, naming the argument
     * @return a fault with code {@link #INVALID_PARAMS} and the message {@code "procedure: what"}
     */
    public static XmlRpcException invalidParams(String procedure, String what) {
        return new XmlRpcException(INVALID_PARAMS, procedure + ": " + what);
    }

    /**
     * A call of a procedure nobody serves.
     *
     * @param procedure the name called, repeated {@linkplain #shown shortened}
     * @return a fault with code {@link #METHOD_NOT_FOUND}
     */
    public static XmlRpcException methodNotFound(String procedure) {
        return new XmlRpcException(METHOD_NOT_FOUND, "unknown procedure '" + shown(procedure) + "'");
    }

    /**
     * Text a caller sent, as a fault may repeat it: at most 64 characters, control characters replaced,
     * so that a fault never carries back a megabyte or a terminal escape.
     *
     * @param text what the caller sent; null for nil
     * @return the text to put in a fault; {@code "nil"} for null
     */
    public static String shown(String text) {
        if (text == null) {
            return "nil";
        }
        String bounded = text.codePointCount(0, text.length()) > 64
                ? text.substring(0, text.offsetByCodePoints(0, 64)) + "..." : text;
        return bounded.replaceAll("\\p{Cntrl}", "?");
    }

    /**
     * A refusal because a server-wide limit is reached.
     *
     * @param procedure the procedure called
     * @param what      which limit, and what may help
     * @return a fault with code {@link #LIMIT_REACHED}
     */
    public static XmlRpcException limitReached(String procedure, String what) {
        return new XmlRpcException(LIMIT_REACHED, procedure + ": " + what);
    }

    /**
     * A refusal because the caller sends too fast.
     *
     * @param procedure the procedure called
     * @param what      which rate was exceeded
     * @return a fault with code {@link #RATE_LIMITED}
     */
    public static XmlRpcException rateLimited(String procedure, String what) {
        return new XmlRpcException(RATE_LIMITED, procedure + ": " + what);
    }

    /**
     * A refusal because the caller may not do this.
     *
     * @param procedure the procedure called
     * @param what      why not, and what would allow it
     * @return a fault with code {@link #NOT_ALLOWED}
     */
    public static XmlRpcException notAllowed(String procedure, String what) {
        return new XmlRpcException(NOT_ALLOWED, procedure + ": " + what);
    }

    /**
     * {@code fault} marked as part of normal use, which a server logs at DEBUG where it logs other refusals at
     * INFO: a client racing a change it made itself (a long poll of the room it has just left), or calling with a
     * session that ended while it was away. The caller gets the very same fault.
     *
     * @param fault the refusal
     * @return the same code and message, marked routine
     */
    public static XmlRpcException routine(XmlRpcException fault) {
        return new Routine(fault.code, fault.getMessage());
    }

    /**
     * Whether {@code error} is a fault marked {@link #routine}.
     *
     * @param error what a procedure threw
     * @return true for a routine refusal, to log at DEBUG
     */
    public static boolean isRoutine(Throwable error) {
        return error instanceof Routine;
    }

    /** A fault of normal use; on the wire, a fault like any other. */
    private static final class Routine extends XmlRpcException {
        private static final long serialVersionUID = 1L;

        Routine(int code, String message) {
            super(code, message);
        }
    }

    /**
     * The answer to a call that failed inside the server; the details go to the server's log, never to the caller.
     *
     * @param procedure the procedure called; null when unknown
     * @return a fault with code {@link #INTERNAL_ERROR}
     */
    public static XmlRpcException internalError(String procedure) {
        return new XmlRpcException(INTERNAL_ERROR,
                (procedure == null ? "" : procedure + ": ") + "internal server error (details are in the server log)");
    }
}
