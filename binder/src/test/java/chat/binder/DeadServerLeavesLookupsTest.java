package chat.binder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.common.BinderClient;
import chat.common.BinderRegistration;
import chat.common.Endpoint;
import chat.common.testing.Await;
import chat.common.testing.Python;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real Binder probing real sockets: a server that dies leaves its lookups, one that comes back returns. */
class DeadServerLeavesLookupsTest {
    /** Short times so the test is quick; the rules are the same as with the defaults. */
    private static final Liveness QUICK = new Liveness(Duration.ofMillis(50), Duration.ofMillis(200), 2,
            Duration.ofMinutes(5));

    /** The original server's way: register with the Binder by plain register_procedure, then serve. */
    private static final String PYTHON_SERVER = String.join("\n",
            "import sys, xmlrpc.client",
            "from xmlrpc.server import SimpleXMLRPCServer",
            "server = SimpleXMLRPCServer(('127.0.0.1', 0), logRequests=False, allow_none=True)",
            "server.register_function(lambda: [], 'list_rooms')",
            "port = server.server_address[1]",
            "xmlrpc.client.ServerProxy(sys.argv[1]).register_procedure('list_rooms', '127.0.0.1', port)",
            "print(port, flush=True)",
            "server.serve_forever()",
            "");

    private BinderServer binder;
    private BinderClient client;

    @BeforeEach
    void start() throws IOException {
        binder = BinderServer.start(BinderConfig.builder().host("127.0.0.1").port(0).liveness(QUICK).build());
        client = new BinderClient(binder.endpoint());
    }

    @AfterEach
    void stop() {
        binder.close();
    }

    @Test
    void aServerWhosePortClosesIsNoLongerHandedOutAndIsAgainWhenItListensOnceMore() throws IOException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (ServerSocket survivor = new ServerSocket(0, 50, loopback)) {
            Endpoint alive = new Endpoint("127.0.0.1", survivor.getLocalPort());
            Endpoint dying;
            try (ServerSocket doomed = new ServerSocket(0, 50, loopback)) {
                dying = new Endpoint("127.0.0.1", doomed.getLocalPort());
                client.register("join_room", alive);
                client.register("join_room", dying);
                assertEquals(Set.of(alive, dying), Set.copyOf(client.lookupAll("join_room")));
            }

            Await.until("the closed port is no longer handed out", () -> client.lookupAll("join_room").equals(List.of(alive)));
            for (int i = 0; i < 4; i++) {
                assertEquals(Optional.of(alive), client.lookup("join_room"));
            }
            BinderRegistration row = client.registrations().stream().filter(r -> r.endpoint().equals(dying))
                    .findFirst().orElseThrow();
            assertFalse(row.alive(), "list_registrations still shows it, as dead");

            try (ServerSocket back = reopen(dying.port(), loopback)) {
                Await.until("the port that listens again is handed out again",
                        () -> Set.copyOf(client.lookupAll("join_room")).equals(Set.of(alive, dying)));
            }
        }
    }

    @Test
    void aPythonServerThatIsKilledIsNoLongerHandedOut(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("server.py");
        Files.writeString(script, PYTHON_SERVER, StandardCharsets.UTF_8);
        Process python = Python.script(script, "http://127.0.0.1:" + binder.port() + "/").redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(python.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertTrue(line != null && line.matches("\\d+"), "the Python server printed its port: " + line);
            Endpoint pythonServer = new Endpoint("127.0.0.1", Integer.parseInt(line));
            assertEquals(Optional.of(pythonServer), client.lookup("list_rooms"));
            Await.until("an answered probe", () -> {
                BinderRegistration row = binder.binder().status().get(0);
                return row.secondsSinceSeen() < row.secondsSinceRegistered();
            });
            assertEquals(Optional.of(pythonServer), client.lookup("list_rooms"), "a live Python server answers probes");

            python.destroyForcibly();  // SIGKILL: it unregisters nothing
            assertTrue(python.waitFor(20, TimeUnit.SECONDS));

            Await.until("the killed Python server is no longer handed out", () -> client.lookup("list_rooms").isEmpty());
            assertEquals(List.of(), client.lookupAll("list_rooms"));
        } finally {
            python.destroyForcibly();
        }
    }

    /** Listens on {@code port} again; another program may have taken it meanwhile, which the test waits out. */
    private static ServerSocket reopen(int port, InetAddress address) {
        return Await.value("port " + port + " free to listen on again", () -> {
            try {
                ServerSocket socket = new ServerSocket();
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(address, port), 50);
                return socket;
            } catch (IOException e) {
                return null;
            }
        });
    }
}
