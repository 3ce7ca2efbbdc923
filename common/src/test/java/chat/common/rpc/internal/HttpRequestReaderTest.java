package chat.common.rpc.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.common.rpc.internal.HttpRequestReader.Refusal;
import chat.common.rpc.internal.HttpRequestReader.Request;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class HttpRequestReaderTest {
    private EmbeddedChannel channel = new EmbeddedChannel(new HttpRequestReader(1024, 4096));

    private List<Object> feed(String... pieces) {
        for (String piece : pieces) {
            channel.writeInbound(Unpooled.copiedBuffer(piece, StandardCharsets.ISO_8859_1));
        }
        List<Object> read = new ArrayList<>();
        Object next;
        while ((next = channel.readInbound()) != null) {
            read.add(next);
        }
        return read;
    }

    private Request only(String... pieces) {
        List<Object> read = feed(pieces);
        assertEquals(1, read.size(), read.toString());
        return assertInstanceOf(Request.class, read.get(0));
    }

    /** What a new connection makes of {@code pieces}: a refusal (after which a connection reads nothing more). */
    private Refusal refused(String... pieces) {
        channel = new EmbeddedChannel(new HttpRequestReader(1024, 4096));
        List<Object> read = feed(pieces);
        assertEquals(1, read.size(), read.toString());
        return assertInstanceOf(Refusal.class, read.get(0));
    }

    private static String body(Request request) {
        return new String(request.body(), StandardCharsets.UTF_8);
    }

    @Test
    void readsAPostWithItsBodyAndHeadersByNameInAnyCase() {
        Request request = only("POST /RPC2 HTTP/1.1\r\nHost: x\r\nX-Chat-Session: abc \r\nContent-Length: 5\r\n\r\nhello");

        assertEquals("POST", request.method());
        assertEquals("/RPC2", request.target());
        assertTrue(request.http11() && request.keepAlive());
        assertEquals("hello", body(request));
        assertEquals("abc", request.header("x-chat-session"));
        assertEquals("x", request.header("HOST"));
        assertNull(request.header("X-Chat"));
        assertNull(request.header("Missing"));
    }

    @Test
    void readsARequestArrivingAByteAtATime() {
        String whole = "POST / HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc";
        String[] bytes = whole.split("");
        assertEquals("abc", body(only(bytes)));
    }

    @Test
    void readsPipelinedRequestsInOrder() {
        List<Object> read = feed("POST / HTTP/1.1\r\nContent-Length: 1\r\n\r\naPOST / HTTP/1.1\r\nContent-Length: 1\r\n\r\nb"
                + "GET / HTTP/1.1\r\n\r\n");
        assertEquals(3, read.size());
        assertEquals("a", body((Request) read.get(0)));
        assertEquals("b", body((Request) read.get(1)));
        assertEquals("GET", ((Request) read.get(2)).method());
        assertEquals(0, ((Request) read.get(2)).body().length);
    }

    @Test
    void assemblesAChunkedBodyAndIgnoresTrailers() {
        Request request = only("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n", "5;ext=1\r\nhello\r\n",
                "1\r\n \r\n6\r\nworld!\r\n0\r\nX-Trailer: y\r\n\r\n");
        assertEquals("hello world!", body(request));
    }

    @Test
    void assemblesLargeBodiesArrivingInPiecesWhateverTheirHeadsDeclare() {
        channel = new EmbeddedChannel(new HttpRequestReader(1024, 300_000));
        String big = "0123456789abcdef".repeat(12_500);
        List<String> pieces = new ArrayList<>();
        pieces.add("POST / HTTP/1.1\r\nContent-Length: " + big.length() + "\r\n\r\n");
        for (int at = 0; at < big.length(); at += 1000) {
            pieces.add(big.substring(at, Math.min(big.length(), at + 1000)));
        }
        assertEquals(big, body(only(pieces.toArray(String[]::new))));

        pieces.clear();
        pieces.add("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(big.length()) + "\r\n");
        for (int at = 0; at < big.length(); at += 1000) {
            pieces.add(big.substring(at, Math.min(big.length(), at + 1000)));
        }
        pieces.add("\r\n0\r\n\r\n");
        assertEquals(big, body(only(pieces.toArray(String[]::new))));
    }

    @Test
    void aDeclaredBodyThatDoesNotArriveHoldsLittleMemory() {
        HttpRequestReader reader = new HttpRequestReader(1024, 300_000);
        channel = new EmbeddedChannel(reader);
        assertTrue(feed("POST / HTTP/1.1\r\nContent-Length: 262144\r\n\r\n<?xml").isEmpty());
        assertTrue(reader.roomForBody() <= 4096, "holds " + reader.roomForBody() + " bytes for 5 received");

        channel = new EmbeddedChannel(reader = new HttpRequestReader(1024, 300_000));
        assertTrue(feed("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n40000\r\n<?xml").isEmpty());
        assertTrue(reader.roomForBody() <= 4096, "holds " + reader.roomForBody() + " bytes for a chunk declared 256 KiB");
    }

    @Test
    void acceptsLinesEndingInABareLineFeed() {
        assertEquals("ok", body(only("POST / HTTP/1.1\nContent-Length: 2\n\nok")));
    }

    @Test
    void http10IsClosedUnlessItAsksForKeepAliveAndHttp11IsKeptUnlessItAsksToClose() {
        assertFalse(only("POST / HTTP/1.0\r\nContent-Length: 0\r\n\r\n").keepAlive());
        assertTrue(only("POST / HTTP/1.0\r\nConnection: Keep-Alive\r\nContent-Length: 0\r\n\r\n").keepAlive());
        assertFalse(only("POST / HTTP/1.1\r\nConnection: TE, close\r\nContent-Length: 0\r\n\r\n").keepAlive());
    }

    @Test
    void answersExpect100ContinueBeforeTheBodyArrives() {
        feed("POST / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n");
        ByteBuf written = channel.readOutbound();
        assertEquals("HTTP/1.1 100 Continue\r\n\r\n", written.toString(StandardCharsets.US_ASCII));
        written.release();
        assertEquals("ok", body(only("ok")));
    }

    @Test
    void refusesABodyLargerThanTheLimitWithoutReadingIt() {
        Refusal refusal = refused("POST / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 4097\r\n\r\n");
        assertEquals(413, refusal.status().code());
        assertNull(channel.readOutbound(), "no 100 Continue for a body that is refused");
        assertEquals(413, refused("POST / HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n").status().code(),
                "a length too long even for a long");
    }

    @Test
    void refusesAChunkedBodyOnceItGrowsPastTheLimit() {
        String chunk = "800\r\n" + "x".repeat(0x800) + "\r\n";
        List<Object> read = feed("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n", chunk, chunk, chunk);
        assertEquals(413, assertInstanceOf(Refusal.class, read.get(0)).status().code());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "POST / HTTP/1.1\r\nContent-Length: 12a\r\n\r\n",
        "POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n",
        "POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
        "POST / HTTP/1.1\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n",
        "POST / HTTP/1.1\r\nContent-Length : 1\r\n\r\n",
        "POST / HTTP/1.1\r\nX: a\r\n folded\r\n\r\n",
        "POST / HTTP/1.1\r\nX: a\u0001b\r\n\r\n",
        "POST / HTTP/1.1\r\nno colon\r\n\r\n",
        "POST /  HTTP/1.1\r\n\r\n",
        "POST\r\n\r\n",
        "\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\u00fc\u0003\u0003 random\r\n\r\n",
        "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
    })
    void refusesWhatBreaksHttpWith400(String bytes) {
        assertEquals(400, refused(bytes).status().code());
    }

    @Test
    void agreeingContentLengthsAreOneLength() {
        assertEquals("ab", body(only("POST / HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nab")));
    }

    @Test
    void refusesOtherTransferEncodingsVersionsAndExpectations() {
        assertEquals(501, refused("POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n").status().code());
        assertEquals(505, refused("POST / HTTP/2.0\r\n\r\n").status().code());
        assertEquals(417, refused("POST / HTTP/1.1\r\nExpect: telepathy\r\n\r\n").status().code());
    }

    @Test
    void refusesALongRequestLineWith414AndLongHeadersWith431() {
        assertEquals(414, refused("POST /" + "a".repeat(2000) + " HTTP/1.1\r\n\r\n").status().code());
        assertEquals(431, refused("POST / HTTP/1.1\r\nX: " + "a".repeat(2000) + "\r\n\r\n").status().code());
        assertEquals(431, refused("POST / HTTP/1.1\r\n" + "X: a\r\n".repeat(300)).status().code(),
                "too many headers, the end not even reached");
    }

    @Test
    void ignoresEverythingAfterARefusal() {
        refused("POST / HTTP/1.1\r\nContent-Length: x\r\n\r\n");
        assertTrue(feed("POST / HTTP/1.1\r\nContent-Length: 0\r\n\r\n").isEmpty());
    }

    @Test
    void skipsEmptyLinesBeforeARequest() {
        assertArrayEquals("z".getBytes(StandardCharsets.US_ASCII),
                only("\r\n\r\nPOST / HTTP/1.1\r\nContent-Length: 1\r\n\r\nz").body());
    }
}
