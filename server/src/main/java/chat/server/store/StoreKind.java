package chat.server.store;

import java.util.Locale;

/**
 * Where a chat server keeps its chat: the one place a kind of store is named. The server's options, its
 * start-up and the status view all read it from here.
 */
public enum StoreKind {
    /** This server's own memory: a chat of its own, the fastest start, gone when the server stops. */
    MEMORY,
    /**
     * Shared with every other server of the same Binder through an embedded Hazelcast member: one chat,
     * however many servers.
     */
    CLUSTER;

    /** {@return the kind's name as users type it and as the status view shows it: {@code memory}, {@code cluster}} */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
