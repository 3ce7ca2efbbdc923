package chat.binder;

import chat.common.Endpoint;

/** Tells whether a server endpoint answers; how is its business (the Binder uses {@link TcpProber}). */
@FunctionalInterface
public interface Prober {
    /**
     * Whether {@code endpoint} answers now. May block, but for a bounded time of the prober's choosing;
     * called on the Binder's probe threads, never on a thread that answers calls.
     *
     * @param endpoint a registered server
     * @return true when it answers
     */
    boolean answers(Endpoint endpoint);
}
