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

    public static XmlRpcException invalidParams(String procedure, String what) {
        return new XmlRpcException(INVALID_PARAMS, procedure + ": " + what);
    }

    public static XmlRpcException methodNotFound(String procedure) {
        return new XmlRpcException(METHOD_NOT_FOUND, "unknown procedure '" + shown(procedure) + "'");
    }

    /**
     * Text a caller sent, as a fault may repeat it: at most 64 characters, control characters replaced,
     * so that a fault never carries back a megabyte or a terminal escape.
     */
    public static String shown(String text) {
        if (text == null) {
            return "nil";
        }
        String bounded = text.codePointCount(0, text.length()) > 64
                ? text.substring(0, text.offsetByCodePoints(0, 64)) + "..." : text;
        return bounded.replaceAll("\\p{Cntrl}", "?");
    }

    public static XmlRpcException limitReached(String procedure, String what) {
        return new XmlRpcException(LIMIT_REACHED, procedure + ": " + what);
    }

    public static XmlRpcException rateLimited(String procedure, String what) {
        return new XmlRpcException(RATE_LIMITED, procedure + ": " + what);
    }

    public static XmlRpcException notAllowed(String procedure, String what) {
        return new XmlRpcException(NOT_ALLOWED, procedure + ": " + what);
    }

    /**
     * {@code fault} marked as part of normal use, which a server logs at DEBUG where it logs other refusals at
     * INFO: a client racing a change it made itself (a long poll of the room it has just left), or calling with a
     * session that ended while it was away. The caller gets the very same fault.
     */
    public static XmlRpcException routine(XmlRpcException fault) {
        return new Routine(fault.code, fault.getMessage());
    }

    /** Whether {@code error} is a fault marked {@link #routine}. */
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

    public static XmlRpcException internalError(String procedure) {
        return new XmlRpcException(INTERNAL_ERROR,
                (procedure == null ? "" : procedure + ": ") + "internal server error (details are in the server log)");
    }
}
