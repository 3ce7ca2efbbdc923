package chat.client;

import chat.client.ChatCallException.Reason;
import chat.common.Message;
import chat.common.MessageBatch;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The live messages of one joined room: hands over the recent ones at once, then, on its own thread until
 * closed, either asks for newer ones every poll interval or, when the server offers a long poll
 * ({@code wait_messages}), keeps one wait outstanding and hands each message over the moment it arrives.
 * Each message is handed over once and in order: the cursor is the server's timestamp of the newest message
 * seen, never this machine's clock, and a message not newer than it is never handed over again (a refresh
 * and a long poll may both answer it).
 *
 * <p>When the client moves to another server mid-wait ({@link Reason#SERVER_CHANGED}), the feed waits there at
 * once from where it was: the long poll's sequence cursor when the new server shares the chat, else the
 * timestamp of the newest message seen, so nothing is lost or handed over twice.
 */
public final class RoomFeed implements AutoCloseable {

    /** Fetches the room's messages stamped after a server timestamp, oldest first. */
    @FunctionalInterface
    public interface Source {
        /**
         * Fetches the messages the viewer may see stamped after {@code timestamp}.
         *
         * @param timestamp a server timestamp, seconds since the Unix epoch
         * @return the messages, oldest first
         * @throws ChatCallException when the server gives no usable answer
         */
        List<Message> newerThan(double timestamp);
    }

    /** The server's long poll for one room and viewer ({@code wait_messages}). */
    @FunctionalInterface
    public interface Waiter {
        /**
         * Blocks until the room has messages the viewer may see after {@code cursor}, or until the server's
         * wait ends (then with none).
         *
         * @param cursor a {@link Long} a previous {@link MessageBatch} answered, or a {@link Double} server
         *               timestamp: messages stamped after it
         * @throws ChatCallException a fault coded {@link #NOT_A_MEMBER} when the room is gone or the viewer is
         *                           not in it
         * @return the messages that arrived, possibly none, and the cursor to wait from next
         */
        MessageBatch after(Number cursor);
    }

    /** The fault code of a long poll on a room the viewer is not in (or that does not exist). */
    public static final int NOT_A_MEMBER = -32602;

    /**
     * A long poll that answers with no message sooner than this did not wait: the next one waits a poll
     * interval first, so a server that answers at once cannot make the feed spin.
     */
    static final Duration SHORTEST_WAIT = Duration.ofMillis(500);

    /** Where the feed reports; called one call at a time, never after {@link #close()} has returned. */
    public interface Listener {
        /**
         * A message the viewer has not been shown yet.
         *
         * @param message the message
         */
        void message(Message message);

        /**
         * Fetching failed; said once, until a fetch succeeds again.
         *
         * @param failure why fetching failed
         */
        void unavailable(ChatCallException failure);

        /** A fetch succeeded after {@link #unavailable}. */
        void recovered();
    }

    private final String viewer;
    private final Source source;
    private final Listener listener;
    private final ScheduledExecutorService poller;
    private final Object lock = new Object();
    private double cursor; // guarded by lock
    private boolean failing; // guarded by lock
    private boolean closed; // guarded by lock

    private RoomFeed(String room, String viewer, Source source, Listener listener) {
        this.viewer = viewer;
        this.source = source;
        this.listener = listener;
        this.poller = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "room-feed-" + room);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Hands {@code recent} to the listener on the caller's thread, then polls every {@code every}.
     *
     * @param room     the room's name
     * @param source   what fetches the room's messages
     * @param every    how often to poll
     * @param listener told each message and each failure
     * @param viewer whose messages these are: unicasts between others are never handed over, even
     *               from a server that leaks them
     * @param recent what joining answered, oldest first
     * @return the running feed, to close when leaving the room
     */
    public static RoomFeed start(String room, String viewer, List<Message> recent, Source source, Duration every,
                                 Listener listener) {
        return start(room, viewer, recent, source, null, every, listener);
    }

    /**
     * Hands {@code recent} to the listener on the caller's thread, then long-polls with {@code waiter}, or
     * polls {@code source} every {@code every} when there is no waiter.
     *
     * <p>With a waiter, {@code source} still serves {@link #refresh()}, and while the server cannot be
     * reached the feed polls it every {@code every} until it answers, then waits again from the newest
     * timestamp seen. A wait refused as {@link #NOT_A_MEMBER} ends the feed's fetching on its own (the room
     * is gone); any other refusal means the server does not wait after all, and the feed polls instead.
     *
     * @param room     the room's name
     * @param viewer   whose messages these are
     * @param recent   what joining answered, oldest first
     * @param source   what fetches the room's messages
     * @param every    how often to poll
     * @param listener told each message and each failure
     * @param waiter the server's long poll for this room and viewer, or null to poll
     * @return the running feed, to close when leaving the room
     */
    public static RoomFeed start(String room, String viewer, List<Message> recent, Source source, Waiter waiter,
                                 Duration every, Listener listener) {
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(every, "every");
        RoomFeed feed = new RoomFeed(room, viewer, Objects.requireNonNull(source, "source"), listener);
        feed.deliver(recent);
        if (waiter == null) {
            feed.poll(every);
        } else {
            feed.poller.execute(() -> feed.longPoll(waiter, every));
        }
        return feed;
    }

    /** Fetches now, on the caller's thread (after the person sends, so their message shows before the next prompt). */
    public void refresh() {
        fetch();
    }

    private void poll(Duration every) {
        long millis = every.toMillis();
        try {
            poller.scheduleWithFixedDelay(this::fetch, millis, millis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closedMeanwhile) {
            // close() has shut the poller down: nothing more to fetch.
        }
    }

    /**
     * Keeps one wait outstanding until closed. Runs on the poller's thread; close() interrupts it, and a wait
     * in flight, which an interrupt may not end, is abandoned: its answer is dropped, and the server ends it
     * at its timeout.
     */
    private void longPoll(Waiter waiter, Duration every) {
        Number from = null; // null: from the timestamp cursor
        while (true) {
            Number after;
            synchronized (lock) {
                if (closed) {
                    return;
                }
                after = from != null ? from : Double.valueOf(cursor);
            }
            long started = System.nanoTime();
            MessageBatch batch;
            try {
                batch = Objects.requireNonNull(waiter.after(after), "the wait's answer");
            } catch (ChatCallException e) {
                if (e.isRefusal()) {
                    if (e.faultCode() != NOT_A_MEMBER) {
                        poll(every); // the server does not wait (no longer): poll as for a server that never did
                    }
                    return;
                }
                if (e.reason() == Reason.SERVER_CHANGED) {
                    // Moved to another server, which has the person in the room again: wait there at once, from
                    // the same sequence cursor when it means the same there (one chat), else from the timestamp.
                    from = e.cursorKept() && after instanceof Long ? after : null;
                    continue;
                }
                fail(e);
                from = null;
                if (!pollUntilAnswered(every)) {
                    return;
                }
                continue;
            } catch (RuntimeException e) {
                fail(new ChatCallException(Reason.BAD_ANSWER, "?", String.valueOf(e), e));
                from = null;
                if (!pollUntilAnswered(every)) {
                    return;
                }
                continue;
            }
            deliver(batch.messages());
            from = batch.cursor();
            boolean waited = System.nanoTime() - started >= SHORTEST_WAIT.toNanos();
            if (batch.messages().isEmpty() && !waited && !pause(every)) {
                return;
            }
        }
    }

    /** After a failed wait: fetches every {@code every} until the server answers; false once closed. */
    private boolean pollUntilAnswered(Duration every) {
        do {
            if (!pause(every)) {
                return false;
            }
        } while (!fetch());
        return true;
    }

    /** Sleeps {@code every}; false when closed meanwhile. */
    private boolean pause(Duration every) {
        try {
            Thread.sleep(every.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        synchronized (lock) {
            return !closed;
        }
    }

    /** {@return the server timestamp of the newest message seen; new messages are those stamped after it} */
    public double cursor() {
        synchronized (lock) {
            return cursor;
        }
    }

    /**
     * Stops polling. Nothing is handed over once this returns; a fetch in flight ends silently. Does not wait
     * for a long poll in flight: it is abandoned (its thread is a daemon, and ends when the server answers).
     */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
        }
        poller.shutdownNow();
    }

    /** Whether the polling thread has ended: closed, and no fetch in flight. */
    boolean isStopped() {
        return poller.isTerminated();
    }

    /** @return whether the server answered (or the feed is closed: nothing more to try) */
    private boolean fetch() {
        double after;
        synchronized (lock) {
            if (closed) {
                return true;
            }
            after = cursor;
        }
        List<Message> fresh;
        try {
            fresh = source.newerThan(after);
        } catch (ChatCallException e) {
            fail(e);
            return false;
        } catch (RuntimeException e) {
            // An exception escaping a scheduled task would end polling for good, without a word.
            fail(new ChatCallException(Reason.BAD_ANSWER, "?", String.valueOf(e), e));
            return false;
        }
        deliver(fresh);
        return true;
    }

    private void fail(ChatCallException failure) {
        synchronized (lock) {
            if (!closed && !failing) {
                failing = true;
                listener.unavailable(failure);
            }
        }
    }

    private void deliver(List<Message> messages) {
        List<Message> ordered = messages.stream().sorted(Comparator.comparingDouble(Message::timestamp)).toList();
        synchronized (lock) {
            if (closed) {
                return;
            }
            if (failing) {
                failing = false;
                listener.recovered();
            }
            for (Message message : ordered) {
                if (message.timestamp() > cursor) {
                    cursor = message.timestamp();
                    if (message.isVisibleTo(viewer)) {
                        listener.message(message);
                    }
                }
            }
        }
    }
}
