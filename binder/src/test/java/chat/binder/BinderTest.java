package chat.binder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.common.Endpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
    void theNewestRegistrationIsAnsweredFirstAndTheOthersInTurn() {
        Endpoint a = new Endpoint("localhost", 6001);
        Endpoint b = new Endpoint("10.0.0.7", 6002);
        Endpoint c = new Endpoint("10.0.0.8", 6003);
        binder.register("join_room", a);
        binder.register("join_room", b);
        binder.register("join_room", c);

        List<Endpoint> answers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            answers.add(binder.lookup("join_room").orElseThrow());
        }

        assertEquals(List.of(c, b, a, c, b, a), answers);
    }

    @Test
    void registeringTheSameEndpointAgainOnlyRefreshesIt() {
        Endpoint a = new Endpoint("localhost", 6001);
        Endpoint b = new Endpoint("localhost", 6002);
        binder.register("join_room", a);
        binder.register("join_room", b);
        binder.register("join_room", a);
        binder.register("join_room", a);

        assertEquals(Map.of("join_room", List.of(b, a)), binder.registrations());
        assertEquals(Set.of(a, b), Set.copyOf(binder.lookupAll("join_room")));
        assertEquals(2, binder.status().size());
    }

    @Test
    void lookupAllStartsWithTheEndpointWhoseTurnItIs() {
        Endpoint a = new Endpoint("localhost", 6001);
        Endpoint b = new Endpoint("localhost", 6002);
        binder.register("join_room", a);
        binder.register("join_room", b);

        assertEquals(List.of(b, a), binder.lookupAll("join_room"));
        assertEquals(List.of(a, b), binder.lookupAll("join_room"));
        assertEquals(Optional.of(b), binder.lookup("join_room"));
        assertEquals(List.of(), binder.lookupAll("no_such_name"));
    }

    @Test
    void unregisteringForgetsOneEndpointAndKeepsTheOthers() {
        Endpoint a = new Endpoint("localhost", 6001);
        Endpoint b = new Endpoint("localhost", 6002);
        binder.register("join_room", a);
        binder.register("join_room", b);
        binder.register("list_rooms", a);

        assertTrue(binder.unregister("join_room", a));
        assertFalse(binder.unregister("join_room", a), "already forgotten");
        assertFalse(binder.unregister("no_such_name", a));

        assertEquals(List.of(b), binder.lookupAll("join_room"));
        assertEquals(Optional.of(a), binder.lookup("list_rooms"), "other names of the endpoint stay");
        assertEquals(Set.of(a, b), binder.endpoints());

        assertTrue(binder.unregister("join_room", b));
        assertEquals(Optional.empty(), binder.lookup("join_room"));
        assertFalse(binder.holds("join_room"), "a name without endpoints is gone, and frees its place");
        assertEquals(Set.of(a), binder.endpoints(), "an endpoint no name has is no longer probed");
    }

    @Test
    void aNameKeepsAtMostItsLimitOfLiveEndpointsAndADeadOneMakesRoom() {
        for (int i = 0; i < Binder.MAX_ENDPOINTS_PER_NAME; i++) {
            assertTrue(binder.register("join_room", new Endpoint("localhost", 1000 + i)));
        }
        Endpoint newcomer = new Endpoint("localhost", 2000);

        assertFalse(binder.register("join_room", newcomer));

        binder.probed(new Endpoint("localhost", 1005), false);
        binder.probed(new Endpoint("localhost", 1005), false);
        assertTrue(binder.register("join_room", newcomer));
        assertEquals(Binder.MAX_ENDPOINTS_PER_NAME, binder.registrations().get("join_room").size());
        assertFalse(binder.registrations().get("join_room").contains(new Endpoint("localhost", 1005)));
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
        Map<String, List<Endpoint>> snapshot = binder.registrations();
        binder.register("b", new Endpoint("localhost", 2));
        binder.register("a", new Endpoint("localhost", 3));

        assertEquals(Map.of("a", List.of(new Endpoint("localhost", 1))), snapshot);
        assertThrows(UnsupportedOperationException.class, () -> snapshot.put("c", List.of()));
        assertThrows(UnsupportedOperationException.class, () -> snapshot.get("a").add(new Endpoint("localhost", 4)));
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

    @Test
    void aNewNameBeyondTheMaximumIsRefusedAndNothingIsRecorded() {
        Binder small = new Binder(2);
        assertTrue(small.register("a", new Endpoint("localhost", 1)));
        assertTrue(small.register("b", new Endpoint("localhost", 2)));

        assertFalse(small.register("c", new Endpoint("localhost", 3)));

        assertEquals(Optional.empty(), small.lookup("c"));
        assertEquals(2, small.registrations().size());
    }

    @Test
    void aHeldNameCanAlwaysBeRegisteredAgainWhenFull() {
        Binder small = new Binder(1);
        small.register("join_room", new Endpoint("localhost", 6001));

        assertTrue(small.register("join_room", new Endpoint("10.0.0.7", 6002)));
        assertTrue(small.register("join_room", new Endpoint("10.0.0.7", 6002)));

        assertEquals(Optional.of(new Endpoint("10.0.0.7", 6002)), small.lookup("join_room"));
    }

    @Test
    void holdsTenThousandNamesByDefault() {
        assertEquals(10_000, new Binder().maxNames());
        assertThrows(IllegalArgumentException.class, () -> new Binder(0));
    }

    @Test
    void manyThreadsRacingForTheLastPlacesNeverExceedTheMaximum() throws Exception {
        Binder small = new Binder(50);
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    go.await();
                    int accepted = 0;
                    for (int i = 0; i < 20; i++) {
                        if (small.register("t" + thread + "-" + i, new Endpoint("localhost", 1000 + i))) {
                            accepted++;
                        }
                    }
                    return accepted;
                }));
            }
            go.countDown();
            int accepted = 0;
            for (Future<Integer> result : results) {
                accepted += result.get(20, TimeUnit.SECONDS);
            }
            assertEquals(50, accepted);
            assertEquals(50, small.registrations().size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void refusedNamesAndAddressesAreNotRecorded() {
        assertThrows(IllegalArgumentException.class, () -> binder.register("", new Endpoint("localhost", 1)));
        assertThrows(IllegalArgumentException.class, () -> binder.register("a\nb", new Endpoint("localhost", 1)));
        assertThrows(IllegalArgumentException.class, () -> binder.register("a", new Endpoint("evil.example/x", 1)));

        assertEquals(Map.of(), binder.registrations());
    }

    @Test
    void aNameOf128CharactersIsAcceptedAnd129AreNot() {
        assertNull(Binder.whyNameIsRefused("n".repeat(128)));
        assertNull(Binder.whyNameIsRefused("😀".repeat(128)), "characters, not UTF-16 units");
        assertEquals("must be at most 128 characters, got 129", Binder.whyNameIsRefused("n".repeat(129)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"join\nroom", "join\rroom", "join\u0000room", "\u001b[31mred", "join\u007froom", "join\u0085room"})
    void aNameWithControlCharactersIsRefused(String name) {
        assertEquals("must not contain control characters", Binder.whyNameIsRefused(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"join_room", "sala-ação-😀", "Join Room", "a"})
    void printableNamesAreAccepted(String name) {
        assertNull(Binder.whyNameIsRefused(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "10.0.0.7", "::1", "fe80::1%eth0", "chat-1.example.org", "servidor.ação.br", "my_host"})
    void hostNamesAndAddressesAreAccepted(String address) {
        assertNull(Binder.whyAddressIsRefused(address));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "local host", "localhost\t", "\u00a0localhost", "local\nhost", "host\u0000"})
    void anAddressWithSpacesOrControlCharactersIsRefused(String address) {
        String why = Binder.whyAddressIsRefused(address);
        assertTrue("must not be blank".equals(why) || "must not contain spaces or control characters".equals(why), why);
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil.example/x", "user@evil.example", "host?x", "host#x", "host\\x"})
    void anAddressThatWouldChangeTheClientsUrlIsRefused(String address) {
        assertEquals("must be a host name or address, without / ? # @ or \\", Binder.whyAddressIsRefused(address));
    }

    @Test
    void anAddressOf255CharactersIsAcceptedAnd256AreNot() {
        assertNull(Binder.whyAddressIsRefused("h".repeat(255)));
        assertEquals("must be at most 255 characters, got 256", Binder.whyAddressIsRefused("h".repeat(256)));
    }

    @Test
    void callersAtDifferentAddressesSpreadOverTheServersAndOnlyADeadServersCallersMove() throws Exception {
        List<Endpoint> servers = List.of(new Endpoint("a", 1), new Endpoint("b", 2), new Endpoint("c", 3));
        for (Endpoint server : servers) {
            binder.register("join_room", server);
            binder.register("list_rooms", server);
        }
        Map<java.net.InetAddress, Endpoint> given = new java.util.HashMap<>();
        Map<Endpoint, Integer> load = new java.util.HashMap<>();
        for (int i = 0; i < 3_000; i++) {
            java.net.InetAddress caller = java.net.InetAddress.getByAddress(new byte[] {10, (byte) (i >> 8), (byte) i, 7});
            Endpoint server = binder.lookupFor("join_room", caller).orElseThrow();
            assertEquals(server, binder.lookupFor("list_rooms", caller).orElseThrow(), "one server for every name");
            assertEquals(server, binder.lookupAllFor("join_room", caller).get(0));
            given.put(caller, server);
            load.merge(server, 1, Integer::sum);
        }
        for (Endpoint server : servers) {
            assertTrue(load.get(server) > 800, "about a third each: " + load);
        }

        binder.unregister("join_room", servers.get(2));

        given.forEach((caller, before) -> {
            Endpoint after = binder.lookupFor("join_room", caller).orElseThrow();
            if (!before.equals(servers.get(2))) {
                assertEquals(before, after, "a caller of a live server stays with it");
            } else {
                assertTrue(Set.of(servers.get(0), servers.get(1)).contains(after));
            }
        });
    }
}
