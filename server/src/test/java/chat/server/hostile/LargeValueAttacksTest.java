package chat.server.hostile;

import static chat.server.hostile.Attack.onBinder;
import static chat.server.hostile.Attack.onBoth;
import static chat.server.hostile.Attack.onChatServer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.common.rpc.Faults;
import chat.common.rpc.HttpLimits;
import chat.common.rpc.RawHttp;
import java.io.IOException;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * Values that are hostile by their size or depth, in bodies the HTTP layer admits: a body limit of 8 MiB
 * lets 100,000 nesting levels and 200,000-character names reach the XML parser and the procedures, which
 * must refuse them with a fault: no stack overflow, no internal error, no slowness.
 */
class LargeValueAttacksTest extends AttackTable {
    /** Room for 100,000 nested structs (about 6 MB); a request timeout that sending them never hits. */
    static final HttpLimits LIMITS = new HttpLimits(2, 8 * 1024 * 1024, 2048, Duration.ofSeconds(5), 8,
            Duration.ofSeconds(2));

    private static final int DEPTH = 100_000;
    private static final String LONG_NAME = "n".repeat(200_000);
    /** Parsing megabytes is not instant on a loaded machine; hanging or crawling is what this bounds. */
    private static final Duration ANSWERED = Duration.ofSeconds(15);
    private static final Duration QUICKLY = Duration.ofSeconds(3);

    private static final int PARSE = Faults.PARSE_ERROR;
    private static final int INVALID = Faults.INVALID_REQUEST;
    private static final int PARAMS = Faults.INVALID_PARAMS;

    @Override
    HttpLimits limits() {
        return LIMITS;
    }

    @Override
    String prefix() {
        return "v";
    }

    @Override
    Stream<Attack> attacks() {
        return Stream.of(
                onBoth("arrays nested 100,000 deep → a fault (-32700, -32600 or -32602), no stack overflow", c -> post(c,
                        Payloads.call(c.target().oneStringProcedure(), Payloads.nestedArrays(DEPTH, true)))
                        .assertFault(PARSE, INVALID, PARAMS)),
                onBoth("structs nested 100,000 deep → a fault (-32700, -32600 or -32602), no stack overflow", c -> post(c,
                        Payloads.call(c.target().oneStringProcedure(), Payloads.nestedStructs(DEPTH, true)))
                        .assertFault(PARSE, INVALID, PARAMS)),
                onBoth("arrays opened 100,000 deep and never closed → a fault (-32700, -32600 or -32602), no stack overflow",
                        c -> post(c, Payloads.unclosedCall(c.target().oneStringProcedure(), Payloads.nestedArrays(DEPTH, false)))
                                .assertFault(PARSE, INVALID, PARAMS)),
                onBoth("100,000 parameters → fault -32602 within 3 s", c -> {
                    long start = System.nanoTime();
                    post(c, Payloads.manyParams(c.target().oneStringProcedure(), 100_000)).assertFault(PARAMS);
                    XmlRpcAttacksTest.assertFast(start, QUICKLY, "refusing 100,000 parameters");
                }),
                onChatServer("register_user with a 200,000-character name → fault -32602 (false tolerated until names are limited)",
                        c -> refusedName(post(c, Payloads.call("register_user", Payloads.string(LONG_NAME))))),
                onChatServer("create_room with a 200,000-character name → fault -32602 (false tolerated until names are limited)",
                        c -> refusedName(post(c, Payloads.call("create_room", Payloads.string(LONG_NAME))))),
                onChatServer("join_room with a 200,000-character room name → nil or fault -32602", c -> {
                    RawHttp.Response response = post(c, Payloads.call("join_room", Payloads.string(c.seed().ana()),
                            Payloads.string(LONG_NAME))).assertStatus(200);
                    if (response.isFault()) {
                        assertEquals(PARAMS, response.faultCode(), response.faultString());
                    } else {
                        assertTrue(response.text().contains("<nil/>"), "expected nil: " + Leaks.excerpt(response.text()));
                    }
                }),
                onBinder("register_procedure with a 200,000-character name → fault -32602", c -> post(c,
                        Payloads.call("register_procedure", Payloads.string(LONG_NAME), Payloads.string("localhost"),
                                Payloads.integer(80))).assertFault(PARAMS)),
                onBinder("lookup_procedure with a 200,000-character name → nil or fault -32602", c -> {
                    RawHttp.Response response = post(c, Payloads.call("lookup_procedure", Payloads.string(LONG_NAME)))
                            .assertStatus(200);
                    if (response.isFault()) {
                        assertEquals(PARAMS, response.faultCode(), response.faultString());
                    } else {
                        assertTrue(response.text().contains("<nil/>"), "expected nil: " + Leaks.excerpt(response.text()));
                    }
                }));
    }

    /** The name must be refused: -32602, or (until the chat limits its names) a plain false. */
    private static void refusedName(Wire.Reply reply) {
        RawHttp.Response response = reply.assertStatus(200);
        if (response.isFault()) {
            assertEquals(PARAMS, response.faultCode(), response.faultString());
        } else {
            assertTrue(response.text().contains("<boolean>0</boolean>"),
                    "a 200,000-character name should be refused (fault -32602), or at least answered false: "
                            + Leaks.excerpt(response.text()));
        }
    }

    private static Wire.Reply post(Attack.Context c, String xml) throws IOException {
        return Wire.exchange(c.port(), Payloads.postClosing(xml), ANSWERED);
    }
}
