package chat.common.rpc.internal;

import chat.common.LogThrottle;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.AttributeKey;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;

/**
 * Counts an endpoint's open connections; one over the limit is answered 503 and closed at once, so the
 * connections already open keep being served.
 */
@Sharable
final class ConnectionGate extends ChannelInboundHandlerAdapter {
    private static final AttributeKey<Boolean> COUNTED = AttributeKey.valueOf("chat.counted");

    private final int max;
    private final AtomicInteger open = new AtomicInteger();
    private final Logger log;
    private final KindThrottle throttle;
    private final String name;

    ConnectionGate(String name, int max, Logger log, KindThrottle throttle) {
        this.name = name;
        this.max = max;
        this.log = log;
        this.throttle = throttle;
    }

    int open() {
        return open.get();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        if (open.incrementAndGet() > max) {
            open.decrementAndGet();
            long suppressed = throttle.admit("connections");
            if (suppressed >= 0) {
                log.warn("{}: refused a connection from {}: {} connections are open, the limit (--max-connections){}",
                        name, ctx.channel().remoteAddress(), max, LogThrottle.heldBackNote(suppressed));
            }
            ctx.writeAndFlush(HttpReplies.rawClosing(HttpResponseStatus.SERVICE_UNAVAILABLE,
                    "the server is busy: " + max + " connections are open, its limit; try again later"))
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ctx.channel().attr(COUNTED).set(Boolean.TRUE);
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (ctx.channel().attr(COUNTED).getAndSet(null) != null) {
            open.decrementAndGet();
        }
        super.channelInactive(ctx);
    }
}
