package chat.binder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.common.Endpoint;
import chat.common.testing.Await;
import chat.common.testing.Python;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Python's own xmlrpc.client, as the original chat server and client use it, against the Java Binder. */
class PythonInteropTest {
    private static final String SCRIPT = String.join("\n",
            "import sys, xmlrpc.client",
            "root = xmlrpc.client.ServerProxy(sys.argv[1])",  // http://host:port/ posts to /
            "rpc2 = xmlrpc.client.ServerProxy(sys.argv[2])",  // http://host:port posts to /RPC2
            "print(ascii(root.register_procedure('join_room', 'localhost', 6001)))",
            "print(ascii(rpc2.lookup_procedure('join_room')))",
            "print(ascii(root.lookup_procedure('no_such_procedure')))",
            "print(ascii(rpc2.register_procedure('sala-a\\u00e7\\u00e3o-\\U0001F600', '127.0.0.1', 6002)))",
            "print(ascii(root.lookup_procedure('sala-a\\u00e7\\u00e3o-\\U0001F600')))",
            "try:",
            "    root.register_procedure('list_rooms', 'localhost', 70000)",
            "    print('accepted')",
            "except xmlrpc.client.Fault as fault:",
            "    print('fault', fault.faultCode)",
            "");

    /** A server that knows the Binder's secret, and one that does not, both on this machine. */
    private static final String SECRET_SCRIPT = String.join("\n",
            "import sys, xmlrpc.client",
            "binder = xmlrpc.client.ServerProxy(sys.argv[1])",
            "def attempt(*args):",
            "    try:",
            "        print(ascii(binder.register_procedure(*args)))",
            "    except xmlrpc.client.Fault as fault:",
            "        print('fault', fault.faultCode, ascii(fault.faultString))",
            "attempt('register_user', '127.0.0.1', 6001)",
            "attempt('register_user', '127.0.0.1', 6001, 'not the secret')",
            "attempt('register_user', '127.0.0.1', 6001, sys.argv[2])",
            "print(ascii(binder.lookup_procedure('register_user')))",
            "");

    @Test
    void pythonsXmlrpcClientRegistersAndLooksUpAtTheJavaBinder(@TempDir Path dir) throws Exception {
        String python = Python.require();
        // The default policy (this machine only): a Python server registers with the original three arguments.
        try (BinderServer binder = BinderServer.start(BinderConfig.ephemeral().withLiveness(Liveness.OFF))) {
            String base = "http://localhost:" + binder.port();
            String printed = runPython(dir, python, SCRIPT, base + "/", base);

            assertEquals(List.of(
                    "True",
                    "['localhost', 6001]",
                    "None",
                    "True",
                    "['127.0.0.1', 6002]",
                    "fault -32602"), printed.lines().toList());
            assertEquals(Optional.of(new Endpoint("127.0.0.1", 6002)), binder.binder().lookup("sala-ação-😀"));
        }
    }

    @Test
    void pythonsXmlrpcClientIsRefusedOutsideTheAllowListAndAdmittedWithTheSecret(@TempDir Path dir) throws Exception {
        String python = Python.require();
        String secret = "segredo-do-binder-42";  // ASCII: a command-line argument, whatever the locale
        RegistrationPolicy elsewhereOnly = RegistrationPolicy.allowing(List.of(AddressBlock.parse("10.0.0.0/8"))).withSecret(secret);
        try (BinderServer binder = BinderServer.start(
                BinderConfig.builder().host("127.0.0.1").port(0).registration(elsewhereOnly).liveness(Liveness.OFF)
                        .build())) {
            String printed = runPython(dir, python, SECRET_SCRIPT, "http://127.0.0.1:" + binder.port() + "/", secret);

            String refusal = "fault -32002 \"register_procedure: 127.0.0.1 may not register procedures with this Binder"
                    + " (see the Binder's --allow-register and --secret)\"";
            assertEquals(List.of(refusal, refusal, "True", "['127.0.0.1', 6001]"), printed.lines().toList());
        }
    }

    /** A Python server registering once with one Binder, as the original does; a Python client looking up at another. */
    private static final String REGISTER_ONCE = String.join("\n",
            "import sys, xmlrpc.client",
            "print(ascii(xmlrpc.client.ServerProxy(sys.argv[1]).register_procedure('join_room', 'localhost', 6003)))",
            "");
    private static final String LOOK_UP = String.join("\n",
            "import sys, xmlrpc.client",
            "print(ascii(xmlrpc.client.ServerProxy(sys.argv[1]).lookup_procedure('join_room')))",
            "");

    @Test
    void aPythonServerRegisteredOnceWithOneBinderIsFoundThroughAnother(@TempDir Path dir) throws Exception {
        String python = Python.require();
        Peering fast = new Peering(List.of(), null, Duration.ofMillis(50));
        try (BinderServer first = BinderServer.start(BinderConfig.ephemeral().withLiveness(Liveness.OFF)
                .withPeering(fast));
             BinderServer second = BinderServer.start(BinderConfig.ephemeral().withLiveness(Liveness.OFF)
                     .withPeering(new Peering(List.of(first.endpoint()), null, fast.every())))) {
            assertEquals(List.of("True"), runPython(dir, python, REGISTER_ONCE, "http://localhost:" + first.port())
                    .lines().toList());
            Await.until("the registration shared with the second Binder", () ->
                    second.binder().lookup("join_room").isPresent());
            assertEquals(List.of("['localhost', 6003]"),
                    runPython(dir, python, LOOK_UP, "http://localhost:" + second.port()).lines().toList());
        }
    }

    private static String runPython(Path dir, String python, String script, String... args) throws Exception {
        Path output = Files.createTempFile(dir, "python-output", ".txt");
        List<String> command = new java.util.ArrayList<>(List.of(python, "-c", script));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().put("PYTHONIOENCODING", "utf-8");
        Process process = builder.start();
        try {
            assertTrue(process.waitFor(20, TimeUnit.SECONDS), "python3 did not finish within 20 s");
        } finally {
            process.destroyForcibly();
        }
        String printed = read(output);
        assertEquals(0, process.exitValue(), printed);
        return printed;
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
