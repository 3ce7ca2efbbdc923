package chat.binder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.common.BinderClient;
import chat.common.BinderEntry;
import chat.common.ChatProcedures;
import chat.common.Endpoint;
import chat.common.rpc.HttpLimits;
import chat.common.rpc.RpcException;
import chat.common.rpc.RpcFault;
import chat.common.testing.Await;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Binders of one deployment keep in step: each knows every server registered with any of them, learns of the
 * peers its peers know, takes from a peer only what it would take from a server, and a Binder started again
 * empty knows everything after one exchange. Probes are off (the endpoints here serve nothing), and the Binders
 * share every 50 ms.
 */
class BinderPeersTest {
    private static final Duration EVERY = Duration.ofMillis(50);
    private static final Endpoint E1 = new Endpoint("localhost", 7001);
    private static final Endpoint E2 = new Endpoint("localhost", 7002);
    private final List<BinderServer> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(BinderServer::close);
    }

    private BinderServer binder(int port, RegistrationPolicy policy, String secret, Endpoint... peers)
            throws IOException {
        BinderServer server = BinderServer.start(new BinderConfig("localhost", port, HttpLimits.DEFAULTS, policy,
                Binder.DEFAULT_MAX_NAMES, Liveness.OFF, new Peering(List.of(peers), secret, EVERY)));
        started.add(server);
        return server;
    }

    private BinderServer binder(Endpoint... peers) throws IOException {
        return binder(0, RegistrationPolicy.loopbackOnly(), null, peers);
    }

    @Test
    void everyBinderKnowsWhatRegisteredWithAnyAndLearnsThePeersOfItsPeers() throws IOException {
        BinderServer b = binder();
        BinderServer a = binder(b.endpoint());
        BinderServer c = binder(b.endpoint());
        new BinderClient(a.endpoint()).register("x", E1);
        new BinderClient(c.endpoint()).register("y", E2);
        for (BinderServer each : List.of(a, b, c)) {
            Await.until("x and y known at " + each.endpoint(), () ->
                    each.binder().lookupAll("x").equals(List.of(E1)) && each.binder().lookupAll("y").equals(List.of(E2)));
        }
        Await.until("a and c know each other, told only of b", () ->
                a.binder().lookupAll(ChatProcedures.BINDER_PEER).contains(c.endpoint())
                        && c.binder().lookupAll(ChatProcedures.BINDER_PEER).contains(a.endpoint()));
        assertEquals(List.of(E1), new BinderClient(c.endpoint()).lookupAll("x"), "looked up over the wire too");
    }

    @Test
    void aBinderGivesItsPeersTheAddressItAdvertises() throws IOException {
        BinderServer b = binder();
        BinderServer a = BinderServer.start(new BinderConfig("localhost", 0, HttpLimits.DEFAULTS,
                RegistrationPolicy.loopbackOnly(), Binder.DEFAULT_MAX_NAMES, Liveness.OFF,
                new Peering(List.of(b.endpoint()), null, EVERY, "127.0.0.1")));
        started.add(a);

        Await.until("b knows a by the address a advertises", () ->
                b.binder().lookupAll(ChatProcedures.BINDER_PEER).contains(new Endpoint("127.0.0.1", a.port())));
        assertFalse(b.binder().lookupAll(ChatProcedures.BINDER_PEER).contains(a.endpoint()),
                "not by the address it binds");
    }

    @Test
    void aBinderStartedAgainEmptyKnowsEverythingAfterOneExchange() throws IOException {
        BinderServer b = binder();
        int port = b.port();
        BinderServer a = binder(b.endpoint());
        new BinderClient(a.endpoint()).register("x", E1);
        Await.until("x known at b", () -> b.binder().lookupAll("x").equals(List.of(E1)));
        b.close();
        started.remove(b);
        BinderServer again = binder(port, RegistrationPolicy.loopbackOnly(), null);
        assertTrue(again.binder().lookupAll("x").isEmpty(), "it starts empty");
        Await.until("x known at the new b, shared by a", () -> again.binder().lookupAll("x").equals(List.of(E1)));
    }

    @Test
    void aBinderStandingByTakesThePortOverWhenItsHolderDiesKnowingEveryRegistration() throws IOException {
        BinderServer holder = binder();
        int port = holder.port();
        new BinderClient(holder.endpoint()).register("x", E1);
        BinderServer standby = BinderServer.standBy(new BinderConfig("localhost", port, HttpLimits.DEFAULTS,
                RegistrationPolicy.loopbackOnly(), Binder.DEFAULT_MAX_NAMES, Liveness.OFF,
                new Peering(List.of(), null, EVERY)));
        started.add(standby);
        assertTrue(standby.port() != port, "it serves on a port of its own while the other holds " + port);
        Await.until("x known to the standby", () -> standby.binder().lookupAll("x").equals(List.of(E1)));
        assertFalse(standby.tookOver());

        holder.close();
        started.remove(holder);
        BinderClient atThePort = new BinderClient(new Endpoint("localhost", port), Duration.ofMillis(200));
        Await.until("lookups on the port work again", () -> {
            try {
                return atThePort.lookup("x").equals(Optional.of(E1));
            } catch (RpcException notYet) {
                return false;
            }
        });
        assertTrue(standby.tookOver());
        new BinderClient(new Endpoint("localhost", port)).register("y", E2);
        assertEquals(List.of(E2), standby.binder().lookupAll("y"), "registering at the port registers with it");
    }

    @Test
    void aPeerIsAdmittedAsAServerIs() throws IOException {
        RegistrationPolicy bySecretOnly = RegistrationPolicy.allowing(List.of()).withSecret("s3cret");
        BinderServer guarded = binder(0, bySecretOnly, null);
        BinderServer knowing = binder(0, RegistrationPolicy.loopbackOnly(), "s3cret", guarded.endpoint());
        BinderServer guessing = binder(0, RegistrationPolicy.loopbackOnly(), "wrong", guarded.endpoint());
        new BinderClient(guessing.endpoint()).register("from-guessing", E2);
        new BinderClient(knowing.endpoint()).register("from-knowing", E1);
        Await.until("the registration of the peer with the secret", () ->
                guarded.binder().lookupAll("from-knowing").equals(List.of(E1)));
        new BinderClient(knowing.endpoint()).register("later", E1);
        Await.until("a round later", () -> guarded.binder().lookupAll("later").equals(List.of(E1)));
        // The peer with the wrong secret, sharing as often and registered with first, was refused meanwhile.
        assertTrue(guarded.binder().lookupAll("from-guessing").isEmpty());
        assertFalse(guarded.binder().registrations().getOrDefault(ChatProcedures.BINDER_PEER, List.of())
                .contains(guessing.endpoint()), "nor is it known as a peer");
        RpcFault refused = assertThrows(RpcFault.class, () -> new BinderClient(guarded.endpoint())
                .share(List.of(new BinderEntry("z", E2)), "wrong"));
        assertTrue(refused.getMessage().contains("may not register"), refused.getMessage());
    }

    @Test
    void anEntryABinderWouldRefuseFromAServerIsLeftOut() throws IOException {
        BinderServer b = binder();
        int taken = new BinderClient(b.endpoint()).share(List.of(new BinderEntry("ok", E1),
                new BinderEntry("bad\tname", E1), new BinderEntry("x".repeat(Binder.MAX_NAME_LENGTH + 1), E1),
                new BinderEntry("bad-address", new Endpoint("no such\nhost", 7003))), null);
        assertEquals(1, taken);
        assertEquals(List.of("ok"), List.copyOf(b.binder().registrations().keySet()));
    }

    @Test
    void whatAPeerSharedIsServedButNotSharedOn() {
        Binder binder = new Binder(100, Liveness.OFF, Clock.systemUTC());
        binder.register("mine", E1);
        binder.registerShared("theirs", E2);
        binder.registerShared(ChatProcedures.BINDER_PEER, new Endpoint("localhost", 5999));
        assertEquals(List.of(E2), binder.lookupAll("theirs"));
        assertEquals(List.of(new BinderEntry(ChatProcedures.BINDER_PEER, new Endpoint("localhost", 5999)),
                        new BinderEntry("mine", E1)),
                binder.shareable().stream().sorted(Comparator.comparing(BinderEntry::name)).toList());
        binder.register("theirs", E2);
        assertTrue(binder.shareable().contains(new BinderEntry("theirs", E2)), "registered here too: shared");
        binder.unregister("theirs", E2);
        assertFalse(binder.shareable().contains(new BinderEntry("theirs", E2)));
    }
}
