package chat.server.cluster;

import chat.common.Binders;
import chat.common.Endpoint;
import com.hazelcast.cluster.Address;
import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.Config;
import com.hazelcast.config.DiscoveryStrategyConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.partition.Partition;
import com.hazelcast.partition.PartitionService;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This server's place in the cluster: a Hazelcast member that finds the others through the Binders, and
 * the {@link HazelcastChatStore} over it. The cluster's name is the resolved address and port of the Binder that
 * names the chat (and a digest of the Binder's secret, where it has one), so the servers of one deployment form one
 * chat and two deployments on one machine never merge. Closing it
 * leaves the cluster gracefully (its data moves to the others first) and unregisters its address.
 */
public final class ClusterMember implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterMember.class);
    /** The prefix of the chat's maps and topic in the cluster. */
    public static final String NAMESPACE = "chat";
    /**
     * Where a member that stops cleanly leaves a note (its UUID) before it leaves, so the others can tell an
     * orderly stop from a death: Hazelcast itself treats both alike (see {@link Departures}).
     */
    static final String LEAVING = NAMESPACE + ".leaving";
    /** What the Binder secret is hashed with for the cluster's name, so the digest is of no use elsewhere. */
    private static final String SECRET_DIGEST_PREFIX = "chat cluster name\u0000";
    /** How long a note stays: long enough for every member to have read it. */
    private static final long NOTE_MINUTES = 10;
    /** How long a start waits for the cluster's partitions to settle before it goes on regardless. */
    static final Duration SETTLE_WITHIN = Duration.ofSeconds(30);
    private static final long SETTLE_POLL_MILLIS = 20;
    /** How long a start follows its maps' initial load before leaving the wait to Hazelcast ({@link InitialLoad}). */
    private static final Duration LOAD_FOLLOWED_FOR = Duration.ofMinutes(10);

    private final HazelcastInstance hazelcast;
    private final HazelcastChatStore store;
    /** The database the chat is kept in, closed after the member; null when it is kept in memory only. */
    private KeptMaps kept;
    private String keptIn;

    private ClusterMember(HazelcastInstance hazelcast, HazelcastChatStore store) {
        this.hazelcast = hazelcast;
        this.store = store;
    }

    /**
     * Starts a member as {@link #start(String, String, Binders, String, int)} does, its chat kept in {@code kept}'s
     * database (loaded from it when this member starts the cluster; with {@code readAhead}, its rooms are read
     * while the member starts: see {@link KeptMaps#readAhead}), which it closes when it stops.
     *
     * @param host           the address to listen on for other members
     * @param advertisedHost the address other members should use, null for {@code host}
     * @param binders        the Binders the members find each other through
     * @param binderSecret   the Binder's registration secret, or null
     * @param historyLimit   how many messages each room keeps
     * @param kept           the map stores over the chat's database, closed with the member
     * @param keptIn         where the chat is kept, as the status view shows it
     * @param readAhead      whether to read the rooms while the member starts: when it is likely to start the
     *                       cluster (no other member is registered), and so to load them
     * @return the started member
     * @throws IOException the Binder's or this host's address cannot be resolved
     */
    public static ClusterMember start(String host, String advertisedHost, Binders binders, String binderSecret,
                                      int historyLimit, KeptMaps kept, String keptIn, boolean readAhead)
            throws IOException {
        if (readAhead) {
            kept.readAhead(NAMESPACE);
        }
        ClusterMember member;
        try {
            member = start(host, advertisedHost, binders, binderSecret, historyLimit, kept::configure);
        } finally {
            kept.readAheadDone();
        }
        member.kept = kept;
        member.keptIn = keptIn;
        member.store.keptIn(keptIn);
        return member;
    }

    /** {@return where the chat is kept beyond the members' memory (empty when it is not)} */
    public java.util.Optional<String> keptIn() {
        return java.util.Optional.ofNullable(keptIn);
    }

    /**
     * Starts a member and joins the cluster of the servers registered with {@code binders} (or starts it).
     *
     * @param host           the address to listen on for other members
     * @param advertisedHost the address other members should use, null for {@code host}
     * @param binders        the Binders through which members find each other
     * @param binderSecret   the Binder's registration secret, or null
     * @param historyLimit   how many messages each room keeps (the first server's setting holds for a room)
     * @return the member, joined, to close
     * @throws IOException the Binder's or this host's address cannot be resolved
     */
    public static ClusterMember start(String host, String advertisedHost, Binders binders, String binderSecret,
                                      int historyLimit) throws IOException {
        return start(host, advertisedHost, binders, binderSecret, historyLimit, config -> {
        });
    }

    private static ClusterMember start(String host, String advertisedHost, Binders binders, String binderSecret,
                                       int historyLimit, java.util.function.Consumer<Config> keep) throws IOException {
        Objects.requireNonNull(binders, "cluster mode finds the other servers through the Binder; give one");
        Config config = MemberConfig.of(clusterName(binders, binderSecret), resolve(host, "--host"));
        keep.accept(config);
        if ("0.0.0.0".equals(host) || "::".equals(host)) {
            config.setProperty("hazelcast.socket.bind.any", "true");
            config.setProperty("hazelcast.local.localAddress",
                    resolve(advertisedHost == null ? "localhost" : advertisedHost, "--advertised-host"));
        } else if (advertisedHost != null && !advertisedHost.isBlank() && !advertisedHost.equals(host)) {
            config.setProperty("hazelcast.local.publicAddress", resolve(advertisedHost, "--advertised-host"));
        }
        config.setProperty("hazelcast.discovery.enabled", "true");
        config.getNetworkConfig().getJoin().getDiscoveryConfig()
                .addDiscoveryStrategyConfig(new DiscoveryStrategyConfig(new BinderDiscovery(binders, binderSecret)));
        HazelcastInstance hazelcast = MemberConfig.startOnFreePort(config);
        hazelcast.getCluster().addMembershipListener(new Departures(hazelcast));
        settle(hazelcast, SETTLE_WITHIN);
        for (String map : KeptMaps.LOADED_FIRST) {
            InitialLoad.await(hazelcast, NAMESPACE + "." + map, LOAD_FOLLOWED_FOR);
        }
        return new ClusterMember(hazelcast, new HazelcastChatStore(hazelcast, NAMESPACE, historyLimit));
    }

    /**
     * Returns once the cluster's partitions are assigned and this member holds its share, with no migration
     * left: the first member assigns them all at once now, alone (left to the first call that needs one, the
     * assignment could meet a member joining at that moment, and the migrations planned for it fail and are
     * retried with warnings); a joining member waits for the migrations its arrival started. So a server
     * started after this one's start line joins a cluster at rest. Gives up after {@code within} (a cluster
     * under way, say), which only costs the next member a start among migrations.
     */
    static void settle(HazelcastInstance hazelcast, Duration within) {
        PartitionService partitions = hazelcast.getPartitionService();
        Member local = hazelcast.getCluster().getLocalMember();
        long deadline = System.nanoTime() + within.toNanos();
        try {
            partitions.getPartition(NAMESPACE).getOwner();
            while (!(ownsSome(partitions, local) && partitions.isClusterSafe())) {
                if (System.nanoTime() - deadline > 0) {
                    LOG.info("the cluster's partitions did not settle within {} s; serving meanwhile",
                            within.toSeconds());
                    return;
                }
                Thread.sleep(SETTLE_POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean ownsSome(PartitionService partitions, Member local) {
        for (Partition partition : partitions.getPartitions()) {
            if (local.equals(partition.getOwner())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The cluster of the servers of {@code binders}: {@code chat-<address>-<port>} of the Binder that names the chat
     * ({@link Binders#naming()}: the only one, or the least of several), the address resolved, and where
     * the Binder has a secret, {@code -} and the first 16 hex digits of a SHA-256 of it. Hazelcast's open-source
     * edition has no member authentication: a member that presents the cluster's name is let in. With the secret's
     * digest in the name, a process that reaches the members' ports but does not know the secret cannot name
     * the cluster; the secret itself never leaves this process (the name is in every Hazelcast log line).
     */
    static String clusterName(Binders binders, String binderSecret) throws IOException {
        Endpoint binder = binders.naming();
        String name = "chat-" + resolve(binder.host(), "the Binder's host") + "-" + binder.port();
        return binderSecret == null ? name : name + "-" + secretDigest(binderSecret);
    }

    /** The secret's {@link ShortDigest}: one way, and no use elsewhere. */
    static String secretDigest(String secret) {
        return ShortDigest.of(SECRET_DIGEST_PREFIX, secret);
    }

    private static String resolve(String host, String what) throws IOException {
        try {
            return InetAddress.getByName(host).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IOException("cannot resolve " + what + " '" + host + "'", e);
        }
    }

    /** {@return the store every server of the cluster shares} */
    public HazelcastChatStore store() {
        return store;
    }

    /** {@return the member itself: tests terminate it to stand for a dead server} */
    public HazelcastInstance hazelcast() {
        return hazelcast;
    }

    /** {@return where other members reach this one: the address it registers with the Binder} */
    public Endpoint address() {
        Address address = hazelcast.getCluster().getLocalMember().getAddress();
        return new Endpoint(address.getHost(), address.getPort());
    }

    /**
     * Stops listening, leaves a note that this member is leaving on purpose, then leaves the cluster once this
     * member's data has moved to the others.
     */
    @Override
    public void close() {
        try {
            leave();
        } finally {
            if (kept != null) {
                kept.close();
            }
        }
    }

    private void leave() {
        store.closeBeforeShutdown();
        if (!hazelcast.getLifecycleService().isRunning()) {
            return;
        }
        try {
            if (hazelcast.getCluster().getMembers().size() > 1) {
                notes(hazelcast).set(hazelcast.getCluster().getLocalMember().getUuid().toString(), address().toString(),
                        NOTE_MINUTES, TimeUnit.MINUTES);
            }
        } catch (RuntimeException e) {
            LOG.info("could not tell the other members that this one is leaving ({}); they will report it as gone",
                    e.toString());
        }
        hazelcast.shutdown();
    }

    /**
     * Leaves as a member whose process died would: at once, without a note and without handing its data over; the
     * others take it for dead and promote their backups of its partitions.
     */
    public void halt() {
        store.closeBeforeShutdown();
        hazelcast.getLifecycleService().terminate();
        if (kept != null) {
            kept.close(); // as a dead process's connection goes: what it committed stays
        }
    }

    private static IMap<String, String> notes(HazelcastInstance hazelcast) {
        return hazelcast.getMap(LEAVING);
    }

    /**
     * Reports members joining and leaving, one line each. Hazelcast cannot tell a member that stopped cleanly
     * from one that died: after a clean stop the others still reconnect to it, fail, and report it at WARN as
     * if it had died (hazelcast/hazelcast#26319; those loggers are quieted in simplelogger.properties). This
     * tells them apart by the note a member leaves in {@link #LEAVING} before it stops: a member gone without
     * one (killed, or cut off) is a warning; one that said goodbye is not.
     */
    static final class Departures implements MembershipListener {
        private final HazelcastInstance hazelcast;

        Departures(HazelcastInstance hazelcast) {
            this.hazelcast = hazelcast;
        }

        @Override
        public void memberAdded(MembershipEvent event) {
            LOG.info("cluster member {} joined; cluster of {}", address(event.getMember()), event.getMembers().size());
        }

        @Override
        public void memberRemoved(MembershipEvent event) {
            Member gone = event.getMember();
            int left = event.getMembers().size();
            // Asked without blocking: this runs on Hazelcast's event thread.
            notes(hazelcast).getAsync(gone.getUuid().toString()).whenComplete((note, failure) -> {
                if (failure != null) {
                    if (hazelcast.getLifecycleService().isRunning()) {
                        LOG.warn("cluster member {} left; whether it stopped cleanly is unknown ({}); cluster of {}",
                                address(gone), failure.toString(), left);
                    }
                } else if (note != null) {
                    LOG.info("cluster member {} left (it stopped cleanly); cluster of {}", address(gone), left);
                } else {
                    LOG.warn("cluster member {} is gone without leaving (killed, or cut off from this one): its rooms'"
                            + " backups take over; cluster of {}", address(gone), left);
                }
            });
        }

        private static String address(Member member) {
            Address address = member.getAddress();
            return address.getHost() + ":" + address.getPort();
        }
    }
}
