package chat.common.rpc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.xmlrpc.XmlRpcException;
import org.apache.xmlrpc.XmlRpcHandler;
import org.apache.xmlrpc.XmlRpcRequest;
import org.apache.xmlrpc.server.XmlRpcHandlerMapping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The procedures one endpoint serves, by name. Each is a thin adapter from wire arguments to a plain
 * service method; arity is checked against the procedure's {@link Signature} before the body runs.
 */
public final class ProcedureTable implements XmlRpcHandlerMapping {
    private static final Logger LOG = LoggerFactory.getLogger(ProcedureTable.class);

    private final Map<String, XmlRpcHandler> handlers;
    private final Set<String> nonBlocking;

    private ProcedureTable(Map<String, XmlRpcHandler> handlers, Set<String> nonBlocking) {
        this.handlers = Collections.unmodifiableMap(handlers);
        this.nonBlocking = Set.copyOf(nonBlocking);
    }

    /** {@return a builder of a table with no procedures, none declared non-blocking} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Whether every procedure answers from this process's memory without waiting for I/O, another server or
     * a long-held lock. An endpoint runs such calls on the thread that read them (saving two thread hand-offs
     * per call); a call that answers later returns a {@link java.util.concurrent.CompletionStage} instead of
     * waiting.
     *
     * @return true when the whole table was declared non-blocking
     */
    public boolean nonBlocking() {
        return nonBlocking.containsAll(handlers.keySet());
    }

    /**
     * Whether procedure {@code name} answers from this process's memory without waiting (see {@link #nonBlocking()}).
     * An endpoint runs such a call on the thread that read it, and hands the others to its workers once the request is
     * parsed.
     *
     * @param name a procedure's wire name
     * @return false for a name the table does not serve
     */
    public boolean nonBlocking(String name) {
        return nonBlocking.contains(name);
    }

    /** {@return whether any procedure is {@linkplain #nonBlocking(String) non-blocking}} */
    public boolean anyNonBlocking() {
        return !nonBlocking.isEmpty();
    }

    /** {@return the names served, in the order they were added} */
    public Set<String> names() {
        return handlers.keySet();
    }

    @Override
    public XmlRpcHandler getHandler(String name) throws XmlRpcException {
        XmlRpcHandler handler = name == null ? null : handlers.get(name);
        if (handler == null) {
            throw Faults.methodNotFound(name);
        }
        return handler;
    }

    /** Collects procedures; {@link #build()} freezes them. */
    public static final class Builder {
        private final Map<String, XmlRpcHandler> handlers = new LinkedHashMap<>();
        private final Set<String> nonBlockingNames = new java.util.HashSet<>();
        private boolean nonBlocking;

        private Builder() {
        }

        /**
         * Declares that every procedure of the table never blocks (see {@link ProcedureTable#nonBlocking()}), or
         * (false) only those added as non-blocking with {@link #add(String, String, boolean, Procedure)}.
         *
         * @param value whether the whole table is non-blocking
         * @return this builder
         */
        public Builder nonBlocking(boolean value) {
            nonBlocking = value;
            return this;
        }

        /**
         * Adds a procedure.
         *
         * @param name the procedure's wire name
         * @param spec its argument names, space-separated, optional ones last in brackets:
         *             {@code "username room content [recipient]"}
         * @param body what it does
         * @return this builder
         */
        public Builder add(String name, String spec, Procedure body) {
            return add(Signature.parse(name, spec), false, body);
        }

        /**
         * Adds a procedure that never blocks, whatever the table declares (see
         * {@link ProcedureTable#nonBlocking(String)}): a read answered from memory. With {@code nonBlocking} false,
         * the same as {@link #add(String, String, Procedure)}.
         *
         * @param name        the procedure's wire name
         * @param spec        its argument names, as for {@link #add(String, String, Procedure)}
         * @param nonBlocking whether it answers without waiting
         * @param body        what it does
         * @return this builder
         */
        public Builder add(String name, String spec, boolean nonBlocking, Procedure body) {
            return add(Signature.parse(name, spec), nonBlocking, body);
        }

        /**
         * As {@link #add(String, String, boolean, Procedure)}, for a procedure whose signature is already parsed.
         *
         * @param signature   the procedure's name and arguments
         * @param nonBlocking whether it answers without waiting
         * @param body        what it does
         * @return this builder
         */
        public Builder add(Signature signature, boolean nonBlocking, Procedure body) {
            String name = signature.procedure();
            if (handlers.putIfAbsent(name, request -> invoke(signature, body, request)) != null) {
                throw new IllegalArgumentException("procedure '" + name + "' is added twice");
            }
            if (nonBlocking) {
                nonBlockingNames.add(name);
            }
            return this;
        }

        /** {@return the table of the procedures added} */
        public ProcedureTable build() {
            Set<String> marked = new java.util.HashSet<>(nonBlockingNames);
            if (nonBlocking) {
                marked.addAll(handlers.keySet());
            }
            return new ProcedureTable(new LinkedHashMap<>(handlers), marked);
        }
    }

    private static Object invoke(Signature signature, Procedure body, XmlRpcRequest request) throws XmlRpcException {
        List<Object> values = new ArrayList<>(request.getParameterCount());
        for (int i = 0; i < request.getParameterCount(); i++) {
            values.add(request.getParameter(i));
        }
        try {
            CallContext context = request.getConfig() instanceof CallContext call ? call : null;
            return body.call(new Params(signature, values, context));
        } catch (XmlRpcException fault) {
            throw fault;
        } catch (RuntimeException e) {
            LOG.error("{} failed", signature.procedure(), e);
            throw Faults.internalError(signature.procedure());
        }
    }
}
