package chat.common.rpc.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Reads HTTP/1.0 and 1.1 requests from a connection's bytes, whole: each becomes one {@link Request}
 * with its body, or, when the bytes break HTTP or a limit, one {@link Refusal}, after which the rest of
 * the connection is ignored (it is answered and closed). Bodies come with a Content-Length or chunked.
 * Only the headers the endpoint acts on are read as they arrive ({@link RequestHead}, which is strict where
 * leniency lets requests be smuggled); the others stay in the request's head, read by name when asked for
 * (XML-RPC calls carry few, and look at fewer).
 */
final class HttpRequestReader extends ByteToMessageDecoder {

    /** One whole request. {@code head} is the header section as Latin-1 text, lines ending in CRLF or LF. */
    record Request(String method, String target, boolean http11, boolean keepAlive, String head, byte[] body) {

        /** The value of header {@code name} (any case), trimmed; the first when it repeats; null when absent. */
        String header(String name) {
            int at = 0;
            while (at < head.length()) {
                int end = head.indexOf('\n', at);
                if (end < 0) {
                    end = head.length();
                }
                int colon = head.indexOf(':', at);
                if (colon > at && colon < end && colon - at == name.length() && head.regionMatches(true, at, name, 0,
                        name.length())) {
                    return head.substring(colon + 1, end).trim();
                }
                at = end + 1;
            }
            return null;
        }
    }

    /** What is wrong with the bytes, as the status and plain text to answer before closing. */
    record Refusal(HttpResponseStatus status, String text) {

        /** Bytes that are not HTTP: 400, saying {@code why}. */
        static Refusal badRequest(String why) {
            return new Refusal(HttpResponseStatus.BAD_REQUEST, "not a valid HTTP request: " + why);
        }
    }

    private enum State { HEAD, FIXED_BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILERS, BROKEN }

    /** Room first made for a body; it grows as the bytes arrive. */
    private static final int INITIAL_BODY_BYTES = 4096;
    /** Longest chunk-size line (hex digits and extensions) read. */
    private static final int MAX_CHUNK_LINE = 1024;
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final int maxHeaderBytes;
    private final int maxBodyBytes;
    private State state = State.HEAD;
    private Request pending;
    private byte[] body;
    private int bodyLength;
    /** The body's declared length (Content-Length), or -1 for a chunked one. */
    private int expected;
    private long chunkLeft;
    private int trailerBytes;

