package chat.binder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.common.Endpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Several servers under one name, with many threads registering, looking up and unregistering at once. */
class BinderSpreadTest {
    private final Binder binder = new Binder(10_000, Liveness.DEFAULTS, java.time.Clock.systemUTC());

    @Test
    void concurrentLookupsAreSpreadExactlyEvenlyOverTheLiveEndpoints() throws Exception {
        List<Endpoint> servers = List.of(new Endpoint("localhost", 6001), new Endpoint("localhost", 6002),
                new Endpoint("localhost", 6003));
        servers.forEach(s -> binder.register("join_room", s));
        int threads = 12;
        int lookupsEach = 3_000;
        Map<Endpoint, AtomicInteger> answered = new ConcurrentHashMap<>();

        runAtOnce(threads, thread -> {
            for (int i = 0; i < lookupsEach; i++) {
                answered.computeIfAbsent(binder.lookup("join_room").orElseThrow(), e -> new AtomicInteger())
                        .incrementAndGet();
            }
        });

        assertEquals(Set.copyOf(servers), answered.keySet());
        for (Endpoint server : servers) {
            assertEquals(threads * lookupsEach / 3, answered.get(server).get(), server.toString());
        }
    }

    @Test
    void registeringLookingUpAndUnregisteringAtOnceLeavesExactlyWhatWasNotUnregistered() throws Exception {
        int threads = 16;
        int endpointsEach = 40;
        Endpoint stayer = new Endpoint("stays", 7000);
        binder.register("shared", stayer);
        AtomicInteger lookupsWithoutAnswer = new AtomicInteger();

        runAtOnce(threads, thread -> {
            for (int i = 0; i < endpointsEach; i++) {
                Endpoint mine = new Endpoint("host" + thread, 1000 + i);
                binder.register("shared", mine);
                binder.register("t" + thread, mine);
                if (binder.lookup("shared").isEmpty()) {
                    lookupsWithoutAnswer.incrementAndGet();
                }
                if (i % 2 == 0) {
                    binder.unregister("shared", mine);
                    binder.unregister("t" + thread, mine);
                }
                binder.register("shared", mine);  // refreshing or coming back: never a duplicate
            }
        });

        assertEquals(0, lookupsWithoutAnswer.get(), "some endpoint was always registered under 'shared'");
        List<Endpoint> shared = binder.registrations().get("shared");
        assertEquals(Math.min(Binder.MAX_ENDPOINTS_PER_NAME, threads * endpointsEach + 1), shared.size(),
                "every endpoint once, up to the per-name limit");
        assertEquals(shared.size(), Set.copyOf(shared).size(), "no endpoint twice");
        for (int thread = 0; thread < threads; thread++) {
            List<Endpoint> own = binder.registrations().get("t" + thread);
            assertEquals(endpointsEach / 2, own.size(), "the odd ones stay under t" + thread);
            assertTrue(own.stream().allMatch(e -> e.port() % 2 == 1), own.toString());
        }
        assertTrue(binder.lookupAll("shared").contains(stayer), "a full name keeps the endpoints it had");
    }

    private interface Work {
        void run(int thread) throws Exception;
    }

    private static void runAtOnce(int threads, Work work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    go.await();
                    work.run(thread);
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> result : results) {
                result.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
