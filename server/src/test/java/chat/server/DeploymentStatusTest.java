package chat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.binder.BinderConfig;
import chat.binder.BinderServer;
import chat.binder.Liveness;
import chat.binder.Main;
import chat.common.ChatProcedures;
import chat.common.Endpoint;
import chat.common.KeptPlace;
import chat.common.ServerStatus;
import chat.common.rpc.HttpLimits;
import chat.common.rpc.RpcClient;
import chat.common.testing.Await;
import chat.common.testing.Python;
import chat.server.store.StoreKind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code server_status}, and {@code binder status} over a deployment of Java servers and a Python one. */
class DeploymentStatusTest {
    /** The original server's way: every procedure registered with plain register_procedure, then serve. */
    private static final String PYTHON_SERVER = String.join("\n",
            "import sys, xmlrpc.client",
            "from xmlrpc.server import SimpleXMLRPCServer",
            "server = SimpleXMLRPCServer(('127.0.0.1', 0), logRequests=False, allow_none=True)",
            "server.register_function(lambda: [], 'list_rooms')",
            "port = server.server_address[1]",
            "binder = xmlrpc.client.ServerProxy(sys.argv[1])",
            "for name in sys.argv[2:]:",
            "    binder.register_procedure(name, '127.0.0.1', port)",
            "print(port, flush=True)",
            "server.serve_forever()",
            "");

    private BinderServer binder;
    private ChatServer busy;
    private ChatServer idle;
    private Process python;

