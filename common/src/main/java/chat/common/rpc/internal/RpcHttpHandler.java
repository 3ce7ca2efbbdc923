package chat.common.rpc.internal;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;

/**
 * Serves XML-RPC on one connection: POSTs to {@code /} or {@code /RPC2} are processed one at a time and
 * answered in order (pipelined requests wait their turn). Runs on the connection's event loop. Calls go
 * to the worker pool, so a connection never holds more than one worker and one flooding client cannot
 * crowd out the others; but when every procedure is non-blocking, a request of at most
 * {@value #INLINE_MAX_BYTES} bytes is processed right here, which spares the two thread hand-offs (to a
 * worker and back) that cost more than such a call itself.
 */
final class RpcHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    /** The largest request processed on the event loop: its parsing takes some tens of microseconds at most. */
    static final int INLINE_MAX_BYTES = 16 * 1024;
    private static final Executor HERE = Runnable::run;

    private final String name;
    private final StreamProcessor processor;
    private final Executor workers;
    private final boolean nonBlocking;
    private final RequestTimer timer;
    private final InFlight inFlight;
    private final Logger log;
    private final KindThrottle throttle;
    private final Queue<FullHttpRequest> waiting = new ArrayDeque<>();
    private boolean busy;

    /** Counts calls being processed, so that closing an endpoint can let them finish. */
    interface InFlight {
        boolean enter();

        void leave();
    }

    RpcHttpHandler(String name, StreamProcessor processor, Executor workers, boolean nonBlocking, RequestTimer timer,
                   InFlight inFlight, Logger log, KindThrottle throttle) {
        this.name = name;
        this.processor = processor;
        this.workers = workers;
        this.nonBlocking = nonBlocking;
        this.timer = timer;
        this.inFlight = inFlight;
        this.log = log;
        this.throttle = throttle;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        timer.requestReceived();
        if (request.decoderResult().isFailure()) {
            refuseUnreadable(ctx, request.decoderResult().cause());
            return;
        }
        if (busy) {
            waiting.add(request.retain());
            ctx.channel().config().setAutoRead(false);
            return;
        }
        serve(ctx, request);
    }

    private void serve(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        String path = new QueryStringDecoder(request.uri()).path();
        if (!"/".equals(path) && !"/RPC2".equals(path)) {
            reply(ctx, HttpReplies.text(HttpResponseStatus.NOT_FOUND,
                    "no XML-RPC endpoint at " + printable(path) + "; post to / or /RPC2"), keepAlive);
            return;
        }
        if (!HttpMethod.POST.equals(request.method())) {
            FullHttpResponse refusal = HttpReplies.text(HttpResponseStatus.METHOD_NOT_ALLOWED, "XML-RPC calls are HTTP POSTs");
            refusal.headers().set(HttpHeaderNames.ALLOW, "POST");
            reply(ctx, refusal, keepAlive);
            return;
        }
        byte[] body = ByteBufUtil.getBytes(request.content());
        HttpHeaders headers = request.headers();
        InetAddress caller = ctx.channel().remoteAddress() instanceof InetSocketAddress address ? address.getAddress() : null;
        if (!inFlight.enter()) {
            reply(ctx, HttpReplies.text(HttpResponseStatus.SERVICE_UNAVAILABLE, "the server is shutting down"), false);
            return;
        }
        busy = true;
        Executor executor = nonBlocking && body.length <= INLINE_MAX_BYTES ? HERE : workers;
        try {
            executor.execute(() -> {
                try {
                    // A call answered later (a long-poll) is written by the connection's event loop, in the
                    // thread that completes it: one hand-off from the waking thread, not two.
                    processor.process(body, caller, headers::get, ctx.executor(), answer -> onEventLoop(ctx, () -> {
                        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                                HttpResponseStatus.OK, Unpooled.wrappedBuffer(answer));
                        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/xml; charset=utf-8")
                                .setInt(HttpHeaderNames.CONTENT_LENGTH, answer.length);
                        // The call counts as in flight until its answer is written: closing waits for that.
                        reply(ctx, response, keepAlive, inFlight::leave);
                    }));
                } catch (RuntimeException | Error e) {
                    inFlight.leave();
                    throw e;
                }
            });
        } catch (RejectedExecutionException e) {
            inFlight.leave();
            busy = false;
            reply(ctx, HttpReplies.text(HttpResponseStatus.SERVICE_UNAVAILABLE, "the server is busy; try again later"),
                    false);
        }
    }

    private static void onEventLoop(ChannelHandlerContext ctx, Runnable task) {
        if (ctx.executor().inEventLoop()) {
            task.run();
        } else {
            ctx.executor().execute(task);
        }
    }

    private void reply(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
        reply(ctx, response, keepAlive, () -> { });
    }

    /**
     * Writes a response, then runs {@code written}; then the next waiting request, or the connection
     * reads again (or closes).
     */
    private void reply(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive, Runnable written) {
        HttpUtil.setKeepAlive(response, keepAlive);
        busy = false;
        if (!keepAlive) {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE).addListener(done -> written.run());
            return;
        }
        ctx.writeAndFlush(response).addListener(done -> written.run());
        FullHttpRequest next = waiting.poll();
        if (next != null) {
            // Served in a task of its own, not from here: a call answered at once would otherwise recurse
            // once per pipelined request. Busy meanwhile, so that requests read before it queue behind it.
            busy = true;
            ctx.executor().execute(() -> {
                try {
                    serve(ctx, next);
                } finally {
                    next.release();
                }
            });
            return;
        }
        timer.responseSent();
        ctx.channel().config().setAutoRead(true);
    }

    private void refuseUnreadable(ChannelHandlerContext ctx, Throwable cause) {
        HttpResponseStatus status;
        String text;
        if (cause instanceof TooLongHttpHeaderException) {
            status = HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
            text = "the request's headers are larger than this server accepts (--max-header-bytes)";
        } else if (cause instanceof TooLongHttpLineException) {
            status = HttpResponseStatus.REQUEST_URI_TOO_LONG;
            text = "the request line is longer than this server accepts (--max-header-bytes)";
        } else if (cause instanceof TooLongFrameException) {
            status = HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
            text = "the request is larger than this server accepts";
        } else {
            status = HttpResponseStatus.BAD_REQUEST;
            text = "not a valid HTTP request";
        }
        long suppressed = throttle.admit("unreadable");
        if (suppressed >= 0) {
            log.warn("{}: refused {} from {}: {}{}", name, status.code(), ctx.channel().remoteAddress(), text,
                    suppressed > 0 ? " (" + suppressed + " more)" : "");
        }
        HttpReplies.refuseAndClose(ctx, status, text);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        FullHttpRequest left;
        while ((left = waiting.poll()) != null) {
            left.release();
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("{}: connection from {} failed: {}", name, ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }

    /** A path as it may be echoed: bounded, without control characters. */
    private static String printable(String path) {
        String bounded = path.length() > 80 ? path.substring(0, 80) + "..." : path;
        return bounded.replaceAll("\\p{Cntrl}", "?");
    }
}
