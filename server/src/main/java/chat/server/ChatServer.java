package chat.server;

import chat.common.AnyBinder;
import chat.common.BinderEntry;
import chat.common.Endpoint;
import chat.common.KeptPlace;
import chat.common.ServerStatus;
import chat.common.catalogue.ChatCatalogue;
import chat.common.rpc.RpcEndpoint;
import chat.common.rpc.Faults;
import chat.common.rpc.RpcException;
import chat.common.rpc.RpcFault;
import chat.server.cluster.BinderDiscovery;
import chat.server.cluster.ClusterMember;
import chat.server.cluster.KeptMaps;
import chat.server.persist.ChatDatabase;
import chat.server.persist.DatabaseProblem;
import chat.server.persist.KeptChat;
import chat.server.persist.Persistence;
import chat.server.store.ChatStore;
import chat.server.store.InMemoryChatStore;
import chat.server.store.StoreKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running chat server: the procedures of {@code ChatProcedureTable} over XML-RPC (the original's eight and
 * this port's five), all of them but {@code server_status} ({@link chat.common.ChatProcedures#REGISTERED})
 * registered with the Binder (again every few seconds; unregistered at close), and one sweeper thread that makes
 * idle users leave their rooms (and frees their names later), then removes rooms empty for longer than the TTL.
 * Knows its bound port; {@link #close()} stops it.
 */
public final class ChatServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChatServer.class);
    /** How long the Binder may take to answer the check a clustered server makes before starting its member. */
    private static final Duration BINDER_CHECK_TIMEOUT = Duration.ofSeconds(5);

    private final ChatService service;
    private final RpcEndpoint endpoint;
    private final Endpoint publicEndpoint;
    private final ScheduledExecutorService sweeper;
    /** The cluster membership this server started for its store (cluster mode), closed with it; else null. */
    private ClusterMember member;
    /** The database this server keeps its standalone chat in, closed with it; null when it keeps none. */
    private KeptChat kept;
    /** Null when the server runs unregistered. */
    private final BinderRegistrar registrar;

    private ChatServer(ChatService service, RpcEndpoint endpoint, Endpoint publicEndpoint,
                       ScheduledExecutorService sweeper, BinderRegistrar registrar) {
        this.service = service;
        this.endpoint = endpoint;
        this.publicEndpoint = publicEndpoint;
        this.sweeper = sweeper;
        this.registrar = registrar;
    }

    /**
     * Starts a server on the system clock; see {@link #start(ServerConfig, Clock)}.
     *
     * @param config where and how it serves
     * @return the running server, to close
     * @throws IOException the port cannot be bound, or the Binder cannot be reached (the message says which)
     */
    public static ChatServer start(ServerConfig config) throws IOException {
        return start(config, Clock.systemUTC());
    }

    /**
     * Binds, registers every procedure with the Binder (unless the config names none) and starts serving. A
     * clustered server ({@link chat.server.store.StoreKind#CLUSTER}) first starts its cluster member and joins the
     * other servers of its Binder.
     *
     * @param config where and how it serves
     * @param clock  the time messages are stamped with and rooms expire by; tests pass their own
     * @return the running server, to close
     * @throws IOException the port cannot be bound, or the Binder cannot be reached (the message says which)
     */
    public static ChatServer start(ServerConfig config, Clock clock) throws IOException {
        if (config.store() == StoreKind.MEMORY && config.persistence() instanceof Persistence.DataDirectory directory) {
            return startKept(config, clock, directory);
        }
        if (config.store() == StoreKind.MEMORY) {
            return start(config, clock, new InMemoryChatStore(config.historyLimit()));
        }
        // The members find each other through the Binder: make sure it answers before starting one, so a Binder
        // that is not there is one line, not a member's discovery warnings followed by the same line.
        AnyBinder binder = new AnyBinder(config.binders(), BINDER_CHECK_TIMEOUT);
        boolean firstMember;
        try {
            firstMember = binder.lookupAll(BinderDiscovery.MEMBER_NAME).isEmpty();
        } catch (RpcException e) {
            throw new IOException("cannot reach " + binderWords(config) + ": " + e.getMessage() + " ("
                    + registrationHint(e, config) + ")", e);
        }
        // One chat is kept in one place: a joining server keeps it where the running members do, or says why not.
        String machine = ClusterKeeping.thisMachine();
        Path file = config.persistence() instanceof Persistence.DataDirectory directory
                ? directory.fileFor(config.binders().naming(), false) : null;
        if (!firstMember) {
            Optional<KeptPlace> theirs = ClusterKeeping.ask(binder, BINDER_CHECK_TIMEOUT);
            if (theirs.isPresent()) {
                file = ClusterKeeping.agree(config.persistence(), file, theirs.get(), machine);
            }
        }
        KeptPlace kept = ClusterKeeping.place(config.persistence(), file, machine);
        ClusterMember member = startMember(config, clock, firstMember, file);
        ChatServer server;
        try {
            // Discovery registers the member address at start and whenever Hazelcast looks for members (only the
            // oldest member looks, once in the cluster); the server's registrar keeps it registered beside its
            // procedures, so a restarted Binder lists every member again.
            server = start(config, clock, member.store(), () -> new ServerStatus.Cluster(
                    member.address().toString(), member.hazelcast().getCluster().getMembers().size(), kept),
                    List.of(new BinderEntry(BinderDiscovery.MEMBER_NAME, member.address())));
        } catch (IOException | RuntimeException e) {
            member.close();
            throw e;
        }
        server.member = member;
        if (!member.hazelcast().getLifecycleService().isRunning()) {
            server.close(); // the endpoint, the registrar, the sweeper and the member: everything started so far
            throw new IllegalStateException("the cluster member stopped while the server was starting");
        }
        return server;
    }

    /**
     * The cluster member, its chat kept in the database the config names, if it names one (in {@code file} for a
     * data directory). Only a member that is likely to start the cluster ({@code firstMember}: the Binders list no
     * other) reads the chat ahead of its start: a member that joins gets the chat from the others, and reading it
     * would only slow its join.
     */
    private static ClusterMember startMember(ServerConfig config, Clock clock, boolean firstMember, Path file)
            throws IOException {
        ChatDatabase database;
        if (config.persistence() instanceof Persistence.DataDirectory) {
            try {
                Files.createDirectories(file.getParent());
            } catch (IOException e) {
                throw new DatabaseProblem("cannot create the data directory " + file.getParent() + ": " + e
                        + " (give another --data-dir, or --memory-only)", e);
            }
            database = ChatDatabase.openFile(file, config.historyLimit());
        } else if (config.persistence() instanceof Persistence.Database shared) {
            database = ChatDatabase.openUrl(shared.url(), config.historyLimit());
        } else {
            return ClusterMember.start(config.host(), config.advertisedHost(), config.binders(), config.binderSecret(),
                    config.historyLimit());
        }
        KeptMaps kept = new KeptMaps(namespace -> database, config.historyLimit(), clock::instant);
        try {
            ClusterMember member = ClusterMember.start(config.host(), config.advertisedHost(), config.binders(),
                    config.binderSecret(), config.historyLimit(), kept, database.where(), firstMember);
            LOG.info("chat kept in {}: {} rooms, {} names", database.where(), member.store().rooms().size(),
                    member.store().userCount());
            return member;
        } catch (IOException | RuntimeException e) {
            kept.close();
            throw e;
        }
    }

    /** A standalone server whose chat is kept in {@code directory}: loaded from there, each change written there. */
    private static ChatServer startKept(ServerConfig config, Clock clock, Persistence.DataDirectory directory)
            throws IOException {
        KeptChat kept = KeptChat.standalone(directory, config.binders() == null ? null : config.binders().naming(),
                config.historyLimit(), clock.instant());
        ChatServer server;
        try {
            server = start(config, clock, kept.store());
        } catch (IOException | RuntimeException e) {
            kept.close();
            throw e;
        }
        server.kept = kept;
        LOG.info("chat kept in {}: {} rooms, {} names", kept.where(), kept.store().rooms().size(),
                kept.store().userCount());
        return server;
    }

    /**
     * Starts a server that keeps its state in {@code store}, which several servers may share (tests start two
     * servers over one store to stand for a cluster).
     *
     * @param config where and how it serves
     * @param clock  the time messages are stamped with and rooms expire by
     * @param store  where the chat is kept; the caller owns it: close it after the server
     * @return the running server, to close
     * @throws IOException the port cannot be bound, or the Binder cannot be reached
     */
    public static ChatServer start(ServerConfig config, Clock clock, ChatStore store) throws IOException {
        return start(config, clock, store, () -> null, List.of());
    }

    /** Starts a server over {@code store}; its registrar also keeps {@code alsoRegistered} registered. */
    private static ChatServer start(ServerConfig config, Clock clock, ChatStore store,
                                    Supplier<ServerStatus.Cluster> cluster, List<BinderEntry> alsoRegistered)
            throws IOException {
        ChatService service = new ChatService(store, ChatSettings.of(config, clock));
        RpcEndpoint endpoint = RpcEndpoint.start(
                new RpcEndpoint.Options("server", config.host(), config.port(), config.httpLimits()),
                ChatProcedureTable.of(service, new SessionGate(store, config.sessionPolicy()), cluster));
        Endpoint publicEndpoint = new Endpoint(advertised(config), endpoint.port());
        BinderRegistrar registrar = null;
        if (config.binders() != null) {
            List<BinderEntry> names = new ArrayList<>();
            for (String procedure : ChatCatalogue.registeredNames()) {
                names.add(new BinderEntry(procedure, publicEndpoint));
            }
            names.addAll(alsoRegistered);
            registrar = new BinderRegistrar(config.binders(), names, config.binderSecret(),
                    "server-" + endpoint.port() + "-binder-registrar");
            try {
                registrar.registerAll();
            } catch (RpcException e) {
                registrar.close();
                endpoint.close();
                throw new IOException("cannot register with " + binderWords(config) + ": "
                        + e.getMessage() + " (" + registrationHint(e, config) + ")", e);
            }
            registrar.keepRegistered(config.reRegisterEvery());
        }
        ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "server-" + endpoint.port() + "-room-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        Duration shortest = config.roomTtl().compareTo(config.idleTimes().leaveRooms()) < 0
                ? config.roomTtl() : config.idleTimes().leaveRooms();
        long every = sweepInterval(shortest).toMillis();
        sweeper.scheduleWithFixedDelay(() -> sweep(service), every, every, TimeUnit.MILLISECONDS);
        return new ChatServer(service, endpoint, publicEndpoint, sweeper, registrar);
    }

    /** What to check when registering fails: the secret when the Binder refuses this server, else the address. */
    private static String registrationHint(RpcException e, ServerConfig config) {
        if (e instanceof RpcFault fault && fault.code() == Faults.NOT_ALLOWED) {
            return config.binderSecret() == null
                    ? "this Binder admits servers with a secret: see --binder-secret, --binder-secret-file or CHAT_BINDER_SECRET"
                    : "is the secret the Binder's? see --binder-secret, --binder-secret-file or CHAT_BINDER_SECRET";
        }
        if (e instanceof RpcFault) {
            return config.binderSecret() != null
                    ? "if this Binder takes no secret, as the original's, leave --binder-secret unset"
                    : "the Binder refused it";
        }
        return config.binders().size() == 1 ? "is the Binder running? see --binder, or --binder-host and --binder-port"
                : "is any of them running? see --binder";
    }

    /** "the Binder at host:port", or "any of the Binders at host:port,host:port". */
    private static String binderWords(ServerConfig config) {
        return (config.binders().size() == 1 ? "the Binder at " : "any of the Binders at ") + config.binders();
    }

    /** Sweeping this often removes a room at most a tenth of its TTL (and at most a second) late. */
    static Duration sweepInterval(Duration ttl) {
        Duration tenth = ttl.dividedBy(10);
        Duration floor = Duration.ofMillis(10);
        Duration ceiling = Duration.ofSeconds(1);
        return tenth.compareTo(floor) < 0 ? floor : tenth.compareTo(ceiling) > 0 ? ceiling : tenth;
    }

    private static void sweep(ChatService service) {
        try {
            service.expireIdleUsers();
        } catch (RuntimeException e) {
            LOG.error("expiring idle users failed; will try again", e);
        }
        try {
            service.removeExpiredRooms();
        } catch (RuntimeException e) {
            LOG.error("removing expired rooms failed; will try again", e);
        }
    }

    private static String advertised(ServerConfig config) {
        String host = config.publicHost();
        if ("0.0.0.0".equals(host) || "::".equals(host)) {
            LOG.warn("bound to every interface; registering 'localhost' with the Binder (use --advertised-host to set the address clients should use)");
            return "localhost";
        }
        return host;
    }

    /** {@return the rules and state this server answers from} */
    public ChatService service() {
        return service;
    }

    /** {@return the bound port (never 0)} */
    public int port() {
        return endpoint.port();
    }

    /** {@return the address and port registered with the Binder, where clients reach this server} */
    public Endpoint endpoint() {
        return publicEndpoint;
    }

    /**
     * Unregisters from the Binder (best effort, about a second at most when the Binder is gone), then
     * stops the sweeper and the endpoint; calls in flight finish first.
     */
    @Override
    public void close() {
        if (registrar != null) {
            registrar.close();
        }
        stopServing();
        if (member != null) {
            member.close();
        }
        if (kept != null) {
            kept.close();
        }
    }

    /** Stops the sweeper, answers the waiting calls, and closes the port once the calls in flight are answered. */
    private void stopServing() {
        sweeper.shutdownNow();
        service.wakeAllWaiting();
        endpoint.close();
        try {
            sweeper.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@return the database this server's chat is kept in, as messages name it (empty when it is in memory only)} */
    public Optional<String> keptIn() {
        return kept != null ? Optional.of(kept.where()) : clusterMember().flatMap(ClusterMember::keptIn);
    }

    /**
     * Stops as a killed process would, telling no one: its registrations stay with the Binder until its probes find
     * the server gone, and its cluster member, terminated without handing its data over, is taken for dead by the
     * others, which recover its rooms from their backups. For tests that stand for a crash ({@code kill -9}). Its
     * port is closed before its member goes, so no call is answered by a server whose member is gone (a killed
     * process answers nothing): clients find the port closed, and move.
     */
    public void halt() {
        if (registrar != null) {
            registrar.halt();
        }
        stopServing();
        if (member != null) {
            member.halt();
        }
        if (kept != null) {
            kept.close(); // as a dead process's file goes: what it committed stays, and its lock is released
        }
    }

    /**
     * {@return this server's cluster membership in cluster mode (empty when standalone, or over a store it was given)}
     */
    public Optional<ClusterMember> clusterMember() {
        return Optional.ofNullable(member);
    }
}
