package chat.common;

import chat.common.rpc.RpcClient;
import chat.common.rpc.RpcFault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Talks to a Binder: registers procedures at an address and looks them up. */
public final class BinderClient {
    private final RpcClient rpc;

    /**
     * A client whose calls wait at most {@link RpcClient#DEFAULT_TIMEOUT}.
     *
     * @param binder where the Binder is
     */
    public BinderClient(Endpoint binder) {
        this(binder, RpcClient.DEFAULT_TIMEOUT);
    }

    /**
     * @param binder  where the Binder is
     * @param timeout how long one call may take
     */
    public BinderClient(Endpoint binder, Duration timeout) {
        this.rpc = new RpcClient(binder, timeout);
    }

    /** {@return the Binder this client talks to} */
    public Endpoint binder() {
        return rpc.endpoint();
    }

    /**
     * Registers {@code procedure} as served at {@code at}, with the original's three arguments, as a
     * Python Binder expects them.
     *
     * @param procedure the name to register
     * @param at        where it is served
     * @throws RpcFault a refusal, as for {@link #register(String, Endpoint, String)}
     * @throws chat.common.rpc.RpcTransportException the Binder could not be reached
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
     * @param procedure the name to register
     * @param at        where it is served
     * @param secret    the Binder's secret; null for none
     * @throws RpcFault a refusal: -32002 when the Binder does not admit this caller, -32602 for a refused
     *                  name or address, -32000 when the Binder holds as many names as it may
     * @throws chat.common.rpc.RpcTransportException the Binder could not be reached
     */
    public void register(String procedure, Endpoint at, String secret) {
        rpc.call(ChatProcedures.REGISTER_PROCEDURE, withSecret(secret, procedure, at.host(), at.port()));
    }

    /**
     * Asks the Binder to forget that {@code procedure} is served at {@code at} ({@code unregister_procedure},
     * a Java Binder's extension; a Python Binder answers it with a fault). The secret is sent as for
     * {@link #register(String, Endpoint, String)}.
     *
     * @param procedure the registered name
     * @param at        the endpoint to forget
     * @param secret    the Binder's secret; null for none
     * @return whether the Binder held that registration
     * @throws RpcFault a refusal, as for registering; or the Binder is a Python one
     * @throws chat.common.rpc.RpcTransportException the Binder could not be reached
     */
    public boolean unregister(String procedure, Endpoint at, String secret) {
        return Boolean.TRUE.equals(rpc.call(ChatProcedures.UNREGISTER_PROCEDURE,
                withSecret(secret, procedure, at.host(), at.port())));
    }

    /**
     * Where {@code procedure} is served. The Python Binder cannot send nil and answers an unknown name with a fault;
     * that reads as empty too. A Java Binder that knows several live servers for the name gives each caller address
     * one of them.
     *
     * @param procedure the name looked up
     * @return the endpoint; empty when nothing is registered under that name
     * @throws chat.common.rpc.RpcTransportException the Binder could not be reached
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

    /**
     * Every live server of {@code procedure} ({@code lookup_endpoints}). The first one is the one
     * {@code lookup_procedure} would have answered, so callers that take the first spread over all. A Binder without
     * the extension (a Python one) is asked {@code lookup_procedure} instead, which gives at most one.
     *
     * @param procedure the name looked up
     * @return the endpoints; empty when none
     * @throws chat.common.rpc.RpcTransportException the Binder could not be reached
     */
    public List<Endpoint> lookupAll(String procedure) {
        Object answer;
        try {
            answer = rpc.call(ChatProcedures.LOOKUP_ENDPOINTS, procedure);
        } catch (RpcFault withoutTheExtension) {
            return lookup(procedure).map(List::of).orElse(List.of());
        }
        List<Endpoint> endpoints = new ArrayList<>();
        for (Object pair : WireValues.array(answer)) {
            endpoints.add(Endpoint.fromWire(pair));
        }
        return endpoints;
    }

    /**
     * Every registration the Binder holds, dead ones included, with their liveness ({@code list_registrations}).
     *
     * @return the registrations, as the Binder lists them
     * @throws RpcFault the Binder does not have the extension (a Python Binder)
     * @throws chat.common.rpc.RpcTransportException the Binder could not be reached
     */
    public List<BinderRegistration> registrations() {
        List<BinderRegistration> registrations = new ArrayList<>();
        for (Object row : WireValues.array(rpc.call(ChatProcedures.LIST_REGISTRATIONS))) {
            registrations.add(BinderRegistration.fromWire(row));
        }
        return registrations;
    }

    /**
     * Registers every one of {@code shared} at once, as a Binder shares its registrations with another
     * ({@code share_registrations}), presenting {@code secret} (null for none).
     *
     * @param shared the registrations to share
     * @param secret the secret presented to that Binder; null for none
     * @return how many the Binder took (it refuses, one by one, what it would refuse from a server)
     * @throws RpcFault the Binder refused the caller, or does not have the extension (a Python Binder)
     * @throws IllegalArgumentException the Binder answered something other than a count
     */
    public int share(List<BinderEntry> shared, String secret) {
        Object[] entries = shared.stream().map(BinderEntry::toWire).toArray();
        Object answer = rpc.call(ChatProcedures.SHARE_REGISTRATIONS,
                secret == null ? new Object[] {entries} : new Object[] {entries, secret});
        if (!(answer instanceof Integer taken)) {
            throw new IllegalArgumentException("expected the number of registrations taken, got "
                    + WireValues.typeName(answer));
        }
        return taken;
    }

    private static Object[] withSecret(String secret, String procedure, String host, int port) {
        return secret == null ? new Object[] {procedure, host, port} : new Object[] {procedure, host, port, secret};
    }
}
