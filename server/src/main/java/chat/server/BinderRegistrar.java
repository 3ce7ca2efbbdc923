package chat.server;

import chat.common.BinderClient;
import chat.common.BinderEntry;
import chat.common.BinderRegistration;
import chat.common.Binders;
import chat.common.Endpoint;
import chat.common.rpc.RpcException;
import chat.common.rpc.RpcFault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a chat server registered with every Binder of its deployment: registers every name of it (each procedure at
 * its XML-RPC endpoint and, for a member of a cluster, the member's address) with each at start, checks every so
 * often that each still has every one and registers them again with one that does not (so a Binder that restarted
 * learns of the server again with nobody doing anything), and unregisters them when closed. The check is one call
 * per Binder for all of the server's names, where registering is one per name, so an idle server costs its Binders,
 * and itself, little. A Binder that cannot be reached is logged once when it starts failing and once when it works
 * again, not at every attempt; the others go on meanwhile.
 */
final class BinderRegistrar implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BinderRegistrar.class);
    /** The most one unregistration may take at close, so a Binder that is gone never holds a closing server. */
    static final Duration UNREGISTER_TIMEOUT = Duration.ofSeconds(1);

    private final List<Held> binders;
    private final List<BinderEntry> entries;
    private final String secret;
    private final ScheduledExecutorService timer;

    /**
     * @param binders    the Binders to register with, each of them
     * @param entries    the names to register, each where it is served; the first names the server in the log
     * @param secret     the Binders' secret; null for none
     * @param threadName the name of the thread that registers again
     */
    BinderRegistrar(Binders binders, List<BinderEntry> entries, String secret, String threadName) {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("nothing to register");
        }
        List<Held> held = new ArrayList<>();
        for (Endpoint binder : binders.endpoints()) {
            held.add(new Held(new BinderClient(binder)));
        }
        this.binders = List.copyOf(held);
        this.entries = List.copyOf(entries);
        this.secret = secret;
        this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Registers every name with every Binder once, now. A Binder that fails while another took them all is
     * logged and registered with again later (see {@link #keepRegistered}).
     *
     * @throws RpcException no Binder took them: the first Binder's failure, the others' suppressed in it
     */
    void registerAll() {
        RpcException first = null;
        List<Held> failed = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (Held binder : binders) {
            try {
                binder.register();
            } catch (RpcException e) {
                failed.add(binder);
                reasons.add(e.getMessage());
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (failed.size() == binders.size()) {
            throw first;
        }
        for (int i = 0; i < failed.size(); i++) {
            failed.get(i).failing = true;
            LOG.warn("cannot register with the Binder at {} ({}); registered with the other Binders, and retrying this"
                    + " one quietly", failed.get(i).client.binder(), reasons.get(i));
        }
    }

    /**
     * Checks every {@code every} that each Binder still has every name, registering them again if not; zero never
     * does.
     */
    void keepRegistered(Duration every) {
        if (every.isZero()) {
            return;
        }
        long millis = every.toMillis();
        timer.scheduleWithFixedDelay(this::registerAgain, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void registerAgain() {
        for (Held binder : binders) {
            binder.registerAgain();
        }
    }

    /** Stops re-registering, and unregisters nothing: what a killed server leaves behind. */
    void halt() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops re-registering, then unregisters every name from each Binder, best effort: at a Binder's first
     * failure (a Binder that is gone, or one without {@code unregister_procedure}, as the original's) it stops trying
     * that one, so closing takes at most about {@link #UNREGISTER_TIMEOUT} more per Binder. The Binders' probes then
     * notice.
     */
    @Override
    public void close() {
        halt();
        for (Held binder : binders) {
            binder.unregisterAll();
        }
    }

    /** One Binder, and whether registering with it is failing (read and written by one thread at a time). */
    private final class Held {
        final BinderClient client;
        boolean failing;

        Held(BinderClient client) {
            this.client = client;
        }

        void register() {
            for (BinderEntry entry : entries) {
                client.register(entry.name(), entry.at(), secret);
            }
        }

        void registerAgain() {
            try {
                if (!stillRegistered()) {
                    register();
                }
                if (failing) {
                    failing = false;
                    LOG.info("registered with the Binder at {} again, as {}", client.binder(), entries.get(0).at());
                }
            } catch (RpcException | IllegalArgumentException e) {
                if (!failing) {
                    failing = true;
                    LOG.warn("cannot register with the Binder at {} ({}); clients that look this server up there will"
                            + " not find it until that works again; retrying quietly", client.binder(), e.getMessage());
                }
            }
        }

        /**
         * Whether the Binder still holds, alive, every name of this server ({@code list_registrations}: one call). A
         * Binder without that extension (a Python one) is registered with again, as it always was.
         */
        private boolean stillRegistered() {
            try {
                Set<BinderEntry> held = new HashSet<>();
                for (BinderRegistration registration : client.registrations()) {
                    if (registration.alive()) {
                        held.add(new BinderEntry(registration.name(), registration.endpoint()));
                    }
                }
                return held.containsAll(entries);
            } catch (RpcFault withoutTheExtension) {
                return false;
            }
        }

        void unregisterAll() {
            BinderClient quick = new BinderClient(client.binder(), UNREGISTER_TIMEOUT);
            for (BinderEntry entry : entries) {
                try {
                    quick.unregister(entry.name(), entry.at(), secret);
                } catch (RpcException e) {
                    LOG.debug("not unregistered from the Binder at {}: {}", client.binder(), e.getMessage());
                    return;
                }
            }
        }
    }
}
