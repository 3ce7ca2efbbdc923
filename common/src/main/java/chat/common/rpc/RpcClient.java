package chat.common.rpc;

import chat.common.Endpoint;
import chat.common.rpc.internal.Utf8XmlWriterFactory;
import chat.common.rpc.internal.WireTypeFactory;
import java.net.MalformedURLException;
import java.net.URL;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.xmlrpc.XmlRpcException;
import org.apache.xmlrpc.XmlRpcRequest;
import org.apache.xmlrpc.client.XmlRpcClientException;
import org.apache.xmlrpc.client.XmlRpcSunHttpTransport;
import org.apache.xmlrpc.client.XmlRpcClient;
import org.apache.xmlrpc.client.XmlRpcClientConfigImpl;

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

    public RpcClient(Endpoint endpoint) {
        this(endpoint, DEFAULT_TIMEOUT);
    }

    public RpcClient(Endpoint endpoint, Duration timeout) {
        this(endpoint, timeout, Map::of);
    }

    /**
     * A client that sends the HTTP headers {@code headers} supplies, asked anew for every call (so a value
     * learnt later, such as a session token, goes with every call after it). Values must be ASCII.
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
        });
        client.setTypeFactory(new WireTypeFactory(client));
        client.setXmlWriterFactory(new Utf8XmlWriterFactory());
    }

    /** Where the calls go. */
    public Endpoint endpoint() {
        return endpoint;
    }

    /**
     * Calls {@code procedure} with {@code args} (null is sent as nil) and returns its result as the
     * library reads it: strings, Integer, Double, Boolean, {@code Object[]} for arrays, {@code Map} for
     * structs, null for nil.
     *
     * @throws RpcFault              the peer answered with a fault
     * @throws RpcTransportException the peer could not be reached or did not answer in XML-RPC
     */
    public Object call(String procedure, Object... args) {
        return call(Map.of(), procedure, args);
    }

    /**
     * As {@link #call(String, Object...)}, sending the HTTP headers {@code headers} with this call only (beside
     * those the client sends with every call). Values must be ASCII.
     */
    public Object call(Map<String, String> headers, String procedure, Object... args) {
        callHeaders.set(headers);
        try {
            return client.execute(procedure, args);
        } catch (XmlRpcException e) {
            if (e.getClass() == XmlRpcException.class && e.linkedException == null) {
                throw new RpcFault(procedure, e.code, e.getMessage());
            }
            throw new RpcTransportException(procedure + " at " + endpoint + " failed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new RpcTransportException(procedure + " at " + endpoint + " failed: " + e.getMessage(), e);
        } finally {
            callHeaders.remove();
        }
    }
}
