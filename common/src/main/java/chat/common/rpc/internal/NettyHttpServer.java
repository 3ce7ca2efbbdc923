package chat.common.rpc.internal;

import chat.common.rpc.HttpLimits;
import chat.common.rpc.ProcedureTable;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP/1.1 server under an XML-RPC endpoint: a few event-loop threads own the connections (so a
 * slow or idle client costs no thread), a fixed pool of workers runs the calls, and every
 * {@link HttpLimits} limit is enforced as the bytes arrive.
 */
public final class NettyHttpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NettyHttpServer.class);
    private static final long DRAIN_MILLIS = 5_000;
    /**
     * The buffers connections read into and answers are written from: Netty's pooled buffers, in chunks of 1 MB
     * instead of its default 4 MB. A request is at most {@link HttpLimits#maxRequestBytes()} (256 KB by default) and
     * an answer rarely more than a few hundred KB (a poll of 1,000 messages); a larger one is allocated on its own,
     * outside the pool. Each event-loop thread takes a chunk at its first read (a Binder's probe is one), and the
     * smaller chunks leave about 10 MB of an idle server's memory untouched. Thread-safe, shared by every endpoint
     * of the process, as Netty's default pool would be.
     */
    private static final ByteBufAllocator BUFFERS = new PooledByteBufAllocator(
            PooledByteBufAllocator.defaultPreferDirect(), PooledByteBufAllocator.defaultNumHeapArena(),
            PooledByteBufAllocator.defaultNumDirectArena(), PooledByteBufAllocator.defaultPageSize(), 7,
            PooledByteBufAllocator.defaultSmallCacheSize(), PooledByteBufAllocator.defaultNormalCacheSize(),
            PooledByteBufAllocator.defaultUseCacheForAllThreads());

    private final String name;
    private final EventLoopGroup acceptor;
    private final EventLoopGroup io;
    private final Channel listener;
    private final ChannelGroup connections;
    private final ThreadPoolExecutor workers;
    private final Set<Thread> workerThreads;
    private final ConnectionGate gate;
    /** Calls being processed; close waits on {@link #idle} for it to reach zero. */
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Object idle = new Object();
    private volatile boolean closing;

    private NettyHttpServer(String name, EventLoopGroup acceptor, EventLoopGroup io, Channel listener,
                            ChannelGroup connections, ThreadPoolExecutor workers, Set<Thread> workerThreads,
                            ConnectionGate gate) {
        this.name = name;
        this.acceptor = acceptor;
        this.io = io;
        this.listener = listener;
        this.connections = connections;
        this.workers = workers;
        this.workerThreads = workerThreads;
        this.gate = gate;
    }

    /**
     * Binds {@code host:port} and serves {@code procedures}; a port that cannot be bound is an IOException.
     * A small request for a {@link ProcedureTable#nonBlocking(String) non-blocking} procedure is processed on its
     * connection's event loop instead of a worker (see {@link RpcHttpHandler}).
     */
    public static NettyHttpServer start(String name, String host, int port, HttpLimits limits,
                                       ProcedureTable procedures) throws IOException {
        NettyMachineId.ensure();
        InetAddress address = InetAddress.getByName(host);
        EventLoopGroup acceptor = new NioEventLoopGroup(1, new DefaultThreadFactory(name + "-accept", true));
        EventLoopGroup io = new NioEventLoopGroup(Math.min(2, Runtime.getRuntime().availableProcessors()),
                new DefaultThreadFactory(name + "-io", true));
        ChannelGroup connections = new DefaultChannelGroup(name + "-connections", GlobalEventExecutor.INSTANCE);
        Set<Thread> workerThreads = ConcurrentHashMap.newKeySet();
        ThreadFactory[] factory = new ThreadFactory[1];
        ThreadPoolExecutor workers = new ThreadPoolExecutor(limits.workers(), limits.workers(), 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(Math.max(16, limits.maxConnections())),
                task -> factory[0].newThread(task));
        workers.allowCoreThreadTimeOut(true);
        KindThrottle throttle = new KindThrottle();
        ConnectionGate gate = new ConnectionGate(name, limits.maxConnections(), LOG, throttle);
        StreamProcessor processor = new StreamProcessor(procedures);
        NettyHttpServer[] self = new NettyHttpServer[1];
        RpcHttpHandler.InFlight inFlight = new RpcHttpHandler.InFlight() {
            @Override
            public boolean enter() {
                return self[0].enter();
            }

            @Override
            public void leave() {
                self[0].leave();
            }
        };
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptor, io)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.ALLOCATOR, BUFFERS)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        connections.add(channel);
                        RequestTimer timer = new RequestTimer(name, limits.requestTimeout(), limits.idleTimeout(),
                                LOG, throttle);
                        channel.pipeline()
                                .addLast("gate", gate)
                                .addLast("timer", timer)
                                .addLast("http", new HttpRequestReader(limits.maxHeaderBytes(), limits.maxRequestBytes()))
                                .addLast("rpc", new RpcHttpHandler(name, processor, workers, procedures.anyNonBlocking(), timer,
                                        inFlight, LOG, throttle));
                    }
                });
        ChannelFuture bound = bootstrap.bind(address, port).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            acceptor.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            io.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            workers.shutdownNow();
            Throwable cause = bound.cause();
            // The JDK says only "Address already in use": which address is what the person needs to know.
            String where = (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
            String message = "cannot listen on " + where + ": " + cause.getMessage();
            if (cause instanceof BindException) {
                BindException named = new BindException(message);
                named.initCause(cause);
                throw named;
            }
            throw new IOException(message, cause);
        }
        Channel listener = bound.channel();
        int boundPort = ((InetSocketAddress) listener.localAddress()).getPort();
        factory[0] = namedDaemons(name + "-" + boundPort + "-worker-", workerThreads);
        self[0] = new NettyHttpServer(name, acceptor, io, listener, connections, workers, workerThreads, gate);
        return self[0];
    }

    /** The bound address and port. */
    public InetSocketAddress address() {
        return (InetSocketAddress) listener.localAddress();
    }

    /** How many connections are open now. */
    public int openConnections() {
        return gate.open();
    }

    /** Counts a call in, unless the server is closing. Lock-free: every call passes here, on every event loop. */
    private boolean enter() {
        if (closing) {
            return false;
        }
        inFlight.incrementAndGet();
        if (closing) {
            leave();
            return false;
        }
        return true;
    }

    private void leave() {
        if (inFlight.decrementAndGet() == 0 && closing) {
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }

    /** Stops accepting, lets calls in flight finish (a few seconds at most), closes every connection, joins its threads. */
    @Override
    public void close() {
        listener.close().awaitUninterruptibly(DRAIN_MILLIS);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_MILLIS);
        closing = true;
        synchronized (idle) {
            try {
                while (inFlight.get() > 0 && System.nanoTime() < deadline) {
                    idle.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        connections.close().awaitUninterruptibly(DRAIN_MILLIS);
        workers.shutdownNow();
        acceptor.shutdownGracefully(0, DRAIN_MILLIS, TimeUnit.MILLISECONDS);
        io.shutdownGracefully(0, DRAIN_MILLIS, TimeUnit.MILLISECONDS);
        try {
            for (Thread thread : workerThreads) {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        acceptor.terminationFuture().awaitUninterruptibly(DRAIN_MILLIS);
        io.terminationFuture().awaitUninterruptibly(DRAIN_MILLIS);
        for (Thread thread : workerThreads) {
            if (thread.isAlive()) {
                LOG.warn("{}: worker thread {} did not stop in time", name, thread.getName());
            }
        }
    }

    /** Daemon threads named after the endpoint, remembered in {@code made} so close can join them. */
    private static ThreadFactory namedDaemons(String prefix, Set<Thread> made) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            made.removeIf(old -> old.getState() == Thread.State.TERMINATED);
            made.add(thread);
            return thread;
        };
    }
}
