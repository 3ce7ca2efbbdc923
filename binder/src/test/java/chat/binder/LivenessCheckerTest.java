package chat.binder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.common.Endpoint;
import chat.common.testing.Await;
import chat.common.testing.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Probe rounds driven by the test, with a prober it controls and a clock it moves. */
class LivenessCheckerTest {
    private static final Liveness RULES = new Liveness(Duration.ofSeconds(1), Duration.ofMillis(500), 2,
            Duration.ofMinutes(1));
    private final ManualClock clock = ManualClock.atSomeInstant();
    private final Binder binder = new Binder(100, RULES, clock);
    private final Set<Endpoint> dead = ConcurrentHashMap.newKeySet();
    private final Map<Endpoint, AtomicInteger> probes = new ConcurrentHashMap<>();
    private final Endpoint a = new Endpoint("localhost", 6001);
    private final Endpoint b = new Endpoint("localhost", 6002);
    private LivenessChecker checker;

    private LivenessChecker checker(Prober prober) {
        checker = new LivenessChecker(binder, prober, "test");
        return checker;
    }

    private boolean answers(Endpoint endpoint) {
        probes.computeIfAbsent(endpoint, e -> new AtomicInteger()).incrementAndGet();
        return !dead.contains(endpoint);
    }

    @AfterEach
    void stop() {
        if (checker != null) {
            checker.close();
        }
    }

    @Test
    void aServerThatStopsAnsweringIsHiddenAfterTwoRoundsAndShownAgainWhenItAnswers() {
        LivenessChecker rounds = checker(this::answers);
        binder.register("join_room", a);
        binder.register("join_room", b);
        dead.add(a);

        rounds.probeAll().join();
        assertEquals(Set.of(a, b), Set.copyOf(binder.lookupAll("join_room")), "one unanswered probe is not enough");
        rounds.probeAll().join();
        assertEquals(List.of(b), binder.lookupAll("join_room"));

        dead.remove(a);
        rounds.probeAll().join();
        assertEquals(Set.of(a, b), Set.copyOf(binder.lookupAll("join_room")));
    }

    @Test
    void eachDistinctEndpointIsProbedOncePerRoundWhateverItsNames() {
        LivenessChecker rounds = checker(this::answers);
        for (String name : List.of("join_room", "list_rooms", "send_message")) {
            binder.register(name, a);
        }
        binder.register("join_room", b);

        rounds.probeAll().join();
        rounds.probeAll().join();

        assertEquals(2, probes.get(a).get());
        assertEquals(2, probes.get(b).get());
    }

    @Test
    void aProbeThatHangsHoldsUpNeitherLookupsNorTheOtherEndpointsNorStartsTwice() throws Exception {
        CountDownLatch swallowed = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        LivenessChecker rounds = checker(endpoint -> {
            if (endpoint.equals(a)) {
                swallowed.countDown();
                try {
                    release.await();  // a host that swallows the connection attempt, until the test lets go
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return false;
            }
            return answers(endpoint);
        });
        binder.register("join_room", a);
        binder.register("list_rooms", b);
        try {
            rounds.probeAll();
            assertTrue(swallowed.await(20, TimeUnit.SECONDS));
            Await.until("b's first probe recorded", () -> rounds.probesRunning() == 1);
            for (int i = 0; i < 3; i++) {
                rounds.probeAll().join();  // completes without a's probe, which is still running
            }

            assertEquals(4, probes.get(b).get(), "b probed in every round");

            assertEquals(Optional.of(a), binder.lookup("join_room"), "answered at once, while a's probe hangs");
            assertEquals(1, rounds.probesRunning(), "a's first probe, and no second one");
        } finally {
            release.countDown();
        }
        Await.until("a's probe recorded", () -> rounds.probesRunning() == 0);
    }

    @Test
    void aServerDeadForLongerThanForgetAfterIsDroppedByARound() {
        LivenessChecker rounds = checker(this::answers);
        binder.register("join_room", a);
        binder.register("join_room", b);
        dead.add(a);
        rounds.probeAll().join();
        rounds.probeAll().join();

        clock.advance(Duration.ofSeconds(61));
        rounds.probeAll().join();

        assertEquals(Map.of("join_room", List.of(b)), binder.registrations());
    }

    @Test
    void aProberThatThrowsCountsAsNoAnswer() {
        LivenessChecker rounds = checker(endpoint -> {
            throw new IllegalStateException("probe broke");
        });
        binder.register("join_room", a);

        rounds.probeAll().join();
        rounds.probeAll().join();

        assertFalse(binder.lookup("join_room").isPresent());
    }
}
