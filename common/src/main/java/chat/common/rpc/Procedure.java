package chat.common.rpc;

import org.apache.xmlrpc.XmlRpcException;

/** The body of one XML-RPC procedure: reads its arguments and returns a wire value (or null for nil). */
@FunctionalInterface
public interface Procedure {
    /**
     * Runs one call.
     *
     * @param params the call's arguments, checked against the procedure's signature for their number
     * @return a wire value (string, Integer, Double, Boolean, array, {@code Map}), null for nil, or a
     *         {@link java.util.concurrent.CompletionStage} of one for a call that answers later
     * @throws XmlRpcException a fault for the caller (see {@link Faults})
     */
    Object call(Params params) throws XmlRpcException;
}
