package chat.client;

import chat.binder.BinderConfig;
import chat.binder.BinderServer;
import chat.common.BinderClient;
import chat.common.ChatProcedures;
import chat.common.Endpoint;
import chat.server.ChatServer;
import chat.server.ServerConfig;
import chat.server.store.InMemoryChatStore;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A Binder and chat servers on free ports that a client can move between: either all over one store, which stands
 * for a cluster (one chat served by every server), or each with its own (separate chats). A client that connects
 * while only one server runs stays on it until it dies; a test starts the next one, then stops the first.
 */
final class ServerGroup implements AutoCloseable {
    private final BinderServer binder;
    private final InMemoryChatStore shared;
    private final boolean classic;
    private final List<ChatServer> servers = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private ServerGroup(BinderServer binder, InMemoryChatStore shared, boolean classic) {
        this.binder = binder;
        this.shared = shared;
        this.classic = classic;
    }

    /** Servers over one store: one chat. */
    static ServerGroup sharingOneStore() throws IOException {
        return new ServerGroup(BinderServer.start(BinderConfig.ephemeral()),
                new InMemoryChatStore(ServerConfig.local(null).historyLimit()), false);
    }

    /** Servers over one store that register only the original's eight procedures (no long poll): rooms are polled. */
    static ServerGroup sharingOneStoreWithoutLongPoll() throws IOException {
        return new ServerGroup(BinderServer.start(BinderConfig.ephemeral()),
                new InMemoryChatStore(ServerConfig.local(null).historyLimit()), true);
    }

    /** Servers that each keep their own state: separate chats. */
    static ServerGroup eachWithItsOwnStore() throws IOException {
        return new ServerGroup(BinderServer.start(BinderConfig.ephemeral()), null, false);
    }

    Endpoint binder() {
        return binder.endpoint();
    }

    /** Starts a server, registered with the Binder. */
    ChatServer startServer() throws IOException {
        ChatServer server;
        if (classic) {
            server = ChatServer.start(ServerConfig.local(null), Clock.systemUTC(), shared);
            BinderClient registrar = new BinderClient(binder.endpoint());
            ChatProcedures.ALL.forEach(name -> registrar.register(name, server.endpoint()));
        } else if (shared != null) {
            server = ChatServer.start(ServerConfig.local(binder.endpoint()), Clock.systemUTC(), shared);
        } else {
            server = ChatServer.start(ServerConfig.local(binder.endpoint()));
        }
        servers.add(server);
        return server;
    }

    /** The servers started, in order. */
    List<ChatServer> servers() {
        return List.copyOf(servers);
    }

    /** Stops every server, then the Binder; once (a test may stop them early). */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            servers.forEach(ChatServer::close);
        } finally {
            binder.close();
        }
    }
}
