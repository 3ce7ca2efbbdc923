package chat.common;

import chat.common.rpc.RpcClient;
import chat.common.rpc.RpcFault;
import java.time.Duration;
import java.util.Optional;

/** Talks to a Binder: registers procedures at an address and looks them up. */
public final class BinderClient {
    private final RpcClient rpc;

    public BinderClient(Endpoint binder) {
        this(binder, RpcClient.DEFAULT_TIMEOUT);
    }

    public BinderClient(Endpoint binder, Duration timeout) {
        this.rpc = new RpcClient(binder, timeout);
    }

    /** The Binder this client talks to. */
    public Endpoint binder() {
        return rpc.endpoint();
    }

    /**
     * Registers {@code procedure} as served at {@code at}, with the original's three arguments, as a
     * Python Binder expects them.
     */
    public void register(String procedure, Endpoint at) {
        register(procedure, at, null);
    }

    /**
     * Registers {@code procedure} as served at {@code at}, presenting {@code secret} as a fourth argument
     * when it is not null, so a Java Binder that is configured with that secret admits the call from any
     * address. With a null secret the call is the original's three arguments. Only a Java Binder accepts
     * the fourth argument; a Python Binder refuses it.
     *
     * @throws RpcFault a refusal: -32002 when the Binder does not admit this caller, -32602 for a refused
     *                  name or address, -32000 when the Binder holds as many names as it may
     */
    public void register(String procedure, Endpoint at, String secret) {
        if (secret == null) {
            rpc.call(ChatProcedures.REGISTER_PROCEDURE, procedure, at.host(), at.port());
        } else {
            rpc.call(ChatProcedures.REGISTER_PROCEDURE, procedure, at.host(), at.port(), secret);
        }
    }

    /**
     * Where {@code procedure} is served, or empty when nothing is registered under that name. The
     * Python Binder cannot send nil and answers an unknown name with a fault; that reads as empty too.
     */
    public Optional<Endpoint> lookup(String procedure) {
        Object answer;
        try {
            answer = rpc.call(ChatProcedures.LOOKUP_PROCEDURE, procedure);
        } catch (RpcFault unknownToPythonBinder) {
            return Optional.empty();
        }
        return answer == null ? Optional.empty() : Optional.of(Endpoint.fromWire(answer));
    }
}
