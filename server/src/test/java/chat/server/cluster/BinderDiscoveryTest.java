package chat.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.binder.BinderConfig;
import chat.binder.BinderServer;
import chat.binder.Liveness;
import chat.common.rpc.HttpLimits;
import com.hazelcast.cluster.Address;
import com.hazelcast.logging.AbstractLogger;
import com.hazelcast.logging.LogEvent;
import com.hazelcast.spi.discovery.DiscoveryNode;
import com.hazelcast.spi.discovery.SimpleDiscoveryNode;
import java.util.Map;
import java.util.logging.Level;
import chat.common.BinderClient;
import chat.common.Binders;
import chat.common.Endpoint;
import chat.common.testing.Await;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** Members finding each other through the Binder, with nothing else to go by. */
class BinderDiscoveryTest {

    @Test
    void twoServersStartedAtTheSameInstantOnAnEmptyBinderEndUpInOneClusterAndUnregisterWhenTheyStop()
            throws Exception {
        try (BinderServer binder = BinderServer.start(BinderConfig.ephemeral())) {
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<ClusterMember>> starting = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                starting.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                        return ClusterMember.start("localhost", null, Binders.of(binder.endpoint()), null, 100);
                    } catch (IOException | InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            start.countDown();
            ClusterMember first = starting.get(0).get();
            ClusterMember second = starting.get(1).get();
            try {
                Await.until("the two members in one cluster (they may start as two and merge)", Duration.ofSeconds(60),
                        () -> first.hazelcast().getCluster().getMembers().size() == 2
                                && second.hazelcast().getCluster().getMembers().size() == 2);
                BinderClient lookups = new BinderClient(binder.endpoint());
                assertEquals(2, lookups.lookupAll(BinderDiscovery.MEMBER_NAME).size());
                second.close();
                Await.until("the stopped member's address gone from the Binder",
                        () -> lookups.lookupAll(BinderDiscovery.MEMBER_NAME).equals(List.of(first.address())));
                Await.until("the other member alone", () -> first.hazelcast().getCluster().getMembers().size() == 1);
            } finally {
                first.close();
                second.close();
            }
        }
    }

    @Test
    void theClusterIsNamedAfterTheBindersResolvedAddressSoTwoDeploymentsNeverMerge() throws IOException {
        assertEquals("chat-127.0.0.1-5000", ClusterMember.clusterName(Binders.of(new Endpoint("localhost", 5000)), null));
        assertEquals(ClusterMember.clusterName(Binders.of(new Endpoint("127.0.0.1", 5000)), null),
                ClusterMember.clusterName(Binders.of(new Endpoint("localhost", 5000)), null));
        assertNotEquals(ClusterMember.clusterName(Binders.of(new Endpoint("localhost", 5000)), null),
                ClusterMember.clusterName(Binders.of(new Endpoint("localhost", 5001)), null));
    }

    @Test
    void withASecretTheNameEndsInADigestOfItAndNeverInTheSecret() throws Exception {
        String secret = "correct horse battery staple";
        String name = ClusterMember.clusterName(Binders.of(new Endpoint("localhost", 5000)), secret);

        byte[] expected = MessageDigest.getInstance("SHA-256")
                .digest(("chat cluster name\u0000" + secret).getBytes(StandardCharsets.UTF_8));
        assertEquals("chat-127.0.0.1-5000-" + HexFormat.of().formatHex(expected, 0, 8), name);
        assertTrue(name.matches("chat-127\\.0\\.0\\.1-5000-[0-9a-f]{16}"), name);
        assertFalse(name.contains(secret) || name.contains("horse"), name);
        assertEquals(name, ClusterMember.clusterName(Binders.of(new Endpoint("127.0.0.1", 5000)), secret), "the same for the same secret");
        assertNotEquals(name, ClusterMember.clusterName(Binders.of(new Endpoint("localhost", 5000)), secret + "!"));
        assertNotEquals(ClusterMember.clusterName(Binders.of(new Endpoint("localhost", 5000)), null), name);
    }

