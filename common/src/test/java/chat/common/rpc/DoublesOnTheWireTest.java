package chat.common.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.common.testing.Python;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Doubles as the XML-RPC specification writes them (digits, a period, digits), over the socket: the bytes a server
 * answers, and Python's xmlrpc.client reading each as exactly the value written.
 */
class DoublesOnTheWireTest {
    private static final double[] VALUES = {1.7964255790303068E9, 1_764_000_000.125, 0.1, 1e22, 1.5e-7, -0.0,
            Double.MAX_VALUE};

    private RpcEndpoint endpoint;

    @BeforeEach
    void start() throws IOException {
        ProcedureTable table = ProcedureTable.builder()
                .add("stamp", "", p -> 1.7964255790303068E9)
                .add("stamps", "", p -> Arrays.stream(VALUES).boxed().toArray())
                .add("same", "v0 v1 v2 v3 v4 v5 v6", p -> {
                    for (int i = 0; i < VALUES.length; i++) {
                        if (Double.doubleToRawLongBits(p.number(i)) != Double.doubleToRawLongBits(VALUES[i])) {
                            return "value " + i + " came back as " + p.number(i) + ", not " + VALUES[i];
                        }
                    }
                    return "same";
                })
                .build();
        endpoint = RpcEndpoint.start(RpcEndpoint.Options.of("doubles", "127.0.0.1", 0), table);
    }

    @AfterEach
    void stop() {
        endpoint.close();
    }

    @Test
    void aTimestampIsAnsweredInDecimalNotation() {
        RawHttp.Response response = RawHttp.post(endpoint.port(), "/", RawHttp.methodCall("stamp"));

        assertEquals(200, response.status());
        assertTrue(response.text().endsWith("<methodResponse><params><param><value><double>1796425579.0303068</double>"
                + "</value></param></params></methodResponse>"), response.text());
    }

    @Test
    void pythonsXmlrpcClientReadsEveryDoubleAsTheValueWritten() throws Exception {
        String python = Python.require();
        String script = String.join("\n",
                "import sys, xmlrpc.client",
                "server = xmlrpc.client.ServerProxy(sys.argv[1])",
                "values = server.stamps()",
                "print(server.same(*values))",  // Python writes each back with repr: the same double, or not
                "print(repr(values[0]), repr(values[5]))",
                "");
        Process process = new ProcessBuilder(python, "-c", script, "http://127.0.0.1:" + endpoint.port() + "/")
                .redirectErrorStream(true).start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "python3 did not finish");
        String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertEquals(0, process.exitValue(), printed);
        assertEquals(List.of("same", "1796425579.0303068 -0.0"), printed.lines().toList());
    }
}
