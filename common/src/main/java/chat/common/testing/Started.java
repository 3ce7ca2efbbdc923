package chat.common.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * What a test started (Binders, servers, clients), to close at its end, the last started first, so that clients
 * go before their servers and servers before their Binders. One that fails to close does not keep the others open:
 * the first failure is thrown once all were tried, the later ones suppressed in it. Not thread-safe.
 */
public final class Started implements AutoCloseable {
    private final List<AutoCloseable> started = new ArrayList<>();

    /**
     * Remembers {@code thing}, to close it with the others.
     *
     * @param thing what was just started
     * @param <T>   its type
     * @return {@code thing}, to use
     */
    public <T extends AutoCloseable> T add(T thing) {
        started.add(thing);
        return thing;
    }

    /**
     * Closes everything added, the last added first, and forgets it.
     *
     * @throws RuntimeException the first failure to close one (a checked one wrapped in an
     *                          {@link IllegalStateException}), the others suppressed in it
     */
    @Override
    public void close() {
        Exception first = null;
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        started.clear();
        if (first instanceof RuntimeException unchecked) {
            throw unchecked;
        }
        if (first != null) {
            throw new IllegalStateException("closing what the test started failed: " + first.getMessage(), first);
        }
    }
}
