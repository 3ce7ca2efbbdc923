package chat.common.rpc;

import java.net.InetAddress;

/** What an endpoint knows about one call beyond its arguments. */
public interface CallContext {
    /** The address the call came from. */
    InetAddress caller();
}
