package chat.binder;

import chat.common.Endpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes every endpoint registered with a {@link Binder}, each round on a pool of probe threads, and
 * tells the Binder what it found; then drops the endpoints dead for too long. An endpoint whose previous
 * probe has not finished (a host that swallows connection attempts) is skipped that round, so a dead
 * host holds at most one probe thread, for at most the probe timeout. Lookups never wait for probes.
 */
public final class LivenessChecker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LivenessChecker.class);
    /** Probes running at once, at most; more endpoints wait their turn within the round. */
    static final int PROBE_THREADS = 16;

    private final Binder binder;
    private final Prober prober;
    private final ThreadPoolExecutor probes;
    private final ScheduledExecutorService rounds;
    private final Set<Endpoint> inFlight = ConcurrentHashMap.newKeySet();

    /**
     * A checker that probes only when {@link #probeAll()} is called (tests drive it), until {@link #start}.
     *
     * @param binder       the registry whose endpoints are probed, and told the results
     * @param prober       what tells whether an endpoint answers
     * @param threadPrefix the start of its threads' names ({@code binder-5000})
     */
    public LivenessChecker(Binder binder, Prober prober, String threadPrefix) {
        this.binder = binder;
        this.prober = prober;
        AtomicInteger count = new AtomicInteger();
        this.probes = new ThreadPoolExecutor(PROBE_THREADS, PROBE_THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), task -> daemon(task, threadPrefix + "-probe-" + count.incrementAndGet()));
        this.probes.allowCoreThreadTimeOut(true);
        this.rounds = Executors.newSingleThreadScheduledExecutor(task -> daemon(task, threadPrefix + "-liveness"));
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    /**
     * Probes every {@code every} from now on.
     *
     * @param every the time between two rounds of probes
     * @return this checker
     */
    public LivenessChecker start(Duration every) {
        long millis = Math.max(1, every.toMillis());
        rounds.scheduleWithFixedDelay(this::round, millis, millis, TimeUnit.MILLISECONDS);
        return this;
    }

    private void round() {
        try {
            probeAll();
        } catch (RuntimeException e) {
            LOG.error("a liveness round failed; the next one will try again", e);
        }
    }

    /**
     * One round: starts a probe of every registered endpoint that has none running, and drops the
     * endpoints dead for too long.
     *
     * @return completes when every probe this round started has been recorded
     */
    public CompletableFuture<Void> probeAll() {
        List<CompletableFuture<Void>> started = new ArrayList<>();
        for (Endpoint endpoint : binder.endpoints()) {
            if (inFlight.add(endpoint)) {
                try {
                    started.add(CompletableFuture.supplyAsync(() -> prober.answers(endpoint), probes)
                            .handle((answered, failure) -> {
                                record(endpoint, answered != null && answered);
                                inFlight.remove(endpoint);
                                return null;
                            }));
                } catch (RuntimeException rejected) {  // closing
                    inFlight.remove(endpoint);
                }
            }
        }
        for (Endpoint dropped : binder.forgetLongDead()) {
            LOG.info("{} has not answered for over {} s: forgotten", dropped, binder.liveness().forgetAfter().toSeconds());
        }
        return CompletableFuture.allOf(started.toArray(CompletableFuture[]::new));
    }

    private void record(Endpoint endpoint, boolean answered) {
        if (binder.probed(endpoint, answered)) {
            if (answered) {
                LOG.info("{} answers again: handed out again", endpoint);
            } else {
                LOG.warn("{} does not answer ({} probes in a row): no longer handed out", endpoint,
                        binder.liveness().failuresToHide());
            }
        }
    }

    /** How many endpoints have a probe running now. */
    int probesRunning() {
        return inFlight.size();
    }

    /** Stops probing; a probe that is running is interrupted (a connect in progress ends at its timeout). */
    @Override
    public void close() {
        rounds.shutdownNow();
        probes.shutdownNow();
        try {
            rounds.awaitTermination(5, TimeUnit.SECONDS);
            probes.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
