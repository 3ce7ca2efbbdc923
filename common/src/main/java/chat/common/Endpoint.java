package chat.common;

import java.util.List;
import java.util.Objects;

/**
 * Where a procedure is served: the address and port a server registered with the Binder.
 * On the wire it is the array {@code [address, port]}.
 */
public record Endpoint(String host, int port) {

    public Endpoint {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be between 1 and 65535, got " + port);
        }
    }

    /** The XML-RPC array {@code [host, port]}. */
    public Object[] toWire() {
        return new Object[] {host, port};
    }

    /** Reads {@code [host, port]}; anything else is an {@link IllegalArgumentException}. */
    public static Endpoint fromWire(Object value) {
        List<Object> pair = WireValues.array(value);
        if (pair.size() != 2 || !(pair.get(0) instanceof String host) || !(pair.get(1) instanceof Number port)) {
            throw new IllegalArgumentException("expected [address, port], got " + pair.size() + " values");
        }
        return new Endpoint(host, port.intValue());
    }

    /** The HTTP URL XML-RPC calls to this endpoint are posted to. */
    public String url() {
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return "http://" + h + ":" + port + "/";
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
