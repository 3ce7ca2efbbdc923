package chat.common.rpc.internal;

import chat.common.LogThrottle;
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
 *
 * <p>One check is scheduled at a time, never later than the deadline in force; when it runs early (the
 * connection moved on since) it is scheduled again for the deadline then in force. A request's deadline is put
 * in force when the bytes read so far are used up and it is still not whole, so a request that arrives in one
 * read (nearly all) schedules nothing. A busy connection's requests therefore schedule and cancel nothing: a
 * check runs about once per idle timeout, which is what thousands of long-polling connections cost.
 */
final class RequestTimer extends ChannelDuplexHandler {

    private enum State { IDLE, RECEIVING, PROCESSING }

    private final String name;
    private final long requestTimeoutNanos;
    private final long idleTimeoutNanos;
    private final Logger log;
    private final KindThrottle throttle;
    private ChannelHandlerContext ctx;
    private State state = State.IDLE;
    /** When the present state began (System.nanoTime). */
    private long since;
    /** The scheduled check, or null, and when it runs. */
    private ScheduledFuture<?> check;
    private long checkAt;
    private boolean closed;

    RequestTimer(String name, Duration requestTimeout, Duration idleTimeout, Logger log, KindThrottle throttle) {
        this.name = name;
        this.requestTimeoutNanos = requestTimeout.toNanos();
        this.idleTimeoutNanos = idleTimeout.toNanos();
        this.log = log;
        this.throttle = throttle;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        this.ctx = context;
    }

    @Override
    public void channelActive(ChannelHandlerContext context) throws Exception {
        enter(State.IDLE);
        super.channelActive(context);
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object msg) throws Exception {
        if (state == State.IDLE && msg instanceof ByteBuf bytes && bytes.isReadable()) {
            // Its deadline is put in force once the bytes read so far are used up (channelReadComplete), and only
            // if the request is not whole by then: a request that arrives in one read schedules nothing.
            state = State.RECEIVING;
            since = System.nanoTime();
        }
        super.channelRead(context, msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext context) throws Exception {
        if (state == State.RECEIVING) {
            keepDeadline();
        }
        super.channelReadComplete(context);
    }

    /** The whole request has arrived: its processing is not timed here. */
    void requestReceived() {
        enter(State.PROCESSING);
    }

    /** The response went out; the connection waits for the next request. */
    void responseSent() {
        enter(State.IDLE);
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) throws Exception {
        closed = true;
        if (check != null) {
            check.cancel(false);
            check = null;
        }
        super.channelInactive(context);
    }

    private void enter(State next) {
        state = next;
        since = System.nanoTime();
        keepDeadline();
    }

    /** Makes sure a check is scheduled no later than the deadline in force. */
    private void keepDeadline() {
        long deadline = deadline();
        if (deadline != Long.MAX_VALUE && (check == null || checkAt - deadline > 0)) {
            if (check != null) {
                check.cancel(false);
            }
            scheduleCheck(deadline);
        }
    }

    /** When the present state runs out of time; Long.MAX_VALUE while a request is processed. */
    private long deadline() {
        return switch (state) {
            case IDLE -> since + idleTimeoutNanos;
            case RECEIVING -> since + requestTimeoutNanos;
            case PROCESSING -> Long.MAX_VALUE;
        };
    }

    private void scheduleCheck(long at) {
        checkAt = at;
        check = ctx.executor().schedule(this::check, Math.max(0, at - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    private void check() {
        check = null;
        if (closed) {
            return;
        }
        long deadline = deadline();
        if (deadline == Long.MAX_VALUE) {
            return; // leaving PROCESSING schedules the next check
        }
        if (System.nanoTime() - deadline < 0) {
            scheduleCheck(deadline);
        } else if (state == State.RECEIVING) {
            requestExpired();
        } else {
            ctx.close();
        }
    }

    private void requestExpired() {
        long suppressed = throttle.admit("request-timeout");
        if (suppressed >= 0) {
            log.warn("{}: disconnected {}: its request did not arrive within {} ms (--request-timeout){}", name,
                    ctx.channel().remoteAddress(), TimeUnit.NANOSECONDS.toMillis(requestTimeoutNanos),
                    LogThrottle.heldBackNote(suppressed));
        }
        state = State.PROCESSING;
        ctx.writeAndFlush(HttpReplies.rawClosing(HttpResponseStatus.REQUEST_TIMEOUT,
                "the whole request did not arrive within " + TimeUnit.NANOSECONDS.toMillis(requestTimeoutNanos) + " ms"))
                .addListener(ChannelFutureListener.CLOSE);
    }
}
