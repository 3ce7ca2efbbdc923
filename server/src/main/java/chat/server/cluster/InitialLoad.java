package chat.server.cluster;

import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MapStoreConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.instance.impl.HazelcastInstanceImpl;
import com.hazelcast.instance.impl.HazelcastInstanceProxy;
import com.hazelcast.map.impl.MapService;
import com.hazelcast.map.impl.operation.IsKeyLoadFinishedOperation;
import com.hazelcast.map.impl.operation.IsPartitionLoadedOperationFactory;
import com.hazelcast.spi.impl.NodeEngine;
import com.hazelcast.spi.impl.operationservice.OperationService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits for the initial load of a map kept in a database, asking as Hazelcast does (are its keys read? then, is each
 * partition loaded?) but every {@value #POLL_MILLIS} ms. Hazelcast's own wait, which runs when a member first takes a
 * map whose initial load is eager, asks the partitions again only a second after the answer before, and acts on
 * that answer a second later still: a load done in 1.1 s was seen done after 2 to 3 s, and a restarted chat served
 * that much later. Once this returns, taking the map finds it loaded at Hazelcast's first question.
 *
 * <p>It sends the internal operations Hazelcast's own wait sends, so it is tied to the Hazelcast version the build
 * pins. It only shortens a wait: whatever goes wrong here (an operation refused, a load that failed, the time
 * allowed spent) leaves the waiting, and the reporting of a failed load, to Hazelcast's own wait.
 */
final class InitialLoad {
    private static final Logger LOG = LoggerFactory.getLogger(InitialLoad.class);
    private static final long POLL_MILLIS = 10;

    private InitialLoad() {
    }

    /**
     * Returns once the map {@code mapName} is loaded in every partition, at once when it has no eager initial load
     * (a map not kept in a database), or after {@code within} at the latest.
     *
     * @param hazelcast a running member
     * @param mapName   the map's name
     * @param within    how long to wait at most
     */
    static void await(HazelcastInstance hazelcast, String mapName, Duration within) {
        MapConfig map = hazelcast.getConfig().findMapConfig(mapName);
        MapStoreConfig store = map.getMapStoreConfig();
        NodeEngine engine = nodeEngine(hazelcast);
        if (store == null || !store.isEnabled() || store.getInitialLoadMode() != MapStoreConfig.InitialLoadMode.EAGER
                || engine == null) {
            return;
        }
        OperationService operations = engine.getOperationService();
        long deadline = System.nanoTime() + within.toNanos();
        try {
            int keysPartition = engine.getPartitionService().getPartitionId(mapName);
            while (!Boolean.TRUE.equals(operations.invokeOnPartition(MapService.SERVICE_NAME,
                    new IsKeyLoadFinishedOperation(mapName), keysPartition).get())) {
                if (!pause(deadline)) {
                    return;
                }
            }
            List<Integer> waiting = new ArrayList<>();
            for (int partition = 0; partition < engine.getPartitionService().getPartitionCount(); partition++) {
                waiting.add(partition);
            }
            while (true) {
                Map<Integer, Object> loaded = operations.invokeOnPartitions(MapService.SERVICE_NAME,
                        new IsPartitionLoadedOperationFactory(mapName), waiting);
                waiting.removeIf(partition -> Boolean.TRUE.equals(loaded.get(partition)));
                if (waiting.isEmpty() || !pause(deadline)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.debug("could not follow the initial load of {}; Hazelcast's own wait follows it", mapName, e);
        }
    }

    /** Sleeps between two questions; false when the deadline is passed. */
    private static boolean pause(long deadline) throws InterruptedException {
        if (System.nanoTime() - deadline > 0) {
            return false;
        }
        Thread.sleep(POLL_MILLIS);
        return true;
    }

    private static NodeEngine nodeEngine(HazelcastInstance hazelcast) {
        if (hazelcast instanceof HazelcastInstanceProxy proxy) {
            return proxy.getOriginal().node.getNodeEngine();
        }
        if (hazelcast instanceof HazelcastInstanceImpl instance) {
            return instance.node.getNodeEngine();
        }
        return null;
    }
}
