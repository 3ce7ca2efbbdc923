package chat.binder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.common.BinderClient;
import chat.common.ChatProcedures;
import chat.common.Endpoint;
import chat.common.KeptPlace;
import chat.common.ServerStatus;
import chat.common.rpc.HttpLimits;
import chat.common.rpc.ProcedureTable;
import chat.common.rpc.RpcEndpoint;
import chat.common.testing.Await;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/**
 * {@code binder status} against a real Binder and real peers on the wire: one that answers
 * {@code server_status} as a Java chat server does, one that answers only the original's procedures,
 * one that is gone, and one that registered no chat procedure. (The server module runs it against real
 * chat servers and a Python server.)
 */
@Timeout(60)
class StatusCommandTest {
    private static final Liveness QUICK = new Liveness(Duration.ofMillis(50), Duration.ofMillis(200), 2,
            Duration.ofMinutes(5));
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private BinderServer binder;
    private RpcEndpoint java;
    private RpcEndpoint original;
    private ServerSocket member;
    private ServerSocket clusterMember;
    private Endpoint gone;

    @BeforeEach
    void start() throws IOException {
        binder = BinderServer.start(new BinderConfig("127.0.0.1", 0, HttpLimits.DEFAULTS).withLiveness(QUICK));
        BinderClient registrar = new BinderClient(binder.endpoint());
        clusterMember = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        String memberAddress = "127.0.0.1:" + clusterMember.getLocalPort();
        java = RpcEndpoint.start(new RpcEndpoint.Options("java", "127.0.0.1", 0, HttpLimits.DEFAULTS),
                ProcedureTable.builder()
                        .add(ChatProcedures.SERVER_STATUS, "", p -> new ServerStatus(3, 2, 4, 1, "cluster",
                                new ServerStatus.Cluster(memberAddress, 3,
                                        KeptPlace.file("0123456789abcdef", "/data/chat \"1\".db"))).toWire())
                        .build());
        original = RpcEndpoint.start(new RpcEndpoint.Options("original", "127.0.0.1", 0, HttpLimits.DEFAULTS),
                ProcedureTable.builder().add(ChatProcedures.LIST_ROOMS, "", p -> new Object[0]).build());
        member = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        try (ServerSocket doomed = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            gone = new Endpoint("127.0.0.1", doomed.getLocalPort());
        }
        for (String name : ChatProcedures.REGISTERED) {
            registrar.register(name, new Endpoint("127.0.0.1", java.port()));
        }
        for (String name : ChatProcedures.ALL) {
            registrar.register(name, new Endpoint("127.0.0.1", original.port()));
        }
        registrar.register(ChatProcedures.REGISTER_USER, gone);
        registrar.register("cluster_member", new Endpoint("127.0.0.1", member.getLocalPort()));
        registrar.register(ChatProcedures.CLUSTER_MEMBER, new Endpoint("127.0.0.1", clusterMember.getLocalPort()));
        Await.until("the gone server is seen as dead", () -> binder.binder().status().stream()
                .anyMatch(r -> r.endpoint().equals(gone) && !r.alive()));
    }

    @AfterEach
    void stop() throws IOException {
        binder.close();
        java.close();
        original.close();
        member.close();
        clusterMember.close();
    }

    private int run(String... args) {
        CommandLine command = Main.commandLine(new Main());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        return command.execute(args);
    }

    @Test
    void countsAndShowsTheChatServersAliveOrDeadWithWhatEachSaysOfItselfAndThenTheOtherRegistrations() {
        assertEquals(0, run("status", "--binder-host", "127.0.0.1", "--binder-port", String.valueOf(binder.port())));

        List<String> lines = out.toString().lines().toList();
        assertEquals("Binder 127.0.0.1:" + binder.port() + ": 3 chat servers registered, 2 alive", lines.get(0),
                out.toString());
        assertEquals(11, lines.size(), out.toString());
        assertTrue(lineFor(lines, gone).contains("  DEAD   does not answer; last seen "), out.toString());
        Endpoint javaAt = new Endpoint("127.0.0.1", java.port());
        assertTrue(lineFor(lines, javaAt).endsWith("  alive  Java chat server: 3 users, 2 rooms, 4 in rooms, 1 waiting"
                + " call, store cluster: member 127.0.0.1:" + clusterMember.getLocalPort() + " of a cluster of 3"),
                out.toString());
        assertTrue(lineFor(lines, new Endpoint("127.0.0.1", original.port())).endsWith("  alive  original, no status"));
        assertEquals("Also registered, not chat servers:", lines.get(7), out.toString());
        assertTrue(lines.indexOf(lineFor(lines, new Endpoint("127.0.0.1", member.getLocalPort()))) > 7);
        assertTrue(lineFor(lines, new Endpoint("127.0.0.1", member.getLocalPort()))
                .endsWith("  alive  not a chat server (registered no chat procedure)"));
        assertTrue(lineFor(lines, new Endpoint("127.0.0.1", clusterMember.getLocalPort())).endsWith(
                "  alive  cluster member address (chat.cluster.member) of the chat server at " + javaAt), out.toString());
        assertTrue(out.toString().contains("registered the " + ChatProcedures.REGISTERED.size()
                + " procedures of a Java chat server"), out.toString());
        assertTrue(out.toString().contains("registered the original's 8 chat procedures"), out.toString());
        assertTrue(out.toString().contains("registered 1 name: cluster_member"), out.toString());
        assertEquals("", err.toString());
    }

