package chat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.client.ChatCallException.Reason;
import chat.common.Message;
import chat.common.testing.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
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
