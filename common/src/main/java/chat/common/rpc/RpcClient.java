package chat.common.rpc;

import chat.common.Endpoint;
import chat.common.rpc.internal.Utf8XmlWriterFactory;
import chat.common.rpc.internal.WireTypeFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLConnection;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.xmlrpc.XmlRpcException;
import org.apache.xmlrpc.XmlRpcRequest;
import org.apache.xmlrpc.client.XmlRpcClientException;
import org.apache.xmlrpc.client.XmlRpcSunHttpTransport;
import org.apache.xmlrpc.client.XmlRpcClient;
import org.apache.xmlrpc.client.XmlRpcClientConfigImpl;
import org.xml.sax.SAXException;

/**
 * Calls procedures of one XML-RPC endpoint, speaking the wire as Python does (bare {@code <nil/>},
 * UTF-8). Thread-safe; connections are kept alive between calls.
 */
public final class RpcClient {
    /** How long a call may wait for a connection and for its answer unless told otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final Endpoint endpoint;
    private final XmlRpcClient client;
    /** Headers of the call in progress on each thread (the library sends a request on the calling thread). */
    private final ThreadLocal<Map<String, String>> callHeaders = ThreadLocal.withInitial(Map::of);

    /**
     * A client whose calls wait at most {@link #DEFAULT_TIMEOUT}.
     *
     * @param endpoint where the calls go
     */
    public RpcClient(Endpoint endpoint) {
        this(endpoint, DEFAULT_TIMEOUT);
    }

    /**
     * A client sending no headers of its own.
     *
     * @param endpoint where the calls go
     * @param timeout  how long a call may wait for a connection, and then for its answer
     */
    public RpcClient(Endpoint endpoint, Duration timeout) {
        this(endpoint, timeout, Map::of);
    }

    /**
     * A client that sends the HTTP headers {@code headers} supplies, asked anew for every call (so a value
     * learnt later, such as a session token, goes with every call after it).
     *
     * @param endpoint where the calls go
     * @param timeout  how long a call may wait for a connection, and then for its answer
     * @param headers  the headers to send with each call; values must be ASCII
     * @throws IllegalArgumentException when the endpoint makes no URL
     */
    public RpcClient(Endpoint endpoint, Duration timeout, Supplier<Map<String, String>> headers) {
        this.endpoint = endpoint;
        XmlRpcClientConfigImpl config = new XmlRpcClientConfigImpl();
        try {
            config.setServerURL(new URL(endpoint.url()));
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("not a usable address: " + endpoint, e);
        }
        config.setEnabledForExtensions(false);
        config.setEnabledForExceptions(false);
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        config.setConnectionTimeout(millis);
        config.setReplyTimeout(millis);
        client = new XmlRpcClient();
        client.setConfig(config);
        client.setTransportFactory(() -> new XmlRpcSunHttpTransport(client) {
            @Override
            protected void initHttpHeaders(XmlRpcRequest request) throws XmlRpcClientException {
                super.initHttpHeaders(request);
                headers.get().forEach(this::setRequestHeader);
                callHeaders.get().forEach(this::setRequestHeader);
            }

            /** The timeouts, which this transport does not take from the client's configuration. */
            @Override
            protected URLConnection newURLConnection(URL url) throws IOException {
                URLConnection connection = super.newURLConnection(url);
                connection.setConnectTimeout(millis);
                connection.setReadTimeout(millis);
                return connection;
            }

            /**
             * Connects before the request is written, so that a failure to connect is told apart: before the
             * connection is made nothing can have reached the peer. The request stays buffered, so that a
             * kept-alive connection the peer closed meanwhile (a restarted server, an idle timeout) is replaced
             * by a new one instead of failing the call: the JDK sends it again, once, when reading the answer
             * fails. So a failure after this connect, even a refused connection, may follow a request the peer
             * read and acted on before it died (its answer lost with it), and is reported as one that may have
             * arrived.
             */
            @Override
            protected void writeRequest(ReqWriter writer) throws IOException, XmlRpcException, SAXException {
                ByteArrayOutputStream body = new ByteArrayOutputStream();
                writer.write(body);
                HttpURLConnection connection = (HttpURLConnection) getURLConnection();
                connection.setRequestMethod("POST");
                try {
                    connection.connect();
                } catch (IOException e) {
                    throw new NotConnected(e);
                }
                try (OutputStream out = connection.getOutputStream()) {
                    body.writeTo(out);
                }
            }
        });
        client.setTypeFactory(new WireTypeFactory(client));
        client.setXmlWriterFactory(new Utf8XmlWriterFactory());
    }

    /** {@return where the calls go} */
    public Endpoint endpoint() {
        return endpoint;
    }

    /**
     * Calls {@code procedure} with {@code args} and returns its result as the library reads it: strings, Integer,
     * Double, Boolean, {@code Object[]} for arrays, {@code Map} for structs, null for nil.
     *
     * @param procedure the procedure's wire name
     * @param args      its arguments; null is sent as nil
     * @return the result
     * @throws RpcFault              the peer answered with a fault
     * @throws RpcTransportException the peer could not be reached or did not answer in XML-RPC
     */
    public Object call(String procedure, Object... args) {
        return call(Map.of(), procedure, args);
    }

    /**
     * As {@link #call(String, Object...)}, sending the HTTP headers {@code headers} with this call only (beside
     * those the client sends with every call).
     *
     * @param headers   the headers of this call; values must be ASCII
     * @param procedure the procedure's wire name
     * @param args      its arguments; null is sent as nil
     * @return the result
     * @throws RpcFault              the peer answered with a fault
     * @throws RpcTransportException the peer could not be reached or did not answer in XML-RPC
     */
    public Object call(Map<String, String> headers, String procedure, Object... args) {
        callHeaders.set(headers);
        try {
            return client.execute(procedure, args);
        } catch (NotConnected e) {
            throw new RpcTransportException(procedure + " at " + endpoint + " failed: " + e.getMessage(), e.getCause(),
                    false);
        } catch (XmlRpcException e) {
            if (e.getClass() == XmlRpcException.class && e.linkedException == null) {
                throw new RpcFault(procedure, e.code, e.getMessage());
            }
            throw new RpcTransportException(procedure + " at " + endpoint + " failed: " + e.getMessage(), e, true);
        } catch (RuntimeException e) {
            throw new RpcTransportException(procedure + " at " + endpoint + " failed: " + e.getMessage(), e);
        } finally {
            callHeaders.remove();
        }
    }

    /** No connection to the peer could be made: the request was not sent. */
    private static final class NotConnected extends XmlRpcClientException {
        private static final long serialVersionUID = 1L;

        NotConnected(IOException cause) {
            super("cannot connect: " + cause.getMessage(), cause);
        }
    }
}
