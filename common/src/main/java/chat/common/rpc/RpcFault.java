package chat.common.rpc;

/** The peer answered the call with an XML-RPC fault. */
public final class RpcFault extends RpcException {
    private static final long serialVersionUID = 1L;
    private final int code;
    private final String faultString;

    public RpcFault(String procedure, int code, String faultString) {
        super(procedure + " failed: " + faultString + " (fault " + code + ")", null);
        this.code = code;
        this.faultString = faultString;
    }

    /** The fault code as the peer sent it. */
    public int code() {
        return code;
    }

    /** The fault string as the peer sent it. */
    public String faultString() {
        return faultString;
    }
}
