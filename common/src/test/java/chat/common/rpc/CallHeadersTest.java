package chat.common.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import chat.common.Endpoint;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** HTTP headers from an RpcClient reach the procedure's Params; a header the call lacks reads as null. */
class CallHeadersTest {
    private RpcEndpoint endpoint;

    @BeforeEach
    void setUp() throws IOException {
        ProcedureTable table = ProcedureTable.builder()
                .add("echo_header", "name", p -> {
                    String value = p.header(p.string(0));
                    return value == null ? "(none)" : value;
                })
                .build();
        endpoint = RpcEndpoint.start(RpcEndpoint.Options.of("headers", "127.0.0.1", 0), table);
    }

    @AfterEach
    void tearDown() {
        endpoint.close();
    }

    @Test
    void aClientSendsTheHeadersItsSupplierGivesOnEveryCall() {
        AtomicReference<Map<String, String>> headers = new AtomicReference<>(Map.of());
        RpcClient client = new RpcClient(new Endpoint("127.0.0.1", endpoint.port()), Duration.ofSeconds(5), headers::get);
        assertEquals("(none)", client.call("echo_header", "X-Chat-Session"));
        headers.set(Map.of("X-Chat-Session", "abc.DEF-123_x"));
        assertEquals("abc.DEF-123_x", client.call("echo_header", "X-Chat-Session"), "learnt later, sent from then on");
        assertEquals("abc.DEF-123_x", client.call("echo_header", "x-chat-session"), "names are case-insensitive");
        headers.set(Map.of());
        assertEquals("(none)", client.call("echo_header", "X-Chat-Session"));
    }

    @Test
    void headersGivenForOneCallGoWithThatCallOnly() {
        RpcClient client = new RpcClient(new Endpoint("127.0.0.1", endpoint.port()), Duration.ofSeconds(5),
                () -> Map.of("X-Every", "1"));
        assertEquals("tok", client.call(Map.of("X-Chat-Session", "tok"), "echo_header", "X-Chat-Session"));
        assertEquals("(none)", client.call("echo_header", "X-Chat-Session"), "not the next call");
        assertEquals("1", client.call(Map.of("X-Chat-Session", "tok"), "echo_header", "X-Every"), "beside the every-call ones");
    }

    @Test
    void aPlainClientSendsNoExtraHeader() {
        RpcClient client = new RpcClient(new Endpoint("127.0.0.1", endpoint.port()));
        assertEquals("(none)", client.call("echo_header", "X-Chat-Session"));
    }
}
