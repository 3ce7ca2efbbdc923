package chat.common.rpc.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * Times a connection from the raw bytes up: between requests it may sit idle for the idle timeout, and
 * once a request's first byte has arrived the whole request must arrive within the request timeout, or
 * the client is answered 408 and disconnected. A client that trickles a request therefore holds no
 * thread and no connection for long. Runs on the connection's event loop only.
 */
final class RequestTimer extends ChannelDuplexHandler {

    private enum State { IDLE, RECEIVING, PROCESSING }

    private final String name;
    private final Duration requestTimeout;
    private final Duration idleTimeout;
    private final Logger log;
    private final KindThrottle throttle;
    private ChannelHandlerContext ctx;
    private State state = State.IDLE;
    private ScheduledFuture<?> timer;

    RequestTimer(String name, Duration requestTimeout, Duration idleTimeout, Logger log, KindThrottle throttle) {
        this.name = name;
        this.requestTimeout = requestTimeout;
        this.idleTimeout = idleTimeout;
        this.log = log;
        this.throttle = throttle;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        this.ctx = context;
    }

    @Override
    public void channelActive(ChannelHandlerContext context) throws Exception {
        schedule(idleTimeout, this::idleExpired);
        super.channelActive(context);
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object msg) throws Exception {
        if (state == State.IDLE && msg instanceof ByteBuf bytes && bytes.isReadable()) {
            state = State.RECEIVING;
            schedule(requestTimeout, this::requestExpired);
        }
        super.channelRead(context, msg);
    }

    /** The whole request has arrived: its processing is not timed here. */
    void requestReceived() {
        state = State.PROCESSING;
        cancel();
    }

    /** The response went out; the connection waits for the next request. */
    void responseSent() {
        state = State.IDLE;
        schedule(idleTimeout, this::idleExpired);
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) throws Exception {
        cancel();
        super.channelInactive(context);
    }

    private void requestExpired() {
        if (state != State.RECEIVING) {
            return;
        }
        long suppressed = throttle.admit("request-timeout");
        if (suppressed >= 0) {
            log.warn("{}: disconnected {}: its request did not arrive within {} ms (--request-timeout){}", name,
                    ctx.channel().remoteAddress(), requestTimeout.toMillis(),
                    suppressed > 0 ? " (" + suppressed + " more)" : "");
        }
        state = State.PROCESSING;
        ctx.writeAndFlush(HttpReplies.rawClosing(HttpResponseStatus.REQUEST_TIMEOUT,
                "the whole request did not arrive within " + requestTimeout.toMillis() + " ms"))
                .addListener(ChannelFutureListener.CLOSE);
    }

    private void idleExpired() {
        if (state == State.IDLE) {
            ctx.close();
        }
    }

    private void schedule(Duration delay, Runnable task) {
        cancel();
        timer = ctx.executor().schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
