package chat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.client.ChatCallException.Reason;
import chat.common.Endpoint;
import chat.common.Message;
import chat.common.MessageBatch;
import chat.common.rpc.RpcFault;
import chat.common.testing.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The feed of one room, against a fake server: once, in order, from the server's timestamps, until closed. */
class RoomFeedTest {
    private static final Duration FAST = Duration.ofMillis(50);
    private static final Duration NEVER_BY_ITSELF = Duration.ofHours(1);

    private final Recorder shown = new Recorder();
    private final List<RoomFeed> feeds = new ArrayList<>();

    @AfterEach
    void closeFeeds() {
        feeds.forEach(RoomFeed::close);
    }

    private RoomFeed start(List<Message> recent, RoomFeed.Source source, Duration every) {
        RoomFeed feed = RoomFeed.start("sala", "ana", recent, source, every, shown);
        feeds.add(feed);
        return feed;
    }

    @Test
    void handsOverTheRecentMessagesAtOnceAndStartsFromTheNewestServerTimestamp() {
        // Stamped long ago by the server's clock: a cursor from this machine's clock would skip what follows.
        List<Message> recent = List.of(Message.notice("ana entrou na sala.", 100.0),
                Message.broadcast("bob", "oi", 101.5));
        Server server = new Server();
        RoomFeed feed = start(recent, server, NEVER_BY_ITSELF);

        assertEquals(recent, shown.messages());
        assertEquals(101.5, feed.cursor());
        server.add(Message.broadcast("bob", "depois", 102.0));
        feed.refresh();
        assertEquals(List.of(101.5), server.askedAfter());
        assertEquals("depois", shown.messages().get(2).content());
    }

    @Test
    void pollsOnItsOwnAndHandsOverEachNewMessageOnceInOrder() {
        Server server = new Server();
        start(List.of(), server, FAST);

        server.add(Message.broadcast("bob", "um", 1.0), Message.broadcast("bob", "dois", 2.0));
        Await.until("two messages", () -> shown.messages().size() == 2);
        server.add(Message.broadcast("bob", "três", 3.0));
        Await.until("three messages", () -> shown.messages().size() == 3);

        assertEquals(List.of("um", "dois", "três"), shown.messages().stream().map(Message::content).toList());
        assertEquals(0.0, server.askedAfter().get(0), "an empty room starts from the beginning of time");
        assertTrue(server.askedAfter().contains(2.0));
    }

    @Test
    void aMessageAnsweredTwiceIsHandedOverOnce() {
        // A server that ignores the cursor (or two fetches that cross) answers the same messages again.
        Message one = Message.broadcast("bob", "um", 1.0);
        Message two = Message.broadcast("bob", "dois", 2.0);
        RoomFeed feed = start(List.of(one), after -> List.of(one, two), NEVER_BY_ITSELF);

        feed.refresh();
        feed.refresh();

        assertEquals(List.of(one, two), shown.messages());
    }

    @Test
    void privateMessagesBetweenOthersAreNeverHandedOver() {
        // The original server leaks them in join_room's history.
        Message leaked = Message.unicast("bob", "cid", "segredo", 1.0);
        Message mine = Message.unicast("bob", "ana", "para ana", 2.0);
        Message sent = Message.unicast("ana", "bob", "de ana", 3.0);

        start(List.of(leaked, mine, sent), after -> List.of(), NEVER_BY_ITSELF);

        assertEquals(List.of(mine, sent), shown.messages());
    }

    @Test
    void closingStopsPollingAndNothingIsHandedOverAfterwards() {
        Server server = new Server();
        RoomFeed feed = start(List.of(), server, FAST);
        Await.until("a poll", () -> !server.askedAfter().isEmpty());

        feed.close();
        Await.until("the polling thread to end", feed::isStopped);
        int polls = server.askedAfter().size();
        server.add(Message.broadcast("bob", "tarde demais", 5.0));
        feed.refresh();

        assertEquals(polls, server.askedAfter().size(), "no fetch after close");
        assertEquals(List.of(), shown.messages());
    }

    @Test
    void aFailingServerIsReportedOnceAndItsReturnToo() {
        AtomicInteger calls = new AtomicInteger();
        ChatCallException down = new ChatCallException(Reason.SERVER_UNREACHABLE, "localhost:1",
                "Connection refused", null);
        RoomFeed feed = start(List.of(), after -> {
            if (calls.incrementAndGet() <= 3) {
                throw down;
            }
            return List.of(Message.broadcast("bob", "voltei", 1.0));
        }, NEVER_BY_ITSELF);

        for (int i = 0; i < 4; i++) {
            feed.refresh();
        }

        assertEquals(List.of("unavailable localhost:1", "recovered", "message voltei"), shown.events());
    }

