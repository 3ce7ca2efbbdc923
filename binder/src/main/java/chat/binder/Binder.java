package chat.binder;

import chat.common.Endpoint;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The name registry: which server serves each procedure name. As in the original, a new registration
 * of a name replaces the previous one. Thread-safe.
 */
public final class Binder {
    private final Map<String, Endpoint> procedures = new ConcurrentHashMap<>();

    /** Records that {@code procedure} is served at {@code at}, replacing any earlier registration. */
    public void register(String procedure, Endpoint at) {
        procedures.put(procedure, at);
    }

    /** Where {@code procedure} is served, if anyone registered it. */
    public Optional<Endpoint> lookup(String procedure) {
        return Optional.ofNullable(procedures.get(procedure));
    }

    /** A snapshot of every registration. */
    public Map<String, Endpoint> registrations() {
        return Map.copyOf(procedures);
    }
}
