package chat.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.config.MapStoreConfig;
import com.hazelcast.map.MapLoader;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Following a map's initial load: it returns once every partition is loaded, and does not hang on a failed load. */
class InitialLoadTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final int KEYS = 300;
    private TcpMembers members;

    @AfterEach
    void stop() {
        if (members != null) {
            members.close();
        }
    }

    /** Items "0" to "299", each loaded only once {@code open} is counted down; {@code failing} throws instead. */
    private static final class Items implements MapLoader<String, String> {
        final CountDownLatch open = new CountDownLatch(1);
        final AtomicInteger asked = new AtomicInteger();
        final AtomicInteger loaded = new AtomicInteger();
        final boolean failing;

        Items(boolean failing) {
            this.failing = failing;
        }

        @Override
        public String load(String key) {
            return null;
        }

        @Override
        public Map<String, String> loadAll(Collection<String> keys) {
            asked.incrementAndGet();
            if (failing) {
                throw new IllegalStateException("the database is unreadable");
            }
            try {
                open.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            Map<String, String> items = new HashMap<>();
            keys.forEach(key -> items.put(key, "item " + key));
            loaded.addAndGet(items.size());
            return items;
        }

        @Override
        public Iterable<String> loadAllKeys() {
            return IntStream.range(0, KEYS).mapToObj(Integer::toString).toList();
        }
    }

    private void startWith(Items items) {
        members = TcpMembers.start(1, (config, index) -> config.getMapConfig("kept.*").setMapStoreConfig(
                new MapStoreConfig().setEnabled(true).setImplementation(items)
                        .setInitialLoadMode(MapStoreConfig.InitialLoadMode.EAGER)));
    }

    private static void awaitCondition(java.util.function.BooleanSupplier condition, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() - deadline < 0, "waited " + DEADLINE + " for " + what);
            Thread.sleep(5);
        }
    }

    @Test
    void returnsOnlyOnceEveryPartitionIsLoaded() throws InterruptedException {
        Items items = new Items(false);
        startWith(items);
        Thread following = new Thread(() -> InitialLoad.await(members.get(0), "kept.items", DEADLINE));
        following.start();

        awaitCondition(() -> items.asked.get() > 0, "the load to start");
        assertTrue(following.isAlive(), "returned while the load was held");
        items.open.countDown();
        following.join(DEADLINE.toMillis());
        assertFalse(following.isAlive(), "still following a finished load");
        assertEquals(KEYS, items.loaded.get());
        assertEquals(KEYS, members.get(0).getMap("kept.items").size());
        assertEquals("item 7", members.get(0).getMap("kept.items").get("7"));
    }

    @Test
    void aFailedLoadIsLeftToHazelcastToReport() throws InterruptedException {
        Items items = new Items(true);
        startWith(items);
        Thread following = new Thread(() -> InitialLoad.await(members.get(0), "kept.items", DEADLINE));
        following.start();
        following.join(DEADLINE.toMillis());
        assertFalse(following.isAlive(), "still following a failed load");
        assertTrue(items.asked.get() > 0);
    }
}
