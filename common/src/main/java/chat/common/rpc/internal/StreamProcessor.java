package chat.common.rpc.internal;

import chat.common.LogThrottle;
import chat.common.rpc.CallContext;
import chat.common.rpc.Faults;
import chat.common.rpc.ProcedureTable;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.xmlrpc.XmlRpcException;
import org.apache.xmlrpc.XmlRpcRequest;
import org.apache.xmlrpc.XmlRpcRequestConfig;
import org.apache.xmlrpc.common.XmlRpcHttpRequestConfigImpl;
import org.apache.xmlrpc.common.XmlRpcStreamRequestConfig;
import org.apache.xmlrpc.parser.XmlRpcRequestParser;
import org.apache.xmlrpc.server.XmlRpcErrorLogger;
import org.apache.xmlrpc.server.XmlRpcHandlerMapping;
import org.apache.xmlrpc.server.XmlRpcServerConfigImpl;
import org.apache.xmlrpc.server.XmlRpcStreamServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/**
 * The library's XML-RPC request processing, from request bytes to response bytes, set up for the
 * wire: Python's nil, UTF-8 emoji, no extensions, no DOCTYPE, and faults that never carry a Java
 * class name or a stack trace.
 */
public final class StreamProcessor extends XmlRpcStreamServer {
    private static final Logger LOG = LoggerFactory.getLogger(StreamProcessor.class);

    /** methodCall, params, param, value, then three elements per nested array or struct: about 40 levels. */
    static final int MAX_ELEMENT_DEPTH = 128;
    /** The library's words for a value type that needs its extensions: "The tag {uri}name is invalid, if ...". */
    private static final Pattern EXTENSION_TAG = Pattern.compile("The tag \\{[^}]*}(\\w+) is invalid, if isEnabledForExtensions");

    private final SafeXmlReaders readers = new SafeXmlReaders();
    /** Which procedures run where the request was parsed; null: all of them. */
    private final ProcedureTable table;
    private final KindThrottle refusals = new KindThrottle();

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
            parsed = parse(config, request);
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
            return parse(config, stream.readAllBytes());
        } catch (IOException e) {
            throw new XmlRpcException(Faults.PARSE_ERROR, "unreadable XML-RPC request: " + e.getMessage());
        }
    }

    private XmlRpcRequest parse(XmlRpcStreamRequestConfig config, byte[] body) throws XmlRpcException {
        XmlRpcRequestParser parser = new XmlRpcRequestParser(config, getTypeFactory());
        try {
            XMLReader reader = readers.reader();
            reader.setContentHandler(new DepthLimit(parser, MAX_ELEMENT_DEPTH));
            reader.parse(new InputSource(new ByteArrayInputStream(body)));
        } catch (SAXException e) {
            String why = String.valueOf(e.getMessage());
            Matcher extension = EXTENSION_TAG.matcher(why);
            if (extension.find()) {
                throw new XmlRpcException(Faults.INVALID_REQUEST, "unsupported value type <" + extension.group(1)
                        + ">: XML-RPC extensions (ex:serializable, ex:i8, ...) are not accepted");
            }
            if (e.getException() instanceof XmlRpcException fault) {
                throw fault;
            }
            if (e instanceof DepthLimit.TooDeep) {
                throw new XmlRpcException(Faults.INVALID_REQUEST, e.getMessage() + " (values nested about "
                        + (MAX_ELEMENT_DEPTH - 4) / 3 + " arrays or structs deep at most)");
            }
            // The parser refuses a DOCTYPE once it has read it, or fails inside one (an entity it will not fetch).
            if (why.contains(SafeXmlReaders.DOCTYPE_REFUSED) || Prolog.declaresDoctype(body)) {
                throw new XmlRpcException(Faults.INVALID_REQUEST,
                        "the request has a DOCTYPE declaration; XML-RPC requests must not declare one");
            }
            throw new XmlRpcException(Faults.PARSE_ERROR, "malformed XML-RPC request: " + why);
        } catch (IOException e) {
            throw new XmlRpcException(Faults.PARSE_ERROR, "unreadable XML-RPC request: " + e.getMessage());
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
        String method = parser.getMethodName();
        if (method == null || method.isEmpty()) {
            throw new XmlRpcException(Faults.INVALID_REQUEST, "the request names no procedure (no methodName)");
        }
        @SuppressWarnings("unchecked")
        List<Object> params = parser.getParams() == null ? List.of() : parser.getParams();
        return new XmlRpcRequest() {
            @Override
            public XmlRpcRequestConfig getConfig() {
                return config;
            }

            @Override
            public String getMethodName() {
                return method;
            }

            @Override
            public int getParameterCount() {
                return params.size();
            }

            @Override
            public Object getParameter(int index) {
                return params.get(index);
            }
        };
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
     * Logs a failed call: a client's mistake at INFO, at most once a second (a flood of refused calls
     * must not flood the log; the rest go to DEBUG), a server failure at ERROR with its stack trace.
     */
    private void logFault(Throwable error) {
        if (error instanceof XmlRpcException fault && fault.code != Faults.INTERNAL_ERROR) {
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
