package chat.server.cluster;

import chat.common.AnyBinder;
import chat.common.BinderClient;
import chat.common.Binders;
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
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Hazelcast members find each other through the Binders: each registers its member address under
 * {@link #MEMBER_NAME} with every Binder (as a server registers its procedures) and asks any Binder that answers
 * for every address registered there. Hazelcast asks when the member joins and again every few seconds while it looks for
 * clusters to merge with, so two servers started at the same instant on an empty Binder end up in one
 * cluster, and a Binder that restarts learns every member again (each registers anew at each ask). A
 * member that stops unregisters; one that dies is hidden by the Binder's liveness probes.
 */
public final class BinderDiscovery implements DiscoveryStrategyFactory {
    /** The Binder name under which members register their Hazelcast address; no procedure has it. */
    public static final String MEMBER_NAME = ChatProcedures.CLUSTER_MEMBER;
    /** How long one call to the Binder may take: discovery must not hang a member's start or stop. */
    static final Duration BINDER_TIMEOUT = Duration.ofSeconds(3);

    private final Binders binders;
    private final String secret;

    /**
     * @param binders the Binders every server of the chat registers with
     * @param secret  the Binders' registration secret, or null
     */
    public BinderDiscovery(Binders binders, String secret) {
        this.binders = binders;
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
        return new Strategy(local, logger, properties, binders, secret);
    }

    @Override
    public Collection<PropertyDefinition> getConfigurationProperties() {
        return List.of();
    }

    /** One member's discovery: registers its address, lists the others, unregisters on stop. */
    static final class Strategy extends AbstractDiscoveryStrategy {
        private final List<BinderClient> each;
        private final AnyBinder any;
        private final String secret;
        private final Endpoint self;
        /** Whether the last ask for the other members failed: said once at WARN, then once when it works again. */
        private final AtomicBoolean lookupsFailing = new AtomicBoolean();

        @SuppressWarnings("rawtypes") // as Hazelcast's AbstractDiscoveryStrategy declares them
        Strategy(DiscoveryNode local, ILogger logger, Map<String, Comparable> properties, Binders binders,
                 String secret) {
            super(logger, properties);
            this.each = binders.endpoints().stream().map(binder -> new BinderClient(binder, BINDER_TIMEOUT)).toList();
            this.any = new AnyBinder(binders, BINDER_TIMEOUT);
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
                for (Endpoint member : any.lookupAll(MEMBER_NAME)) {
                    nodes.add(new SimpleDiscoveryNode(new Address(member.host(), member.port())));
                }
                if (lookupsFailing.compareAndSet(true, false)) {
                    getLogger().info("asking " + words() + " for the other servers works again");
                }
            } catch (RpcException e) {
                if (lookupsFailing.compareAndSet(false, true)) {
                    getLogger().warning("cannot ask " + words() + " for the other servers: " + e.getMessage()
                            + " (said once until it works again)");
                } else {
                    getLogger().fine("still cannot ask " + words() + " for the other servers: " + e.getMessage());
                }
            } catch (UnknownHostException | IllegalArgumentException e) {
                getLogger().warning("the Binder at " + any.answering() + " lists a server address that cannot be used: "
                        + e.getMessage());
            }
            return nodes;
        }

        @Override
        public void destroy() {
            for (BinderClient binder : each) {
                try {
                    binder.unregister(MEMBER_NAME, self, secret);
                } catch (RpcException e) {
                    // The server's registrar, which unregisters the address too, is in the same case: said there.
                    getLogger().fine("cannot unregister this server's cluster address " + self + " from the Binder at "
                            + binder.binder() + ": " + e.getMessage() + " (its liveness probes will hide it)");
                }
            }
        }

        /**
         * Registers this member's address with every Binder. One that fails is left to the server's registrar, which
         * keeps the address registered beside the server's procedures, registers it again and says once that a
         * Binder cannot be reached (and once that it can again); a member that cannot register when it starts is
         * stopped by the server's start, whose registrar cannot register either.
         */
        private void register() {
            List<String> failures = new ArrayList<>();
            for (BinderClient binder : each) {
                try {
                    binder.register(MEMBER_NAME, self, secret);
                } catch (RpcException e) {
                    failures.add(each.size() == 1 ? e.getMessage() : binder.binder() + ": " + e.getMessage());
                }
            }
            if (!failures.isEmpty()) {
                getLogger().fine("cluster address " + self + " not registered with every Binder: "
                        + String.join("; ", failures));
            }
        }

        /** "the Binder at host:port", or "any of the Binders at host:port,host:port". */
        private String words() {
            return (each.size() == 1 ? "the Binder at " : "any of the Binders at ") + any.binders();
        }
    }
}
