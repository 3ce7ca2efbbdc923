package chat.common;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The Binders of one deployment, as a server or a client is told them: a server registers with every one, a client
 * looks up in the first that answers ({@link AnyBinder}). Written {@code host:port,host:port} on a command line.
 *
 * @param endpoints the Binders, in the order they are tried; at least one, none twice
 */
public record Binders(List<Endpoint> endpoints) {
    /** Orders Binders by address, then port: {@link #naming()} takes the least. */
    private static final Comparator<Endpoint> BY_ADDRESS =
            Comparator.comparing(Endpoint::host).thenComparingInt(Endpoint::port);

    /**
     * Checks the list.
     *
     * @param endpoints the Binders, in the order they are tried; at least one, none twice
     * @throws IllegalArgumentException for an empty list or a Binder named twice, naming it
     */
    public Binders {
        endpoints = List.copyOf(endpoints);
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("at least one Binder is needed");
        }
        Set<Endpoint> seen = new HashSet<>();
        for (Endpoint endpoint : endpoints) {
            if (!seen.add(endpoint)) {
                throw new IllegalArgumentException("the Binder " + endpoint + " is named twice");
            }
        }
    }

    /**
     * The Binders given, in this order.
     *
     * @param first the Binder tried first
     * @param more  the others, in order
     * @return the list
     * @throws IllegalArgumentException for a Binder named twice
     */
    public static Binders of(Endpoint first, Endpoint... more) {
        List<Endpoint> all = new ArrayList<>();
        all.add(Objects.requireNonNull(first, "first"));
        all.addAll(List.of(more));
        return new Binders(all);
    }

    /**
     * Reads {@code host:port,host:port}, as {@link #toString()} writes it; blanks around each address and empty
     * entries are ignored.
     *
     * @param text the list
     * @return the Binders it names
     * @throws IllegalArgumentException for an address that is not {@code HOST:PORT}, an empty list, or a Binder named
     *                                  twice, saying which
     */
    public static Binders parse(String text) {
        List<Endpoint> all = new ArrayList<>();
        for (String address : text.split(",")) {
            if (!address.isBlank()) {
                all.add(Endpoint.parse(address));
            }
        }
        return new Binders(all);
    }

    /** {@return the Binder tried first} */
    public Endpoint first() {
        return endpoints.get(0);
    }

    /** {@return how many Binders there are} */
    public int size() {
        return endpoints.size();
    }

    /**
     * The Binder whose address names the chat (its cluster, its file): the least of the list by address, then port,
     * so that servers given the same Binders in any order name the same chat. One Binder names its own.
     *
     * @return that Binder
     */
    public Endpoint naming() {
        return endpoints.stream().min(BY_ADDRESS).orElseThrow();
    }

    /** {@return {@code host:port,host:port}, as {@link #parse} reads it} */
    @Override
    public String toString() {
        return endpoints.stream().map(Endpoint::toString).collect(Collectors.joining(","));
    }
}
