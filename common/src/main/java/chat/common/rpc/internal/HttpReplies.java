package chat.common.rpc.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 responses as the bytes that go on the wire: an XML-RPC answer, or the plain-text answers an
 * endpoint gives when it refuses a request before XML-RPC sees it.
 */
final class HttpReplies {
    private static final byte[] OK_HEAD = ("HTTP/1.1 200 OK\r\ncontent-type: text/xml; charset=utf-8\r\n"
            + "content-length: ").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END_KEEP = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END_KEEP_10 = "\r\nconnection: keep-alive\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END_CLOSE = "\r\nconnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private HttpReplies() {
    }

    /** How the connection goes on after a response. */
    enum Connection {
        /** Kept open; HTTP/1.1 needs no header for it. */
        KEEP,
        /** Kept open for an HTTP/1.0 client, which must be told. */
        KEEP_10,
        /** Closed after the response. */
        CLOSE;

        static Connection of(boolean keepAlive, boolean http11) {
            return !keepAlive ? CLOSE : http11 ? KEEP : KEEP_10;
        }
    }

    /** A 200 answer carrying {@code xml}, in one buffer. */
    static ByteBuf xml(ByteBufAllocator alloc, byte[] xml, Connection connection) {
        byte[] end = switch (connection) {
            case KEEP -> END_KEEP;
            case KEEP_10 -> END_KEEP_10;
            case CLOSE -> END_CLOSE;
        };
        ByteBuf buf = alloc.buffer(OK_HEAD.length + 10 + end.length + xml.length);
        buf.writeBytes(OK_HEAD);
        writeDecimal(buf, xml.length);
        return buf.writeBytes(end).writeBytes(xml);
    }

    /** A plain-text answer; {@code extraHeader} (a whole line without CRLF, or null) is added; no body for HEAD. */
    static ByteBuf text(HttpResponseStatus status, String text, String extraHeader, Connection connection, boolean head) {
        byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
        String lines = "HTTP/1.1 " + status.code() + " " + status.reasonPhrase() + "\r\n"
                + "content-type: text/plain; charset=utf-8\r\ncontent-length: " + body.length + "\r\n"
                + (extraHeader == null ? "" : extraHeader + "\r\n")
                + switch (connection) {
                    case KEEP -> "";
                    case KEEP_10 -> "connection: keep-alive\r\n";
                    case CLOSE -> "connection: close\r\n";
                } + "\r\n";
        byte[] headBytes = lines.getBytes(StandardCharsets.US_ASCII);
        return head ? Unpooled.wrappedBuffer(headBytes) : Unpooled.wrappedBuffer(headBytes, body);
    }

    /** A whole plain-text response that closes the connection. */
    static ByteBuf rawClosing(HttpResponseStatus status, String text) {
        return text(status, text, null, Connection.CLOSE, false);
    }

    /** Answers and closes the connection. */
    static void refuseAndClose(ChannelHandlerContext ctx, HttpResponseStatus status, String text) {
        ctx.writeAndFlush(rawClosing(status, text)).addListener(ChannelFutureListener.CLOSE);
    }

    private static void writeDecimal(ByteBuf buf, int value) {
        if (value >= 10) {
            writeDecimal(buf, value / 10);
        }
        buf.writeByte('0' + value % 10);
    }
}
