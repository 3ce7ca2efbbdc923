package chat.client;

import chat.client.ChatCallException.Reason;
import chat.common.BinderClient;
import chat.common.Endpoint;
import chat.common.catalogue.ChatProcedure;
import chat.common.rpc.RpcClient;
import chat.common.rpc.RpcFault;
import chat.common.rpc.RpcTransportException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Calls chat procedures on one server the Binder names, and moves to another when it stops answering.
 * The first call looks its procedure up; every later call goes to the same server, so a person's name,
 * room and cursor stay on one server while it lives. Thread-safe.
 *
 * <p>A call that fails for transport reasons (refused, reset, timed out; never a fault) makes the client
 * look a server up again: every live one the Binder names for that procedure, those not just seen failing
 * first, pausing a little longer each round while the Binder still names only dead ones, for at most the
 * failover time. On the server it finds, {@link Arrival} sets up again what the person had (name, room)
 * before any other call goes there, and the move is reported once. Calls made meanwhile on other threads
 * wait for that move and follow it. A call that may be repeated without effect (reads, joins) is then
 * repeated on the new server; one that may not (a send, a long poll) is not, and throws
 * {@link Reason#SERVER_CHANGED}: a message is never sent twice by the client, but may have been lost.
 */
final class ServerLocator {
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

    private final BinderClient binder;
    private final Duration timeout;
    private final Duration failoverTime;
    private final ConcurrentMap<Endpoint, RpcClient> clients = new ConcurrentHashMap<>();
    /** The session tokens calls carry. */
    private final HeldSessions sessions;
    /** Clients whose reply timeout is not the usual one (long polls), by address and timeout. */
    private final ConcurrentMap<Slow, RpcClient> slowClients = new ConcurrentHashMap<>();
    /** Held while the server is looked up or a move is under way: one mover at a time, the others follow. */
    private final ReentrantLock moving = new ReentrantLock();
    private volatile Endpoint current;
    private volatile ServerMove lastMove; // guarded by moving for writes
    private volatile Arrival arrival = (from, to) -> new ServerMove(from, to, null, null, ServerMove.Outcome.KEPT);
    private volatile MoveListener listener = move -> { };

    /** Told of each move, on the thread whose call found the server gone. */
    @FunctionalInterface
    interface MoveListener {
        void moved(ServerMove move);
    }

    private record Slow(Endpoint at, Duration timeout) {
    }

    /**
     * @param timeout      how long one call may take
     * @param failoverTime how long to look for another server once the one in use stops answering
     */
    ServerLocator(Endpoint binder, Duration timeout, Duration failoverTime, HeldSessions sessions) {
        this.binder = new BinderClient(binder, timeout);
        this.timeout = timeout;
        this.failoverTime = Objects.requireNonNull(failoverTime, "failoverTime");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
    }

    void arriveWith(Arrival arrival) {
        this.arrival = Objects.requireNonNull(arrival, "arrival");
    }

    void onMove(MoveListener listener) {
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

    /** Calls {@code procedure}, repeating it on the next server if this one is gone. */
    <Q, A> A call(ChatProcedure<Q, A> procedure, Q request) {
        return call(timeout, true, procedure, request);
    }

    /**
     * Calls {@code procedure} once: when the server stops answering, moves to another without repeating it,
     * and throws {@link Reason#SERVER_CHANGED}.
     */
    <Q, A> A callOnce(ChatProcedure<Q, A> procedure, Q request) {
        return call(timeout, false, procedure, request);
    }

    /**
     * Calls {@code procedure} allowing {@code replyTimeout} for its answer; a long poll, whose answer takes as
     * long as the server waits, gets connections of its own so it does not hold up the other calls.
     *
     * @param repeatable whether the call may be made again on another server when the first may have had its
     *                   effect (its answer alone lost); when not, a move throws {@link Reason#SERVER_CHANGED}
     * @throws ChatCallException the Binder cannot be reached or names no live server within the failover time,
     *                           the server refused (a fault) or answered something else than the procedure does,
     *                           or the call was not repeated on the new server
     */
    <Q, A> A call(Duration replyTimeout, boolean repeatable, ChatProcedure<Q, A> procedure, Q request) {
        Object[] arguments = procedure.requestToWire(request);
        Endpoint at = locate(procedure);
        long deadline = 0;
        while (true) {
            try {
                return read(at, procedure, callAt(at, replyTimeout, procedure, arguments));
            } catch (RpcTransportException failure) {
                if (deadline == 0) {
                    deadline = System.nanoTime() + failoverTime.toNanos();
                }
                ServerMove move = moveFrom(at, procedure.name(), failure, deadline);
                if (!repeatable) {
                    boolean cursorKept = move.from().equals(at) && move.keepsCursor();
                    throw new ChatCallException(Reason.SERVER_CHANGED, at.toString(), rootMessage(failure), failure,
                            move, cursorKept);
                }
                at = move.to();
            }
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
            return here != null && binder.lookupAll(procedure.name()).contains(here);
        } catch (RpcTransportException | RpcFault | IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Finds another server after {@code failed} stopped answering {@code procedure}, sets the person up there
     * and makes it the server in use; when another thread has moved meanwhile, follows that move.
     */
    private ServerMove moveFrom(Endpoint failed, String procedure, RpcTransportException failure, long deadline) {
        moving.lock();
        try {
            Endpoint now = current;
            if (now != null && !now.equals(failed)) {
                return Objects.requireNonNull(lastMove, "a move away from the failed server"); // moved meanwhile
            }
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
                    if (tried.add(candidate)) {
                        try {
                            ServerMove move = arrival.arrive(failed, candidate);
                            current = candidate;
                            lastMove = move;
                            listener.moved(move);
                            return move;
                        } catch (RpcTransportException alsoGone) {
                            failure.addSuppressed(alsoGone);
                        }
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || !pause(Math.min(pause, left))) {
                    throw lookUpFailure != null ? lookUpFailure
                            : new ChatCallException(Reason.SERVER_UNREACHABLE, failed.toString(), rootMessage(failure),
                                    failure);
                }
                pause = Math.min(pause * 2, LONGEST_PAUSE.toNanos());
                // After a pause every server the Binder names gets another chance: the one that failed may be
                // back (restarted at the same address), and one that failed during arrival may have recovered.
                tried.clear();
            }
        } finally {
            moving.unlock();
        }
    }

    /**
     * Waits {@code nanos} before the next round, still holding the move: calls on other threads wait for it
     * rather than start moves of their own. False when interrupted (a closed room feed).
     */
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
            return new ArrayList<>(binder.lookupAll(procedure));
        } catch (RpcTransportException e) {
            throw new ChatCallException(Reason.BINDER_UNREACHABLE, binder.binder().toString(), rootMessage(e), e);
        } catch (RpcFault | IllegalArgumentException e) {
            throw new ChatCallException(Reason.BAD_ANSWER, binder.binder().toString(), e.getMessage(), e);
        }
    }

    private ChatCallException noServer(String procedure) {
        return new ChatCallException(Reason.NO_SERVER, binder.binder().toString(), procedure, null);
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

    /** The innermost cause's message: "Connection refused" says more to a person than the library's wrapping. */
    static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }

    /** The server in use, if one has been looked up. */
    Optional<Endpoint> current() {
        return Optional.ofNullable(current);
    }
}
