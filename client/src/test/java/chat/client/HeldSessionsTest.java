package chat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import chat.common.ChatProcedures;
import chat.common.Endpoint;
import chat.common.catalogue.ChatCatalogue;
import chat.common.catalogue.ChatProcedure;
import chat.common.catalogue.Requests.InRoom;
import chat.common.catalogue.Requests.None;
import chat.common.catalogue.Requests.Room;
import chat.common.catalogue.Requests.User;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which session token each call carries, as the catalogue says whom the call acts as. */
class HeldSessionsTest {
    private static final Endpoint HERE = new Endpoint("localhost", 6001);
    private static final Endpoint THERE = new Endpoint("localhost", 6002);

    private final HeldSessions sessions = new HeldSessions();

    private <Q> Map<String, String> headers(Endpoint server, ChatProcedure<Q, ?> procedure, Q request) {
        return sessions.headersFor(server, procedure, procedure.requestToWire(request));
    }

    private static Map<String, String> token(String token) {
        return Map.of(ChatProcedures.SESSION_HEADER, token);
    }

    @Test
    void aCallActingAsAUserCarriesThatUsersTokenAtThatServerOnly() {
        sessions.use(HERE, "ana", "ana-token");
        sessions.use(HERE, "bob", "bob-token");

        assertEquals(token("ana-token"), headers(HERE, ChatCatalogue.JOIN_ROOM, new InRoom("ana", "sala")));
        assertEquals(token("bob-token"), headers(HERE, ChatCatalogue.KEEP_ALIVE, new User("bob")));
        assertEquals(Map.of(), headers(HERE, ChatCatalogue.JOIN_ROOM, new InRoom("cid", "sala")), "no session of cid");
        assertEquals(Map.of(), headers(THERE, ChatCatalogue.JOIN_ROOM, new InRoom("ana", "sala")), "another server");
    }

    @Test
    void aCallNamingNoUserCarriesTheTokenOfTheNameLastGivenASessionThere() {
        sessions.use(HERE, "ana", "ana-token");

        assertEquals(token("ana-token"), headers(HERE, ChatCatalogue.LIST_ROOMS, None.NONE));
        assertEquals(token("ana-token"), headers(HERE, ChatCatalogue.CREATE_ROOM, new Room("sala")));
        assertEquals(Map.of(), headers(THERE, ChatCatalogue.LIST_USERS, new Room("sala")));
    }

    @Test
    void aCallRegisteringANameCarriesNoSession() {
        sessions.use(HERE, "ana", "ana-token");

        assertEquals(Map.of(), headers(HERE, ChatCatalogue.REGISTER_USER, new User("ana")));
        assertEquals(Map.of(), headers(HERE, ChatCatalogue.REGISTER_SESSION, new User("ana")));
    }

    @Test
    void aSessionLetGoIsNoLongerCarried() {
        sessions.use(HERE, "ana", "ana-token");
        sessions.use(HERE, "ana", null);

        assertEquals(Optional.empty(), sessions.token(HERE, "ana"));
        assertEquals(Map.of(), headers(HERE, ChatCatalogue.LIST_ROOMS, None.NONE));
    }

    @Test
    void aTokenRegisteringAnsweredIsKeptAndATakenNameKeepsNone() {
        assertEquals(true, sessions.keep(HERE, "ana", Optional.of("ana-token")));
        assertEquals(false, sessions.keep(HERE, "bob", Optional.empty()));

        assertEquals(Optional.of("ana-token"), sessions.token(HERE, "ana"));
        assertEquals(Optional.empty(), sessions.token(HERE, "bob"));
    }
}