    HttpRequestReader(int maxHeaderBytes, int maxBodyBytes) {
        this.maxHeaderBytes = maxHeaderBytes;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            Object read = switch (state) {
                case HEAD -> readHead(ctx, in);
                case FIXED_BODY -> readFixedBody(in);
                case CHUNK_SIZE -> readChunkSize(in);
                case CHUNK_DATA -> readChunkData(in);
                case CHUNK_END -> readChunkEnd(in);
                case TRAILERS -> readTrailers(in);
                case BROKEN -> {
                    in.skipBytes(in.readableBytes());
                    yield null;
                }
            };
            if (read == NEED_MORE) {
                return;
            }
            if (read instanceof Refusal) {
                state = State.BROKEN;
                in.skipBytes(in.readableBytes());
            }
            if (read != null) {
                out.add(read);
            }
        }
    }

    /** Returned when the bytes so far end in the middle of something. */
    private static final Object NEED_MORE = new Object();

    private Object readHead(ChannelHandlerContext ctx, ByteBuf in) {
        int start = in.readerIndex();
        int limit = in.writerIndex();
        // Empty lines before a request are ignored (RFC 9112, 2.2).
        while (start < limit && (in.getByte(start) == '\r' || in.getByte(start) == '\n')) {
            start++;
        }
        in.readerIndex(start);
        if (start == limit) {
            return NEED_MORE;
        }
        int lineEnd = in.indexOf(start, Math.min(limit, start + maxHeaderBytes + 1), (byte) '\n');
        if (lineEnd < 0) {
            return limit - start > maxHeaderBytes
                    ? new Refusal(HttpResponseStatus.REQUEST_URI_TOO_LONG,
                            "the request line is longer than this server accepts (--max-header-bytes)")
                    : NEED_MORE;
        }
        int headStart = lineEnd + 1;
        int headEnd = endOfHeaders(in, headStart, Math.min(limit, headStart + maxHeaderBytes + 2));
        if (headEnd < 0) {
            return limit - headStart > maxHeaderBytes + 1
                    ? new Refusal(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
                            "the request's headers are larger than this server accepts (--max-header-bytes)")
                    : NEED_MORE;
        }
        String line = in.toString(start, lineEnd - start, StandardCharsets.ISO_8859_1);
        String head = in.toString(headStart, headEnd - headStart, StandardCharsets.ISO_8859_1);
        in.readerIndex(headEnd);
        return begin(ctx, stripCr(line), head);
    }

    /** The index just past the empty line ending the headers that begin at {@code from}, or -1. */
    private static int endOfHeaders(ByteBuf in, int from, int limit) {
        int at = from;
        while (at < limit) {
            int end = in.indexOf(at, limit, (byte) '\n');
            if (end < 0) {
                return -1;
            }
            if (end == at || (end == at + 1 && in.getByte(at) == '\r')) {
                return end + 1;
            }
            at = end + 1;
        }
        return -1;
    }

    private Object begin(ChannelHandlerContext ctx, String line, String headText) {
        Object parsed = RequestHead.parse(line, headText);
        if (!(parsed instanceof RequestHead head)) {
            return parsed;
        }
        if (head.contentLength() > maxBodyBytes) {
            return tooLarge();
        }
        pending = new Request(head.method(), head.target(), head.http11(), head.keepAlive(), head.text(), null);
        if (head.expectContinue() && (head.chunked() || head.contentLength() > 0)) {
            ctx.writeAndFlush(ctx.alloc().buffer(CONTINUE.length).writeBytes(CONTINUE));
        }
        if (head.chunked()) {
            body = new byte[INITIAL_BODY_BYTES];
            bodyLength = 0;
            expected = -1;
            state = State.CHUNK_SIZE;
            return null;
        }
        // Room for the body grows with the bytes that arrive, not with what the head declares: a client that
        // declares the limit and sends nothing holds a few kilobytes, not the limit.
        expected = (int) Math.max(0, head.contentLength());
        body = new byte[Math.min(expected, INITIAL_BODY_BYTES)];
        bodyLength = 0;
        if (expected == 0) {
            return finish();
        }
        state = State.FIXED_BODY;
        return null;
    }

    private Object readFixedBody(ByteBuf in) {
        int take = Math.min(in.readableBytes(), expected - bodyLength);
        append(in, take, expected);
        return bodyLength == expected ? finish() : NEED_MORE;
    }

    private Object readChunkSize(ByteBuf in) {
        int end = in.indexOf(in.readerIndex(), Math.min(in.writerIndex(), in.readerIndex() + MAX_CHUNK_LINE), (byte) '\n');
        if (end < 0) {
            return in.readableBytes() >= MAX_CHUNK_LINE ? Refusal.badRequest("a chunk size line is too long") : NEED_MORE;
        }
        String line = stripCr(in.toString(in.readerIndex(), end - in.readerIndex(), StandardCharsets.ISO_8859_1));
        in.readerIndex(end + 1);
        int extension = line.indexOf(';');
        String hex = (extension >= 0 ? line.substring(0, extension) : line).trim();
        long size = 0;
        if (hex.isEmpty() || hex.length() > 8) {
            return hex.isEmpty() ? Refusal.badRequest("a chunk size is not a hexadecimal number") : tooLarge();
        }
        for (int i = 0; i < hex.length(); i++) {
            int digit = Character.digit(hex.charAt(i), 16);
            if (digit < 0) {
                return Refusal.badRequest("a chunk size is not a hexadecimal number");
            }
            size = size * 16 + digit;
        }
        if (size == 0) {
            trailerBytes = 0;
            state = State.TRAILERS;
            return null;
        }
        if (bodyLength + size > maxBodyBytes) {
            return tooLarge();
        }
        chunkLeft = size;
        state = State.CHUNK_DATA;
        return null;
    }

    private Object readChunkData(ByteBuf in) {
        int take = (int) Math.min(in.readableBytes(), chunkLeft);
        append(in, take, maxBodyBytes);
        chunkLeft -= take;
        if (chunkLeft > 0) {
            return NEED_MORE;
        }
        state = State.CHUNK_END;
        return null;
    }

    private Object readChunkEnd(ByteBuf in) {
        byte first = in.getByte(in.readerIndex());
        if (first == '\n') {
            in.skipBytes(1);
        } else if (first == '\r') {
            if (in.readableBytes() < 2) {
                return NEED_MORE;
            }
            if (in.getByte(in.readerIndex() + 1) != '\n') {
                return Refusal.badRequest("a chunk does not end where its size says");
            }
            in.skipBytes(2);
        } else {
            return Refusal.badRequest("a chunk does not end where its size says");
        }
        state = State.CHUNK_SIZE;
        return null;
    }

    /** Trailer lines after the last chunk, up to the empty line; read and ignored. */
    private Object readTrailers(ByteBuf in) {
        while (true) {
            int end = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
            if (end < 0) {
                return trailerBytes + in.readableBytes() > maxHeaderBytes
                        ? new Refusal(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
                                "the request's trailers are larger than this server accepts (--max-header-bytes)")
                        : NEED_MORE;
            }
            int length = end - in.readerIndex();
            trailerBytes += length + 1;
            boolean empty = length == 0 || (length == 1 && in.getByte(in.readerIndex()) == '\r');
            in.readerIndex(end + 1);
            if (empty) {
                return finish();
            }
            if (trailerBytes > maxHeaderBytes) {
                return new Refusal(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
                        "the request's trailers are larger than this server accepts (--max-header-bytes)");
            }
        }
    }

    /** The bytes held for the body being read (0 between requests): they follow what arrived, not what was declared. */
    int roomForBody() {
        return body == null ? 0 : body.length;
    }

    /** Moves {@code count} bytes from {@code in} to the body, growing it (doubling, at most to {@code cap}) as needed. */
    private void append(ByteBuf in, int count, int cap) {
        if (bodyLength + count > body.length) {
            body = Arrays.copyOf(body, (int) Math.min(cap, Math.max(body.length * 2L, bodyLength + count)));
        }
        in.readBytes(body, bodyLength, count);
        bodyLength += count;
    }

    private Request finish() {
        Request done = new Request(pending.method(), pending.target(), pending.http11(), pending.keepAlive(),
                pending.head(), bodyLength == body.length ? body : Arrays.copyOf(body, bodyLength));
        pending = null;
        body = null;
        state = State.HEAD;
        return done;
    }

    private Refusal tooLarge() {
        return new Refusal(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "the request body is larger than " + maxBodyBytes
                + " bytes, this server's limit (--max-request-bytes)");
    }

    private static String stripCr(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
