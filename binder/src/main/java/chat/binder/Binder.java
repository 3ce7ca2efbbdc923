package chat.binder;

import chat.common.BinderEntry;
import chat.common.BinderRegistration;
import chat.common.ChatProcedures;
import chat.common.Endpoint;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The name registry: which servers serve each procedure name. Unlike the original, which keeps only
 * the newest, it keeps every server that registered a name and spreads callers over the live ones
 * ({@link #lookupFor}); registering the same name at the same endpoint again only refreshes it. Whether an endpoint is
 * live is decided by probes that report here ({@link #probed}); an endpoint nobody probes stays live.
 * It holds at most a fixed number of names, and of endpoints per name, so registrations cannot fill the
 * memory. Thread-safe; lookups never wait for registrations or probes.
 */
public final class Binder {
    /** How many names a Binder holds unless told otherwise. */
    public static final int DEFAULT_MAX_NAMES = 10_000;
    /** How many endpoints one name may have; a dead one makes room for a new one. */
    public static final int MAX_ENDPOINTS_PER_NAME = 64;
    /** The longest name that may be registered, in characters. */
    public static final int MAX_NAME_LENGTH = 128;
    /** The longest address that may be registered, in characters (a DNS name has at most 253). */
    public static final int MAX_ADDRESS_LENGTH = 255;

    /**
     * The endpoints of one name, newest registration first, whose turn it is, and which of them registered here
     * rather than being shared by another Binder.
     */
    private static final class Served {
        /** Replaced, never changed in place, under the Binder's lock; read without it. */
        volatile List<Endpoint> endpoints;
        /** Replaced, never changed in place, under the Binder's lock; read without it. */
        volatile Set<Endpoint> direct = Set.of();
        final AtomicInteger turn = new AtomicInteger();

        Served(List<Endpoint> endpoints) {
            this.endpoints = endpoints;
        }
    }

    private final Map<String, Served> procedures = new ConcurrentHashMap<>();
    private final Map<Endpoint, EndpointHealth> health = new ConcurrentHashMap<>();
    private final int maxNames;
    private final Liveness liveness;
    private final Clock clock;

    /** A Binder that holds up to {@link #DEFAULT_MAX_NAMES} names. */
    public Binder() {
        this(DEFAULT_MAX_NAMES);
    }

    /**
     * A Binder that holds up to {@code maxNames} names, with the default liveness rules on the system clock.
     *
     * @param maxNames the most distinct names it holds, at least 1
     */
    public Binder(int maxNames) {
        this(maxNames, Liveness.DEFAULTS, Clock.systemUTC());
    }

    /**
     * A Binder that holds up to {@code maxNames} names and applies {@code liveness} to what probes report,
     * on {@code clock} (tests pass their own).
     *
     * @param maxNames the most distinct names it holds, at least 1
     * @param liveness when a server that does not answer probes is hidden, and when it is forgotten
     * @param clock    the time registrations and probes are stamped with
     */
    public Binder(int maxNames, Liveness liveness, Clock clock) {
        if (maxNames < 1) {
            throw new IllegalArgumentException("a Binder must hold at least 1 name, got " + maxNames);
        }
        this.maxNames = maxNames;
        this.liveness = liveness;
        this.clock = clock;
    }

    /**
     * Records that {@code procedure} is served at {@code at}, beside the endpoints already registered for
     * it. Registering the same name at the same endpoint again only refreshes the endpoint's registration
     * time. A name the Binder already holds can always be registered again; when a name already has
     * {@link #MAX_ENDPOINTS_PER_NAME} endpoints, the new one takes the place of one that is not live.
     *
     * @param procedure the name registered
     * @param at        where it is served
     * @return false, and nothing is recorded, when {@code procedure} is a new name and the Binder already
     *         holds {@link #maxNames()} names, or the name has its most endpoints and all are live
     * @throws IllegalArgumentException when the name or the address is refused (see {@link #whyNameIsRefused})
     */
    public synchronized boolean register(String procedure, Endpoint at) {
        return register(procedure, at, true);
    }

    /**
     * As {@link #register}, for a registration another Binder shares ({@code share_registrations}): served and
     * probed like the others, but not shared on by this Binder (the one it registered with shares it with every
     * Binder it knows), unless it also registers here.
     *
     * @param procedure the name registered
     * @param at        where it is served
     * @return false, and nothing is recorded, as for {@link #register}
     * @throws IllegalArgumentException when the name or the address is refused
     */
    public synchronized boolean registerShared(String procedure, Endpoint at) {
        return register(procedure, at, false);
    }

    private boolean register(String procedure, Endpoint at, boolean direct) {
        String refused = whyNameIsRefused(procedure);
        if (refused != null) {
            throw new IllegalArgumentException("the name " + refused);
        }
        refused = whyAddressIsRefused(at.host());
        if (refused != null) {
            throw new IllegalArgumentException("the address " + refused);
        }
        Instant now = clock.instant();
        Served served = procedures.get(procedure);
        // Registrations are serialized, so the size cannot grow between this check and the put.
        if (served == null) {
            if (procedures.size() >= maxNames) {
                return false;
            }
            procedures.put(procedure, new Served(List.of(at)));
        } else if (!served.endpoints.contains(at)) {
            List<Endpoint> endpoints = new ArrayList<>(served.endpoints);
            if (endpoints.size() >= MAX_ENDPOINTS_PER_NAME) {
                Optional<Endpoint> dead = endpoints.stream().filter(e -> !isAlive(e)).findFirst();
                if (dead.isEmpty()) {
                    return false;
                }
                endpoints.remove(dead.get());
                forgetIfUnused(dead.get(), endpoints, procedure);
            }
            endpoints.add(0, at);
            served.endpoints = List.copyOf(endpoints);
        }
        if (direct) {
            Served holding = procedures.get(procedure);
            if (!holding.direct.contains(at)) {
                Set<Endpoint> mine = new HashSet<>(holding.direct);
                mine.add(at);
                holding.direct = Set.copyOf(mine);
            }
        }
        health.computeIfAbsent(at, e -> new EndpointHealth(now)).registered(now);
        return true;
    }

    /**
     * What this Binder shares with the others of its deployment: every live endpoint registered here, and every
     * live Binder it knows ({@link ChatProcedures#BINDER_PEER}, however it learned of them), so each Binder learns
     * of every other. Registrations shared with it are not shared on: their own Binder shares them.
     *
     * @return the entries to share
     */
    public List<BinderEntry> shareable() {
        List<BinderEntry> entries = new ArrayList<>();
        procedures.forEach((name, served) -> {
            boolean peers = ChatProcedures.BINDER_PEER.equals(name);
            for (Endpoint endpoint : served.endpoints) {
                if ((peers || served.direct.contains(endpoint)) && isAlive(endpoint)) {
                    entries.add(new BinderEntry(name, endpoint));
                }
            }
        });
        return entries;
    }

    /**
     * Forgets that {@code procedure} is served at {@code at}; the name's other endpoints stay.
     *
     * @param procedure the registered name
     * @param at        the endpoint to forget
     * @return whether that registration was held
     */
    public synchronized boolean unregister(String procedure, Endpoint at) {
        Served served = procedures.get(procedure);
        if (served == null || !served.endpoints.contains(at)) {
            return false;
        }
        List<Endpoint> endpoints = new ArrayList<>(served.endpoints);
        endpoints.remove(at);
        if (endpoints.isEmpty()) {
            procedures.remove(procedure);
        } else {
            served.endpoints = List.copyOf(endpoints);
            if (served.direct.contains(at)) {
                Set<Endpoint> mine = new HashSet<>(served.direct);
                mine.remove(at);
                served.direct = Set.copyOf(mine);
            }
        }
        forgetIfUnused(at, endpoints, procedure);
        return true;
    }

    /** Drops {@code at}'s health once no name but {@code procedure} (whose new list is {@code rest}) had it. */
    private void forgetIfUnused(Endpoint at, List<Endpoint> rest, String procedure) {
        if (rest.contains(at)) {
            return;
        }
        for (Map.Entry<String, Served> entry : procedures.entrySet()) {
            if (!entry.getKey().equals(procedure) && entry.getValue().endpoints.contains(at)) {
                return;
            }
        }
        health.remove(at);
    }

    /**
     * Where {@code procedure} is served for a caller whose address is unknown (a call from this JVM): one of
     * its live endpoints, each in turn.
     *
     * @param procedure the name looked up
     * @return the endpoint; empty when nothing is registered under that name or none of its endpoints is live
     */
    public Optional<Endpoint> lookup(String procedure) {
        List<Endpoint> live = lookupAll(procedure);
        return live.isEmpty() ? Optional.empty() : Optional.of(live.get(0));
    }

    /**
     * Every live endpoint of {@code procedure}, starting with the one whose turn it is (the one
     * {@link #lookup} would answer), then the others in order; each call moves the turn on.
     *
     * @param procedure the name looked up
     * @return the live endpoints; empty when none
     */
    public List<Endpoint> lookupAll(String procedure) {
        Served served = procedures.get(procedure);
        if (served == null) {
            return List.of();
        }
        List<Endpoint> live = live(served);
        if (live.size() < 2) {
            return List.copyOf(live);
        }
        int first = Math.floorMod(served.turn.getAndIncrement(), live.size());
        List<Endpoint> rotated = new ArrayList<>(live.size());
        rotated.addAll(live.subList(first, live.size()));
        rotated.addAll(live.subList(0, first));
        return List.copyOf(rotated);
    }

    /**
     * Where {@code procedure} is served for a caller at {@code caller}: the live endpoint that caller is
     * given for every name (rendezvous hashing of the caller's address with each endpoint), so a client that
     * looks a server up before every call, as the original's does, stays with one server while it lives,
     * even when the servers share nothing; callers at other addresses spread over the live endpoints, and
     * when an endpoint dies only its callers move.
     *
     * @param procedure the name looked up
     * @param caller    the caller's address
     * @return the endpoint; empty when nothing live is registered under that name
     */
    public Optional<Endpoint> lookupFor(String procedure, InetAddress caller) {
        List<Endpoint> live = lookupAllFor(procedure, caller);
        return live.isEmpty() ? Optional.empty() : Optional.of(live.get(0));
    }

    /**
     * Every live endpoint of {@code procedure}, the one {@link #lookupFor} gives {@code caller} first, then
     * the others in the order that caller would be given them if the ones before died.
     *
     * @param procedure the name looked up
     * @param caller    the caller's address
     * @return the live endpoints; empty when none
     */
    public List<Endpoint> lookupAllFor(String procedure, InetAddress caller) {
        Served served = procedures.get(procedure);
        if (served == null) {
            return List.of();
        }
        long callerHash = Arrays.hashCode(caller.getAddress());
        List<Endpoint> live = live(served);
        live.sort(Comparator.comparingLong((Endpoint e) -> weight(callerHash, e)).reversed()
                .thenComparing(Endpoint::toString));
        return List.copyOf(live);
    }

    /** A well-mixed weight of a caller for an endpoint (SplitMix64's finaliser), stable across restarts. */
    private static long weight(long callerHash, Endpoint endpoint) {
        long z = callerHash * 0x9E3779B97F4A7C15L + endpoint.host().hashCode() * 31L + endpoint.port();
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The name's live endpoints, newest registration first, in a list the caller may change. */
    private List<Endpoint> live(Served served) {
        List<Endpoint> live = new ArrayList<>();
        for (Endpoint endpoint : served.endpoints) {
            if (isAlive(endpoint)) {
                live.add(endpoint);
            }
        }
        return live;
    }

    private boolean isAlive(Endpoint endpoint) {
        EndpointHealth h = health.get(endpoint);
        return h == null || h.alive();
    }

    /**
     * @param procedure a name
     * @return whether any endpoint, live or not, is registered under it
     */
    public boolean holds(String procedure) {
        return procedures.containsKey(procedure);
    }

    /** {@return a snapshot of every registration, live or not: each name's endpoints, newest registration first} */
    public Map<String, List<Endpoint>> registrations() {
        Map<String, List<Endpoint>> snapshot = new LinkedHashMap<>();
        procedures.forEach((name, served) -> snapshot.put(name, served.endpoints));
        return Map.copyOf(snapshot);
    }

    /**
     * {@return every registration with its liveness, by name and then endpoint: what {@code list_registrations}
     * answers}
     */
    public List<BinderRegistration> status() {
        Instant now = clock.instant();
        List<BinderRegistration> rows = new ArrayList<>();
        procedures.forEach((name, served) -> {
            for (Endpoint endpoint : served.endpoints) {
                EndpointHealth h = health.get(endpoint);
                if (h != null) {
                    rows.add(new BinderRegistration(name, endpoint, h.alive(), h.secondsSinceRegistered(now),
                            h.secondsSinceSeen(now)));
                }
            }
        });
        rows.sort(Comparator.comparing(BinderRegistration::name)
                .thenComparing(r -> r.endpoint().host()).thenComparingInt(r -> r.endpoint().port()));
        return rows;
    }

    /** {@return every distinct endpoint registered under any name: what to probe} */
    public Set<Endpoint> endpoints() {
        return Set.copyOf(health.keySet());
    }

    /**
     * Records a probe of {@code endpoint}. An endpoint that is no longer registered is ignored.
     *
     * @param endpoint the endpoint probed
     * @param answered whether it answered
     * @return whether this changed whether the endpoint is handed out
     */
    public boolean probed(Endpoint endpoint, boolean answered) {
        EndpointHealth h = health.get(endpoint);
        return h != null && h.probed(answered, clock.instant(), liveness.failuresToHide());
    }

    /**
     * Drops every endpoint that is hidden and has shown no sign of life for longer than the liveness
     * rules' {@code forgetAfter}, from every name.
     *
     * @return the endpoints dropped
     */
    public synchronized List<Endpoint> forgetLongDead() {
        Instant now = clock.instant();
        List<Endpoint> dropped = new ArrayList<>();
        for (Map.Entry<Endpoint, EndpointHealth> entry : health.entrySet()) {
            if (entry.getValue().isLongDead(now, liveness.forgetAfter())) {
                dropped.add(entry.getKey());
            }
        }
        for (Endpoint endpoint : dropped) {
            for (String name : List.copyOf(procedures.keySet())) {
                unregister(name, endpoint);
            }
            health.remove(endpoint);
        }
        return dropped;
    }

    /** {@return the rules applied to what probes report} */
    public Liveness liveness() {
        return liveness;
    }

    /** {@return the most names this Binder holds} */
    public int maxNames() {
        return maxNames;
    }

    /**
     * Why {@code name} may not be registered: it must be 1 to {@value #MAX_NAME_LENGTH} characters without control
     * characters (which would forge lines in logs and terminals).
     *
     * @param name a name a caller asks to register
     * @return the reason, for a fault; null when it may be registered
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
     * Why {@code address} may not be registered: it must be a host name or address of 1 to
     * {@value #MAX_ADDRESS_LENGTH} characters, without spaces or control characters, and without
     * {@code / ? # @ \}, which would change the URL every client builds from it.
     *
     * @param address an address a caller asks to register
     * @return the reason, for a fault; null when it may be registered
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
