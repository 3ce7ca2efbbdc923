package chat.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import chat.binder.BinderConfig;
import chat.binder.BinderServer;
import chat.common.BinderClient;
import chat.common.Endpoint;
import chat.common.testing.Await;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
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
                        return ClusterMember.start("localhost", null, binder.endpoint(), null, 100);
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
        assertEquals("chat-127.0.0.1-5000", ClusterMember.clusterName(new Endpoint("localhost", 5000)));
        assertEquals(ClusterMember.clusterName(new Endpoint("127.0.0.1", 5000)),
                ClusterMember.clusterName(new Endpoint("localhost", 5000)));
        assertNotEquals(ClusterMember.clusterName(new Endpoint("localhost", 5000)),
                ClusterMember.clusterName(new Endpoint("localhost", 5001)));
    }
}