    @Test
    void anUnexpectedErrorDoesNotEndPolling() {
        AtomicInteger calls = new AtomicInteger();
        start(List.of(), after -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("bug");
            }
            return List.of(Message.broadcast("bob", "ainda aqui", 1.0));
        }, FAST);

        Await.until("polling to go on", () -> shown.messages().size() == 1);
        assertEquals("unavailable ?", shown.events().get(0));
    }

    private RoomFeed startWaiting(List<Message> recent, WaitingServer server, Duration every) {
        RoomFeed feed = RoomFeed.start("sala", "ana", recent, server, server, every, shown);
        feeds.add(feed);
        return feed;
    }

    private static ChatCallException fault(int code) {
        return new ChatCallException(Reason.SERVER_REFUSED, "localhost:1", "no",
                new RpcFault("wait_messages", code, "no"));
    }

    @Test
    void aLongPollHandsOverEachMessageTheMomentItArrivesWithoutPolling() {
        WaitingServer server = new WaitingServer();
        server.add(Message.notice("ana entrou na sala.", 100.0));
        RoomFeed feed = startWaiting(List.of(Message.notice("ana entrou na sala.", 100.0)), server, NEVER_BY_ITSELF);
        Await.until("the first wait", () -> server.waits().size() == 1);

        server.add(Message.broadcast("bob", "um", 101.0));
        Await.until("the first message", () -> shown.messages().size() == 2);
        server.add(Message.broadcast("bob", "dois", 102.0), Message.unicast("bob", "cid", "segredo", 103.0));
        server.add(Message.broadcast("bob", "três", 104.0));
        Await.until("the third message", () -> shown.messages().size() == 4);

        assertEquals(List.of("ana entrou na sala.", "um", "dois", "três"),
                shown.messages().stream().map(Message::content).toList());
        assertEquals(104.0, feed.cursor());
        assertEquals(100.0, server.waits().get(0), "the first wait is from the newest timestamp joining answered");
        assertEquals(2L, server.waits().get(1), "then from the sequence number the server answered");
        assertTrue(server.waits().subList(1, server.waits().size()).stream().allMatch(Long.class::isInstance));
        assertEquals(List.of(), server.askedAfter(), "never polled");
    }

    @Test
    void aMessageARefreshShowedIsNotShownAgainWhenTheWaitAnswersIt() {
        WaitingServer server = new WaitingServer();
        RoomFeed feed = startWaiting(List.of(), server, NEVER_BY_ITSELF);
        Await.until("the first wait", () -> server.waits().size() == 1);
        server.holdAnswers();

        server.add(Message.broadcast("ana", "minha", 1.0));
        feed.refresh(); // what a session does after sending: shown before the next prompt
        assertEquals(List.of("minha"), shown.messages().stream().map(Message::content).toList());
        server.releaseAnswers();
        Await.until("the wait after the message", () -> server.waits().contains(1L));
        server.add(Message.broadcast("bob", "depois", 2.0));
        Await.until("bob's message", () -> shown.messages().size() == 2);

        assertEquals(List.of("minha", "depois"), shown.messages().stream().map(Message::content).toList());
    }

    @Test
    void closingDoesNotWaitForTheWaitInFlightAndItsAnswerIsDropped() throws InterruptedException {
        CountDownLatch answer = new CountDownLatch(1);
        List<Number> waits = new CopyOnWriteArrayList<>();
        RoomFeed.Waiter deaf = cursor -> {
            waits.add(cursor);
            boolean interrupted = false;
            while (true) { // like a blocking socket read: an interrupt does not end it
                try {
                    answer.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return new MessageBatch(1, List.of(Message.broadcast("bob", "tarde demais", 1.0)));
        };
        RoomFeed feed = RoomFeed.start("sala", "ana", List.of(), after -> List.of(), deaf, NEVER_BY_ITSELF, shown);
        feeds.add(feed);
        Await.until("the wait", () -> waits.size() == 1);

        feed.close(); // returns although the wait goes on
        answer.countDown();
        Await.until("the abandoned wait to end", feed::isStopped);

        assertEquals(List.of(), shown.events());
        assertEquals(1, waits.size(), "no wait after close");
    }

    @Test
    void aRoomTheViewerIsNotInEndsTheLongPollWithoutAWord() {
        List<Number> waits = new CopyOnWriteArrayList<>();
        Server polled = new Server();
        RoomFeed feed = RoomFeed.start("sala", "ana", List.of(), polled, cursor -> {
            waits.add(cursor);
            throw fault(RoomFeed.NOT_A_MEMBER);
        }, FAST, shown);
        feeds.add(feed);
        Await.until("the refused wait", () -> waits.size() == 1);

        feed.close();
        Await.until("the feed to end", feed::isStopped);

        assertEquals(1, waits.size(), "not asked again");
        assertEquals(List.of(), polled.askedAfter(), "nor polled");
        assertEquals(List.of(), shown.events());
    }

    @Test
    void aServerThatRefusesToWaitIsPolledInstead() {
        Server polled = new Server();
        List<Number> waits = new CopyOnWriteArrayList<>();
        startFallback(polled, waits);

        polled.add(Message.broadcast("bob", "por polling", 1.0));
        Await.until("the polled message", () -> shown.messages().size() == 1);
        assertEquals(1, waits.size());
        assertEquals(List.of(), shown.events().stream().filter(e -> !e.startsWith("message")).toList());
    }

    private void startFallback(Server polled, List<Number> waits) {
        RoomFeed feed = RoomFeed.start("sala", "ana", List.of(), polled, cursor -> {
            waits.add(cursor);
            throw fault(-32601); // no such method: the Binder named a server that does not wait
        }, FAST, shown);
        feeds.add(feed);
    }

    @Test
    void anOutageOfTheLongPollIsReportedOnceAndItsEndOnceThenWaitsGoOnFromTheTimestamp() {
        WaitingServer server = new WaitingServer();
        server.add(Message.broadcast("bob", "antes", 1.0));
        AtomicInteger failuresLeft = new AtomicInteger(3);
        ChatCallException down = new ChatCallException(Reason.SERVER_UNREACHABLE, "localhost:1",
                "Connection refused", null);
        List<Number> waits = new CopyOnWriteArrayList<>();
        RoomFeed.Waiter flaky = cursor -> {
            waits.add(cursor);
            if (waits.size() == 1) {
                throw down; // the wait fails: the feed polls until the server answers
            }
            return server.after(cursor);
        };
        RoomFeed.Source polled = after -> {
            if (failuresLeft.decrementAndGet() >= 0) {
                throw down;
            }
            return server.newerThan(after);
        };
        RoomFeed feed = RoomFeed.start("sala", "ana", List.of(), polled, flaky, FAST, shown);
        feeds.add(feed);

        Await.until("the message from before", () -> shown.messages().size() == 1);
        Await.until("waiting again", () -> waits.size() == 2);
        server.add(Message.broadcast("bob", "depois", 2.0));
        Await.until("the message after", () -> shown.messages().size() == 2);

        assertEquals(List.of("unavailable localhost:1", "recovered", "message antes", "message depois"),
                shown.events());
        assertInstanceOf(Double.class, waits.get(1), "after an outage, from the newest timestamp seen");
        assertEquals(1.0, waits.get(1));
        assertEquals(2.0, feed.cursor());
    }

    @Test
    void aMoveToAServerOfTheSameChatWaitsThereAtOnceFromTheSameSequenceCursorSayingNothing() {
        List<Number> waits = waitsAcrossAMove(true);
        assertEquals(List.of(1L, 1L), waits.subList(1, 3), "the wait cut off by the move, then the same cursor again");
    }

    @Test
    void aMoveToAServerWithAChatOfItsOwnWaitsThereFromTheNewestTimestampSeen() {
        List<Number> waits = waitsAcrossAMove(false);
        assertEquals(1L, waits.get(1));
        assertEquals(1.0, waits.get(2), "a sequence number of the old server means nothing on the new one");
    }

    /** A long poll whose second wait is cut off by a move; returns the cursors of the waits once a message after it shows. */
    private List<Number> waitsAcrossAMove(boolean cursorKept) {
        WaitingServer server = new WaitingServer();
        server.add(Message.broadcast("bob", "antes", 1.0));
        Endpoint old = new Endpoint("localhost", 1);
        Endpoint next = new Endpoint("localhost", 2);
        ServerMove move = new ServerMove(old, next, "ana", "sala",
                cursorKept ? ServerMove.Outcome.KEPT : ServerMove.Outcome.REGISTERED_AGAIN);
        List<Number> waits = new CopyOnWriteArrayList<>();
        RoomFeed.Waiter moving = cursor -> {
            waits.add(cursor);
            if (waits.size() == 2) {
                throw new ChatCallException(Reason.SERVER_CHANGED, old.toString(), "Connection reset", null, move,
                        cursorKept, new ChatCallException.Lost(old, "Connection reset", true));
            }
            return server.after(cursor);
        };
        RoomFeed feed = RoomFeed.start("sala", "ana", List.of(), server, moving, NEVER_BY_ITSELF, shown);
        feeds.add(feed);

        Await.until("the message from before", () -> shown.messages().size() == 1);
        Await.until("waiting on the next server", () -> waits.size() == 3);
        server.add(Message.broadcast("bob", "depois", 2.0));
        Await.until("the message after", () -> shown.messages().size() == 2);

        assertEquals(List.of("message antes", "message depois"), shown.events(),
                "each once, and no outage reported: the move is the session's to tell");
        assertEquals(List.of(), server.askedAfter(), "not polled: waited at once on the new server");
        return waits;
    }

    /**
     * A room on a fake server that also long-polls: sequence numbers from 1, each wait blocks until there is
     * something after its cursor (or a few seconds pass), and records the cursors it was asked with.
     */
    private static final class WaitingServer implements RoomFeed.Source, RoomFeed.Waiter {
        private final List<Message> messages = new ArrayList<>(); // guarded by this; seq = index + 1
        private final List<Number> waits = new CopyOnWriteArrayList<>();
        private final List<Double> askedAfter = new CopyOnWriteArrayList<>();
        private boolean holding; // guarded by this

        synchronized void add(Message... added) {
            messages.addAll(List.of(added));
            notifyAll();
        }

        /** Waits answer nothing until {@link #releaseAnswers()}. */
        synchronized void holdAnswers() {
            holding = true;
        }

        synchronized void releaseAnswers() {
            holding = false;
            notifyAll();
        }

        List<Number> waits() {
            return waits;
        }

        List<Double> askedAfter() {
            return askedAfter;
        }

        @Override
        public synchronized List<Message> newerThan(double timestamp) {
            askedAfter.add(timestamp);
            return messages.stream().filter(m -> m.timestamp() > timestamp).toList();
        }

        @Override
        public MessageBatch after(Number cursor) {
            waits.add(cursor);
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            synchronized (this) {
                while (true) {
                    int from = cursor instanceof Long seq ? Math.toIntExact(seq) : firstAfter(cursor.doubleValue());
                    if (!holding && messages.size() > from) {
                        return new MessageBatch(messages.size(),
                                messages.subList(from, messages.size()).stream()
                                        .filter(m -> m.isVisibleTo("ana")).toList());
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return new MessageBatch(Math.max(from, 0), List.of());
                    }
                    try {
                        wait(Math.max(1, left / 1_000_000));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new ChatCallException(Reason.SERVER_UNREACHABLE, "fake", "interrupted", e);
                    }
                }
            }
        }

        /** The sequence number of the newest message stamped at or before {@code timestamp}. */
        private int firstAfter(double timestamp) {
            int seq = 0;
            while (seq < messages.size() && messages.get(seq).timestamp() <= timestamp) {
                seq++;
            }
            return seq;
        }
    }

    /** A room on a fake server: answers what is newer than the cursor, and records the cursors asked with. */
    private static final class Server implements RoomFeed.Source {
        private final List<Message> messages = new CopyOnWriteArrayList<>();
        private final List<Double> askedAfter = new CopyOnWriteArrayList<>();

        void add(Message... added) {
            messages.addAll(List.of(added));
        }

        List<Double> askedAfter() {
            return askedAfter;
        }

        @Override
        public List<Message> newerThan(double timestamp) {
            askedAfter.add(timestamp);
            return messages.stream().filter(m -> m.timestamp() > timestamp).toList();
        }
    }

    /** What the feed reported, in order. */
    private static final class Recorder implements RoomFeed.Listener {
        private final ConcurrentLinkedQueue<Object> events = new ConcurrentLinkedQueue<>();

        @Override
        public void message(Message message) {
            events.add(message);
        }

        @Override
        public void unavailable(ChatCallException failure) {
            events.add("unavailable " + failure.where());
        }

        @Override
        public void recovered() {
            events.add("recovered");
        }

        List<Message> messages() {
            return events.stream().filter(Message.class::isInstance).map(Message.class::cast).toList();
        }

        List<String> events() {
            return events.stream().map(e -> e instanceof Message m ? "message " + m.content() : (String) e).toList();
        }
    }
}
