package chat.common.rpc.internal;

import chat.common.LogThrottle;
import chat.common.rpc.internal.HttpReplies.Connection;
import chat.common.rpc.internal.HttpRequestReader.Refusal;
import chat.common.rpc.internal.HttpRequestReader.Request;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
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
 * crowd out the others; but when some procedures are non-blocking, a request of at most
 * {@value #INLINE_MAX_BYTES} bytes is parsed right here, and a call of a non-blocking procedure runs here
 * too, which spares the two thread hand-offs (to a worker and back) that cost more than such a call itself;
 * the others go to the workers once parsed.
 */
final class RpcHttpHandler extends SimpleChannelInboundHandler<Object> {
    /** The largest request processed on the event loop: its parsing takes some tens of microseconds at most. */
    static final int INLINE_MAX_BYTES = 16 * 1024;
    private static final Executor HERE = Runnable::run;
    /**
     * A call on an I/O thread that takes this long is reported. A non-blocking procedure takes microseconds; a
     * second leaves room for a cold JVM's first calls (class loading, interpretation: some tens of milliseconds)
     * and catches what matters, a procedure that waits on something that does not answer.
     */
    static final long SLOW_INLINE_MILLIS = 1_000;

    private final String name;
    private final StreamProcessor processor;
    private final Executor workers;
    private final boolean parsesHere;
    private final RequestTimer timer;
    private final InFlight inFlight;
    private final Logger log;
    private final KindThrottle throttle;
    private final Queue<Request> waiting = new ArrayDeque<>();
    private boolean busy;

    /** Counts calls being processed, so that closing an endpoint can let them finish. */
    interface InFlight {
        boolean enter();

        void leave();
    }

    RpcHttpHandler(String name, StreamProcessor processor, Executor workers, boolean parsesHere, RequestTimer timer,
                   InFlight inFlight, Logger log, KindThrottle throttle) {
        this.name = name;
        this.processor = processor;
        this.workers = workers;
        this.parsesHere = parsesHere;
        this.timer = timer;
        this.inFlight = inFlight;
        this.log = log;
        this.throttle = throttle;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Object read) {
        timer.requestReceived();
        if (read instanceof Refusal refusal) {
            refuse(ctx, refusal);
            return;
        }
        Request request = (Request) read;
        if (busy) {
            waiting.add(request);
            ctx.channel().config().setAutoRead(false);
            return;
        }
        serve(ctx, request);
    }

    private void serve(ChannelHandlerContext ctx, Request request) {
        Connection connection = Connection.of(request.keepAlive(), request.http11());
        boolean head = "HEAD".equals(request.method());
        String target = request.target();
        String path = "/".equals(target) || "/RPC2".equals(target) ? target : new QueryStringDecoder(target).path();
        if (!"/".equals(path) && !"/RPC2".equals(path)) {
            reply(ctx, HttpReplies.text(HttpResponseStatus.NOT_FOUND,
                    "no XML-RPC endpoint at " + printable(path) + "; post to / or /RPC2", null, connection, head), connection);
            return;
        }
        if (!"POST".equals(request.method())) {
            reply(ctx, HttpReplies.text(HttpResponseStatus.METHOD_NOT_ALLOWED, "XML-RPC calls are HTTP POSTs",
                    "allow: POST", connection, head), connection);
            return;
        }
        byte[] body = request.body();
        InetAddress caller = ctx.channel().remoteAddress() instanceof InetSocketAddress address ? address.getAddress() : null;
        if (!inFlight.enter()) {
            reply(ctx, HttpReplies.text(HttpResponseStatus.SERVICE_UNAVAILABLE, "the server is shutting down", null,
                    Connection.CLOSE, false), Connection.CLOSE);
            return;
        }
        busy = true;
        boolean here = parsesHere && body.length <= INLINE_MAX_BYTES;
        long started = here ? System.nanoTime() : 0;
        try {
            (here ? HERE : workers).execute(() -> {
                try {
                    // A call answered later (a long-poll) is written by the connection's event loop, in the
                    // thread that completes it: one hand-off from the waking thread, not two.
                    processor.process(body, caller, request::header, ctx.executor(), here ? workers : null,
                            answer -> onEventLoop(ctx, () ->
                            // The call counts as in flight until its answer is written: closing waits for that.
                            reply(ctx, HttpReplies.xml(ctx.alloc(), answer, connection), connection, inFlight::leave)));
                } catch (RejectedExecutionException e) {
                    throw e; // answered below
                } catch (RuntimeException | Error e) {
                    inFlight.leave();
                    throw e;
                }
            });
        } catch (RejectedExecutionException e) {
            inFlight.leave();
            busy = false;
            reply(ctx, HttpReplies.text(HttpResponseStatus.SERVICE_UNAVAILABLE, "the server is busy; try again later",
                    null, Connection.CLOSE, false), Connection.CLOSE);
        }
        if (here) {
            warnIfSlow(System.nanoTime() - started);
        }
    }

    /**
     * A call that ran on this I/O thread for long held up every other connection of the thread: its
     * procedures were declared non-blocking, and one was not. Said in the log, at most once a second.
     */
    private void warnIfSlow(long nanos) {
        long millis = nanos / 1_000_000;
        if (millis < SLOW_INLINE_MILLIS) {
            return;
        }
        long suppressed = throttle.admit("slow-inline");
        if (suppressed >= 0) {
            log.warn("{}: a call took {} ms on I/O thread {}, holding up the other connections of that thread: its"
                    + " procedures are declared non-blocking, so none of them may wait{}", name, millis,
                    Thread.currentThread().getName(), LogThrottle.heldBackNote(suppressed));
        }
    }

    private static void onEventLoop(ChannelHandlerContext ctx, Runnable task) {
        if (ctx.executor().inEventLoop()) {
            task.run();
        } else {
            ctx.executor().execute(task);
        }
    }

    private void reply(ChannelHandlerContext ctx, ByteBuf response, Connection connection) {
        reply(ctx, response, connection, () -> { });
    }

    /**
     * Writes a response, then runs {@code written}; then the next waiting request, or the connection
     * reads again (or closes).
     */
    private void reply(ChannelHandlerContext ctx, ByteBuf response, Connection connection, Runnable written) {
        busy = false;
        if (connection == Connection.CLOSE) {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE).addListener(done -> written.run());
            return;
        }
        ctx.writeAndFlush(response).addListener(done -> written.run());
        Request next = waiting.poll();
        if (next != null) {
            // Served in a task of its own, not from here: a call answered at once would otherwise recurse
            // once per pipelined request. Busy meanwhile, so that requests read before it queue behind it.
            busy = true;
            ctx.executor().execute(() -> serve(ctx, next));
            return;
        }
        timer.responseSent();
        ctx.channel().config().setAutoRead(true);
    }

    private void refuse(ChannelHandlerContext ctx, Refusal refusal) {
        String kind = refusal.status() == HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE ? "body" : "unreadable";
        long suppressed = throttle.admit(kind);
        if (suppressed >= 0) {
            log.warn("{}: refused {} from {}: {}{}", name, refusal.status().code(), ctx.channel().remoteAddress(),
                    refusal.text(), LogThrottle.heldBackNote(suppressed));
        }
        HttpReplies.refuseAndClose(ctx, refusal.status(), refusal.text());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        waiting.clear();
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
