package chat.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.common.rpc.ProcedureTable;
import chat.common.rpc.RpcEndpoint;
import chat.common.rpc.RpcTransportException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AnyBinderTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Endpoint SERVER = new Endpoint("10.0.0.7", 6001);
    private static final Endpoint OTHER_SERVER = new Endpoint("10.0.0.8", 6002);

    private final List<RpcEndpoint> started = new ArrayList<>();

    /** A Binder answering lookups from what it holds, counting the lookups it was asked. */
    private final class Registry {
        final Map<String, List<Endpoint>> held = new ConcurrentHashMap<>();
        final AtomicInteger asked = new AtomicInteger();
        final RpcEndpoint endpoint;

        Registry() throws IOException {
            ProcedureTable procedures = ProcedureTable.builder()
                    .add(ChatProcedures.LOOKUP_ENDPOINTS, "name", p -> {
                        asked.incrementAndGet();
                        return held.getOrDefault(p.string(0), List.of()).stream().map(Endpoint::toWire).toArray();
                    })
                    .add(ChatProcedures.LOOKUP_PROCEDURE, "name", p -> {
                        asked.incrementAndGet();
                        List<Endpoint> at = held.getOrDefault(p.string(0), List.of());
                        return at.isEmpty() ? null : at.get(0).toWire();
                    })
                    .build();
            endpoint = RpcEndpoint.start(RpcEndpoint.Options.of("test-binder", "127.0.0.1", 0), procedures);
            started.add(endpoint);
        }

        Registry holding(String procedure, Endpoint... servers) {
            held.put(procedure, List.of(servers));
            return this;
        }

        Endpoint at() {
            return new Endpoint("127.0.0.1", endpoint.port());
        }
    }

    @AfterEach
    void stopTheBinders() {
        started.forEach(RpcEndpoint::close);
    }

    private static Endpoint nowhere() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return new Endpoint("127.0.0.1", socket.getLocalPort());
        }
    }

    @Test
    void theFirstBinderThatAnswersIsAskedAndTheOthersAreNot() throws IOException {
        Registry first = new Registry().holding("join_room", SERVER);
        Registry second = new Registry().holding("join_room", OTHER_SERVER);
        AnyBinder any = new AnyBinder(Binders.of(first.at(), second.at()), TIMEOUT);

        assertEquals(List.of(SERVER), any.lookupAll("join_room"));
        assertEquals(Optional.of(SERVER), any.lookup("join_room"));
        assertEquals(2, first.asked.get());
        assertEquals(0, second.asked.get());
    }

    @Test
    void aBinderThatDoesNotAnswerIsPassedAtOnceAndTheOneThatAnsweredIsAskedFirstFromThenOn() throws IOException {
        Endpoint dead = nowhere();
        Registry alive = new Registry().holding("join_room", SERVER);
        AnyBinder any = new AnyBinder(Binders.of(dead, alive.at()), TIMEOUT);

        assertEquals(List.of(SERVER), any.lookupAll("join_room"));
        assertEquals(alive.at(), any.answering());
        assertEquals(List.of(SERVER), any.lookupAll("join_room"));
        assertEquals(2, alive.asked.get());
    }

    @Test
    void aBinderThatKnowsNoServerIsPassedForOneThatDoes() throws IOException {
        Registry restartedEmpty = new Registry();
        Registry knowing = new Registry().holding("join_room", SERVER, OTHER_SERVER);
        AnyBinder any = new AnyBinder(Binders.of(restartedEmpty.at(), knowing.at()), TIMEOUT);

        assertEquals(List.of(SERVER, OTHER_SERVER), any.lookupAll("join_room"));
        assertEquals(knowing.at(), any.answering());
        assertEquals(Optional.of(SERVER), any.lookup("join_room"));
    }

    @Test
    void whenNoBinderKnowsTheProcedureTheAnswerIsEmpty() throws IOException {
        Registry one = new Registry();
        Registry other = new Registry();
        AnyBinder any = new AnyBinder(Binders.of(nowhere(), one.at(), other.at()), TIMEOUT);

        assertEquals(List.of(), any.lookupAll("join_room"));
        assertEquals(Optional.empty(), any.lookup("join_room"));
        assertEquals(2, one.asked.get());
        assertEquals(2, other.asked.get());
    }

    @Test
    void whenNoBinderAnswersTheFailureNamesEachInTheOrderAsked() throws IOException {
        Endpoint first = nowhere();
        Endpoint second = nowhere();
        AnyBinder any = new AnyBinder(Binders.of(first, second), TIMEOUT);

        RpcTransportException failure = assertThrows(RpcTransportException.class, () -> any.lookupAll("join_room"));

        assertTrue(failure.getMessage().startsWith("no Binder answered: " + first + " ("), failure.getMessage());
        assertTrue(failure.getMessage().contains("; " + second + " ("), failure.getMessage());
        assertEquals(1, failure.getSuppressed().length);
    }

    @Test
    void withOneBinderItsOwnFailureIsThrownAsItIs() throws IOException {
        Endpoint dead = nowhere();
        BinderClient alone = new BinderClient(dead, TIMEOUT);
        String direct = assertThrows(RpcTransportException.class, () -> alone.lookupAll("join_room")).getMessage();

        String any = assertThrows(RpcTransportException.class,
                () -> new AnyBinder(Binders.of(dead), TIMEOUT).lookupAll("join_room")).getMessage();

        assertEquals(direct, any);
    }

    @Test
    void whenTheBinderInUseFailsTheOthersAreAskedFromTheStartOfTheList() throws IOException {
        Registry first = new Registry();
        Registry second = new Registry().holding("join_room", OTHER_SERVER);
        AnyBinder any = new AnyBinder(Binders.of(first.at(), second.at()), TIMEOUT);
        assertEquals(List.of(OTHER_SERVER), any.lookupAll("join_room"));

        second.endpoint.close();
        first.holding("join_room", SERVER);

        assertEquals(List.of(SERVER), any.lookupAll("join_room"));
        assertEquals(first.at(), any.answering());
    }
}
