package chat.client;

import chat.client.ChatCallException.Lost;
import chat.client.ChatCallException.Reason;
import chat.common.AnyBinder;
import chat.common.Binders;
import chat.common.Endpoint;
import chat.common.catalogue.ChatProcedure;
import chat.common.rpc.RpcClient;
import chat.common.rpc.RpcException;
import chat.common.rpc.RpcFault;
import chat.common.rpc.RpcTransportException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Calls chat procedures on one server the Binder names, and moves to another when it stops answering.
 * The first call looks its procedure up; every later call goes to the same server, so a person's name,
 * room and cursor stay on one server while it lives. Where there are several Binders, every look-up asks any that
 * answers ({@link AnyBinder}), so a dead Binder costs nothing but the moment it takes to refuse. Thread-safe.
 *
 * <p>A call that fails for transport reasons (refused, reset, timed out; never a fault) starts a search for another
 * server, on a thread of its own, and the {@link FailoverListener} is told at once: every live server the Binder
 * names for that procedure is tried, those not just seen failing first, pausing a little longer each round while the
 * Binder still names only dead ones, for at most the failover time. On the server it finds, {@link Arrival} sets up
 * again what the person had (name, room) before any other call goes there, and the move is reported once. Calls
 * made meanwhile do not go to the server known gone: they wait for the search, as long as their patience allows
 * (a call for a person at a prompt waits briefly, then fails with {@link Reason#SEARCHING} while the search goes
 * on). A call that may be repeated without effect (reads, joins) is then repeated on the new server; one that may
 * not (a send, a long poll) is not, and throws {@link Reason#SERVER_CHANGED}: a message is never sent twice by the
 * client. Every failure of a call whose server stopped answering says which server, and whether the request may
 * have reached it ({@link ChatCallException#lost()}).
 *
 * <p>This class stays longer than the others because failover is one state, kept in one place: the server in use,
 * the search under way, and what the listener was told change together under one lock ({@code moving}), and the
 * calls, the search and the arrival on a new server all read and write it. What does not touch that state lives
 * elsewhere: the session tokens ({@link HeldSessions}), setting up again on a new server ({@link Resettling}),
 * what a move did ({@link ServerMove}).
 */
final class ServerLocator implements AutoCloseable {
    /** The first pause between rounds of looking for another server; each next pause is twice as long. */
    static final Duration FIRST_PAUSE = Duration.ofMillis(100);
    /** The longest pause between rounds. */
    static final Duration LONGEST_PAUSE = Duration.ofSeconds(1);

    /** Sets up on a server the client moves to what the person had on the old one. */
    @FunctionalInterface
    interface Arrival {
        /**
         * Prepares {@code to}, calling it only through {@link ServerLocator#callAt}.
         *
         * @throws RpcTransportException {@code to} does not answer either: the next server is tried
         */
        ServerMove arrive(Endpoint from, Endpoint to);
    }

    private final AnyBinder binders;
    private final Duration timeout;
    private final Duration failoverTime;
    private final ConcurrentMap<Endpoint, RpcClient> clients = new ConcurrentHashMap<>();
    /** The session tokens calls carry. */
    private final HeldSessions sessions;
    /** Clients whose reply timeout is not the usual one (long polls), by address and timeout. */
    private final ConcurrentMap<Slow, RpcClient> slowClients = new ConcurrentHashMap<>();
    /** Held while the server is first looked up, and while a search starts or ends. */
    private final ReentrantLock moving = new ReentrantLock();
    private volatile Endpoint current;
    private volatile ServerMove lastMove; // guarded by moving for writes
    /** The search under way, or null; guarded by moving. */
    private Search search;
    /** The server in use stopped answering and none has answered since: the listener was told. Written under moving. */
    private volatile boolean serverLost;
    /** The listener was told no server was found, since the server in use was lost. Written under moving. */
    private volatile boolean notFoundTold;
    private volatile boolean closed;
    private volatile Arrival arrival = (from, to) -> new ServerMove(from, to, null, null, ServerMove.Outcome.KEPT);
    private volatile FailoverListener listener = move -> { };

    private record Slow(Endpoint at, Duration timeout) {
    }

    /**
     * @param binders      the Binders to look servers up in, any that answers
     * @param timeout      how long one call may take
     * @param failoverTime how long to look for another server once the one in use stops answering
     */
    ServerLocator(Binders binders, Duration timeout, Duration failoverTime, HeldSessions sessions) {
        this.binders = new AnyBinder(binders, timeout);
        this.timeout = timeout;
        this.failoverTime = Objects.requireNonNull(failoverTime, "failoverTime");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
    }

    void arriveWith(Arrival arrival) {
        this.arrival = Objects.requireNonNull(arrival, "arrival");
    }

    void listen(FailoverListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** The server in use; when there is none yet, where the Binder says {@code procedure} is served. */
    Endpoint locate(ChatProcedure<?, ?> procedure) {
        Endpoint known = current;
        if (known != null) {
            return known;
        }
        moving.lock();
        try {
            if (current == null) {
                current = candidates(procedure.name()).stream().findFirst().orElseThrow(() -> noServer(procedure.name()));
            }
            return current;
        } finally {
            moving.unlock();
        }
    }

    /** Calls {@code procedure}, repeating it on the next server if this one is gone, however long finding it takes. */
    <Q, A> A call(ChatProcedure<Q, A> procedure, Q request) {
        return call(timeout, true, null, procedure, request);
    }

    /**
     * Calls {@code procedure}, repeating it on the next server if this one is gone and one is found within
     * {@code patience} (null: however long it takes).
     */
    <Q, A> A call(ChatProcedure<Q, A> procedure, Q request, Duration patience) {
        return call(timeout, true, patience, procedure, request);
    }

    /**
     * Calls {@code procedure} once: when the server stops answering, moves to another without repeating it,
     * and throws {@link Reason#SERVER_CHANGED} (or {@link Reason#SEARCHING} after {@code patience}).
     */
    <Q, A> A callOnce(ChatProcedure<Q, A> procedure, Q request, Duration patience) {
        return call(timeout, false, patience, procedure, request);
    }

    /**
     * Calls {@code procedure} allowing {@code replyTimeout} for its answer; a long poll, whose answer takes as
     * long as the server waits, gets connections of its own so it does not hold up the other calls.
     *
     * @param repeatable whether the call may be made again on another server when the first may have had its
     *                   effect (its answer alone lost); when not, a move throws {@link Reason#SERVER_CHANGED}
     * @param patience   how long to wait for a search for another server before throwing {@link Reason#SEARCHING}
     *                   (the search goes on); null to wait until it ends
     * @throws ChatCallException the Binder cannot be reached or names no live server within the failover time,
     *                           the server refused (a fault) or answered something else than the procedure does,
     *                           the call was not repeated on the new server, or the search outlasted the patience
     */
    <Q, A> A call(Duration replyTimeout, boolean repeatable, Duration patience, ChatProcedure<Q, A> procedure,
                  Q request) {
        Object[] arguments = procedure.requestToWire(request);
        Endpoint at = locate(procedure);
        while (true) {
            Lost lost;
            CompletableFuture<ServerMove> moved;
            Search under = underWay(at);
            if (under == null) {
                try {
                    A answer = read(at, procedure, callAt(at, replyTimeout, procedure, arguments));
                    answered(at);
                    return answer;
                } catch (RpcTransportException failure) {
                    lost = new Lost(at, RpcException.innermostMessage(failure), failure.mayHaveArrived());
                    moved = startSearch(at, procedure.name(), failure);
                }
            } else {
                lost = new Lost(at, under.detail, false); // not made: the server is known gone
                moved = under.outcome;
            }
            ServerMove move = await(moved, patience, lost);
            if (!repeatable) {
                boolean cursorKept = move.from().equals(at) && move.keepsCursor();
                throw new ChatCallException(Reason.SERVER_CHANGED, at.toString(), lost.detail(), null, move,
                        cursorKept, lost);
            }
            at = move.to();
        }
    }

    /**
     * Calls {@code procedure} on {@code server} once, with no failover: for {@link Arrival}.
     *
     * @throws RpcTransportException the server did not answer
     * @throws ChatCallException     the server refused ({@link Reason#SERVER_REFUSED}) or answered something else
     *                               than the procedure does ({@link Reason#BAD_ANSWER})
     */
    <Q, A> A callAt(Endpoint server, ChatProcedure<Q, A> procedure, Q request) {
        return read(server, procedure, callAt(server, timeout, procedure, procedure.requestToWire(request)));
    }

    /**
     * Whether the server in use serves {@code procedure} too, asked of the Binder now: how a server tells it
     * offers an optional procedure. False when the Binder cannot tell.
     */
    boolean offersHere(ChatProcedure<?, ?> procedure) {
        Endpoint here = current;
        try {
            return here != null && binders.lookupAll(procedure.name()).contains(here);
        } catch (RpcTransportException | IllegalArgumentException e) {
            return false;
        }
    }

    /** Whether the server in use stopped answering and no server has answered since. */
    boolean serverLost() {
        return serverLost;
    }

    /**
     * Stops looking for other servers: a search under way ends without a word, and from now on a call whose server
     * does not answer fails at once, and the listener is told nothing more.
     */
    @Override
    public void close() {
        Search stopped;
        moving.lock();
        try {
            closed = true;
            stopped = search;
        } finally {
            moving.unlock();
        }
        if (stopped != null) {
            stopped.thread.interrupt();
        }
    }

    /** The search leaving {@code at} when one is under way, else null. */
    private Search underWay(Endpoint at) {
        moving.lock();
        try {
            return search != null && search.failed.equals(at) ? search : null;
        } finally {
            moving.unlock();
        }
    }

    /**
     * Starts looking for another server after {@code failed} stopped answering {@code procedure}, or joins the search
     * another thread started; when another thread has moved meanwhile, that move.
     */
    private CompletableFuture<ServerMove> startSearch(Endpoint failed, String procedure, RpcTransportException failure) {
        Search started;
        boolean tell;
        moving.lock();
        try {
            if (!failed.equals(current)) {
                return CompletableFuture.completedFuture(Objects.requireNonNull(lastMove, "a move away from " + failed));
            }
            if (search != null) {
                return search.outcome;
            }
            if (closed) {
                serverLost = true;
                return CompletableFuture.failedFuture(unreachable(failed, failure));
            }
            tell = !serverLost;
            serverLost = true;
            started = new Search(failed, procedure, failure);
            search = started;
        } finally {
            moving.unlock();
        }
        if (tell) {
            listener.searching(failed, started.detail, failoverTime);
        }
        started.thread.start();
        return started.outcome;
    }

    /** A call to {@code at} was answered: when it is the server in use, it is not lost (any more). */
    private void answered(Endpoint at) {
        if (serverLost && at.equals(current)) {
            moving.lock();
            try {
                if (at.equals(current) && search == null) {
                    serverLost = false;
                    notFoundTold = false;
                }
            } finally {
                moving.unlock();
            }
        }
    }

    /**
     * Waits for {@code search} at most {@code patience} (null: until it ends).
     *
     * @throws ChatCallException {@link Reason#SEARCHING} when it goes on longer (or the wait is interrupted); what
     *                           the search found wrong when it found no server; both about the call {@code lost}
     */
    private static ServerMove await(CompletableFuture<ServerMove> search, Duration patience, Lost lost) {
        try {
            return patience == null ? search.get() : search.get(patience.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException stillLooking) {
            throw searching(lost);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw searching(lost);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ChatCallException notFound) {
                throw notFound.of(lost);
            }
            throw new IllegalStateException("looking for another server failed", e.getCause());
        }
    }

    private static ChatCallException searching(Lost lost) {
        return new ChatCallException(Reason.SEARCHING, lost.server().toString(), lost.detail(), null, null, false, lost);
    }

    private static ChatCallException unreachable(Endpoint failed, RpcTransportException failure) {
        return new ChatCallException(Reason.SERVER_UNREACHABLE, failed.toString(), RpcException.innermostMessage(failure), failure);
    }

    /** One look for another server after the one in use stopped answering, on a thread of its own. */
    private final class Search implements Runnable {
        final Endpoint failed;
        final String procedure;
        final RpcTransportException failure;
        final String detail;
        final long deadline;
        final CompletableFuture<ServerMove> outcome = new CompletableFuture<>();
        final Thread thread;

        Search(Endpoint failed, String procedure, RpcTransportException failure) {
            this.failed = failed;
            this.procedure = procedure;
            this.failure = failure;
            this.detail = RpcException.innermostMessage(failure);
            this.deadline = System.nanoTime() + failoverTime.toNanos();
            this.thread = new Thread(this, "client-failover");
            thread.setDaemon(true);
        }

        @Override
        public void run() {
            ServerMove move = null;
            ChatCallException notFound;
            try {
                move = findFrom(failed, procedure, failure, deadline);
                notFound = null;
            } catch (ChatCallException e) {
                notFound = e;
            } catch (RuntimeException e) {
                notFound = new ChatCallException(Reason.BAD_ANSWER, failed.toString(), String.valueOf(e), e);
            }
            boolean tell;
            moving.lock();
            try {
                search = null;
                if (move != null) {
                    current = move.to();
                    lastMove = move;
                    serverLost = false;
                    notFoundTold = false;
                    tell = !closed;
                } else {
                    tell = !closed && !notFoundTold;
                    notFoundTold = true;
                }
            } finally {
                moving.unlock();
            }
            if (move != null) {
                if (tell) {
                    listener.moved(move);
                }
                outcome.complete(move);
            } else {
                if (tell) {
                    listener.notFound(failed, notFound);
                }
                outcome.completeExceptionally(notFound);
            }
        }
    }

    /**
     * Finds another server after {@code failed} stopped answering {@code procedure} and sets the person up there;
     * runs on the search's thread, until {@code deadline} or until closed (interrupted).
     */
    private ServerMove findFrom(Endpoint failed, String procedure, RpcTransportException failure, long deadline) {
        Set<Endpoint> tried = new HashSet<>();
        tried.add(failed);
        long pause = FIRST_PAUSE.toNanos();
        ChatCallException lookUpFailure = null;
        while (true) {
            List<Endpoint> found;
            try {
                found = candidates(procedure);
                lookUpFailure = null;
            } catch (ChatCallException e) {
                found = List.of();
                lookUpFailure = e;
            }
            for (Endpoint candidate : found) {
                if (!closed && tried.add(candidate)) {
                    try {
                        return arrival.arrive(failed, candidate);
                    } catch (RpcTransportException alsoGone) {
                        failure.addSuppressed(alsoGone);
                    }
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || closed || !pause(Math.min(pause, left))) {
                throw lookUpFailure != null ? lookUpFailure : unreachable(failed, failure);
            }
            pause = Math.min(pause * 2, LONGEST_PAUSE.toNanos());
            // After a pause every server the Binder names gets another chance: the one that failed may be
            // back (restarted at the same address), and one that failed during arrival may have recovered.
            tried.clear();
        }
    }

    /** Waits {@code nanos} before the next round. False when interrupted (the client was closed). */
    private static boolean pause(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Every live server the Binder names for {@code procedure} ({@code lookup_endpoints}), the one it picks for
     * this lookup first; a Binder without that extension (a Python one) names its one.
     */
    private List<Endpoint> candidates(String procedure) {
        try {
            return new ArrayList<>(binders.lookupAll(procedure));
        } catch (RpcTransportException e) {
            throw new ChatCallException(Reason.BINDER_UNREACHABLE, binders.binders().toString(),
                    RpcException.innermostMessage(e), e);
        } catch (IllegalArgumentException e) {
            throw new ChatCallException(Reason.BAD_ANSWER, binders.binders().toString(), e.getMessage(), e);
        }
    }

    private ChatCallException noServer(String procedure) {
        return new ChatCallException(Reason.NO_SERVER, binders.binders().toString(), procedure, null);
    }

    private Object callAt(Endpoint server, Duration replyTimeout, ChatProcedure<?, ?> procedure, Object[] arguments) {
        try {
            RpcClient client = replyTimeout.equals(timeout)
                    ? clients.computeIfAbsent(server, at -> new RpcClient(at, timeout))
                    : slowClients.computeIfAbsent(new Slow(server, replyTimeout),
                            slow -> new RpcClient(slow.at(), slow.timeout()));
            return client.call(sessions.headersFor(server, procedure, arguments), procedure.name(), arguments);
        } catch (RpcFault fault) {
            throw new ChatCallException(Reason.SERVER_REFUSED, server.toString(), fault.faultString(), fault);
        }
    }

    /** What {@code server} answered, read as {@code procedure}'s answer. */
    private static <A> A read(Endpoint server, ChatProcedure<?, A> procedure, Object answer) {
        try {
            return procedure.answerFromWire(answer);
        } catch (IllegalArgumentException e) {
            throw new ChatCallException(Reason.BAD_ANSWER, server.toString(), procedure.name() + ": " + e.getMessage(), e);
        }
    }

    /** The server in use, if one has been looked up. */
    Optional<Endpoint> current() {
        return Optional.ofNullable(current);
    }
}
