package chat.server;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.binder.Binder;
import chat.common.ChatProcedures;
import chat.common.Endpoint;
import chat.common.rpc.ProcedureTable;
import chat.common.rpc.RpcEndpoint;
import chat.common.testing.Await;
import chat.server.cluster.BinderDiscovery;
import chat.server.store.StoreKind;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.net.ConnectException;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A clustered server whose start fails after its endpoint is up leaves nothing of itself running. */
class ClusteredServerStartTest {
    private final Binder registry = new Binder();
    /** Where the chat server registered its procedures: its endpoint. */
    private final CompletableFuture<Endpoint> chatServer = new CompletableFuture<>();
    private RpcEndpoint binder;

    @AfterEach
    void stopBinder() {
        if (binder != null) {
            binder.close();
        }
    }

    @Test
    void aMemberLostBeforeItsAddressIsRegisteredStopsTheEndpointAndTheSweeperToo() throws Exception {
        binder = RpcEndpoint.start(RpcEndpoint.Options.of("binder", "localhost", 0), binderThatStopsTheMember());
        ServerConfig config = ServerConfig.local(new Endpoint("localhost", binder.port())).withStore(StoreKind.CLUSTER);

        assertThrows(RuntimeException.class, () -> ChatServer.start(config).close(),
                "the member is gone: the server does not start");

        int port = chatServer.get(10, TimeUnit.SECONDS).port();
        assertThrows(ConnectException.class, () -> new Socket("localhost", port).close(), "the endpoint is closed");
        Await.until("no thread of the server left", () -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(thread -> thread.isAlive() && thread.getName().startsWith("server-" + port + "-")));
        assertTrue(registry.registrations().keySet().stream().noneMatch(ChatProcedures.REGISTERED::contains),
                "its procedures unregistered");
    }

    /**
     * A Binder (register, unregister, lookup_endpoints) that, when the chat server registers its first procedure,
     * terminates the cluster member of the server: as if the member had been cut off from the cluster just then.
     */
    private ProcedureTable binderThatStopsTheMember() {
        return ProcedureTable.builder()
                .add(ChatProcedures.REGISTER_PROCEDURE, "name address port [secret]", p -> {
                    String name = p.string(0);
                    Endpoint at = new Endpoint(p.string(1), p.integer(2));
                    registry.register(name, at);
                    if (!name.equals(BinderDiscovery.MEMBER_NAME) && chatServer.complete(at)) {
                        for (HazelcastInstance member : Hazelcast.getAllHazelcastInstances()) {
                            if (member.getConfig().getClusterName().endsWith("-" + binder.port())) {
                                member.getLifecycleService().terminate();
                            }
                        }
                    }
                    return true;
                })
                .add(ChatProcedures.UNREGISTER_PROCEDURE, "name address port [secret]",
                        p -> registry.unregister(p.string(0), new Endpoint(p.string(1), p.integer(2))))
                .add(ChatProcedures.LOOKUP_ENDPOINTS, "name",
                        p -> registry.lookupAll(p.string(0)).stream().map(Endpoint::toWire).toArray())
                .build();
    }
}
