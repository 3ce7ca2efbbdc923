package chat.binder;

import chat.common.rpc.HttpLimits;
import chat.common.rpc.RpcEndpoint;

/**
 * How a Binder serves.
 *
 * @param host the address to bind (and the one clients use)
 * @param port the port to bind; 0 picks a free one
 * @param httpLimits what one client may take of the Binder
 */
public record BinderConfig(String host, int port, HttpLimits httpLimits) {
    /** The Binder's conventional port, as in the original. */
    public static final int DEFAULT_PORT = 5000;
    public static final String DEFAULT_HOST = "localhost";

    public BinderConfig {
        java.util.Objects.requireNonNull(host, "host");
        java.util.Objects.requireNonNull(httpLimits, "httpLimits");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        }
    }

    /** On localhost, on a free port: what tests use. */
    public static BinderConfig ephemeral() {
        return new BinderConfig(DEFAULT_HOST, 0, HttpLimits.DEFAULTS);
    }

    RpcEndpoint.Options endpointOptions() {
        return new RpcEndpoint.Options("binder", host, port, httpLimits);
    }
}
