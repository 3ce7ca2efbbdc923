package chat.testkit;

import chat.binder.BinderConfig;
import chat.binder.BinderServer;
import chat.client.ClientConfig;
import chat.client.Language;
import chat.common.BinderClient;
import chat.common.ChatProcedures;
import chat.common.Endpoint;
import chat.common.rpc.HttpLimits;
import chat.common.testing.Await;
import chat.common.testing.ManualClock;
import chat.server.ChatServer;
import chat.server.ServerConfig;
import chat.server.store.StoreKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole chat in this JVM, for a test: a Binder and chat servers on free ports of localhost, on a clock the
 * test moves, and the users the test speaks for. Start one with {@link #builder()} (or {@link #start()} for one
 * standalone server), hand out users with {@link #user(String)}, and close it after the test: it closes the
 * users, the servers and the Binder.
 *
 * <pre>{@code
 * try (ChatSystem chat = ChatSystem.builder().servers(3).shared().build()) {
 *     ChatUser alice = chat.user("alice").register();
 *     ...
 * }
 * }</pre>
 *
 * <p>Servers either each keep their own chat ({@link Builder#standalone()}, the default: fast to start) or share
 * one ({@link Builder#shared()}: embedded Hazelcast members in this JVM, as the servers run by default, finding each
 * other through this system's Binder, so two systems never join). A test can stop or kill a server, restart the
 * Binder, and move the clock, one call each. Thread-safe; nothing is shared between two systems, so tests that
 * each start their own may run in parallel.
 */
public final class ChatSystem implements AutoCloseable {
    /** How long an empty room lives: after the clock passes it, the servers remove the room. */
    public static final Duration ROOM_TTL = ServerConfig.DEFAULT_ROOM_TTL;

    private final StoreKind store;
    private final ClientConfig clients;
    private final ManualClock clock = new ManualClock(Instant.now());
    private final List<ChatServer> servers = new ArrayList<>(); // guarded by this
    private final List<PythonServer> pythonServers = new ArrayList<>(); // guarded by this
    private final List<AutoCloseable> handedOut = new ArrayList<>(); // guarded by this
    private BinderServer binder; // guarded by this
    private boolean closed; // guarded by this

    private ChatSystem(Builder builder) {
        this.store = builder.store;
        this.clients = builder.clients;
    }

    /** {@return a builder: one standalone server unless told otherwise} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A Binder and one standalone server, started.
     *
     * @return the running system, to close
     * @throws UncheckedIOException a port could not be bound, or the server could not register
     */
    public static ChatSystem start() {
        return builder().build();
    }

    /** What to start; {@link #build()} starts it. */
    public static final class Builder {
        private int servers = 1;
        private StoreKind store = StoreKind.MEMORY;
        private ClientConfig clients;
        private Duration failoverTime = Duration.ofSeconds(10);

        private Builder() {
        }

        /**
         * Starts {@code count} chat servers (default 1); 0 starts a Binder alone, for servers started later
         * ({@link #startServer()}, {@link #startPythonServer()}).
         *
         * @param count how many servers, 0 or more
         * @return this builder
         */
        public Builder servers(int count) {
            if (count < 0) {
                throw new IllegalArgumentException("the number of servers cannot be negative, got " + count);
            }
            this.servers = count;
            return this;
        }

        /**
         * The servers share one chat (a cluster of embedded Hazelcast members): a user may move between them.
         *
         * @return this builder
         */
        public Builder shared() {
            this.store = StoreKind.CLUSTER;
            return this;
        }

        /**
         * Each server keeps its own chat in memory (the default).
         *
         * @return this builder
         */
        public Builder standalone() {
            this.store = StoreKind.MEMORY;
            return this;
        }

        /**
         * How long a user looks for another server when its own stops answering (default 10 s).
         *
         * @param time how long to look; zero not at all
         * @return this builder
         */
        public Builder failoverTime(Duration time) {
            this.failoverTime = Objects.requireNonNull(time, "time");
            return this;
        }

        /**
         * Starts the Binder and the servers, and for shared servers waits until they form one cluster.
         *
         * @throws UncheckedIOException a port could not be bound, or a server could not register
         * @return the running system, to close
         */
        public ChatSystem build() {
            ChatSystem system;
            try {
                BinderServer binder = BinderServer.start(BinderConfig.ephemeral());
                clients = ClientConfig.of(binder.endpoint(), Language.EN)
                        .withPollInterval(ClientConfig.MIN_POLL_INTERVAL).withFailoverTime(failoverTime);
                system = new ChatSystem(this);
                system.binder = binder;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the Binder: " + e.getMessage(), e);
            }
            try {
                for (int i = 0; i < servers; i++) {
                    system.startServer();
                }
                system.awaitOneCluster();
            } catch (RuntimeException e) {
                system.close();
                throw e;
            }
            return system;
        }
    }

    /**
     * Starts one more server, registered with the Binder; a shared one joins the others' chat.
     *
     * @return where it serves
     */
    public Endpoint startServer() {
        ServerConfig config = ServerConfig.local(binder()).withStore(store);
        ChatServer server;
        try {
            server = ChatServer.start(config, clock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a chat server: " + e.getMessage(), e);
        }
        synchronized (this) {
            if (closed) {
                server.close();
                throw new IllegalStateException("this chat system is closed");
            }
            servers.add(server);
        }
        awaitOneCluster();
        return server.endpoint();
    }

    /**
     * Starts an original-style chat server in Python (the Python original's eight procedures, no sessions and no
     * long poll, keeping a chat of its own), registered with the Binder like the original: for testing a client
     * against what the original serves. Stopped with this system, or by {@link #stopServer}/{@link #killServer};
     * it does not register again with a {@linkplain #restartBinder() restarted} Binder, as the original does not.
     *
     * @return where it serves
     * @throws PythonUnavailableException this machine has no python3 with its xmlrpc modules (under
     *                                    {@link ChatTest}, the test is skipped with that message)
     */
    public Endpoint startPythonServer() {
        PythonServer server = PythonServer.start(binder());
        synchronized (this) {
            if (closed) {
                server.close();
                throw new IllegalStateException("this chat system is closed");
            }
            pythonServers.add(server);
        }
        return server.endpoint();
    }

    /** {@return the Java servers running now, in the order they started (Python servers are not listed)} */
    public synchronized List<Endpoint> servers() {
        return servers.stream().map(ChatServer::endpoint).toList();
    }

    /** {@return where the Binder is (the same address after {@link #restartBinder()})} */
    public synchronized Endpoint binder() {
        return binder.endpoint();
    }

    /** {@return the clock every server reads: it stands still until the test moves it} */
    public ManualClock clock() {
        return clock;
    }

    /**
     * Moves every server's clock forward by {@code by}: {@code advanceClock(ROOM_TTL.plusSeconds(1))} expires empty rooms.
     *
     * @param by how far to move the clock
     */
    public void advanceClock(Duration by) {
        clock.advance(by);
    }

    /** {@return whether the servers share one chat ({@link Builder#shared()})} */
    public boolean isShared() {
        return store == StoreKind.CLUSTER;
    }

    /**
     * A user named {@code name}, not registered yet ({@link ChatUser#register()} does that), talking to whichever
     * server the Binder names, as the real client does. Closed with this system.
     *
     * @param name the user's name
     * @return the user
     */
    public ChatUser user(String name) {
        return handOut(new ChatUser(name, clients));
    }

    /**
     * The real terminal client, started for a person the test types for (English texts, plain output); nothing is
     * typed yet: the client asks for a name first. Closed with this system.
     *
     * @param name the person's name, for the test's messages
     * @return the running client
     */
    public TerminalUser terminal(String name) {
        return handOut(TerminalUser.start(name, clients));
    }

    /**
     * Runs the client's bot mode ({@code --user NAME --room ROOM}) in this thread, as a script would: registers
     * {@code user}, enters {@code room} (creating it when missing), sends each line, waits {@code linger} for
     * answers, leaves, and returns its exit status and what it wrote.
     *
     * @param user   the name to register
     * @param room   the room to enter
     * @param linger how long to wait for answers after the last line
     * @param lines  the lines to send, one message each
     * @return the exit status and what it wrote
     */
    public BotRun runBot(String user, String room, Duration linger, String... lines) {
        return BotRun.run(clients, user, room, linger, List.of(lines));
    }

    private synchronized <T extends AutoCloseable> T handOut(T user) {
        if (closed) {
            throw new IllegalStateException("this chat system is closed");
        }
        handedOut.add(user);
        return user;
    }

    /**
     * Stops the server at {@code server} cleanly: it finishes the calls in flight, unregisters from the Binder and,
     * when shared, leaves the cluster, handing its part of the chat to the others.
     *
     * @param server one of {@link #servers()}
     */
    public void stopServer(Endpoint server) {
        Optional<PythonServer> python = removePython(server);
        if (python.isPresent()) {
            python.get().close();
            return;
        }
        ChatServer stopped = remove(server);
        stopped.close();
        awaitOneCluster();
    }

    /**
     * Stops the server at {@code server} as if its process were killed: a shared server's Hazelcast member is
     * terminated without leaving the cluster (the others find it gone), and its socket is closed while the Binder
     * still names it, as after {@code kill -9}. Returns once the other servers have noticed (a shared chat of the
     * remaining servers answers again).
     *
     * @param server one of {@link #servers()}
     */
    public void killServer(Endpoint server) {
        Optional<PythonServer> python = removePython(server);
        if (python.isPresent()) {
            python.get().kill();
            return;
        }
        remove(server).halt();
        awaitOneCluster();
    }

    private synchronized Optional<PythonServer> removePython(Endpoint endpoint) {
        Optional<PythonServer> found = pythonServers.stream().filter(p -> p.endpoint().equals(endpoint)).findFirst();
        found.ifPresent(pythonServers::remove);
        return found;
    }

    private synchronized ChatServer remove(Endpoint endpoint) {
        for (ChatServer server : servers) {
            if (server.endpoint().equals(endpoint)) {
                servers.remove(server);
                return server;
            }
        }
        throw new IllegalArgumentException("no server of this chat system runs at " + endpoint + "; running: "
                + servers() + (pythonServers.isEmpty() ? ""
                : ", and in Python: " + pythonServers.stream().map(PythonServer::endpoint).toList()));
    }

    /**
     * Stops the Binder and starts a new one on the same port, empty, as an operator restarting it would; returns
     * once every running server has registered with it again (they do every few seconds).
     */
    public void restartBinder() {
        int port;
        synchronized (this) {
            port = binder.port();
            binder.close();
            try {
                binder = BinderServer.start(new BinderConfig(BinderConfig.DEFAULT_HOST, port, HttpLimits.DEFAULTS));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the Binder again on port " + port + ": " + e.getMessage(), e);
            }
        }
        BinderClient lookups = new BinderClient(binder());
        Await.until("every server registered with the restarted Binder",
                () -> lookups.lookupAll(ChatProcedures.REGISTER_USER).containsAll(servers()));
    }

    /** For shared servers: waits until every running server's member sees all the others, and only them. */
    private void awaitOneCluster() {
        if (!isShared()) {
            return;
        }
        List<ChatServer> running;
        synchronized (this) {
            running = List.copyOf(servers);
        }
        Await.until(running.size() + " servers in one cluster", () -> running.stream().allMatch(server ->
                server.clusterMember().orElseThrow().hazelcast().getCluster().getMembers().size() == running.size()));
    }

    /** Closes the users and terminals handed out, then the servers (Python ones too), then the Binder; once. */
    @Override
    public void close() {
        List<AutoCloseable> users;
        List<ChatServer> running;
        List<PythonServer> python;
        BinderServer binderToClose;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            users = List.copyOf(handedOut);
            running = List.copyOf(servers);
            python = List.copyOf(pythonServers);
            binderToClose = binder;
        }
        RuntimeException failure = null;
        for (AutoCloseable user : users) {
            try {
                user.close();
            } catch (Exception e) {
                failure = add(failure, e);
            }
        }
        for (ChatServer server : running) {
            try {
                server.close();
            } catch (RuntimeException e) {
                failure = add(failure, e);
            }
        }
        python.forEach(PythonServer::close);
        if (binderToClose != null) {
            binderToClose.close();
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static RuntimeException add(RuntimeException failure, Exception e) {
        if (failure == null) {
            return e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
        }
        failure.addSuppressed(e);
        return failure;
    }

    /** The servers and the Binder, for a failure message. */
    @Override
    public synchronized String toString() {
        return "ChatSystem[binder=" + (binder == null ? "none" : binder.endpoint()) + ", servers=" + servers()
                + ", " + (isShared() ? "shared" : "standalone") + "]";
    }
}
