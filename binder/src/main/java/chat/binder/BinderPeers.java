package chat.binder;

import chat.common.BinderClient;
import chat.common.BinderEntry;
import chat.common.ChatProcedures;
import chat.common.Endpoint;
import chat.common.rpc.RpcException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a Binder in step with the other Binders of its deployment, as {@link Peering} says: each round, it
 * sends every peer what registered with it, its own address under {@link ChatProcedures#BINDER_PEER}, and the
 * peers it knows, in one {@code share_registrations} call (a Binder with no peer sends nothing). A peer takes them as it would from a server, and
 * shares its own back, so a Binder started empty knows everything again within a round of each peer. The
 * servers' registrations stay soft state: each Binder probes every endpoint it knows and forgets the dead, as
 * it does for those that registered with it.
 */
final class BinderPeers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BinderPeers.class);
    /** The longest a round waits for one peer; a peer that takes longer is tried again next round. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(1);

    private final Binder binder;
    private final Endpoint self;
    /** Where else this Binder serves (a port it took over): not a peer to share with. */
    private final Set<Endpoint> alsoSelf = ConcurrentHashMap.newKeySet();
    private final Peering peering;
    private final ScheduledExecutorService rounds;
    /** The peers that answered the latest round they were sent, to log only changes. */
    private final Set<Endpoint> answering = ConcurrentHashMap.newKeySet();
    private final Map<Endpoint, String> failing = new ConcurrentHashMap<>();

    BinderPeers(Binder binder, Endpoint self, Peering peering) {
        this.binder = binder;
        this.self = self;
        this.peering = peering;
        this.rounds = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "binder-" + self.port() + "-peers");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Shares with the peers now, then every {@link Peering#every()}. */
    BinderPeers start() {
        long millis = peering.every().toMillis();
        rounds.scheduleWithFixedDelay(this::round, 0, millis, TimeUnit.MILLISECONDS);
        return this;
    }

    /** The Binders this one shares with: those it was told of and those it learned, not itself. */
    Set<Endpoint> peers() {
        Set<Endpoint> peers = new LinkedHashSet<>(peering.peers());
        peers.addAll(binder.registrations().getOrDefault(ChatProcedures.BINDER_PEER, List.of()));
        peers.remove(self);
        peers.removeAll(alsoSelf);
        return peers;
    }

    /** This Binder serves at {@code at} too (it took the port over): no longer a peer. */
    void alsoAt(Endpoint at) {
        alsoSelf.add(at);
    }

    /** One round: every peer sent everything this Binder shares, and this Binder's own address. */
    void round() {
        List<BinderEntry> entries = new ArrayList<>(binder.shareable());
        entries.add(new BinderEntry(ChatProcedures.BINDER_PEER, self));
        for (Endpoint peer : peers()) {
            shareWith(peer, entries);
        }
    }

    private void shareWith(Endpoint peer, List<BinderEntry> entries) {
        try {
            int taken = new BinderClient(peer, CALL_TIMEOUT).share(entries, peering.secret());
            if (answering.add(peer)) {
                boolean back = failing.remove(peer) != null;
                LOG.info("{} registrations with the Binder at {} ({} of {} taken)",
                        back ? "sharing again" : "sharing", peer, taken, entries.size());
            }
        } catch (RpcException | IllegalArgumentException e) {
            answering.remove(peer);
            String why = e.getMessage();
            if (failing.put(peer, why) == null) {
                LOG.warn("cannot share registrations with the Binder at {} ({}); trying again every {} s", peer, why,
                        peering.every().toSeconds());
            }
        }
    }

    /** Stops sharing; the peers forget this Binder's registrations when their probes find them gone. */
    @Override
    public void close() {
        rounds.shutdownNow();
        try {
            rounds.awaitTermination(CALL_TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