    @Test
    void jsonIsOneObjectWithTheChatServersAndTheOtherRegistrations() {
        assertEquals(0, run("status", "--json", "--binder-host", "127.0.0.1", "--binder-port", String.valueOf(binder.port())));

        String json = out.toString();
        assertEquals(1, json.lines().count(), json);
        assertTrue(json.startsWith("{\"binder\":\"127.0.0.1:" + binder.port() + "\",\"servers\":[{\"address\":\"127.0.0.1\""), json);
        String servers = json.substring(0, json.indexOf("],\"others\":["));
        String others = json.substring(json.indexOf("],\"others\":["));
        assertTrue(servers.contains("\"port\":" + java.port() + ",\"alive\":true,"), json);
        assertTrue(servers.contains("\"kind\":\"java\",\"names\":[\"create_room\",\"join_room\","), json);
        assertTrue(servers.contains("\"status\":{\"users\":3,\"rooms\":2,\"members\":4,\"waiting\":1,\"store\":\"cluster\","
                + "\"cluster\":{\"member\":\"127.0.0.1:" + clusterMember.getLocalPort() + "\",\"members\":3,"
                + "\"kept\":{\"kind\":\"file\",\"machine\":\"0123456789abcdef\","
                + "\"where\":\"/data/chat \\\"1\\\".db\"}}}"),
                json);
        assertTrue(servers.contains("\"port\":" + gone.port() + ",\"alive\":false,"), json);
        assertTrue(servers.contains("\"kind\":\"dead\",\"names\":[\"register_user\"]"), json);
        assertTrue(servers.contains("\"kind\":\"original\""), json);
        assertTrue(others.contains("\"kind\":\"other\",\"names\":[\"cluster_member\"]"), json);
        assertTrue(others.contains("\"port\":" + clusterMember.getLocalPort() + ",\"alive\":true,"), json);
        assertTrue(others.contains("\"kind\":\"cluster_member\",\"names\":[\"chat.cluster.member\"]"), json);
        assertTrue(json.endsWith("]}\n"), json);
    }

    @Test
    void noBinderIsOneLineAndExitStatusOne() throws IOException {
        int port;
        try (ServerSocket nobody = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = nobody.getLocalPort();
        }

        assertEquals(1, run("status", "--binder-host", "127.0.0.1", "--binder-port", String.valueOf(port)));

        assertEquals(List.of("binder status: no Binder answers at 127.0.0.1:" + port
                + " (is it running? see --binder, or --binder-host and --binder-port)"), err.toString().lines().toList());
        assertEquals("", out.toString());
    }

    @Test
    void aBinderThatCannotListItsRegistrationsIsExitStatusOne() {
        int port = original.port();  // answers XML-RPC, but has no list_registrations: as a Python Binder

        assertEquals(1, run("status", "--binder-host", "127.0.0.1", "--binder-port", String.valueOf(port)));

        assertTrue(err.toString().startsWith("binder status: the Binder at 127.0.0.1:" + port
                + " cannot list its registrations"), err.toString());
    }

    @Test
    void aWrongTimeoutIsAUsageError() {
        assertEquals(2, run("status", "--timeout", "0"));
        assertTrue(err.toString().contains("--timeout must be"), err.toString());
    }

    @Test
    void helpListsTheExitStatuses() {
        assertEquals(0, run("status", "--help"));
        assertTrue(out.toString().contains("Exit status:") && out.toString().contains("--json"), out.toString());
    }

    @Test
    void everyBinderOfTheDeploymentIsShownWithTheChatServersItKnows() throws IOException {
        try (BinderServer peer = BinderServer.start(new BinderConfig("127.0.0.1", 0, HttpLimits.DEFAULTS)
                .withLiveness(QUICK).withPeering(new Peering(List.of(binder.endpoint()), null, Duration.ofMillis(50))))) {
            Await.until("the peer known to the Binder, and the Java server to the peer", () ->
                    binder.binder().lookupAll(ChatProcedures.BINDER_PEER).contains(peer.endpoint())
                            && peer.binder().lookupAll(ChatProcedures.REGISTER_USER).size() == 2);
            assertEquals(0, run("status", "--binder-host", "127.0.0.1", "--binder-port", String.valueOf(binder.port())));

            List<String> lines = out.toString().lines().toList();
            assertTrue(lineFor(lines, peer.endpoint()).endsWith("  alive  a Binder of this deployment ("
                    + ChatProcedures.BINDER_PEER + "); knows 2 chat servers"), out.toString());

            peer.close();
            Await.until("the peer seen gone", () -> binder.binder().status().stream()
                    .anyMatch(r -> r.endpoint().equals(peer.endpoint()) && !r.alive()));
            out.getBuffer().setLength(0);
            assertEquals(0, run("status", "--json", "--binder-host", "127.0.0.1", "--binder-port",
                    String.valueOf(binder.port())));
            assertTrue(out.toString().contains("\"port\":" + peer.port() + ",\"alive\":false,"), out.toString());
        }
    }

    private static String lineFor(List<String> lines, Endpoint server) {
        return lines.stream().filter(l -> l.startsWith("  " + server + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no line for " + server + " in " + lines));
    }
}
