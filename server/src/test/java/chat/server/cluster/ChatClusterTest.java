package chat.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.binder.BinderConfig;
import chat.binder.BinderServer;
import chat.common.BinderClient;
import chat.common.ChatProcedures;
import chat.common.Message;
import chat.common.WireValues;
import chat.common.rpc.HttpLimits;
import chat.common.rpc.RpcClient;
import chat.common.rpc.RpcFault;
import chat.common.testing.Await;
import chat.server.ChatLimits;
import chat.server.ChatServer;
import chat.server.ServerConfig;
import chat.server.store.StoreKind;
import chat.server.store.Admission;
import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Three clustered chat servers in this JVM (three Hazelcast members, found through a Binder on a free port),
 * with callers spread over them over XML-RPC: one chat across servers, one winner for a name, a room removed
 * once, and a member that dies mid-conversation losing nothing acknowledged. The servers are shared by the
 * tests (starting members takes seconds); the test that kills one runs last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChatClusterTest {
    private static final int SERVERS = 3;
    private static BinderServer binder;
    private static final List<ChatServer> servers = new ArrayList<>();
    private static final List<RpcClient> rpc = new ArrayList<>();

    @BeforeAll
    static void startCluster() throws IOException {
        binder = BinderServer.start(BinderConfig.ephemeral());
        ChatLimits noRate = new ChatLimits(ChatLimits.DEFAULT_MAX_NAME_LENGTH, ChatLimits.DEFAULT_MAX_MESSAGE_LENGTH,
                ChatLimits.DEFAULT_MAX_USERS, ChatLimits.DEFAULT_MAX_ROOMS, 0);
        for (int i = 0; i < SERVERS; i++) {
            ChatServer server = ChatServer.start(ServerConfig.local(binder.endpoint()).withStore(StoreKind.CLUSTER)
                    .withChatLimits(noRate));
            servers.add(server);
            rpc.add(new RpcClient(server.endpoint()));
        }
        Await.until("three members in one cluster",
                () -> servers.stream().allMatch(s -> member(s).getCluster().getMembers().size() == SERVERS));
    }

    @AfterAll
    static void stopCluster() {
        servers.forEach(ChatServer::close);
        binder.close();
    }

    private static HazelcastInstance member(ChatServer server) {
        return server.clusterMember().orElseThrow().hazelcast();
    }

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    @Order(1)
    void everyServerRegistersItsMemberAddressWithTheBinder() {
        Set<String> registered = new HashSet<>();
        new BinderClient(binder.endpoint()).lookupAll(BinderDiscovery.MEMBER_NAME)
                .forEach(endpoint -> registered.add(endpoint.toString()));
        for (ChatServer server : servers) {
            assertTrue(registered.contains(server.clusterMember().orElseThrow().address().toString()),
                    registered + " holds " + server.clusterMember().orElseThrow().address());
        }
    }

    @Test
    @Order(2)
    void aUserOnOneServerChatsWithAUserOnAnother() throws Exception {
        String ana = unique("ana");
        String bob = unique("bob");
        String room = unique("sala");
        assertEquals(true, rpc.get(0).call(ChatProcedures.REGISTER_USER, ana));
        assertEquals(true, rpc.get(1).call(ChatProcedures.REGISTER_USER, bob));
        assertEquals(false, rpc.get(2).call(ChatProcedures.REGISTER_USER, ana), "a name taken on A is taken on C");
        assertEquals(true, rpc.get(2).call(ChatProcedures.CREATE_ROOM, room));
        assertEquals(false, rpc.get(0).call(ChatProcedures.CREATE_ROOM, room));
        // Each server answers reads from its own copy, which another server's change reaches by its event.
        for (RpcClient server : rpc) {
            Await.until("the room listed by every server",
                    () -> WireValues.array(server.call(ChatProcedures.LIST_ROOMS)).contains(room));
            assertTrue(WireValues.array(server.call(ChatProcedures.LIST_ROOMS)).contains(room));
        }
        rpc.get(0).call(ChatProcedures.JOIN_ROOM, ana, room);
        List<Object> joined = WireValues.array(rpc.get(1).call(ChatProcedures.JOIN_ROOM, bob, room));
        assertEquals(List.of(ana, bob), WireValues.array(joined.get(0)), "bob on B sees ana, who joined on A");
        Await.until("both members listed on C",
                () -> WireValues.array(rpc.get(2).call(ChatProcedures.LIST_USERS, room)).size() == 2);
        assertEquals(List.of(ana, bob), WireValues.array(rpc.get(2).call(ChatProcedures.LIST_USERS, room)));

        // bob long-polls on B from the newest message he saw; ana sends on A
        List<Object> history = WireValues.array(joined.get(1));
        double seen = Message.fromWire(history.get(history.size() - 1)).timestamp();
        CompletableFuture<Object> waiting = CompletableFuture.supplyAsync(
                () -> rpc.get(1).call(ChatProcedures.WAIT_MESSAGES, bob, room, seen, 20));
        assertEquals(true, rpc.get(0).call(ChatProcedures.SEND_MESSAGE, ana, room, "olá de A", ""));
        Map<String, Object> batch = struct(waiting.get(20, TimeUnit.SECONDS));
        List<String> delivered = WireValues.array(batch.get("messages")).stream()
                .map(m -> Message.fromWire(m).content()).toList();
        assertEquals(List.of("olá de A"), delivered);

        // a cursor means the same on every server
        Object cursor = batch.get("cursor");
        for (RpcClient server : rpc) {
            Map<String, Object> again = struct(server.call(ChatProcedures.WAIT_MESSAGES, bob, room, seen, 10));
            assertEquals(cursor, again.get("cursor"));
            List<Object> viaCursor = WireValues.array(
                    struct(server.call(ChatProcedures.WAIT_MESSAGES, bob, room, cursor, 0)).get("messages"));
            assertEquals(List.of(), viaCursor);
        }
        assertEquals(true, rpc.get(2).call(ChatProcedures.SEND_MESSAGE, bob, room, "psiu", ana));
        Await.until("the private message on A", () ->
                WireValues.array(rpc.get(0).call(ChatProcedures.RECEIVE_MESSAGES, ana, room, seen)).size() == 2);
        List<Object> forAna = WireValues.array(rpc.get(0).call(ChatProcedures.RECEIVE_MESSAGES, ana, room, seen));
        assertEquals(List.of("olá de A", "psiu"), forAna.stream().map(m -> Message.fromWire(m).content()).toList());
    }

    @Test
    @Order(2)
    void callsWithASessionAreAnsweredOnEveryServerWhereverTheyRun() {
        String cid = unique("cid");
        String room = unique("sessao");
        String token = (String) rpc.get(0).call(ChatProcedures.REGISTER_SESSION, cid);
        Map<String, String> session = Map.of(ChatProcedures.SESSION_HEADER, token);
        assertEquals(true, rpc.get(1).call(session, ChatProcedures.CREATE_ROOM, room));
        rpc.get(1).call(session, ChatProcedures.JOIN_ROOM, cid, room);
        for (RpcClient server : rpc) {
            // list_rooms and list_users with a session check it against its registration: handed to the workers
            Await.until("the room on every server", () ->
                    WireValues.array(server.call(session, ChatProcedures.LIST_ROOMS)).contains(room));
            Await.until("cid in the room on every server", () ->
                    WireValues.array(server.call(session, ChatProcedures.LIST_USERS, room)).contains(cid));
            assertEquals(true, server.call(session, ChatProcedures.SEND_MESSAGE, cid, room, "com sessão", ""));
        }
        RpcFault refused = org.junit.jupiter.api.Assertions.assertThrows(RpcFault.class, () ->
                rpc.get(2).call(Map.of(ChatProcedures.SESSION_HEADER, "not-a-token"), ChatProcedures.LIST_ROOMS));
        assertEquals(chat.common.rpc.Faults.NOT_ALLOWED, refused.code());
    }

    @Test
    @Order(3)
    void ofManyCallersOnThreeServersRacingForOneNameExactlyOneGetsIt() throws Exception {
        String name = unique("zoe");
        List<Object> answers = raceOnServers(48, i -> rpc.get(i % SERVERS).call(ChatProcedures.REGISTER_USER, name));
        assertEquals(1, answers.stream().filter(Boolean.TRUE::equals).count(), answers.toString());
        assertEquals(47, answers.stream().filter(Boolean.FALSE::equals).count(), answers.toString());
        String room = unique("arena");
        List<Object> rooms = raceOnServers(48, i -> rpc.get(i % SERVERS).call(ChatProcedures.CREATE_ROOM, room));
        assertEquals(1, rooms.stream().filter(Boolean.TRUE::equals).count(), rooms.toString());
    }

    @Test
    @Order(4)
    void aRoomIsRemovedOnceWhenEveryServerSweepsAtTheSameTime() throws Exception {
        // Empty since a minute ago: the servers' own sweepers (5 minutes) leave these to the race below.
        Instant aMinuteAgo = Instant.now().minusSeconds(60);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String room = unique("old");
            names.add(room);
            assertEquals(Admission.ADDED, store(i % SERVERS).createRoom(room, aMinuteAgo, Integer.MAX_VALUE));
        }
        Instant now = Instant.now();
        List<List<String>> removedBy = raceOnServers(SERVERS, i -> store(i).removeRoomsEmptySince(now));
        List<String> all = new ArrayList<>();
        removedBy.forEach(all::addAll);
        assertTrue(all.containsAll(names), all + " holds every old room");
        assertEquals(all.size(), new HashSet<>(all).size(), "no room removed twice: " + removedBy);
        Await.until("the removals reach server A", () -> names.stream()
                .noneMatch(WireValues.array(rpc.get(0).call(ChatProcedures.LIST_ROOMS))::contains));
        List<Object> listed = WireValues.array(rpc.get(0).call(ChatProcedures.LIST_ROOMS));
        names.forEach(room -> assertFalse(listed.contains(room), room + " is gone"));
        assertEquals(true, rpc.get(1).call(ChatProcedures.CREATE_ROOM, names.get(0)), "its name is free again");
    }

    private static HazelcastChatStore store(int server) {
        return servers.get(server).clusterMember().orElseThrow().store();
    }

    @Test
    @Order(5)
    void aRestartedBinderLearnsEveryMemberAgainAndTheClusterKeepsServing() throws IOException {
        int port = binder.endpoint().port();
        String ana = unique("ana");
        rpc.get(0).call(ChatProcedures.REGISTER_USER, ana);
        binder.close();
        binder = BinderServer.start(new BinderConfig(BinderConfig.DEFAULT_HOST, port, HttpLimits.DEFAULTS));
        BinderClient lookups = new BinderClient(binder.endpoint());
        Await.until("every member's address registered again",
                () -> lookups.lookupAll(BinderDiscovery.MEMBER_NAME).size() == SERVERS);
        assertEquals(false, rpc.get(2).call(ChatProcedures.REGISTER_USER, ana), "the chat did not notice");
    }

    @Test
    @Order(6)
    void whenTheMemberHoldingARoomDiesMidConversationNothingAcknowledgedIsLost() throws Exception {
        // a room whose partition the third server owns; its users talk through the first two
        HazelcastInstance doomed = member(servers.get(2));
        String room = null;
        for (int i = 0; room == null; i++) {
            String candidate = unique("sala" + i);
            if (doomed.getPartitionService().getPartition(candidate).getOwner().localMember()) {
                room = candidate;
            }
        }
        String ana = unique("ana");
        String bob = unique("bob");
        rpc.get(0).call(ChatProcedures.REGISTER_USER, ana);
        rpc.get(1).call(ChatProcedures.REGISTER_USER, bob);
        rpc.get(0).call(ChatProcedures.CREATE_ROOM, room);
        rpc.get(0).call(ChatProcedures.JOIN_ROOM, ana, room);
        rpc.get(1).call(ChatProcedures.JOIN_ROOM, bob, room);

        String theRoom = room;
        List<String> acknowledged = java.util.Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Void> talk = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 120; i++) {
                String sender = i % 2 == 0 ? ana : bob;
                String text = "m" + i;
                try {
                    if (Boolean.TRUE.equals(rpc.get(i % 2).call(ChatProcedures.SEND_MESSAGE, sender, theRoom, text, ""))) {
                        acknowledged.add(text);
                    }
                } catch (RuntimeException refusedWhileTheClusterRecovers) {
                    // not acknowledged: it may or may not be stored, and the check below allows either
                }
            }
        });
        Await.until("40 messages acknowledged before the kill", () -> acknowledged.size() >= 40);
        doomed.getLifecycleService().terminate();
        talk.get(60, TimeUnit.SECONDS);
        assertTrue(acknowledged.size() > 80, "most sends after the kill are acknowledged too: " + acknowledged.size());

        for (int server = 0; server < 2; server++) {
            int reader = server;
            Await.until("every acknowledged message on server " + server, () -> WireValues.array(
                    rpc.get(reader).call(ChatProcedures.RECEIVE_MESSAGES, ana, theRoom, 0.0)).stream()
                    .map(m -> Message.fromWire(m).content()).toList().containsAll(acknowledged));
            List<String> stored = WireValues.array(rpc.get(server).call(ChatProcedures.RECEIVE_MESSAGES, ana, theRoom, 0.0))
                    .stream().map(m -> Message.fromWire(m).content()).filter(text -> text.startsWith("m")).toList();
            assertTrue(stored.containsAll(acknowledged), "every acknowledged message is kept: missing "
                    + acknowledged.stream().filter(text -> !stored.contains(text)).toList());
            assertEquals(stored.size(), new HashSet<>(stored).size(), "none twice: " + stored);
            List<Integer> order = stored.stream().map(text -> Integer.parseInt(text.substring(1))).toList();
            for (int i = 1; i < order.size(); i++) {
                assertTrue(order.get(i) > order.get(i - 1), "in the order they were sent: " + stored);
            }
        }
        assertNotEquals(0, WireValues.array(rpc.get(1).call(ChatProcedures.LIST_ROOMS)).size(), "the survivors serve");
        assertEquals(2, member(servers.get(0)).getCluster().getMembers().size());
    }

    /** Runs {@code call(i)} for i in 0..callers-1, one thread each, all released at once; the answers in order of i. */
    private static <T> List<T> raceOnServers(int callers, IntFunction<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.apply(index);
                }));
            }
            start.countDown();
            List<T> answers = new ArrayList<>();
            for (Future<T> future : futures) {
                answers.add(future.get(30, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> struct(Object value) {
        return (Map<String, Object>) value;
    }
}
