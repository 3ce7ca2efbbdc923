package chat.binder;

import chat.common.Endpoint;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The name registry: which server serves each procedure name. As in the original, a new registration
 * of a name replaces the previous one. It holds at most a fixed number of names, so registrations cannot
 * fill the memory. Thread-safe; lookups never wait for registrations.
 */
public final class Binder {
    /** How many names a Binder holds unless told otherwise. */
    public static final int DEFAULT_MAX_NAMES = 10_000;
    /** The longest name that may be registered, in characters. */
    public static final int MAX_NAME_LENGTH = 128;
    /** The longest address that may be registered, in characters (a DNS name has at most 253). */
    public static final int MAX_ADDRESS_LENGTH = 255;

    private final Map<String, Endpoint> procedures = new ConcurrentHashMap<>();
    private final int maxNames;

    /** A Binder that holds up to {@link #DEFAULT_MAX_NAMES} names. */
    public Binder() {
        this(DEFAULT_MAX_NAMES);
    }

    /** A Binder that holds up to {@code maxNames} names. */
    public Binder(int maxNames) {
        if (maxNames < 1) {
            throw new IllegalArgumentException("a Binder must hold at least 1 name, got " + maxNames);
        }
        this.maxNames = maxNames;
    }

    /**
     * Records that {@code procedure} is served at {@code at}, replacing any earlier registration. A name
     * the Binder already holds can always be registered again.
     *
     * @return false, and nothing is recorded, when {@code procedure} is a new name and the Binder already
     *         holds {@link #maxNames()} names
     * @throws IllegalArgumentException when the name or the address is refused (see {@link #whyNameIsRefused})
     */
    public synchronized boolean register(String procedure, Endpoint at) {
        String refused = whyNameIsRefused(procedure);
        if (refused != null) {
            throw new IllegalArgumentException("the name " + refused);
        }
        refused = whyAddressIsRefused(at.host());
        if (refused != null) {
            throw new IllegalArgumentException("the address " + refused);
        }
        // Registrations are serialized, so the size cannot grow between this check and the put.
        if (!procedures.containsKey(procedure) && procedures.size() >= maxNames) {
            return false;
        }
        procedures.put(procedure, at);
        return true;
    }

    /** Where {@code procedure} is served, if anyone registered it. */
    public Optional<Endpoint> lookup(String procedure) {
        return Optional.ofNullable(procedures.get(procedure));
    }

    /** A snapshot of every registration. */
    public Map<String, Endpoint> registrations() {
        return Map.copyOf(procedures);
    }

    /** The most names this Binder holds. */
    public int maxNames() {
        return maxNames;
    }

    /**
     * Why {@code name} may not be registered, or null when it may: it must be 1 to {@value #MAX_NAME_LENGTH}
     * characters without control characters (which would forge lines in logs and terminals).
     */
    public static String whyNameIsRefused(String name) {
        if (name.isEmpty()) {
            return "must not be empty";
        }
        if (name.codePointCount(0, name.length()) > MAX_NAME_LENGTH) {
            return "must be at most " + MAX_NAME_LENGTH + " characters, got " + name.codePointCount(0, name.length());
        }
        if (name.codePoints().anyMatch(Character::isISOControl)) {
            return "must not contain control characters";
        }
        return null;
    }

    /**
     * Why {@code address} may not be registered, or null when it may: a host name or address of 1 to
     * {@value #MAX_ADDRESS_LENGTH} characters, without spaces or control characters, and without
     * {@code / ? # @ \}, which would change the URL every client builds from it.
     */
    public static String whyAddressIsRefused(String address) {
        if (address.isBlank()) {
            return "must not be blank";
        }
        if (address.codePointCount(0, address.length()) > MAX_ADDRESS_LENGTH) {
            return "must be at most " + MAX_ADDRESS_LENGTH + " characters, got " + address.codePointCount(0, address.length());
        }
        if (address.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.isWhitespace(c) || Character.isSpaceChar(c))) {
            return "must not contain spaces or control characters";
        }
        if (address.chars().anyMatch(c -> "/?#@\\".indexOf(c) >= 0)) {
            return "must be a host name or address, without / ? # @ or \\";
        }
        return null;
    }
}
