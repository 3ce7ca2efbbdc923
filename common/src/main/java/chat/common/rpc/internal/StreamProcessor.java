package chat.common.rpc.internal;

import chat.common.LogThrottle;
import chat.common.rpc.CallContext;
import chat.common.rpc.Faults;
import chat.common.rpc.ProcedureTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.xmlrpc.XmlRpcException;
import org.apache.xmlrpc.XmlRpcRequest;
import org.apache.xmlrpc.common.XmlRpcHttpRequestConfigImpl;
import org.apache.xmlrpc.common.XmlRpcStreamRequestConfig;
import org.apache.xmlrpc.server.XmlRpcErrorLogger;
import org.apache.xmlrpc.server.XmlRpcHandlerMapping;
import org.apache.xmlrpc.server.XmlRpcServerConfigImpl;
import org.apache.xmlrpc.server.XmlRpcStreamServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The library's XML-RPC request processing, from request bytes to response bytes, set up for the
 * wire: Python's nil, UTF-8 emoji, no extensions, no DOCTYPE ({@link RequestParser}), and faults that never
 * carry a Java class name or a stack trace.
 */
public final class StreamProcessor extends XmlRpcStreamServer {
    private static final Logger LOG = LoggerFactory.getLogger(StreamProcessor.class);

    /** Which procedures run where the request was parsed; null: all of them. */
    private final ProcedureTable table;
    private final KindThrottle refusals = new KindThrottle();
    private final RequestParser parser;

    public StreamProcessor(XmlRpcHandlerMapping procedures) {
        this.table = procedures instanceof ProcedureTable marked ? marked : null;
        XmlRpcServerConfigImpl config = new XmlRpcServerConfigImpl();
        config.setEnabledForExtensions(false);
        config.setEnabledForExceptions(false);
        config.setEncoding(XmlRpcStreamRequestConfig.UTF8_ENCODING);
        setConfig(config);
        setTypeFactory(new WireTypeFactory(this));
        setXMLWriterFactory(new Utf8XmlWriterFactory());
        setHandlerMapping(procedures);
        this.parser = new RequestParser(getTypeFactory());
        setErrorLogger(new XmlRpcErrorLogger() {
            @Override
            public void log(String message, Throwable error) {
                logFault(error);
            }

            @Override
            public void log(String message) {
                LOG.warn(message);
            }
        });
    }

    /**
     * Processes one request body and hands the response body (a result or a fault) to {@code reply}:
     * at once when the procedure returned a value, or when its {@link CompletionStage} completes,
     * on {@code later}, when it returned one, so that a waiting call holds no thread. A result the
     * wire cannot carry becomes fault {@link Faults#INTERNAL_ERROR} and an error in the log.
     */
    public void process(byte[] request, InetAddress caller, Executor later, Consumer<byte[]> reply) {
        process(request, caller, name -> null, later, reply);
    }

    /**
     * The same, for a request whose HTTP headers {@code headers} reads (by name, case-insensitive; null when
     * absent): procedures see them in their {@link CallContext}.
     */
    public void process(byte[] request, InetAddress caller, Function<String, String> headers, Executor later,
                        Consumer<byte[]> reply) {
        process(request, caller, headers, later, null, reply);
    }

    /**
     * The same, running on {@code workers} (after parsing here) every procedure its table does not mark
     * {@linkplain ProcedureTable#nonBlocking(String) non-blocking}; null runs every procedure here.
     *
     * @throws java.util.concurrent.RejectedExecutionException the workers take no more calls (nothing is answered)
     */
    public void process(byte[] request, InetAddress caller, Function<String, String> headers, Executor later,
                        Executor workers, Consumer<byte[]> reply) {
        CallConfig config = new CallConfig(caller, headers);
        XmlRpcRequest parsed;
        try {
            parsed = parser.parse(config, request);
        } catch (Throwable error) {
            logError(error);
            reply.accept(fault(config, error));
            return;
        }
        if (workers != null && table != null && !table.nonBlocking(parsed.getMethodName())) {
            workers.execute(() -> run(config, parsed, later, reply));
        } else {
            config.offloadTo = workers;
            run(config, parsed, later, reply);
        }
    }

    private void run(CallConfig config, XmlRpcRequest parsed, Executor later, Consumer<byte[]> reply) {
        Object result;
        try {
            result = execute(parsed);
            // The headers are read while the procedure runs (one answered later reads them before it returns); a
            // call answered later keeps its config until then, and should not keep the request (its head and body).
            config.forgetHeaders();
        } catch (Throwable error) {
            logError(error);
            reply.accept(fault(config, error));
            return;
        }
        if (result instanceof CompletionStage<?> pending) {
            pending.whenCompleteAsync((value, failure) -> {
                if (failure == null) {
                    reply.accept(response(config, value));
                    return;
                }
                Throwable cause = failure instanceof CompletionException wrapped && wrapped.getCause() != null
                        ? wrapped.getCause() : failure;
                logError(cause);
                reply.accept(fault(config, cause));
            }, later);
            return;
        }
        reply.accept(response(config, result));
    }

