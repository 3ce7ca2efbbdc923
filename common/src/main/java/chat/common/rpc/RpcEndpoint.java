package chat.common.rpc;

import chat.common.rpc.internal.StreamProcessor;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running XML-RPC server on HTTP: it answers POSTs to {@code /} and {@code /RPC2}, as Python's
 * servers do, with the procedures of one {@link ProcedureTable}. Keep-alive is on. It knows its bound
 * port (so it can be started on port 0) and {@link #close()} stops accepting, lets calls in flight
 * finish, and joins its threads.
 */
public final class RpcEndpoint implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RpcEndpoint.class);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(5);

    static {
        // The JDK's HTTP server writes a response's headers and body separately; without TCP_NODELAY,
        // Nagle's algorithm and the peer's delayed ACK hold every keep-alive answer back ~40 ms.
        // The server reads this once, when its first instance is made; an explicit setting wins.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /**
     * Where and how to serve.
     *
     * @param name   what the endpoint is, for thread names and logs ("binder", "server")
     * @param host   the address to bind; "0.0.0.0" for every interface
     * @param port   the port to bind, 0 for a free one
     * @param limits what one client may use of it
     */
    public record Options(String name, String host, int port, HttpLimits limits) {
        public Options {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(limits, "limits");
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
            }
        }

        /** {@code name} on {@code host:port}, with the default limits. */
        public static Options of(String name, String host, int port) {
            return new Options(name, host, port, HttpLimits.DEFAULTS);
        }

        public Options withLimits(HttpLimits value) {
            return new Options(name, host, port, value);
        }
    }

    private final Options options;
    private final HttpServer http;
    private final ThreadPoolExecutor workers;
    private final StreamProcessor processor;
    private final Set<Thread> workerThreads = ConcurrentHashMap.newKeySet();
    private final Object idle = new Object();
    private int inFlight;
    private boolean closing;

    private RpcEndpoint(Options options, ProcedureTable procedures) throws IOException {
        this.options = options;
        this.processor = new StreamProcessor(procedures);
        this.http = HttpServer.create(new InetSocketAddress(InetAddress.getByName(options.host()), options.port()), 128);
        String threadPrefix = options.name() + "-" + port() + "-worker-";
        this.workers = new ThreadPoolExecutor(options.limits().workers(), options.limits().workers(), 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), namedDaemons(threadPrefix, workerThreads));
        workers.allowCoreThreadTimeOut(true);
        http.setExecutor(workers);
        http.createContext("/", this::handle);
    }

    /** Binds and starts serving; the returned endpoint already accepts calls. */
    public static RpcEndpoint start(Options options, ProcedureTable procedures) throws IOException {
        RpcEndpoint endpoint = new RpcEndpoint(options, procedures);
        endpoint.http.start();
        LOG.debug("{} serving on {}", options.name(), endpoint.address());
        return endpoint;
    }

    /** The bound port (never 0). */
    public int port() {
        return http.getAddress().getPort();
    }

    /** The bound address and port. */
    public InetSocketAddress address() {
        return http.getAddress();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!enter()) {
                reply(exchange, 503, "text/plain", "the server is shutting down\n");
                return;
            }
            try {
                serve(exchange);
            } finally {
                leave();
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.debug("{}: the client went away: {}", options.name(), e.getMessage());
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (!"/".equals(path) && !"/RPC2".equals(path)) {
            reply(exchange, 404, "text/plain", "no XML-RPC endpoint at " + path + "; post to / or /RPC2\n");
            return;
        }
        if (!"POST".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", "POST");
            reply(exchange, 405, "text/plain", "XML-RPC calls are HTTP POSTs\n");
            return;
        }
        byte[] body = readAtMost(exchange.getRequestBody(), options.limits().maxRequestBytes());
        if (body == null) {
            LOG.warn("{}: refused a request larger than {} bytes from {}", options.name(), options.limits().maxRequestBytes(),
                    exchange.getRemoteAddress());
            exchange.getResponseHeaders().set("Connection", "close");
            reply(exchange, 413, "text/plain", "request body larger than " + options.limits().maxRequestBytes() + " bytes\n");
            return;
        }
        byte[] response = processor.process(body, exchange.getRemoteAddress().getAddress());
        exchange.getResponseHeaders().set("Content-Type", "text/xml; charset=utf-8");
        exchange.sendResponseHeaders(200, response.length);
        exchange.getResponseBody().write(response);
    }

    private static byte[] readAtMost(InputStream in, int limit) throws IOException {
        byte[] body = in.readNBytes(limit + 1);
        return body.length > limit ? null : body;
    }

    private static void reply(HttpExchange exchange, int status, String type, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private boolean enter() {
        synchronized (idle) {
            if (closing) {
                return false;
            }
            inFlight++;
            return true;
        }
    }

    private void leave() {
        synchronized (idle) {
            if (--inFlight == 0) {
                idle.notifyAll();
            }
        }
    }

    /** Stops accepting, waits (a few seconds at most) for calls in flight, then closes every connection. */
    @Override
    public void close() {
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        synchronized (idle) {
            closing = true;
            try {
                while (inFlight > 0 && System.nanoTime() < deadline) {
                    idle.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        http.stop(0);
        workers.shutdownNow();
        long joinDeadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        try {
            for (Thread thread : workerThreads) {
                long left = TimeUnit.NANOSECONDS.toMillis(joinDeadline - System.nanoTime());
                if (left > 0) {
                    thread.join(left);
                }
                if (thread.isAlive()) {
                    LOG.warn("{}: worker thread {} did not stop in time", options.name(), thread.getName());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Daemon threads named after the endpoint, remembered in {@code made} so close can join them. */
    private static ThreadFactory namedDaemons(String prefix, Set<Thread> made) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            made.removeIf(old -> !old.isAlive());
            made.add(thread);
            return thread;
        };
    }
}
