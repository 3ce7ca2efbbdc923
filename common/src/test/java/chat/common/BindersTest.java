package chat.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BindersTest {
    private static final Endpoint A = new Endpoint("localhost", 5000);
    private static final Endpoint B = new Endpoint("localhost", 5001);
    private static final Endpoint C = new Endpoint("10.0.0.2", 5000);

    @Test
    void parseReadsTheListInOrder() {
        assertEquals(List.of(A, B, C), Binders.parse("localhost:5000,localhost:5001,10.0.0.2:5000").endpoints());
    }

    @Test
    void parseIgnoresBlanksAndEmptyEntries() {
        assertEquals(Binders.of(A, B), Binders.parse(" localhost:5000 , ,localhost:5001,"));
    }

    @Test
    void parseReadsWhatToStringWrote() {
        Binders binders = Binders.of(C, A, new Endpoint("::1", 5002));

        assertEquals("10.0.0.2:5000,localhost:5000,::1:5002", binders.toString());
        assertEquals(binders, Binders.parse(binders.toString()));
    }

    @Test
    void anAddressThatIsNotHostColonPortIsRefusedQuotingIt() {
        assertEquals("'localhost' is not HOST:PORT",
                assertThrows(IllegalArgumentException.class, () -> Binders.parse("localhost:5000,localhost")).getMessage());
    }

    @Test
    void anEmptyListIsRefused() {
        assertEquals("at least one Binder is needed",
                assertThrows(IllegalArgumentException.class, () -> Binders.parse(" , ")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Binders(List.of()));
    }

    @Test
    void aBinderNamedTwiceIsRefusedNamingIt() {
        assertEquals("the Binder localhost:5001 is named twice",
                assertThrows(IllegalArgumentException.class, () -> Binders.of(A, B, B)).getMessage());
    }

    @Test
    void theListIsACopy() {
        List<Endpoint> given = new ArrayList<>(List.of(A));
        Binders binders = new Binders(given);
        given.add(B);

        assertEquals(List.of(A), binders.endpoints());
        assertThrows(UnsupportedOperationException.class, () -> binders.endpoints().add(B));
    }

    @Test
    void theFirstIsTriedFirst() {
        assertEquals(B, Binders.of(B, A).first());
        assertEquals(2, Binders.of(B, A).size());
    }

    @Test
    void theLeastBinderNamesTheChatWhateverTheOrder() {
        assertEquals(C, Binders.of(A, B, C).naming());
        assertEquals(C, Binders.of(C, B, A).naming());
        assertEquals(A, Binders.of(B, A).naming(), "the same host: the lower port");
        assertEquals(B, Binders.of(B).naming(), "one Binder names its own chat");
    }
}
