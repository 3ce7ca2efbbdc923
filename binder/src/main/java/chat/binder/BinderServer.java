package chat.binder;

import chat.common.ChatProcedures;
import chat.common.Endpoint;
import chat.common.rpc.ProcedureTable;
import chat.common.rpc.RpcEndpoint;
import java.io.IOException;

/**
 * A running Binder: {@code register_procedure} and {@code lookup_procedure} over XML-RPC. Knows its
 * bound port; {@link #close()} stops it.
 */
public final class BinderServer implements AutoCloseable {
    private final Binder binder;
    private final RpcEndpoint endpoint;
    private final String host;

    private BinderServer(Binder binder, RpcEndpoint endpoint, String host) {
        this.binder = binder;
        this.endpoint = endpoint;
        this.host = host;
    }

    /** Starts a Binder; it accepts calls when this returns. */
    public static BinderServer start(BinderConfig config) throws IOException {
        Binder binder = new Binder();
        RpcEndpoint endpoint = RpcEndpoint.start(config.endpointOptions(), procedures(binder));
        return new BinderServer(binder, endpoint, config.host());
    }

    static ProcedureTable procedures(Binder binder) {
        return ProcedureTable.builder()
                .add(ChatProcedures.REGISTER_PROCEDURE, "name address port", p -> {
                    String name = p.string(0);
                    String address = p.string(1);
                    int port = p.integer(2);
                    if (port < 1 || port > 65535) {
                        throw p.invalid(2, "must be a port between 1 and 65535, got " + port);
                    }
                    if (address.isBlank()) {
                        throw p.invalid(1, "must not be blank");
                    }
                    binder.register(name, new Endpoint(address, port));
                    return true;
                })
                .add(ChatProcedures.LOOKUP_PROCEDURE, "name",
                        p -> binder.lookup(p.string(0)).map(Endpoint::toWire).orElse(null))
                .build();
    }

    /** The registry this server answers from. */
    public Binder binder() {
        return binder;
    }

    /** The bound port. */
    public int port() {
        return endpoint.port();
    }

    /** Where clients reach this Binder. */
    public Endpoint endpoint() {
        return new Endpoint(host, port());
    }

    @Override
    public void close() {
        endpoint.close();
    }
}
