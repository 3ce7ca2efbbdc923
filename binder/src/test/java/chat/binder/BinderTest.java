package chat.binder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.common.Endpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BinderTest {
    private final Binder binder = new Binder();

    @Test
    void anUnknownNameLooksUpAsEmpty() {
        assertEquals(Optional.empty(), binder.lookup("join_room"));
    }

    @Test
    void aRegisteredNameLooksUpAsWhereItIsServed() {
        binder.register("join_room", new Endpoint("localhost", 6001));

        assertEquals(Optional.of(new Endpoint("localhost", 6001)), binder.lookup("join_room"));
    }

    @Test
    void theLastRegistrationWins() {
        binder.register("join_room", new Endpoint("localhost", 6001));
        binder.register("join_room", new Endpoint("10.0.0.7", 6002));

        assertEquals(Optional.of(new Endpoint("10.0.0.7", 6002)), binder.lookup("join_room"));
    }

    @Test
    void namesAreExactAndCaseSensitive() {
        binder.register("join_room", new Endpoint("localhost", 6001));

        assertEquals(Optional.empty(), binder.lookup("Join_room"));
        assertEquals(Optional.empty(), binder.lookup("join_room "));
    }

    @Test
    void registrationsIsAnUnmodifiableSnapshot() {
        binder.register("a", new Endpoint("localhost", 1));
        Map<String, Endpoint> snapshot = binder.registrations();
        binder.register("b", new Endpoint("localhost", 2));

        assertEquals(Map.of("a", new Endpoint("localhost", 1)), snapshot);
        assertThrows(UnsupportedOperationException.class, () -> snapshot.put("c", new Endpoint("localhost", 3)));
    }

    @Test
    void manyThreadsRegisterAndLookUpAtOnce() throws Exception {
        int threads = 16;
        int namesEach = 200;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    go.await();
                    boolean allFound = true;
                    for (int i = 0; i < namesEach; i++) {
                        Endpoint mine = new Endpoint("host" + thread, 1000 + i);
                        binder.register("t" + thread + "-" + i, mine);
                        binder.register("shared", mine);
                        allFound &= binder.lookup("t" + thread + "-" + i).equals(Optional.of(mine));
                        allFound &= binder.lookup("shared").isPresent();
                    }
                    return allFound;
                }));
            }
            go.countDown();
            for (Future<Boolean> result : results) {
                assertTrue(result.get(20, TimeUnit.SECONDS));
            }
            assertEquals(threads * namesEach + 1, binder.registrations().size());
        } finally {
            pool.shutdownNow();
        }
    }
}