    @AfterEach
    void stop() {
        if (python != null) {
            python.destroyForcibly();
        }
        for (AutoCloseable running : new AutoCloseable[] {busy, idle, binder}) {
            try {
                if (running != null) {
                    running.close();
                }
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void aJavaServerSaysHowManyUsersRoomsMembersAndWaitingCallsItServes() throws IOException {
        binder = BinderServer.start(BinderConfig.ephemeral());
        busy = ChatServer.start(ServerConfig.local(binder.endpoint()));
        ChatService chat = busy.service();
        chat.registerUser("ana");
        chat.registerUser("bob");
        chat.registerUser("eva");
        chat.createRoom("geral");
        chat.createRoom("vazia");
        chat.join("ana", "geral");
        chat.join("bob", "geral");

        ServerStatus status = ServerStatus.fromWire(new RpcClient(busy.endpoint()).call(ChatProcedures.SERVER_STATUS));

        assertEquals(new ServerStatus(3, 2, 2, 0, "memory"), status);
        assertTrue(binder.binder().registrations().keySet().stream().noneMatch(ChatProcedures.SERVER_STATUS::equals),
                "no client needs it: it is not registered with the Binder");
    }

    @Test
    void theStatusCommandShowsJavaServersWithTheirCountsThePythonOneAsOriginalAndTheDeadOne(@TempDir Path dir)
            throws Exception {
        binder = BinderServer.start(new BinderConfig("127.0.0.1", 0, HttpLimits.DEFAULTS)
                .withLiveness(new Liveness(Duration.ofMillis(50), Duration.ofMillis(200), 2, Duration.ofMinutes(5))));
        busy = ChatServer.start(ServerConfig.local(binder.endpoint()));
        idle = ChatServer.start(ServerConfig.local(binder.endpoint()));
        busy.service().registerUser("ana");
        busy.service().createRoom("geral");
        busy.service().join("ana", "geral");
        Endpoint pythonServer = startPythonServer(dir);
        ChatServer doomed = ChatServer.start(ServerConfig.local(binder.endpoint()));
        Endpoint gone = doomed.endpoint();
        doomed.close();  // it unregisters; a kill -9 would not, so its registrations are put back
        for (String name : ChatProcedures.REGISTERED) {
            binder.binder().register(name, gone);
        }
        Await.until("the closed server is seen as dead", () -> binder.binder().status().stream()
                .anyMatch(r -> r.endpoint().equals(gone) && !r.alive()));

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new Main());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        int exit = command.execute("status", "--binder-host", "127.0.0.1", "--binder-port", String.valueOf(binder.port()));

        assertEquals(0, exit, err.toString());
        List<String> lines = out.toString().lines().toList();
        assertEquals("Binder 127.0.0.1:" + binder.port() + ": 4 chat servers registered, 3 alive", lines.get(0),
                out.toString());
        assertTrue(lineFor(lines, busy.endpoint()).endsWith(
                "alive  Java chat server: 1 user, 1 room, 1 in rooms, 0 waiting calls, store memory"), out.toString());
        assertTrue(lineFor(lines, idle.endpoint()).endsWith(
                "alive  Java chat server: 0 users, 0 rooms, 0 in rooms, 0 waiting calls, store memory"), out.toString());
        assertTrue(lineFor(lines, pythonServer).endsWith("alive  original, no status"), out.toString());
        assertTrue(lineFor(lines, gone).contains("DEAD   does not answer; last seen"), out.toString());
        assertTrue(out.toString().contains("registered the original's 8 chat procedures"), out.toString());
    }

    @Test
    void clusteredServersCountOnceEachWithTheirMembershipAndTheirMemberAddressesApart() throws Exception {
        binder = BinderServer.start(BinderConfig.ephemeral());
        List<ChatServer> servers = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                servers.add(ChatServer.start(ServerConfig.local(binder.endpoint()).withStore(StoreKind.CLUSTER)));
            }
            Await.until("three members in one cluster", Duration.ofSeconds(30), () -> servers.stream().allMatch(
                    s -> s.clusterMember().orElseThrow().hazelcast().getCluster().getMembers().size() == 3));
            ServerStatus status = ServerStatus.fromWire(
                    new RpcClient(servers.get(0).endpoint()).call(ChatProcedures.SERVER_STATUS));
            assertEquals(new ServerStatus.Cluster(servers.get(0).clusterMember().orElseThrow().address().toString(), 3,
                    KeptPlace.MEMORY_ONLY), status.cluster());
            assertEquals("cluster", status.store());

            StringWriter out = new StringWriter();
            CommandLine command = new CommandLine(new Main());
            command.setOut(new PrintWriter(out, true));
            assertEquals(0, command.execute("status", "--binder-host", binder.endpoint().host(),
                    "--binder-port", String.valueOf(binder.port())));

            List<String> lines = out.toString().lines().toList();
            assertEquals("Binder " + binder.endpoint() + ": 3 chat servers registered, 3 alive", lines.get(0),
                    out.toString());
            for (ChatServer server : servers) {
                Endpoint member = server.clusterMember().orElseThrow().address();
                assertTrue(lineFor(lines, server.endpoint()).endsWith("store cluster: member " + member
                        + " of a cluster of 3"), out.toString());
                assertTrue(lineFor(lines, member).endsWith("alive  cluster member address (chat.cluster.member)"
                        + " of the chat server at " + server.endpoint()), out.toString());
            }
            assertEquals(1 + 3 * 2 + 1 + 3, lines.size(), out.toString());
        } finally {
            servers.forEach(ChatServer::close);
        }
    }

    private Endpoint startPythonServer(Path dir) throws IOException {
        Path script = dir.resolve("server.py");
        Files.writeString(script, PYTHON_SERVER, StandardCharsets.UTF_8);
        String[] args = new String[ChatProcedures.ALL.size() + 1];
        args[0] = "http://127.0.0.1:" + binder.port() + "/";
        for (int i = 0; i < ChatProcedures.ALL.size(); i++) {
            args[i + 1] = ChatProcedures.ALL.get(i);
        }
        python = Python.script(script, args).redirectErrorStream(true).start();
        String line = new BufferedReader(new InputStreamReader(python.getInputStream(), StandardCharsets.UTF_8)).readLine();
        assertTrue(line != null && line.matches("\\d+"), "the Python server printed its port: " + line);
        return new Endpoint("127.0.0.1", Integer.parseInt(line));
    }

    private static String lineFor(List<String> lines, Endpoint server) {
        return lines.stream().filter(l -> l.startsWith("  " + server + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no line for " + server + " in " + lines));
    }
}
