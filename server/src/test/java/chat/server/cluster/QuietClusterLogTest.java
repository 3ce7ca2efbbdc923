package chat.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.binder.BinderConfig;
import chat.binder.BinderServer;
import chat.common.ChatProcedures;
import chat.common.Message;
import chat.common.WireValues;
import chat.common.rpc.RpcClient;
import chat.common.testing.Await;
import chat.server.ChatServer;
import chat.server.ServerConfig;
import chat.server.store.StoreKind;
import chat.server.testing.LogCapture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A normal life of a small cluster logs nothing at WARN or above and no stack trace: three servers start one
 * after the other, users chat across them, one server stops while the others run, then the rest stop. And a
 * member that dies is reported once, in one line, by each member left.
 */
class QuietClusterLogTest {
    private static final Duration MEMBERSHIP = Duration.ofSeconds(30);

    @Test
    void startingChattingAndStoppingAClusterLogsNoWarning() throws Exception {
        List<String> problems;
        try (LogCapture log = LogCapture.start()) {
            try (BinderServer binder = BinderServer.start(BinderConfig.ephemeral())) {
                List<ChatServer> servers = startCluster(binder, 3);
                try {
                    chatAcross(servers);
                    servers.remove(2).close();
                    Await.until("both other members saying the third left cleanly", MEMBERSHIP,
                            () -> log.count("left (it stopped cleanly); cluster of 2") == 2);
                    servers.remove(1).close();
                    Await.until("the last member saying the second left cleanly", MEMBERSHIP,
                            () -> log.count("left (it stopped cleanly); cluster of 1") == 1);
                } finally {
                    servers.forEach(ChatServer::close);
                }
            }
            problems = log.problems();
        }
        assertEquals(List.of(), problems, "a normal start, chat and stop logged warnings or stack traces");
    }

    @Test
    void aMemberThatDiesIsReportedOnceByEachMemberLeftInOneLine() throws Exception {
        try (LogCapture log = LogCapture.start();
             BinderServer binder = BinderServer.start(BinderConfig.ephemeral())) {
            List<ChatServer> servers = startCluster(binder, 3);
            try {
                ClusterMember victim = servers.get(2).clusterMember().orElseThrow();
                String address = victim.address().toString();
                victim.hazelcast().getLifecycleService().terminate();
                servers.remove(2).close();
                Await.until("both members left reporting the dead one", MEMBERSHIP,
                        () -> log.count("cluster member " + address + " is gone without leaving") == 2);
                assertEquals(0, log.count("cluster member " + address + " left (it stopped cleanly)"));
                assertTrue(log.problems().stream().noneMatch(line -> line.contains("MemberLeftException")),
                        "no stack trace for the member that left: " + log.problems());
            } finally {
                servers.forEach(ChatServer::close);
            }
        }
    }

    private static List<ChatServer> startCluster(BinderServer binder, int count) throws Exception {
        List<ChatServer> servers = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                servers.add(ChatServer.start(ServerConfig.local(binder.endpoint()).withStore(StoreKind.CLUSTER)));
            }
        } catch (Exception e) {
            servers.forEach(ChatServer::close);
            throw e;
        }
        Await.until(count + " members in one cluster", MEMBERSHIP, () -> servers.stream().allMatch(
                s -> s.clusterMember().orElseThrow().hazelcast().getCluster().getMembers().size() == count));
        return servers;
    }

    private static void chatAcross(List<ChatServer> servers) {
        RpcClient first = new RpcClient(servers.get(0).endpoint());
        RpcClient last = new RpcClient(servers.get(servers.size() - 1).endpoint());
        assertEquals(true, first.call(ChatProcedures.REGISTER_USER, "ana"));
        assertEquals(true, last.call(ChatProcedures.REGISTER_USER, "bob"));
        assertEquals(true, first.call(ChatProcedures.CREATE_ROOM, "sala"));
        first.call(ChatProcedures.JOIN_ROOM, "ana", "sala");
        last.call(ChatProcedures.JOIN_ROOM, "bob", "sala");
        assertEquals(true, first.call(ChatProcedures.SEND_MESSAGE, "ana", "sala", "oi", ""));
        List<Object> seen = WireValues.array(last.call(ChatProcedures.RECEIVE_MESSAGES, "bob", "sala", 0.0));
        assertTrue(seen.stream().map(Message::fromWire).anyMatch(m -> m.content().equals("oi")), seen.toString());
    }
}
