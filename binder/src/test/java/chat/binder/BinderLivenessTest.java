package chat.binder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.common.Endpoint;
import chat.common.BinderRegistration;
import chat.common.testing.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the Binder does with what probes report, on a clock the test moves. */
class BinderLivenessTest {
    private static final Liveness RULES = new Liveness(Duration.ofSeconds(1), Duration.ofMillis(500), 3,
            Duration.ofMinutes(2));
    private final ManualClock clock = ManualClock.atSomeInstant();
    private final Binder binder = new Binder(100, RULES, clock);
    private final Endpoint a = new Endpoint("localhost", 6001);
    private final Endpoint b = new Endpoint("localhost", 6002);

    @Test
    void anEndpointIsHiddenAfterTheConfiguredFailuresInARowAndNotBefore() {
        binder.register("join_room", a);
        binder.register("join_room", b);

        assertFalse(binder.probed(a, false));
        assertFalse(binder.probed(a, false));
        assertEquals(Set.of(a, b), Set.copyOf(binder.lookupAll("join_room")), "two failures of three: still shown");

        assertTrue(binder.probed(a, false), "the third failure hides it");

        for (int i = 0; i < 5; i++) {
            assertEquals(Optional.of(b), binder.lookup("join_room"));
        }
        assertEquals(List.of(b), binder.lookupAll("join_room"));
    }

    @Test
    void anAnswerBetweenFailuresStartsTheCountAgain() {
        binder.register("join_room", a);
        binder.probed(a, false);
        binder.probed(a, false);
        binder.probed(a, true);
        binder.probed(a, false);
        binder.probed(a, false);

        assertEquals(Optional.of(a), binder.lookup("join_room"));
    }

    @Test
    void aHiddenEndpointThatAnswersAgainIsShownAgain() {
        binder.register("join_room", a);
        hide(a);
        assertEquals(Optional.empty(), binder.lookup("join_room"), "nothing live: nil, as for an unknown name");
        assertTrue(binder.holds("join_room"));

        assertTrue(binder.probed(a, true));

        assertEquals(Optional.of(a), binder.lookup("join_room"));
    }

    @Test
    void registeringAgainDoesNotShowAHiddenEndpointButKeepsItFromBeingForgotten() {
        binder.register("join_room", a);
        hide(a);
        clock.advance(Duration.ofMinutes(1));
        binder.register("join_room", a);

        assertEquals(Optional.empty(), binder.lookup("join_room"), "only an answered probe shows it again");
        clock.advance(Duration.ofMinutes(1).plusSeconds(30));
        assertEquals(List.of(), binder.forgetLongDead(), "seen 90 s ago, by its registration");
    }

    @Test
    void anEndpointDeadForLongerThanForgetAfterIsDroppedFromEveryName() {
        binder.register("join_room", a);
        binder.register("list_rooms", a);
        binder.register("join_room", b);
        hide(a);

        clock.advance(Duration.ofMinutes(2));
        assertEquals(List.of(), binder.forgetLongDead(), "exactly forgetAfter: kept");
        clock.advance(Duration.ofMillis(1));

        assertEquals(List.of(a), binder.forgetLongDead());
        assertEquals(Map.of("join_room", List.of(b)), binder.registrations());
        assertEquals(Set.of(b), binder.endpoints());
        assertFalse(binder.probed(a, true), "a late probe of a forgotten endpoint changes nothing");
        assertEquals(Map.of("join_room", List.of(b)), binder.registrations());
    }

    @Test
    void aLiveEndpointIsNeverForgottenHoweverOld() {
        binder.register("join_room", a);
        clock.advance(Duration.ofDays(3));

        assertEquals(List.of(), binder.forgetLongDead());
        assertEquals(Optional.of(a), binder.lookup("join_room"));
    }

    @Test
    void statusShowsEveryRegistrationWithItsLivenessAndAges() {
        binder.register("list_rooms", b);
        binder.register("join_room", a);
        clock.advance(Duration.ofSeconds(10));
        binder.probed(b, true);
        clock.advance(Duration.ofMillis(2500));
        hide(a);

        assertEquals(List.of(
                new BinderRegistration("join_room", a, false, 12.5, 12.5),
                new BinderRegistration("list_rooms", b, true, 12.5, 2.5)), binder.status());
    }

    @Test
    void oneProbeOfAnEndpointCountsForEveryNameItServes() {
        for (String name : List.of("join_room", "list_rooms", "send_message")) {
            binder.register(name, a);
        }
        hide(a);

        for (String name : List.of("join_room", "list_rooms", "send_message")) {
            assertEquals(Optional.empty(), binder.lookup(name), name);
        }
        assertEquals(Set.of(a), binder.endpoints());
    }

    private void hide(Endpoint endpoint) {
        for (int i = 0; i < RULES.failuresToHide(); i++) {
            binder.probed(endpoint, false);
        }
        assertFalse(binder.lookupAll("join_room").contains(endpoint));
    }
}
