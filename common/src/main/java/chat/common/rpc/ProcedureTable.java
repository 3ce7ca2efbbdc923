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
    private final boolean nonBlocking;

    private ProcedureTable(Map<String, XmlRpcHandler> handlers, boolean nonBlocking) {
        this.handlers = Collections.unmodifiableMap(handlers);
        this.nonBlocking = nonBlocking;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Whether every procedure answers from this process's memory without waiting for I/O, another server or
     * a long-held lock. An endpoint runs such calls on the thread that read them (saving two thread hand-offs
     * per call); a call that answers later returns a {@link java.util.concurrent.CompletionStage} instead of
     * waiting.
     */
    public boolean nonBlocking() {
        return nonBlocking;
    }

    /** The names served, in the order they were added. */
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
        private boolean nonBlocking;

        private Builder() {
        }

        /** Declares that every procedure of the table never blocks (see {@link ProcedureTable#nonBlocking()}). */
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
         */
        public Builder add(String name, String spec, Procedure body) {
            Signature signature = Signature.parse(name, spec);
            if (handlers.putIfAbsent(name, request -> invoke(signature, body, request)) != null) {
                throw new IllegalArgumentException("procedure '" + name + "' is added twice");
            }
            return this;
        }

        public ProcedureTable build() {
            return new ProcedureTable(new LinkedHashMap<>(handlers), nonBlocking);
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
