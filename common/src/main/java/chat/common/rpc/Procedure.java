package chat.common.rpc;

import org.apache.xmlrpc.XmlRpcException;

/** The body of one XML-RPC procedure: reads its arguments and returns a wire value (or null for nil). */
@FunctionalInterface
public interface Procedure {
    Object call(Params params) throws XmlRpcException;
}
