package chat.common.rpc;

import chat.common.rpc.internal.NettyHttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running XML-RPC server on HTTP: it answers POSTs to {@code /} and {@code /RPC2}, as Python's
 * servers do, with the procedures of one {@link ProcedureTable}. Keep-alive is on, and the
 * {@link HttpLimits} are enforced per connection. It knows its bound port (so it can be started on
 * port 0) and {@link #close()} stops accepting, lets calls in flight finish, and joins its threads.
 */
public final class RpcEndpoint implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RpcEndpoint.class);

    /**
     * Where and how to serve.
     *
     * @param name   what the endpoint is, for thread names and logs ("binder", "server")
     * @param host   the address to bind; "0.0.0.0" for every interface
     * @param port   the port to bind, 0 for a free one
     * @param limits what one client may use of it
     */
    public record Options(String name, String host, int port, HttpLimits limits) {
        /**
         * Checks the options.
         *
         * @param name   what the endpoint is, for thread names and logs ("binder", "server")
         * @param host   the address to bind; "0.0.0.0" for every interface
         * @param port   the port to bind, 0 for a free one
         * @param limits what one client may use of it
         * @throws NullPointerException     for a missing name, host or limits
         * @throws IllegalArgumentException for a port outside 0-65535
         */
        public Options {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(limits, "limits");
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
            }
        }

        /**
         * @param name what the endpoint is, for thread names and logs
         * @param host the address to bind
         * @param port the port to bind, 0 for a free one
         * @return {@code name} on {@code host:port}, with {@link HttpLimits#DEFAULTS}
         */
        public static Options of(String name, String host, int port) {
            return new Options(name, host, port, HttpLimits.DEFAULTS);
        }

        /**
         * @param value what one client may use of the endpoint
         * @return these options with those limits
         */
        public Options withLimits(HttpLimits value) {
            return new Options(name, host, port, value);
        }
    }

    private final Options options;
    private final NettyHttpServer http;

    private RpcEndpoint(Options options, NettyHttpServer http) {
        this.options = options;
        this.http = http;
    }

    /**
     * Binds and starts serving; the returned endpoint already accepts calls.
     *
     * @param options    where and how to serve
     * @param procedures what to answer
     * @return the running endpoint, to close
     * @throws IOException when the address cannot be bound (the port is taken, the host is not this machine's)
     */
    public static RpcEndpoint start(Options options, ProcedureTable procedures) throws IOException {
        NettyHttpServer http = NettyHttpServer.start(options.name(), options.host(), options.port(), options.limits(),
                procedures);
        LOG.debug("{} serving on {}", options.name(), http.address());
        return new RpcEndpoint(options, http);
    }

    /** {@return the bound port (never 0)} */
    public int port() {
        return http.address().getPort();
    }

    /** {@return the bound address and port} */
    public InetSocketAddress address() {
        return http.address();
    }

    /** {@return the limits this endpoint enforces} */
    public HttpLimits limits() {
        return options.limits();
    }

    /** {@return how many connections are open now} */
    public int openConnections() {
        return http.openConnections();
    }

    /** Stops accepting, waits (a few seconds at most) for calls in flight, then closes every connection. */
    @Override
    public void close() {
        http.close();
    }
}
