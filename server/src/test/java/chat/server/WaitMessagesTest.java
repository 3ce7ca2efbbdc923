package chat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.binder.BinderConfig;
import chat.binder.BinderServer;
import chat.common.BinderClient;
import chat.common.ChatProcedures;
import chat.common.Message;
import chat.common.WireValues;
import chat.common.rpc.Faults;
import chat.common.rpc.HttpLimits;
import chat.common.rpc.RpcClient;
import chat.common.rpc.RpcFault;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** wait_messages, the long-poll: answers the moment something arrives, holding no worker meanwhile. */
class WaitMessagesTest {
    private static final Duration LONG_WAIT = Duration.ofSeconds(30);

    private BinderServer binder;
    private ChatServer server;
    private RpcClient rpc;
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @BeforeEach
    void start() throws IOException {
        binder = BinderServer.start(BinderConfig.ephemeral());
        server = ChatServer.start(ServerConfig.local(binder.endpoint())
                .withHttpLimits(HttpLimits.DEFAULTS.withWorkers(2)));
        rpc = new RpcClient(server.endpoint());
        for (String user : List.of("ana", "bob", "cid")) {
            rpc.call("register_user", user);
        }
        rpc.call("create_room", "r");
        for (String user : List.of("ana", "bob", "cid")) {
            rpc.call("join_room", user, "r");
        }
    }

    @AfterEach
    void stop() {
        threads.shutdownNow();
        server.close();
        binder.close();
    }

    /** A client whose calls may wait longer than the longest wait. */
    private RpcClient waiter() {
        return new RpcClient(server.endpoint(), LONG_WAIT.plusSeconds(30));
    }

    private static List<String> contents(Object batch) {
        Map<?, ?> struct = assertInstanceOf(Map.class, batch);
        return WireValues.messages(struct.get("messages")).stream().map(Message::content).toList();
    }

    private static int cursor(Object batch) {
        return (Integer) ((Map<?, ?>) batch).get("cursor");
    }

    @Test
    void theServerRegistersItWithTheBinder() {
        assertEquals(server.endpoint(), new BinderClient(binder.endpoint()).lookup(ChatProcedures.WAIT_MESSAGES).orElseThrow());
    }

    @Test
    void whatIsAlreadyThereIsAnsweredAtOnceFromATimestampCursor() {
        Object joined = rpc.call("receive_messages", "ana", "r", 0.0);
        List<Message> seen = WireValues.messages(joined);
        double before = seen.get(0).timestamp();
        Object batch = waiter().call("wait_messages", "ana", "r", before, 30);
        assertEquals(List.of("bob entrou na sala.", "cid entrou na sala."), contents(batch));
        assertEquals(List.of(), contents(waiter().call("wait_messages", "ana", "r", cursor(batch), 0)),
                "a zero timeout answers at once with nothing new");
    }

    @Test
    void aWaitingCallIsAnsweredTheMomentAMessageArrives() throws Exception {
        Object now = waiter().call("wait_messages", "bob", "r", 1e12, 0);
        Future<Object> waiting = threads.submit(() -> waiter().call("wait_messages", "bob", "r", cursor(now), 30));
        chat.common.testing.Await.until("the wait to be parked", () -> server.service().waitingCalls() == 1);
        assertFalse(waiting.isDone());
        rpc.call("send_message", "ana", "r", "olá 😀", null);
        Object batch = waiting.get(10, TimeUnit.SECONDS);
        assertEquals(List.of("olá 😀"), contents(batch));
        assertTrue(cursor(batch) > cursor(now));
    }

    @Test
    void someoneElsesPrivateMessageDoesNotEndTheWait() throws Exception {
        Object now = waiter().call("wait_messages", "cid", "r", 1e12, 0);
        Future<Object> waiting = threads.submit(() -> waiter().call("wait_messages", "cid", "r", cursor(now), 30));
        chat.common.testing.Await.until("the wait to be parked", () -> server.service().waitingCalls() == 1);
        rpc.call("send_message", "ana", "r", "psst", "bob");
        rpc.call("send_message", "ana", "r", "para todos", null);
        assertEquals(List.of("para todos"), contents(waiting.get(10, TimeUnit.SECONDS)));
    }

    @Test
    void manyParkedWaitsHoldNoWorkerAndOneMessageAnswersThemAll() throws Exception {
        Object now = waiter().call("wait_messages", "bob", "r", 1e12, 0);
        List<Future<Object>> waits = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            waits.add(threads.submit(() -> waiter().call("wait_messages", "bob", "r", cursor(now), 30)));
        }
        chat.common.testing.Await.until("40 waits to be parked", () -> server.service().waitingCalls() == 40);
        assertEquals(List.of("r"), WireValues.strings(rpc.call("list_rooms")), "two workers, 40 waits: still served");
        rpc.call("send_message", "ana", "r", "todos acordam", null);
        for (Future<Object> wait : waits) {
            assertEquals(List.of("todos acordam"), contents(wait.get(10, TimeUnit.SECONDS)));
        }
    }

    @Test
    void aWaitEndsWithNothingAtItsTimeout() {
        Object now = waiter().call("wait_messages", "bob", "r", 1e12, 0);
        Object batch = waiter().call("wait_messages", "bob", "r", cursor(now), 0.2);
        assertEquals(List.of(), contents(batch));
        assertEquals(cursor(now), cursor(batch));
    }

    @Test
    void aCursorPastTheIntRangeIsAnsweredAsItCameNotCappedAtTheLargestInt() {
        // A busy room passes 2^31 messages; its cursor then travels as decimal digits, which any peer sends back.
        Map<?, ?> batch = (Map<?, ?>) waiter().call("wait_messages", "bob", "r", "3000000000", 0);
        assertEquals("3000000000", batch.get("cursor"));
        assertEquals(List.of(), contents(batch));
        RpcFault garbled = assertThrows(RpcFault.class, () -> waiter().call("wait_messages", "bob", "r", "3e9", 0));
        assertEquals(Faults.INVALID_PARAMS, garbled.code());
        assertTrue(garbled.faultString().contains("cursor"), garbled.faultString());
    }

    @Test
    void aNonMemberOrAnUnknownRoomIsAFaultNotAnEndlessWait() {
        rpc.call("register_user", "eve");
        RpcFault outsider = assertThrows(RpcFault.class, () -> waiter().call("wait_messages", "eve", "r", 0, 30));
        assertEquals(Faults.INVALID_PARAMS, outsider.code());
        assertEquals("wait_messages: eve is not a member of room r", outsider.faultString());
        assertThrows(RpcFault.class, () -> waiter().call("wait_messages", "ana", "nope", 0, 30));
        RpcFault negative = assertThrows(RpcFault.class, () -> waiter().call("wait_messages", "ana", "r", 0, -1));
        assertTrue(negative.faultString().contains("timeout_seconds"));
    }

    @Test
    void closingTheServerAnswersParkedWaitsAtOnce() throws Exception {
        Object now = waiter().call("wait_messages", "bob", "r", 1e12, 0);
        Future<Object> waiting = threads.submit(() -> waiter().call("wait_messages", "bob", "r", cursor(now), 30));
        chat.common.testing.Await.until("the wait to be parked", () -> server.service().waitingCalls() == 1);
        long start = System.nanoTime();
        server.close();
        assertEquals(List.of(), contents(waiting.get(10, TimeUnit.SECONDS)));
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(4), "close did not wait out the long-poll");
    }
}
