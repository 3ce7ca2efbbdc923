package chat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.common.ChatProcedures;
import chat.common.Endpoint;
import chat.common.Message;
import chat.common.WireValues;
import chat.common.rpc.Faults;
import chat.common.rpc.ProcedureTable;
import chat.common.rpc.RpcClient;
import chat.common.rpc.RpcEndpoint;
import chat.common.rpc.RpcFault;
import chat.common.testing.ManualClock;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.xmlrpc.XmlRpcException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The chat's limits over the socket: the fault code and text a client sees, and what stays as it was. */
class ChatServerLimitsTest {
    private final ManualClock clock = ManualClock.atSomeInstant();
    private final List<AutoCloseable> started = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable closeable : started) {
            closeable.close();
        }
    }

    /** A server on a free port, registered with no Binder, on the manual clock. */
    private RpcClient serverWith(ChatLimits limits) throws IOException {
        ChatServer server = ChatServer.start(ServerConfig.local(null).withChatLimits(limits), clock);
        started.add(server);
        return new RpcClient(server.endpoint());
    }

    private static RpcFault fault(int code, RpcClient rpc, String procedure, Object... args) {
        RpcFault fault = assertThrows(RpcFault.class, () -> rpc.call(procedure, args));
        assertEquals(code, fault.code(), fault.faultString());
        return fault;
    }

    private static List<String> contents(Object wire) {
        return WireValues.messages(wire).stream().map(Message::content).toList();
    }

    @Test
    void namesAtTheLimitPassAndOverItAreInvalidParamsNamingProcedureArgumentAndRule() throws IOException {
        RpcClient rpc = serverWith(ChatLimits.DEFAULTS);
        assertEquals(true, rpc.call("register_user", "a".repeat(32)));
        assertEquals("register_user: argument 1 (username) is too long: 33 characters, at most 32",
                fault(Faults.INVALID_PARAMS, rpc, "register_user", "a".repeat(33)).faultString());
        assertEquals(true, rpc.call("create_room", "sala de três ação 😀"));
        assertEquals("create_room: argument 1 (room) must not contain control characters (U+0009)",
                fault(Faults.INVALID_PARAMS, rpc, "create_room", "sala\tfalsa").faultString());
        assertEquals("create_room: argument 1 (room) must not begin or end with whitespace",
                fault(Faults.INVALID_PARAMS, rpc, "create_room", "sala ").faultString());
        assertEquals("register_user: argument 1 (username) must not contain invisible formatting characters (U+202E)",
                fault(Faults.INVALID_PARAMS, rpc, "register_user", "ana\u202e").faultString());
        assertEquals(List.of("sala de três ação 😀"), WireValues.strings(rpc.call("list_rooms")));
    }

    @Test
    void overlongNamesInLookupsAnswerTheOriginalsShapes() throws IOException {
        RpcClient rpc = serverWith(ChatLimits.DEFAULTS);
        rpc.call("register_user", "ana");
        rpc.call("create_room", "sala");
        rpc.call("join_room", "ana", "sala");
        String huge = "x".repeat(100_000);
        assertEquals(null, rpc.call("join_room", huge, "sala"));
        assertEquals(false, rpc.call("send_message", huge, "sala", "hi"));
        assertEquals(false, rpc.call("send_message", "ana", huge, "hi"));
        assertEquals(List.of(), Arrays.asList((Object[]) rpc.call("receive_messages", huge, "sala", 0.0)));
        assertEquals(List.of(), Arrays.asList((Object[]) rpc.call("list_users", huge)));
        assertEquals(null, rpc.call("remove_user", "ana", huge));
        assertEquals(List.of("ana"), WireValues.strings(rpc.call("list_users", "sala")));
    }

    @Test
    void aMessageAtTheLimitIsSentAndOneCharacterMoreIsInvalidParams() throws IOException {
        RpcClient rpc = serverWith(ChatLimits.DEFAULTS.withMaxMessageLength(100));
        rpc.call("register_user", "ana");
        rpc.call("create_room", "sala");
        rpc.call("join_room", "ana", "sala");
        assertEquals(true, rpc.call("send_message", "ana", "sala", "ç".repeat(100), null));
        assertEquals("send_message: argument 3 (content) is too long: 101 characters, at most 100",
                fault(Faults.INVALID_PARAMS, rpc, "send_message", "ana", "sala", "ç".repeat(101), null).faultString());
        assertEquals(true, rpc.call("send_message", "ana", "sala", ""), "empty text is sent, as in the original");
        assertEquals(List.of("ana entrou na sala.", "ç".repeat(100), ""),
                contents(rpc.call("receive_messages", "ana", "sala", 0.0)));
    }

    @Test
    void theDefaultMessageLimitIs4096Characters() throws IOException {
        RpcClient rpc = serverWith(ChatLimits.DEFAULTS);
        rpc.call("register_user", "ana");
        rpc.call("create_room", "sala");
        rpc.call("join_room", "ana", "sala");
        assertEquals(true, rpc.call("send_message", "ana", "sala", "m".repeat(4096)));
        assertEquals("send_message: argument 3 (content) is too long: 4097 characters, at most 4096",
                fault(Faults.INVALID_PARAMS, rpc, "send_message", "ana", "sala", "m".repeat(4097)).faultString());
    }

    @Test
    void aFullServerAnswersLimitReachedAndKeepsWhatItHas() throws IOException {
        RpcClient rpc = serverWith(ChatLimits.DEFAULTS.withMaxUsers(2).withMaxRooms(1));
        assertEquals(true, rpc.call("register_user", "ana"));
        assertEquals(true, rpc.call("register_user", "bob"));
        RpcFault users = fault(Faults.LIMIT_REACHED, rpc, "register_user", "cid");
        assertEquals("register_user: this server already has 2 users, its limit; a name is freed when its user"
                + " quits, or after 1800 s without a call", users.faultString());
        assertEquals(false, rpc.call("register_user", "ana"), "a taken name is still false, not a fault");

        assertEquals(true, rpc.call("create_room", "sala"));
        RpcFault rooms = fault(Faults.LIMIT_REACHED, rpc, "create_room", "outra");
        assertEquals("create_room: this server already has 1 rooms, its limit; try again after empty rooms expire"
                + " (300 s after their last member leaves)", rooms.faultString());
        assertEquals(false, rpc.call("create_room", "sala"));

        rpc.call("join_room", "ana", "sala");
        rpc.call("join_room", "bob", "sala");
        assertEquals(true, rpc.call("send_message", "ana", "sala", "ainda aqui"));
        assertEquals(List.of("sala"), WireValues.strings(rpc.call("list_rooms")));
        assertEquals(List.of("ana", "bob"), WireValues.strings(rpc.call("list_users", "sala")));
        assertEquals(null, rpc.call("join_room", "cid", "sala"), "the refused name was not registered");
    }

    @Test
    void fiftyClientsRacingForTenPlacesGetExactlyTen() throws Exception {
        RpcClient setup = serverWith(ChatLimits.DEFAULTS.withMaxUsers(10).withMaxRooms(10));
        Endpoint server = setup.endpoint();
        List<Object> users = race(50, i -> new RpcClient(server).call("register_user", "user" + i));
        assertEquals(10, users.stream().filter(Boolean.TRUE::equals).count(), users.toString());
        assertEquals(40, users.stream().filter(answer -> answer instanceof RpcFault fault
                && fault.code() == Faults.LIMIT_REACHED).count(), users.toString());
        List<Object> rooms = race(50, i -> new RpcClient(server).call("create_room", "room" + i));
        assertEquals(10, rooms.stream().filter(Boolean.TRUE::equals).count(), rooms.toString());
        assertEquals(10, WireValues.strings(setup.call("list_rooms")).size());
    }

    @Test
    void aUserSendingFasterThanTheRateIsRateLimitedUntilTheBucketRefills() throws IOException {
        RpcClient rpc = serverWith(ChatLimits.DEFAULTS);
        rpc.call("register_user", "ana");
        rpc.call("register_user", "bob");
        rpc.call("create_room", "sala");
        rpc.call("join_room", "ana", "sala");
        rpc.call("join_room", "bob", "sala");
        for (int i = 0; i < 100; i++) {
            assertEquals(true, rpc.call("send_message", "ana", "sala", "m" + i), "message " + i + " of the burst");
        }
        RpcFault fault = fault(Faults.RATE_LIMITED, rpc, "send_message", "ana", "sala", "too fast");
        assertEquals("send_message: ana is sending faster than 50 messages per second; wait a moment and send again",
                fault.faultString());
        assertEquals(true, rpc.call("send_message", "bob", "sala", "bob is not ana"));
        clock.advance(Duration.ofMillis(20));
        assertEquals(true, rpc.call("send_message", "ana", "sala", "a fiftieth of a second later"));
        fault(Faults.RATE_LIMITED, rpc, "send_message", "ana", "sala", "too fast again");
        List<String> seen = contents(rpc.call("receive_messages", "bob", "sala", 0.0));
        assertEquals(2 + 100 + 2, seen.size());
        assertFalse(seen.contains("too fast"));
    }

    // ---- the Binder secret

    /** A Binder that records each register_procedure call's arguments and admits it or answers fault -32002, as {@code admit} says. */
    private List<List<Object>> fakeBinder(boolean admit, List<Endpoint> at) throws IOException {
        List<List<Object>> calls = new CopyOnWriteArrayList<>();
        ProcedureTable table = ProcedureTable.builder()
                .add(ChatProcedures.REGISTER_PROCEDURE, "name address port [secret]", p -> {
                    List<Object> args = new ArrayList<>();
                    for (int i = 0; i < p.count(); i++) {
                        args.add(i == 2 ? p.integer(i) : p.string(i));
                    }
                    calls.add(args);
                    if (!admit) {
                        throw new XmlRpcException(Faults.NOT_ALLOWED, "register_procedure: not admitted");
                    }
                    return true;
                })
                .build();
        RpcEndpoint binder = RpcEndpoint.start(RpcEndpoint.Options.of("fake-binder", "localhost", 0), table);
        started.add(binder);
        at.add(new Endpoint("localhost", binder.port()));
        return calls;
    }

    @Test
    void withoutASecretTheServerRegistersWithTheOriginalsThreeArguments() throws IOException {
        List<Endpoint> binder = new ArrayList<>();
        List<List<Object>> calls = fakeBinder(true, binder);
        ChatServer server = ChatServer.start(ServerConfig.local(binder.get(0)));
        started.add(server);
        assertEquals(ChatProcedures.REGISTERED.size(), calls.size());
        for (int i = 0; i < calls.size(); i++) {
            assertEquals(List.of(ChatProcedures.REGISTERED.get(i), "localhost", server.port()), calls.get(i));
        }
    }

    @Test
    void withASecretTheServerPresentsItAsAFourthArgument() throws IOException {
        List<Endpoint> binder = new ArrayList<>();
        List<List<Object>> calls = fakeBinder(true, binder);
        ChatServer server = ChatServer.start(ServerConfig.local(binder.get(0)).withBinderSecret("s3cr3t"));
        started.add(server);
        assertEquals(ChatProcedures.REGISTERED.size(), calls.size());
        for (int i = 0; i < calls.size(); i++) {
            assertEquals(List.of(ChatProcedures.REGISTERED.get(i), "localhost", server.port(), "s3cr3t"), calls.get(i));
        }
    }

    @Test
    void aBinderThatDoesNotAdmitTheServerStopsTheStartPointingAtTheSecretWithoutShowingIt() throws IOException {
        List<Endpoint> binder = new ArrayList<>();
        fakeBinder(false, binder);
        IOException wrong = assertThrows(IOException.class,
                () -> ChatServer.start(ServerConfig.local(binder.get(0)).withBinderSecret("s3cr3t")));
        assertTrue(wrong.getMessage().contains("is the secret the Binder's? see --binder-secret"), wrong.getMessage());
        assertFalse(wrong.getMessage().contains("s3cr3t"), wrong.getMessage());
        IOException none = assertThrows(IOException.class, () -> ChatServer.start(ServerConfig.local(binder.get(0))));
        assertTrue(none.getMessage().contains("this Binder admits servers with a secret"), none.getMessage());
    }

    @Test
    void theConfigNeverShowsTheSecret() {
        ServerConfig config = ServerConfig.local(null).withBinderSecret("s3cr3t");
        assertEquals("s3cr3t", config.binderSecret());
        assertFalse(config.toString().contains("s3cr3t"), config.toString());
        assertTrue(config.toString().contains("binderSecret=(set, hidden)"), config.toString());
        assertThrows(IllegalArgumentException.class, () -> config.withBinderSecret("  "));
    }

    /** Runs {@code call(i)} on {@code threads} threads released at once; each answer, or the exception it threw. */
    private static List<Object> race(int threads, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Object>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int i = t;
            futures.add(pool.submit(() -> {
                ready.countDown();
                go.await();
                try {
                    return call.apply(i);
                } catch (RuntimeException e) {
                    return e;
                }
            }));
        }
        assertTrue(ready.await(30, TimeUnit.SECONDS));
        go.countDown();
        List<Object> answers = new ArrayList<>();
        for (Future<Object> future : futures) {
            answers.add(future.get(30, TimeUnit.SECONDS));
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        return answers;
    }

    private interface Call {
        Object apply(int i);
    }
}