    @Test
    void membersWithDifferentSecretsOnOneBinderFormTwoClustersAndTheSameSecretOne() throws Exception {
        try (BinderServer binder = BinderServer.start(BinderConfig.ephemeral());
             ClusterMember first = ClusterMember.start("localhost", null, Binders.of(binder.endpoint()), "first secret", 100);
             ClusterMember other = ClusterMember.start("localhost", null, Binders.of(binder.endpoint()), "another secret", 100)) {
            BinderClient lookups = new BinderClient(binder.endpoint());
            assertEquals(2, lookups.lookupAll(BinderDiscovery.MEMBER_NAME).size(), "the second found the first there");
            assertEquals(1, other.hazelcast().getCluster().getMembers().size(), "and could not join it");
            try (ClusterMember third = ClusterMember.start("localhost", null, Binders.of(binder.endpoint()), "first secret", 100)) {
                Await.until("the member with the first one's secret in its cluster",
                        () -> first.hazelcast().getCluster().getMembers().size() == 2
                                && third.hazelcast().getCluster().getMembers().size() == 2);
                assertEquals(1, other.hazelcast().getCluster().getMembers().size(), "the other still alone");
                assertEquals(first.hazelcast().getConfig().getClusterName(),
                        third.hazelcast().getConfig().getClusterName());
                assertNotEquals(first.hazelcast().getConfig().getClusterName(),
                        other.hazelcast().getConfig().getClusterName());
            }
        }
    }

    @Test
    void aBinderThatCannotBeAskedIsSaidOnceAtWarnAndOnceWhenItAnswersAgain() throws Exception {
        int port;
        try (BinderServer gone = BinderServer.start(BinderConfig.ephemeral())) {
            port = gone.endpoint().port();
        }
        Endpoint self = new Endpoint("127.0.0.1", 5799);
        RecordingLogger log = new RecordingLogger();
        BinderDiscovery.Strategy discovery = new BinderDiscovery.Strategy(
                new SimpleDiscoveryNode(new Address(self.host(), self.port())), log, Map.of(),
                Binders.of(new Endpoint("localhost", port)), null);

        for (int i = 0; i < 3; i++) {
            assertFalse(discovery.discoverNodes().iterator().hasNext(), "no member found without a Binder");
        }
        assertEquals(1, log.lines(Level.WARNING).size(), "said once: " + log.lines(Level.WARNING));
        assertTrue(log.lines(Level.WARNING).get(0).startsWith("cannot ask the Binder at localhost:" + port
                + " for the other servers: "), log.lines(Level.WARNING).get(0));

        try (BinderServer back = BinderServer.start(new BinderConfig(BinderConfig.DEFAULT_HOST, port,
                HttpLimits.DEFAULTS).withLiveness(Liveness.OFF))) {
            List<DiscoveryNode> found = new ArrayList<>();
            discovery.discoverNodes().forEach(found::add);
            assertEquals(List.of(new Address(self.host(), self.port())),
                    found.stream().map(DiscoveryNode::getPrivateAddress).toList(), "its own address, registered again");
            discovery.discoverNodes();
        }
        assertEquals(1, log.lines(Level.WARNING).size(), "nothing more at WARN: " + log.lines(Level.WARNING));
        assertEquals(List.of("asking the Binder at localhost:" + port + " for the other servers works again"),
                log.lines(Level.INFO));
    }

    /** A Hazelcast logger that keeps every line it is given, by level. */
    private static final class RecordingLogger extends AbstractLogger {
        private final List<Map.Entry<Level, String>> lines = new java.util.concurrent.CopyOnWriteArrayList<>();

        List<String> lines(Level level) {
            return lines.stream().filter(line -> line.getKey().equals(level)).map(Map.Entry::getValue).toList();
        }

        @Override
        public void log(Level level, String message) {
            lines.add(Map.entry(level, message));
        }

        @Override
        public void log(Level level, String message, Throwable thrown) {
            log(level, message);
        }

        @Override
        @SuppressWarnings("removal") // deprecated, but ILogger still declares it, unimplemented
        public void log(LogEvent event) {
            log(event.getLogRecord().getLevel(), event.getLogRecord().getMessage());
        }

        @Override
        public Level getLevel() {
            return Level.ALL;
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }
    }
}
