package chat.client;

import chat.client.ChatCallException.Reason;
import chat.common.Message;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The live messages of one joined room: hands over the recent ones at once, then asks for newer ones on
 * its own thread every poll interval until closed. Each message is handed over once and in order: the
 * cursor is the server's timestamp of the newest message seen, never this machine's clock.
 */
public final class RoomFeed implements AutoCloseable {

    /** Fetches the room's messages stamped after a server timestamp, oldest first. */
    @FunctionalInterface
    public interface Source {
        List<Message> newerThan(double timestamp);
    }

    /** Where the feed reports; called one call at a time, never after {@link #close()} has returned. */
    public interface Listener {
        /** A message the viewer has not been shown yet. */
        void message(Message message);

        /** Fetching failed; said once, until a fetch succeeds again. */
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
     * @param viewer whose messages these are: unicasts between others are never handed over, even
     *               from a server that leaks them
     * @param recent what joining answered, oldest first
     */
    public static RoomFeed start(String room, String viewer, List<Message> recent, Source source, Duration every,
                                 Listener listener) {
        Objects.requireNonNull(listener, "listener");
        RoomFeed feed = new RoomFeed(room, viewer, Objects.requireNonNull(source, "source"), listener);
        feed.deliver(recent);
        long millis = every.toMillis();
        feed.poller.scheduleWithFixedDelay(feed::fetch, millis, millis, TimeUnit.MILLISECONDS);
        return feed;
    }

    /** Fetches now, on the caller's thread (after the person sends, so their message shows before the next prompt). */
    public void refresh() {
        fetch();
    }

    /** The server timestamp of the newest message seen; new messages are those stamped after it. */
    public double cursor() {
        synchronized (lock) {
            return cursor;
        }
    }

    /** Stops polling. Nothing is handed over once this returns; a fetch in flight ends silently. */
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

    private void fetch() {
        double after;
        synchronized (lock) {
            if (closed) {
                return;
            }
            after = cursor;
        }
        List<Message> fresh;
        try {
            fresh = source.newerThan(after);
        } catch (ChatCallException e) {
            fail(e);
            return;
        } catch (RuntimeException e) {
            // An exception escaping a scheduled task would end polling for good, without a word.
            fail(new ChatCallException(Reason.BAD_ANSWER, "?", String.valueOf(e), e));
            return;
        }
        deliver(fresh);
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
