package chat.common;

import java.util.List;
import java.util.Objects;

/**
 * One name at one endpoint, as a Binder shares it with another: on the wire, the array
 * {@code [name, address, port]} of {@code share_registrations}.
 *
 * @param name the procedure name (or {@link ChatProcedures#BINDER_PEER}, {@link ChatProcedures#CLUSTER_MEMBER})
 * @param at   where it is served
 */
public record BinderEntry(String name, Endpoint at) {
    /**
     * Checks that nothing is missing.
     *
     * @param name the procedure name (or {@link ChatProcedures#BINDER_PEER}, {@link ChatProcedures#CLUSTER_MEMBER})
     * @param at   where it is served
     * @throws NullPointerException for a missing name or endpoint
     */
    public BinderEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(at, "at");
    }

    /** {@return the XML-RPC array {@code [name, address, port]}} */
    public Object[] toWire() {
        return new Object[] {name, at.host(), at.port()};
    }

    /**
     * Reads the array.
     *
     * @param value an item of {@code share_registrations}' array
     * @return the entry
     * @throws IllegalArgumentException for anything else, saying what it is
     */
    public static BinderEntry fromWire(Object value) {
        List<Object> items = WireValues.array(value);
        if (items.size() != 3 || !(items.get(0) instanceof String name) || !(items.get(1) instanceof String host)
                || !(items.get(2) instanceof Integer port)) {
            throw new IllegalArgumentException("expected [name, address, port], got " + WireValues.typeName(value)
                    + " of " + items.size());
        }
        return new BinderEntry(name, new Endpoint(host, port));
    }
}
