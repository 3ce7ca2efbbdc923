package chat.server;

import chat.common.BinderClient;
import chat.common.BinderRegistration;
import chat.common.Endpoint;
import chat.common.rpc.RpcException;
import chat.common.rpc.RpcFault;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a chat server registered with the Binder: registers every procedure at start, checks every so
 * often that the Binder still has every procedure of it and registers them again when it does not (so a Binder
 * that restarted learns of the server again with nobody doing anything), and unregisters them when closed.
 * The check is one call where registering is one per procedure, so an idle server costs its Binder
 * little. A failing re-registration is logged once when it starts failing and
 * once when it works again, not at every attempt.
 */
final class BinderRegistrar implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BinderRegistrar.class);
    /** The most one unregistration may take at close, so a Binder that is gone never holds a closing server. */
    static final Duration UNREGISTER_TIMEOUT = Duration.ofSeconds(1);

    private final BinderClient binder;
    private final Endpoint at;
    private final List<String> procedures;
    private final String secret;
    private final ScheduledExecutorService timer;
    /** Only the timer thread reads and writes it. */
    private boolean failing;

    BinderRegistrar(BinderClient binder, Endpoint at, List<String> procedures, String secret, String threadName) {
        this.binder = binder;
        this.at = at;
        this.procedures = List.copyOf(procedures);
        this.secret = secret;
        this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Registers every procedure once, now. */
    void registerAll() {
        for (String procedure : procedures) {
            binder.register(procedure, at, secret);
        }
    }

    /** Registers every procedure again every {@code every}; zero never does. */
    void keepRegistered(Duration every) {
        if (every.isZero()) {
            return;
        }
        long millis = every.toMillis();
        timer.scheduleWithFixedDelay(this::registerAgain, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void registerAgain() {
        try {
            if (!stillRegistered()) {
                registerAll();
            }
            if (failing) {
                failing = false;
                LOG.info("registered with the Binder at {} again, as {}", binder.binder(), at);
            }
        } catch (RpcException | IllegalArgumentException e) {
            if (!failing) {
                failing = true;
                LOG.warn("cannot register with the Binder at {} ({}); clients that look this server up there will not"
                        + " find it until that works again; retrying quietly", binder.binder(), e.getMessage());
            }
        }
    }

    /**
     * Whether the Binder still holds, alive, every name of this server ({@code list_registrations}: one call). A
     * Binder without that extension (a Python one) is registered with again, as it always was.
     */
    private boolean stillRegistered() {
        try {
            Set<String> held = new HashSet<>();
            for (BinderRegistration registration : binder.registrations()) {
                if (registration.alive() && registration.endpoint().equals(at)) {
                    held.add(registration.name());
                }
            }
            return held.containsAll(procedures);
        } catch (RpcFault withoutTheExtension) {
            return false;
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
     * Stops re-registering, then unregisters every procedure, best effort: at the first failure (a Binder
     * that is gone, or one without {@code unregister_procedure}, as the original's) it stops trying, so
     * closing takes at most about {@link #UNREGISTER_TIMEOUT} more. The Binder's probes then notice.
     */
    @Override
    public void close() {
        halt();
        BinderClient quick = new BinderClient(binder.binder(), UNREGISTER_TIMEOUT);
        for (String procedure : procedures) {
            try {
                quick.unregister(procedure, at, secret);
            } catch (RpcException e) {
                LOG.debug("not unregistered from the Binder at {}: {}", binder.binder(), e.getMessage());
                return;
            }
        }
    }
}
