package chat.server.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MetadataPolicy;
import com.hazelcast.config.NearCacheConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.TopicConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastException;
import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.function.IntPredicate;

/**
 * The Hazelcast configuration every chat server's member shares: where it listens, how fast it notices a
 * member that vanished, its rooms map kept as objects (an operation changes a room in place instead of
 * copying its whole history), Hazelcast's logging through SLF4J, no phone-home, and no way of finding
 * members but the one the caller adds (no multicast, no cloud auto-detection).
 */
public final class MemberConfig {
    /** A member that sends no heartbeat for this long is taken for dead and its partitions' backups take over. */
    public static final Duration FAILURE_TIMEOUT = Duration.ofSeconds(5);
    /** The first Hazelcast port tried; the next free one above it is taken. */
    public static final int FIRST_PORT = 5701;
    /** How many ports from {@link #FIRST_PORT} are tried. */
    public static final int PORT_COUNT = 200;

    private MemberConfig() {
    }

    /**
     * A member of cluster {@code clusterName} listening on {@code host} (an address of this machine); start it
     * with {@link #startOnFreePort}, which gives it the first free port from {@link #FIRST_PORT}. The caller
     * adds how members find each other to the result's join configuration, where everything is off.
     *
     * @param clusterName the cluster's name, which members must share to join
     * @param host        an address of this machine to listen on
     * @return the configuration, joining turned off
     */
    public static Config of(String clusterName, String host) {
        Config config = new Config();
        config.setClusterName(clusterName);
        config.setInstanceName(clusterName + "-" + java.util.UUID.randomUUID());
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.setProperty("hazelcast.local.localAddress", host);
        config.setProperty("hazelcast.socket.bind.any", "false");
        // Take a member in at once, and start at once when the Binders list no other member (the default makes the
        // master gather join requests for 5 s, and the first member look for others as long: a second of it was a
        // sixth of a restart on a million kept messages). A migration to a joining member that meets it before its
        // start has completed fails and is planned again, which succeeds; Hazelcast's warnings of it are not shown
        // (simplelogger.properties). Servers started at the same instant each register before they look, so the
        // later finds the earlier. Notice a vanished member within seconds, and look for members to merge with
        // every few seconds (the defaults are 60 s and 300 s).
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setProperty("hazelcast.max.no.heartbeat.seconds", Long.toString(FAILURE_TIMEOUT.toSeconds()));
        // Two clusters of one chat (servers started at the same instant on an empty Binder) find each other in
        // 5 s, then the oldest member asks the Binder again every 20 s: each look is two calls to the Binder.
        config.setProperty("hazelcast.merge.first.run.delay.seconds", "5");
        config.setProperty("hazelcast.merge.next.run.delay.seconds", "20");
        // What an idle member would otherwise do every few seconds for nothing a chat uses: its health monitor
        // reading every metric, the expiry sweep of maps without expiry, publishing network statistics.
        config.setProperty("hazelcast.health.monitoring.level", "OFF");
        config.setProperty("hazelcast.internal.map.expiration.task.period.seconds", "60");
        config.getMetricsConfig().setCollectionFrequencySeconds(60);
        // Fewer partitions than the default 271: a chat's data is small, and every sweep visits each partition.
        config.setProperty("hazelcast.partition.count", "71");
        config.getJetConfig().setEnabled(false);
        // Nothing reads the member's metrics; collecting them costs an idle server CPU every few seconds.
        config.getMetricsConfig().setEnabled(false);

        // One port, chosen by startOnFreePort: with auto-increment Hazelcast warns ("Some of the ports seem
        // occupied!") whenever a port below its own is taken, as it is by another deployment's member or any
        // other program, which is no trouble here since members find each other by the address they register.
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(FIRST_PORT).setPortAutoIncrement(false);
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);

        config.addMapConfig(chatMap("*.rooms").setInMemoryFormat(InMemoryFormat.OBJECT));
        // Every call reads its user's registration: from a copy on each member, dropped as soon as the name changes
        // anywhere (its last-seen time is written at most once a second per active user).
        config.addMapConfig(chatMap("*.users")
                .setNearCacheConfig(new NearCacheConfig("users").setInMemoryFormat(InMemoryFormat.OBJECT)
                        .setInvalidateOnChange(true).setCacheLocalEntries(true)));
        config.setProperty("hazelcast.map.invalidation.batch.enabled", "false");
        config.addMapConfig(chatMap("*.quotas"));
        config.addTopicConfig(new TopicConfig("*.events").setStatisticsEnabled(false));
        ChatSerialization.configure(config.getSerializationConfig());
        return config;
    }

    /**
     * A map of the chat's: each change acknowledged once one backup (on another member) has it, none written
     * later; and none of the bookkeeping that nothing here reads, which each write would otherwise pay for (its
     * statistics, and the metadata Hazelcast keeps for querying JSON values).
     */
    private static MapConfig chatMap(String pattern) {
        return new MapConfig(pattern).setBackupCount(1).setAsyncBackupCount(0)
                .setStatisticsEnabled(false).setMetadataPolicy(MetadataPolicy.OFF);
    }

    /**
     * Starts a member of {@code config} on the first port from {@link #FIRST_PORT} that can be bound at its
     * address (every address with {@code hazelcast.socket.bind.any}). A port another program binds between the
     * check and the member's own bind is passed over for the next.
     *
     * @param config the member's configuration, its address set by {@link #of}
     * @throws IOException none of the {@link #PORT_COUNT} ports is free
     * @return the running member
     */
    public static HazelcastInstance startOnFreePort(Config config) throws IOException {
        String host = config.getProperty("hazelcast.local.localAddress");
        boolean any = Boolean.parseBoolean(config.getProperty("hazelcast.socket.bind.any"));
        InetAddress address = any || host == null ? null : InetAddress.getByName(host);
        boolean reuse = config.getNetworkConfig().isReuseAddress();
        return startOnFreePort(config, port -> bindable(address, port, reuse));
    }

    /** {@link #startOnFreePort(Config)} with the check for a free port given (tests give one that errs). */
    static HazelcastInstance startOnFreePort(Config config, IntPredicate free) throws IOException {
        NetworkConfig network = config.getNetworkConfig().setPortAutoIncrement(false);
        for (int port = FIRST_PORT; port < FIRST_PORT + PORT_COUNT; port++) {
            if (!free.test(port)) {
                continue;
            }
            network.setPort(port);
            try {
                return Hazelcast.newHazelcastInstance(config);
            } catch (HazelcastException e) {
                if (!causedBy(e, BindException.class)) {
                    throw e;
                }
                // taken since the check: try the next one
            }
        }
        throw new IOException("no free port for the cluster member from " + FIRST_PORT + " to "
                + (FIRST_PORT + PORT_COUNT - 1));
    }

    private static boolean bindable(InetAddress address, int port, boolean reuse) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(reuse);
            socket.bind(new InetSocketAddress(address, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
