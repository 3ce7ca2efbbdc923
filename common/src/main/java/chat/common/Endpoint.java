package chat.common;

import java.util.List;
import java.util.Objects;

/**
 * Where a procedure is served: the address and port a server registered with the Binder.
 * On the wire it is the array {@code [address, port]}.
 *
 * @param host the address, a name or an IP address
 * @param port the port, 1 to 65535
 */
public record Endpoint(String host, int port) {

    /**
     * Checks the address and port.
     *
     * @param host the address, a name or an IP address
     * @param port the port, 1 to 65535
     * @throws IllegalArgumentException for a blank host or a port outside 1-65535
     */
    public Endpoint {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be between 1 and 65535, got " + port);
        }
    }

    /** {@return the XML-RPC array {@code [host, port]}} */
    public Object[] toWire() {
        return new Object[] {host, port};
    }

    /**
     * Reads {@code [host, port]}.
     *
     * @param value the wire value
     * @return the endpoint
     * @throws IllegalArgumentException for anything else, saying what came
     */
    public static Endpoint fromWire(Object value) {
        List<Object> pair = WireValues.array(value);
        if (pair.size() != 2 || !(pair.get(0) instanceof String host) || !(pair.get(1) instanceof Number port)) {
            throw new IllegalArgumentException("expected [address, port], got " + pair.size() + " values");
        }
        return new Endpoint(host, port.intValue());
    }

    /**
     * Reads {@code HOST:PORT}, as a person writes an address on a command line; an IPv6 address is written in
     * brackets ({@code [::1]:5000}).
     *
     * @param text the address
     * @return the endpoint
     * @throws IllegalArgumentException for anything else, quoting it and saying what is expected
     */
    public static Endpoint parse(String text) {
        String address = text.strip();
        int colon = address.lastIndexOf(':');
        try {
            String host = colon > 0 ? address.substring(0, colon).replaceAll("^\\[(.*)]$", "$1") : "";
            return new Endpoint(host, Integer.parseInt(address.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + address + "' is not HOST:PORT"
                    + (e instanceof NumberFormatException ? "" : " (" + e.getMessage() + ")"), e);
        }
    }

    /** {@return the HTTP URL XML-RPC calls to this endpoint are posted to (an IPv6 address in brackets)} */
    public String url() {
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return "http://" + h + ":" + port + "/";
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
