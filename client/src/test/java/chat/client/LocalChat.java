package chat.client;

import chat.binder.BinderConfig;
import chat.binder.BinderServer;
import chat.common.Endpoint;
import chat.server.ChatServer;
import chat.server.ServerConfig;
import java.io.IOException;

/** A Binder and a chat server on localhost, on free ports, as a client finds them; closed after each test. */
final class LocalChat implements AutoCloseable {
    private final BinderServer binder;
    private ChatServer server;
    private boolean closed;

    private LocalChat(BinderServer binder, ChatServer server) {
        this.binder = binder;
        this.server = server;
    }

    static LocalChat start() throws IOException {
        BinderServer binder = BinderServer.start(BinderConfig.ephemeral());
        try {
            return new LocalChat(binder, ChatServer.start(ServerConfig.local(binder.endpoint())));
        } catch (IOException | RuntimeException e) {
            binder.close();
            throw e;
        }
    }

    /** Where clients look the server up. */
    Endpoint binder() {
        return binder.endpoint();
    }

    ChatServer server() {
        return server;
    }

    /** Stops the server and starts a fresh one (nothing remembered, another port) registered with the same Binder. */
    ChatServer restartServer() throws IOException {
        server.close();
        server = ChatServer.start(ServerConfig.local(binder.endpoint()));
        return server;
    }

    /** Stops the server, then the Binder; once (a test may stop them early). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.close();
        } finally {
            binder.close();
        }
    }
}
