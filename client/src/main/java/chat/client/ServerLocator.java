package chat.client;

import chat.client.ChatCallException.Reason;
import chat.common.BinderClient;
import chat.common.Endpoint;
import chat.common.rpc.RpcClient;
import chat.common.rpc.RpcFault;
import chat.common.rpc.RpcTransportException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Calls chat procedures where the Binder says they are served. Each procedure is looked up once and
 * remembered; when its server stops answering it is looked up again once and the call retried, so a
 * restarted or moved server is found. Thread-safe.
 *
 * <p>The retry follows any transport failure, so a call whose answer alone was lost (a reply timeout)
 * runs twice; for a message that means it may be stored twice, which beats losing it silently.
 */
final class ServerLocator {
    private final BinderClient binder;
    private final Duration timeout;
    private final ConcurrentMap<String, Endpoint> servedAt = new ConcurrentHashMap<>();
    private final ConcurrentMap<Endpoint, RpcClient> clients = new ConcurrentHashMap<>();
    /** Clients whose reply timeout is not the usual one (long polls), by address and timeout. */
    private final ConcurrentMap<Slow, RpcClient> slowClients = new ConcurrentHashMap<>();

    private record Slow(Endpoint at, Duration timeout) {
    }

    ServerLocator(Endpoint binder, Duration timeout) {
        this.binder = new BinderClient(binder, timeout);
        this.timeout = timeout;
    }

    /** Where {@code procedure} is served, asking the Binder when it is not known yet. */
    Endpoint locate(String procedure) {
        Endpoint known = servedAt.get(procedure);
        return known != null ? known : lookUp(procedure);
    }

    /**
     * Calls {@code procedure}; null arguments are sent as nil.
     *
     * @throws ChatCallException the Binder or the server cannot be reached, no server is registered, or
     *                           the server answered with a fault
     */
    Object call(String procedure, Object... args) {
        return call(timeout, procedure, args);
    }

    /**
     * Calls {@code procedure} allowing {@code replyTimeout} for its answer, on connections of its own (a
     * long poll, whose answer takes as long as the server waits, must not hold up the other calls).
     */
    Object call(Duration replyTimeout, String procedure, Object... args) {
        Endpoint first = locate(procedure);
        try {
            return callAt(first, replyTimeout, procedure, args);
        } catch (RpcTransportException firstFailure) {
            servedAt.remove(procedure, first);
            Endpoint again = lookUp(procedure);
            try {
                return callAt(again, replyTimeout, procedure, args);
            } catch (RpcTransportException secondFailure) {
                servedAt.remove(procedure, again);
                secondFailure.addSuppressed(firstFailure);
                throw new ChatCallException(Reason.SERVER_UNREACHABLE, again.toString(),
                        rootMessage(secondFailure), secondFailure);
            }
        }
    }

    /**
     * Where the Binder says {@code procedure} is served, asked now (not remembered when absent): empty when
     * no server registers it, which is how a server tells it does not offer an optional procedure.
     */
    Optional<Endpoint> offered(String procedure) {
        Optional<Endpoint> found;
        try {
            found = binder.lookup(procedure);
        } catch (RpcTransportException e) {
            throw new ChatCallException(Reason.BINDER_UNREACHABLE, binder.binder().toString(), rootMessage(e), e);
        } catch (IllegalArgumentException e) {
            throw new ChatCallException(Reason.BAD_ANSWER, binder.binder().toString(), e.getMessage(), e);
        }
        found.ifPresent(server -> servedAt.put(procedure, server));
        return found;
    }

    private Object callAt(Endpoint server, Duration replyTimeout, String procedure, Object... args) {
        try {
            RpcClient client = replyTimeout.equals(timeout)
                    ? clients.computeIfAbsent(server, at -> new RpcClient(at, timeout))
                    : slowClients.computeIfAbsent(new Slow(server, replyTimeout),
                            slow -> new RpcClient(slow.at(), slow.timeout()));
            return client.call(procedure, args);
        } catch (RpcFault fault) {
            throw new ChatCallException(Reason.SERVER_REFUSED, server.toString(), fault.faultString(), fault);
        }
    }

    private Endpoint lookUp(String procedure) {
        return offered(procedure).orElseThrow(() -> new ChatCallException(Reason.NO_SERVER,
                binder.binder().toString(), procedure, null));
    }

    /** The innermost cause's message: "Connection refused" says more to a person than the library's wrapping. */
    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }
}
