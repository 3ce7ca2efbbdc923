package chat.binder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.common.Endpoint;
import chat.common.testing.Python;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

    @Test
    void pythonsXmlrpcClientRegistersAndLooksUpAtTheJavaBinder(@TempDir Path dir) throws Exception {
        String python = Python.require();
        try (BinderServer binder = BinderServer.start(BinderConfig.ephemeral())) {
            String base = "http://localhost:" + binder.port();
            Path output = dir.resolve("python-output.txt");
            ProcessBuilder builder = new ProcessBuilder(python, "-c", SCRIPT, base + "/", base)
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

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