    /** Processes a request whose procedure answers at once; for tests and simple callers. */
    public byte[] process(byte[] request, InetAddress caller) {
        byte[][] answer = new byte[1][];
        process(request, caller, Runnable::run, bytes -> answer[0] = bytes);
        if (answer[0] == null) {
            throw new IllegalStateException("the procedure answered later; use the asynchronous process");
        }
        return answer[0];
    }

    private byte[] response(CallConfig config, Object value) {
        Document out = new Document();
        try {
            writeResponse(config, out, value);
            return out.bytes();
        } catch (XmlRpcException e) {
            LOG.error("a call's result could not be written as XML-RPC", e);
            return fault(config, Faults.internalError(null));
        }
    }

    private byte[] fault(CallConfig config, Throwable error) {
        Document out = new Document();
        try {
            writeError(config, out, error);
        } catch (XmlRpcException impossible) {
            throw new IllegalStateException("cannot write a fault", impossible);
        }
        return out.bytes();
    }

    /**
     * Where a response document is written: the {@link Utf8XmlWriterFactory}'s writer hands it over whole, in
     * one write, which is kept as one array of exactly its length (no buffer to grow, no copy to trim).
     */
    private static final class Document extends OutputStream {
        private byte[] bytes = new byte[0];

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] source, int offset, int length) {
            if (bytes.length == 0) {
                bytes = Arrays.copyOfRange(source, offset, offset + length);
                return;
            }
            byte[] longer = Arrays.copyOf(bytes, bytes.length + length);
            System.arraycopy(source, offset, longer, bytes.length, length);
            bytes = longer;
        }

        byte[] bytes() {
            return bytes;
        }
    }

    /** One call's settings: the wire's (no extensions, UTF-8) and who is calling. */
    private static final class CallConfig extends XmlRpcHttpRequestConfigImpl implements CallContext {
        private final InetAddress caller;
        private Function<String, String> headers;
        /** Where waiting work goes when the call runs on an I/O thread; null when it runs on a worker already. */
        private Executor offloadTo;

        CallConfig(InetAddress caller, Function<String, String> headers) {
            this.caller = caller;
            this.headers = headers;
            setEnabledForExtensions(false);
            setEnabledForExceptions(false);
            setEncoding(XmlRpcStreamRequestConfig.UTF8_ENCODING);
        }

        @Override
        public InetAddress caller() {
            return caller;
        }

        /** Read while the procedure runs; null after it returned. */
        @Override
        public String header(String name) {
            return headers.apply(name);
        }

        @Override
        public void offload(Runnable task) {
            if (offloadTo == null) {
                task.run();
            } else {
                offloadTo.execute(task);
            }
        }

        void forgetHeaders() {
            headers = name -> null;
        }
    }

    /**
     * The library's own entry to parsing, unused by {@link #process} but kept pointing at the safe parser, so
     * that no path through the library ever parses a request with its default, unguarded reader.
     */
    @Override
    protected XmlRpcRequest getRequest(XmlRpcStreamRequestConfig config, InputStream stream) throws XmlRpcException {
        try {
            return parser.parse(config, stream.readAllBytes());
        } catch (IOException e) {
            throw new XmlRpcException(Faults.PARSE_ERROR, "unreadable XML-RPC request: " + e.getMessage());
        }
    }

    @Override
    protected Throwable convertThrowable(Throwable error) {
        if (error instanceof XmlRpcException fault && fault.code != 0) {
            return new XmlRpcException(fault.code, fault.getMessage());
        }
        if (error instanceof XmlRpcException fault) {
            return new XmlRpcException(Faults.INVALID_REQUEST, fault.getMessage());
        }
        return Faults.internalError(null);
    }

    /**
     * Logs a failed call: a refusal that is part of normal use ({@link Faults#routine}) at DEBUG, a client's
     * mistake at INFO, at most once a second (a flood of refused calls must not flood the log; the rest go to
     * DEBUG), a server failure at ERROR with its stack trace.
     */
    private void logFault(Throwable error) {
        if (Faults.isRoutine(error)) {
            XmlRpcException fault = (XmlRpcException) error;
            LOG.debug("refused a call: {} (fault {})", fault.getMessage(), fault.code);
        } else if (error instanceof XmlRpcException fault && fault.code != Faults.INTERNAL_ERROR) {
            long held = refusals.admit("refused");
            if (held >= 0) {
                LOG.info("refused a call: {} (fault {}){}", fault.getMessage(), fault.code, LogThrottle.heldBackNote(held));
            } else {
                LOG.debug("refused a call: {} (fault {})", fault.getMessage(), fault.code);
            }
        } else {
            LOG.error("a call failed", error);
        }
    }
}
