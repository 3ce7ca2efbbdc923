package chat.common;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One name the Binder holds for one server, and whether that server answers: a row of the Binder's
 * {@code list_registrations}. On the wire it is the struct {@code {name, address, port, alive,
 * seconds_since_registered, seconds_since_seen}}.
 *
 * @param name                   the procedure name
 * @param endpoint               where the server registered it
 * @param alive                  whether the Binder hands this endpoint out (it answered its latest probes)
 * @param secondsSinceRegistered seconds since the endpoint last registered or re-registered any name
 * @param secondsSinceSeen       seconds since the endpoint last gave a sign of life (a registration or an
 *                               answered probe)
 */
public record BinderRegistration(String name, Endpoint endpoint, boolean alive, double secondsSinceRegistered,
                           double secondsSinceSeen) {

    /**
     * Checks the registration.
     *
     * @param name                   the procedure name
     * @param endpoint               where the server registered it
     * @param alive                  whether the Binder hands this endpoint out (it answered its latest probes)
     * @param secondsSinceRegistered seconds since the endpoint last registered or re-registered any name
     * @param secondsSinceSeen       seconds since the endpoint last gave a sign of life (a registration or an
     *                               answered probe)
     * @throws IllegalArgumentException for a negative age
     */
    public BinderRegistration {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(endpoint, "endpoint");
        if (!(secondsSinceRegistered >= 0) || !(secondsSinceSeen >= 0)) {
            throw new IllegalArgumentException("ages must be 0 or more seconds, got " + secondsSinceRegistered
                    + " and " + secondsSinceSeen);
        }
    }

    /** {@return the XML-RPC struct} */
    public Map<String, Object> toWire() {
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("name", name);
        wire.put("address", endpoint.host());
        wire.put("port", endpoint.port());
        wire.put("alive", alive);
        wire.put("seconds_since_registered", secondsSinceRegistered);
        wire.put("seconds_since_seen", secondsSinceSeen);
        return wire;
    }

    /**
     * Reads the struct.
     *
     * @param value a row of {@code list_registrations}, as the library hands it over
     * @return the registration
     * @throws IllegalArgumentException for a missing or mistyped member, naming it
     */
    public static BinderRegistration fromWire(Object value) {
        if (!(value instanceof Map<?, ?> struct)) {
            throw new IllegalArgumentException("expected a registration struct, got " + WireValues.typeName(value));
        }
        return new BinderRegistration(
                WireValues.member(struct, "name", String.class),
                new Endpoint(WireValues.member(struct, "address", String.class),
                        WireValues.member(struct, "port", Integer.class)),
                WireValues.member(struct, "alive", Boolean.class),
                WireValues.member(struct, "seconds_since_registered", Number.class).doubleValue(),
                WireValues.member(struct, "seconds_since_seen", Number.class).doubleValue());
    }
}
