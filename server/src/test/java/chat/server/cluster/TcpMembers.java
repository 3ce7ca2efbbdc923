package chat.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Hazelcast members of one cluster in this JVM, configured as a chat server's, joined over TCP to the first
 * (no Binder): for tests of the clustered store alone. A cluster name of its own keeps other tests' members out.
 */
final class TcpMembers implements AutoCloseable {
    private final List<HazelcastInstance> members = new ArrayList<>();

    static TcpMembers start(int count) {
        return start(count, (index, config) -> {
        });
    }

    /** Starts {@code count} members, each configured further by {@code configure} (given its index) first. */
    static TcpMembers start(int count, java.util.function.ObjIntConsumer<Config> configure) {
        TcpMembers started = new TcpMembers();
        String cluster = "test-" + UUID.randomUUID();
        String first = null;
        for (int i = 0; i < count; i++) {
            Config config = MemberConfig.of(cluster, "127.0.0.1");
            configure.accept(config, i);
            config.getNetworkConfig().getJoin().getTcpIpConfig().setEnabled(true);
            if (first != null) {
                config.getNetworkConfig().getJoin().getTcpIpConfig().addMember(first);
            }
            HazelcastInstance member;
            try {
                member = MemberConfig.startOnFreePort(config);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            started.members.add(member);
            if (first == null) {
                InetSocketAddress address = (InetSocketAddress) member.getLocalEndpoint().getSocketAddress();
                first = "127.0.0.1:" + address.getPort();
            }
        }
        assertEquals(count, started.members.get(0).getCluster().getMembers().size(), "every member joined");
        return started;
    }

    HazelcastInstance get(int index) {
        return members.get(index);
    }

    @Override
    public void close() {
        members.forEach(member -> member.getLifecycleService().terminate());
    }
}
