package chat.server.cluster;

import chat.common.Endpoint;
import com.hazelcast.cluster.Address;
import com.hazelcast.config.Config;
import com.hazelcast.config.DiscoveryStrategyConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * This server's place in the cluster: a Hazelcast member that finds the others through the Binder, and
 * the {@link HazelcastChatStore} over it. The cluster's name is the Binder's resolved address and port, so
 * the servers of one Binder form one chat and two deployments on one machine never merge. Closing it
 * leaves the cluster gracefully (its data moves to the others first) and unregisters its address.
 */
public final class ClusterMember implements AutoCloseable {
    /** The prefix of the chat's maps and topic in the cluster. */
    public static final String NAMESPACE = "chat";

    private final HazelcastInstance hazelcast;
    private final HazelcastChatStore store;

    private ClusterMember(HazelcastInstance hazelcast, HazelcastChatStore store) {
        this.hazelcast = hazelcast;
        this.store = store;
    }

    /**
     * Starts a member and joins the cluster of the servers registered with {@code binder} (or starts it).
     *
     * @param host           the address to listen on for other members
     * @param advertisedHost the address other members should use, null for {@code host}
     * @param binderSecret   the Binder's registration secret, or null
     * @param historyLimit   how many messages each room keeps (the first server's setting holds for a room)
     * @throws IOException the Binder's or this host's address cannot be resolved
     */
    public static ClusterMember start(String host, String advertisedHost, Endpoint binder, String binderSecret,
                                      int historyLimit) throws IOException {
        Objects.requireNonNull(binder, "cluster mode finds the other servers through the Binder; give one");
        Config config = MemberConfig.of(clusterName(binder), resolve(host, "--host"));
        if ("0.0.0.0".equals(host) || "::".equals(host)) {
            config.setProperty("hazelcast.socket.bind.any", "true");
            config.setProperty("hazelcast.local.localAddress",
                    resolve(advertisedHost == null ? "localhost" : advertisedHost, "--advertised-host"));
        } else if (advertisedHost != null && !advertisedHost.isBlank() && !advertisedHost.equals(host)) {
            config.setProperty("hazelcast.local.publicAddress", resolve(advertisedHost, "--advertised-host"));
        }
        config.setProperty("hazelcast.discovery.enabled", "true");
        config.getNetworkConfig().getJoin().getDiscoveryConfig()
                .addDiscoveryStrategyConfig(new DiscoveryStrategyConfig(new BinderDiscovery(binder, binderSecret)));
        HazelcastInstance hazelcast = Hazelcast.newHazelcastInstance(config);
        return new ClusterMember(hazelcast, new HazelcastChatStore(hazelcast, NAMESPACE, historyLimit));
    }

    /** The cluster of the servers of {@code binder}: {@code chat-<address>-<port>}, the address resolved. */
    static String clusterName(Endpoint binder) throws IOException {
        return "chat-" + resolve(binder.host(), "the Binder's host") + "-" + binder.port();
    }

    private static String resolve(String host, String what) throws IOException {
        try {
            return InetAddress.getByName(host).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IOException("cannot resolve " + what + " '" + host + "'", e);
        }
    }

    /** The store every server of the cluster shares. */
    public HazelcastChatStore store() {
        return store;
    }

    /** The member itself: tests terminate it to stand for a dead server. */
    public HazelcastInstance hazelcast() {
        return hazelcast;
    }

    /** Where other members reach this one: the address it registers with the Binder. */
    public Endpoint address() {
        Address address = hazelcast.getCluster().getLocalMember().getAddress();
        return new Endpoint(address.getHost(), address.getPort());
    }

    /** Stops listening, then leaves the cluster once this member's data has moved to the others. */
    @Override
    public void close() {
        store.close();
        hazelcast.shutdown();
    }
}
