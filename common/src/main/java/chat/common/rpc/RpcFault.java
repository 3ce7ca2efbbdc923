package chat.common.rpc;

/** The peer answered the call with an XML-RPC fault. */
public final class RpcFault extends RpcException {
    private static final long serialVersionUID = 1L;
    /** The fault code as the peer sent it. */
    private final int code;
    /** The fault string as the peer sent it. */
    private final String faultString;

    /**
     * @param procedure   the procedure called, for the message
     * @param code        the fault code as the peer sent it
     * @param faultString the fault string as the peer sent it
     */
    public RpcFault(String procedure, int code, String faultString) {
        super(procedure + " failed: " + faultString + " (fault " + code + ")", null);
        this.code = code;
        this.faultString = faultString;
    }

    /** {@return the fault code as the peer sent it (see {@link Faults})} */
    public int code() {
        return code;
    }

    /** {@return the fault string as the peer sent it} */
    public String faultString() {
        return faultString;
    }
}
