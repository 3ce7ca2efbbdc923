package chat.server.cluster;

import chat.common.BinderClient;
import chat.common.ChatProcedures;
import chat.common.Endpoint;
import chat.common.rpc.RpcException;
import com.hazelcast.cluster.Address;
import com.hazelcast.config.properties.PropertyDefinition;
import com.hazelcast.logging.ILogger;
import com.hazelcast.spi.discovery.AbstractDiscoveryStrategy;
import com.hazelcast.spi.discovery.DiscoveryNode;
import com.hazelcast.spi.discovery.DiscoveryStrategy;
import com.hazelcast.spi.discovery.DiscoveryStrategyFactory;
import com.hazelcast.spi.discovery.SimpleDiscoveryNode;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Hazelcast members find each other through the Binder: each registers its member address under
 * {@link #MEMBER_NAME} (as a server registers its procedures) and asks the Binder for every address
 * registered there. Hazelcast asks when the member joins and again every few seconds while it looks for
 * clusters to merge with, so two servers started at the same instant on an empty Binder end up in one
 * cluster, and a Binder that restarts learns every member again (each registers anew at each ask). A
 * member that stops unregisters; one that dies is hidden by the Binder's liveness probes.
 */
public final class BinderDiscovery implements DiscoveryStrategyFactory {
    /** The Binder name under which members register their Hazelcast address; no procedure has it. */
    public static final String MEMBER_NAME = ChatProcedures.CLUSTER_MEMBER;
    /** How long one call to the Binder may take: discovery must not hang a member's start or stop. */
    static final Duration BINDER_TIMEOUT = Duration.ofSeconds(3);

    private final Endpoint binder;
    private final String secret;

    /**
     * @param binder the Binder every server of the chat registers with
     * @param secret the Binder's registration secret, or null
     */
    public BinderDiscovery(Endpoint binder, String secret) {
        this.binder = binder;
        this.secret = secret;
    }

    @Override
    public Class<? extends DiscoveryStrategy> getDiscoveryStrategyType() {
        return Strategy.class;
    }

    @Override
    @SuppressWarnings("rawtypes") // Hazelcast's SPI declares the properties with a raw Comparable
    public DiscoveryStrategy newDiscoveryStrategy(DiscoveryNode local, ILogger logger,
                                                 Map<String, Comparable> properties) {
        return new Strategy(local, logger, properties, new BinderClient(binder, BINDER_TIMEOUT), secret);
    }

    @Override
    public Collection<PropertyDefinition> getConfigurationProperties() {
        return List.of();
    }

    /** One member's discovery: registers its address, lists the others, unregisters on stop. */
    static final class Strategy extends AbstractDiscoveryStrategy {
        private final BinderClient binder;
        private final String secret;
        private final Endpoint self;

        @SuppressWarnings("rawtypes") // as Hazelcast's AbstractDiscoveryStrategy declares them
        Strategy(DiscoveryNode local, ILogger logger, Map<String, Comparable> properties, BinderClient binder,
                 String secret) {
            super(logger, properties);
            this.binder = binder;
            this.secret = secret;
            Address address = local.getPublicAddress();
            this.self = new Endpoint(address.getHost(), address.getPort());
        }

        @Override
        public void start() {
            register();
        }

        @Override
        public Iterable<DiscoveryNode> discoverNodes() {
            register();
            List<DiscoveryNode> nodes = new ArrayList<>();
            try {
                for (Endpoint member : binder.lookupAll(MEMBER_NAME)) {
                    nodes.add(new SimpleDiscoveryNode(new Address(member.host(), member.port())));
                }
            } catch (RpcException e) {
                getLogger().warning("cannot ask the Binder at " + binder.binder() + " for the other servers: "
                        + e.getMessage());
            } catch (UnknownHostException | IllegalArgumentException e) {
                getLogger().warning("the Binder at " + binder.binder() + " lists a server address that cannot be used: "
                        + e.getMessage());
            }
            return nodes;
        }

        @Override
        public void destroy() {
            try {
                binder.unregister(MEMBER_NAME, self, secret);
            } catch (RpcException e) {
                getLogger().warning("cannot unregister this server's cluster address " + self + " from the Binder at "
                        + binder.binder() + ": " + e.getMessage() + " (its liveness probes will hide it)");
            }
        }

        private void register() {
            try {
                binder.register(MEMBER_NAME, self, secret);
            } catch (RpcException e) {
                getLogger().warning("cannot register this server's cluster address " + self + " with the Binder at "
                        + binder.binder() + ": " + e.getMessage());
            }
        }
    }
}
