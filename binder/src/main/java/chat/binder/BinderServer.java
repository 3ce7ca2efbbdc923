package chat.binder;

import chat.common.BinderEntry;
import chat.common.BinderRegistration;
import chat.common.ChatProcedures;
import chat.common.Endpoint;
import chat.common.rpc.Faults;
import chat.common.rpc.Params;
import chat.common.rpc.ProcedureTable;
import chat.common.rpc.RpcEndpoint;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.xmlrpc.XmlRpcException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Binder over XML-RPC: the original's {@code register_procedure} and {@code lookup_procedure},
 * and this port's {@code unregister_procedure}, {@code lookup_endpoints} and {@code list_registrations}.
 * Who may register or unregister is its {@link RegistrationPolicy}; anyone may look up. Knows its bound
 * port; {@link #close()} stops it.
 */
public final class BinderServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BinderServer.class);
    /** How much of a refused name the log shows. */
    static final int LOGGED_NAME_LENGTH = 64;

    /** How often a Binder standing by tries to take the port it stands by for. */
    static final Duration TAKEOVER_EVERY = Duration.ofMillis(100);

    private final Binder binder;
    private final RpcEndpoint endpoint;
    private final String host;
    /** Null when probing is off. */
    private final LivenessChecker liveness;
    private final BinderPeers peers;
    private final RegistrationPolicy policy;
    /** Null unless standing by: tries to take the port of the Binder it stands by for. */
    private volatile ScheduledExecutorService takeover;
    /** The port it stood by for, once taken; null before. */
    private volatile RpcEndpoint taken;

    private BinderServer(Binder binder, RpcEndpoint endpoint, String host, LivenessChecker liveness, BinderPeers peers,
                         RegistrationPolicy policy) {
        this.binder = binder;
        this.endpoint = endpoint;
        this.host = host;
        this.liveness = liveness;
        this.peers = peers;
        this.policy = policy;
    }

    /**
     * Starts a Binder that probes servers with TCP connections; it accepts calls when this returns.
     *
     * @param config where and how it serves
     * @return the running Binder, to close
     * @throws IOException when its address cannot be bound (the port is taken, the host is not this machine's)
     */
    public static BinderServer start(BinderConfig config) throws IOException {
        return start(config, new TcpProber(config.liveness().probeTimeout()));
    }

    /**
     * Starts a Binder that probes servers with {@code prober} (tests pass their own).
     *
     * @param config where and how it serves
     * @param prober what tells whether a registered server answers
     * @return the running Binder, to close
     * @throws IOException when its address cannot be bound
     */
    public static BinderServer start(BinderConfig config, Prober prober) throws IOException {
        Liveness rules = config.liveness();
        Binder binder = new Binder(config.maxRegistrations(), rules, Clock.systemUTC());
        RpcEndpoint endpoint = RpcEndpoint.start(config.endpointOptions(), procedures(binder, config.registration()));
        LivenessChecker checker = rules.probes()
                ? new LivenessChecker(binder, prober, "binder-" + endpoint.port()).start(rules.probeEvery())
                : null;
        LOG.info("Binder at {}:{}: {}; at most {} names; {}", config.host(), endpoint.port(),
                config.registration().describe(), config.maxRegistrations(), describe(rules));
        BinderPeers peers = new BinderPeers(binder, config.peering().self(config.host(), endpoint.port()), config.peering())
                .start();
        return new BinderServer(binder, endpoint, config.host(), checker, peers, config.registration());
    }

    /**
     * Starts a Binder that stands by for {@code config}'s port, which another Binder holds: it serves on a free
     * port as that Binder's peer, so it knows every registration the other holds, and takes the port over as soon
     * as it is free (it tries every {@link #TAKEOVER_EVERY}), serving on both from then on. Programs that know
     * only that port (the Python originals, on localhost:5000) find every server again within moments of the
     * other Binder's death.
     *
     * @param config the Binder to stand by for: its host and port are the ones to take over
     * @return the running Binder, on a free port until it takes the port over, to close
     * @throws IOException when no free port can be bound at the config's host
     */
    public static BinderServer standBy(BinderConfig config) throws IOException {
        Endpoint held = new Endpoint(config.host(), config.port());
        List<Endpoint> peers = new ArrayList<>(config.peering().peers());
        peers.add(held);
        BinderConfig spare = new BinderConfig(config.host(), 0, config.httpLimits(), config.registration(),
                config.maxRegistrations(), config.liveness(),
                new Peering(peers, config.peering().secret(), config.peering().every(),
                        config.peering().advertisedHost()));
        BinderServer server = start(spare);
        server.takeOver(config);
        return server;
    }

    private void takeOver(BinderConfig config) {
        ScheduledExecutorService attempts = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "binder-" + port() + "-standby");
            thread.setDaemon(true);
            return thread;
        });
        takeover = attempts;
        attempts.scheduleWithFixedDelay(() -> {
            if (!free(config.host(), config.port())) {
                return;
            }
            try {
                taken = RpcEndpoint.start(config.endpointOptions(), procedures(binder, policy));
            } catch (IOException takenSinceTheCheck) {
                return;
            }
            Endpoint at = new Endpoint(config.host(), config.port());
            peers.alsoAt(at);
            LOG.info("took over {} from the Binder that held it; serving there and on {}", at, endpoint());
            attempts.shutdown();
        }, 0, TAKEOVER_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether {@code port} can be bound at {@code host} now: a cheap check before starting a server there. */
    private static boolean free(String host, int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(InetAddress.getByName(host), port));
            return true;
        } catch (IOException held) {
            return false;
        }
    }

    /** {@return whether this Binder stood by for another's port and now serves on it} */
    public boolean tookOver() {
        return taken != null;
    }

    private static String describe(Liveness rules) {
        if (!rules.probes()) {
            return "servers are not probed";
        }
        return "servers probed every " + seconds(rules.probeEvery()) + " s, hidden after " + rules.failuresToHide()
                + " unanswered probes, forgotten after " + seconds(rules.forgetAfter()) + " s";
    }

    private static String seconds(Duration duration) {
        return java.math.BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString();
    }

    static ProcedureTable procedures(Binder binder, RegistrationPolicy policy) {
        // The registry is in memory, and probes run on their own threads: no call waits for anything.
        return ProcedureTable.builder()
                .nonBlocking(true)
                .add(ChatProcedures.REGISTER_PROCEDURE, "name address port [secret]",
                        p -> registerProcedure(binder, policy, p))
                .add(ChatProcedures.LOOKUP_PROCEDURE, "name",
                        p -> lookup(binder, p).map(Endpoint::toWire).orElse(null))
                .add(ChatProcedures.UNREGISTER_PROCEDURE, "name address port [secret]",
                        p -> binder.unregister(p.string(0), admittedEndpoint(policy, p)))
                .add(ChatProcedures.LOOKUP_ENDPOINTS, "name",
                        p -> lookupAll(binder, p).stream().map(Endpoint::toWire).toArray())
                .add(ChatProcedures.LIST_REGISTRATIONS, "",
                        p -> binder.status().stream().map(BinderRegistration::toWire).toArray())
                .add(ChatProcedures.SHARE_REGISTRATIONS, "registrations [secret]",
                        p -> shareRegistrations(binder, policy, p))
                .build();
    }

    /**
     * {@code share_registrations(registrations[, secret])}, from another Binder: each {@code [name, address, port]}
     * registered as {@code register_procedure} would register it, from a caller admitted as that would admit it.
     * An entry this Binder would refuse from a server is left out; the answer is how many were taken.
     */
    private static int shareRegistrations(Binder binder, RegistrationPolicy policy, Params p) throws XmlRpcException {
        List<Object> entries = p.array(0);
        String secret = p.optionalString(1);
        InetAddress caller = p.caller();
        if (!policy.admits(caller, secret)) {
            LOG.warn("{} refused: {} may not share registrations with this Binder (not an allowed address; {})",
                    p.procedure(), describe(caller), secret == null ? "presented no secret" : "presented a wrong secret");
            throw Faults.notAllowed(p.procedure(), describe(caller) + " may not register procedures with this Binder"
                    + " (see the Binder's --allow-register and --secret)");
        }
        int taken = 0;
        for (Object value : entries) {
            try {
                BinderEntry entry = BinderEntry.fromWire(value);
                if (Binder.whyNameIsRefused(entry.name()) == null && Binder.whyAddressIsRefused(entry.at().host()) == null
                        && binder.registerShared(entry.name(), entry.at())) {
                    taken++;
                }
            } catch (IllegalArgumentException refused) {
                LOG.debug("{}: an entry from {} left out: {}", p.procedure(), describe(caller), refused.getMessage());
            }
        }
        return taken;
    }

    /** {@code lookup_procedure(name)}: the server this caller is given (see {@link Binder#lookupFor}). */
    private static Optional<Endpoint> lookup(Binder binder, Params p) throws XmlRpcException {
        String name = p.string(0);
        return p.caller() == null ? binder.lookup(name) : binder.lookupFor(name, p.caller());
    }

    /** {@code lookup_endpoints(name)}: every live server, the one this caller is given first. */
    private static List<Endpoint> lookupAll(Binder binder, Params p) throws XmlRpcException {
        String name = p.string(0);
        return p.caller() == null ? binder.lookupAll(name) : binder.lookupAllFor(name, p.caller());
    }

    /** {@code register_procedure(name, address, port[, secret])}. */
    private static Object registerProcedure(Binder binder, RegistrationPolicy policy, Params p) throws XmlRpcException {
        String name = p.string(0);
        Endpoint at = admittedEndpoint(policy, p);
        if (!binder.register(name, at)) {
            if (binder.holds(name)) {
                throw Faults.limitReached(p.procedure(), "'" + printable(name) + "' already has "
                        + Binder.MAX_ENDPOINTS_PER_NAME + " live servers, this Binder's most; one that stops answering"
                        + " makes room");
            }
            throw Faults.limitReached(p.procedure(), "this Binder holds its maximum of " + binder.maxNames()
                    + " names; names it holds may still be registered again (see the Binder's --max-registrations)");
        }
        return true;
    }

    /**
     * The endpoint of a {@code register_procedure} or {@code unregister_procedure} call {@code (name, address,
     * port[, secret])}, once the caller is admitted and the values are valid. Who may call is decided first,
     * so a caller that may not register learns nothing about the values it sent.
     */
    private static Endpoint admittedEndpoint(RegistrationPolicy policy, Params p) throws XmlRpcException {
        String name = p.string(0);
        String address = p.string(1);
        int port = p.integer(2);
        String secret = p.optionalString(3);
        InetAddress caller = p.caller();
        if (!policy.admits(caller, secret)) {
            LOG.warn(refusalLogLine(p.procedure(), caller, name, secret == null ? "presented no secret"
                    : policy.hasSecret() ? "presented a wrong secret" : "presented a secret, but this Binder has none"));
            throw Faults.notAllowed(p.procedure(), describe(caller) + " may not register procedures with this Binder"
                    + " (see the Binder's --allow-register and --secret)");
        }
        if (secret != null && policy.hasSecret() && !policy.matchesSecret(secret)) {
            // Admitted by address, as it would be with no secret at all; but its sender is misconfigured.
            LOG.warn("{}: {} presented a wrong secret for '{}'; admitted by its address",
                    p.procedure(), describe(caller), printable(name));
        }
        String refused = Binder.whyNameIsRefused(name);
        if (refused != null) {
            throw p.invalid(0, refused);
        }
        refused = Binder.whyAddressIsRefused(address);
        if (refused != null) {
            throw p.invalid(1, refused);
        }
        if (port < 1 || port > 65535) {
            throw p.invalid(2, "must be a port between 1 and 65535, got " + port);
        }
        return new Endpoint(address, port);
    }

    /** The one log line of a refused registration: who, which name (shortened, made printable), and why. */
    static String refusalLogLine(String procedure, InetAddress caller, String name, String why) {
        return procedure + " refused: " + describe(caller) + " may not register '" + printable(name)
                + "' (not an allowed address; " + why + ")";
    }

    private static String describe(InetAddress caller) {
        return caller == null ? "a caller of unknown address" : AddressBlock.format(caller);
    }

    /** At most {@value #LOGGED_NAME_LENGTH} characters of {@code name}, control characters escaped. */
    static String printable(String name) {
        StringBuilder out = new StringBuilder();
        int[] codePoints = name.codePoints().limit(LOGGED_NAME_LENGTH).toArray();
        for (int c : codePoints) {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        }
        if (name.codePointCount(0, name.length()) > LOGGED_NAME_LENGTH) {
            out.append("...");
        }
        return out.toString();
    }

    /** {@return the registry this server answers from} */
    public Binder binder() {
        return binder;
    }

    /** {@return the bound port (never 0)} */
    public int port() {
        return endpoint.port();
    }

    /** {@return where clients reach this Binder} */
    public Endpoint endpoint() {
        return new Endpoint(host, port());
    }

    @Override
    public void close() {
        ScheduledExecutorService attempts = takeover;
        if (attempts != null) {
            attempts.shutdownNow();
            try {
                attempts.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        RpcEndpoint port = taken;
        if (port != null) {
            port.close();
        }
        peers.close();
        if (liveness != null) {
            liveness.close();
        }
        endpoint.close();
    }
}
