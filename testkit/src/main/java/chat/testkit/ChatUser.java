package chat.testkit;

import chat.client.ChatCallException;
import chat.client.ChatClient;
import chat.client.ClientConfig;
import chat.client.RoomFeed;
import chat.common.Endpoint;
import chat.common.JoinedRoom;
import chat.common.Message;
import chat.common.testing.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One user of the chat in a test, speaking the chat's words: register, create, join, say, whisper, leave, and wait
 * for what arrives. Built on the client's own {@link ChatClient}: it finds its server through the Binder and, when
 * that server dies, moves to another as the terminal client does, entering its room again there.
 *
 * <p>Every action checks that it worked and otherwise throws an {@link AssertionError} that says what was expected
 * and what happened, so a test reads as a list of steps. Messages of the joined room are collected as they arrive
 * (the room's recent ones first, as joining shows them, and the notices of who joined and left);
 * {@link #nextMessage} and {@link #awaitMessage} take them in order. Thread-safe.
 */
public final class ChatUser implements AutoCloseable {
    private final String name;
    private final ChatClient client;
    private final ClientConfig config;
    private final Object lock = new Object();
    private final List<ChatMessage> received = new ArrayList<>(); // guarded by lock
    private int taken; // guarded by lock: how many of received the test has taken
    private String room; // guarded by lock
    private RoomFeed feed; // guarded by lock

    ChatUser(String name, ClientConfig config) {
        this.name = Objects.requireNonNull(name, "name");
        this.config = config;
        this.client = ChatClient.of(config);
    }

    /** {@return this user's name} */
    public String name() {
        return name;
    }

    /**
     * Registers this user's name.
     *
     * @return this user
     * @throws AssertionError the name is taken or refused, or no server answered
     */
    public ChatUser register() {
        if (!call("register as " + name, () -> client.register(name))) {
            throw new AssertionError(name + " expected to register, but the name '" + name + "' is taken");
        }
        return this;
    }

    /**
     * Creates {@code room} (without joining it).
     *
     * @param room the room's name
     * @return this user
     * @throws AssertionError the room exists already, or the server refused
     */
    public ChatUser create(String room) {
        if (!call("create room " + room, () -> client.createRoom(room))) {
            throw new AssertionError(name + " expected to create room '" + room + "', but it exists already");
        }
        return this;
    }

    /**
     * Joins {@code room}, which must exist, leaving the room this user was in; from now on its messages are
     * collected for {@link #nextMessage} and {@link #awaitMessage}, starting with the recent ones.
     *
     * @param room an existing room
     * @return this user
     * @throws AssertionError the room does not exist, or this user is not registered
     */
    public ChatUser join(String room) {
        if (room().isPresent()) {
            leave();
        }
        Optional<JoinedRoom> joined = call("join room " + room, () -> client.join(name, room));
        if (joined.isEmpty()) {
            throw new AssertionError(name + " expected to join room '" + room
                    + "', but the server does not know the room (or the user): rooms are " + rooms());
        }
        RoomFeed started = RoomFeed.start(room, name, joined.get().messages(), after -> client.receive(name, room, after),
                client.waiter(name, room).orElse(null), config.pollInterval(), new Collector());
        synchronized (lock) {
            this.room = room;
            feed = started;
        }
        return this;
    }

    /** Hands each message of the room to the waiting test. */
    private final class Collector implements RoomFeed.Listener {
        @Override
        public void message(Message message) {
            synchronized (lock) {
                received.add(ChatMessage.of(message));
                lock.notifyAll();
            }
        }

        @Override
        public void unavailable(ChatCallException failure) {
            // the client is moving to another server; the feed goes on from where it was once it has
        }

        @Override
        public void recovered() {
            // nothing missed: the feed hands over what arrived meanwhile
        }
    }

    /**
     * Says {@code text} to everyone in the room this user joined.
     *
     * @param text what to say
     * @return this user
     * @throws AssertionError the message was refused, or it may not have been stored (its server died during the
     *                        send: the client moved on without sending it again, as the terminal client does)
     */
    public ChatUser say(String text) {
        send(text, null);
        return this;
    }

    /**
     * Says {@code text} to {@code recipient} only, a member of the same room: nobody else sees it.
     *
     * @param recipient a member of the room
     * @param text      what to say
     * @return this user
     * @throws AssertionError as {@link #say}
     */
    public ChatUser whisper(String recipient, String text) {
        send(text, Objects.requireNonNull(recipient, "recipient"));
        return this;
    }

    private void send(String text, String recipient) {
        String where = currentRoom("send a message");
        String what = recipient == null ? "say '" + text + "' in " + where
                : "whisper '" + text + "' to " + recipient + " in " + where;
        for (int attempt = 1; ; attempt++) {
            try {
                if (!client.send(name, where, text, recipient)) {
                    throw new AssertionError(name + " expected to " + what + ", but the server refused it (is "
                            + (recipient == null ? name : name + " and " + recipient) + " in the room?)");
                }
                return;
            } catch (ChatCallException e) {
                boolean notSent = e.reason() == ChatCallException.Reason.SERVER_CHANGED
                        && e.lost().map(lost -> !lost.mayHaveArrived()).orElse(false);
                if (!notSent || attempt == 3) {
                    throw failed(what, e);
                }
                // Its server was gone before the message reached it, and the client has moved: send it there,
                // as a person would type it again.
            }
        }
    }

    /**
     * Leaves the room this user joined; its messages are no longer collected.
     *
     * @return this user
     */
    public ChatUser leave() {
        String left = currentRoom("leave");
        stopCollecting();
        call("leave room " + left, () -> {
            client.leave(name, left);
            return null;
        });
        return this;
    }

    /** Closes the room's feed, outside the lock: the feed's thread may be waiting for it to hand a message over. */
    private void stopCollecting() {
        RoomFeed open;
        synchronized (lock) {
            open = feed;
            feed = null;
            room = null;
        }
        if (open != null) {
            open.close();
        }
    }

    /** {@return the room this user is in, if any} */
    public Optional<String> room() {
        synchronized (lock) {
            return Optional.ofNullable(room);
        }
    }

    /** {@return every room of the chat, as its server lists them now} */
    public List<String> rooms() {
        return call("list the rooms", client::listRooms);
    }

    /**
     * @param room a room's name
     * @return who is in {@code room} now
     */
    public List<String> members(String room) {
        return call("list the members of " + room, () -> client.listUsers(room));
    }

    /** {@return the server this user talks to now (it changes when that server dies)} */
    public Endpoint server() {
        return client.server().orElseThrow(() -> new IllegalStateException(name + " has not talked to a server yet"));
    }

    /**
     * The next message of the room that the test has not taken yet, waiting up to {@code timeout} for it.
     *
     * @param timeout how long to wait at most
     * @throws AssertionError none arrived in time
     * @return the message
     */
    public ChatMessage nextMessage(Duration timeout) {
        return take(message -> true, "any message", timeout);
    }

    /**
     * The first message not taken yet that matches {@code expected}, waiting up to {@code timeout} for it; the
     * messages before it are taken too (passed over).
     *
     * @param expected what the message must be
     * @param timeout  how long to wait at most
     * @throws AssertionError none matched in time; the message lists what arrived instead
     * @return the message
     */
    public ChatMessage awaitMessage(Predicate<ChatMessage> expected, Duration timeout) {
        return take(expected, "a message matching " + expected, timeout);
    }

    /**
     * The first message not taken yet that {@code from} sent saying {@code text}, waiting up to {@code timeout}.
     *
     * @param from    the sender's name
     * @param text    what it must say
     * @param timeout how long to wait at most
     * @throws AssertionError none arrived in time; the message lists what arrived instead
     * @return the message
     */
    public ChatMessage awaitMessage(String from, String text, Duration timeout) {
        return take(message -> message.is(from, text), "'" + from + ": " + text + "'", timeout);
    }

    private ChatMessage take(Predicate<ChatMessage> expected, String description, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            int first = taken;
            while (true) {
                for (int i = taken; i < received.size(); i++) {
                    if (expected.test(received.get(i))) {
                        taken = i + 1;
                        return received.get(i);
                    }
                }
                long left = end - System.nanoTime();
                if (left <= 0) {
                    taken = received.size();
                    throw new AssertionError(name + " expected " + description + " within " + seconds(timeout)
                            + (room == null ? " (but is in no room)" : " in " + room) + "; received: "
                            + received.subList(first, received.size()));
                }
                try {
                    lock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(name + " was interrupted waiting for " + description, e);
                }
            }
        }
    }

    /** {@return every message of the room received so far, taken or not, in the order they arrived} */
    public List<ChatMessage> received() {
        synchronized (lock) {
            return List.copyOf(received);
        }
    }

    /**
     * Waits until the server no longer lists {@code room} (an empty room is removed once the clock passes
     * {@link ChatSystem#ROOM_TTL}).
     *
     * @param room    a room's name
     * @param timeout how long to wait at most
     * @throws AssertionError it is still listed after {@code timeout}
     */
    public void awaitRoomGone(String room, Duration timeout) {
        Await.until(name + " to see room '" + room + "' removed", timeout, () -> !rooms().contains(room));
    }

    /** Stops collecting messages, leaves the room and frees the name, best effort (its server may be gone). */
    @Override
    public void close() {
        stopCollecting();
        client.close(); // from now on a call to a server that is gone fails at once
        try {
            client.unregister(); // leaves its room and frees the name, where the server offers it
        } catch (RuntimeException e) {
            // the user is leaving whatever the server says
        }
    }

    private String currentRoom(String action) {
        synchronized (lock) {
            if (room == null) {
                throw new IllegalStateException(name + " cannot " + action + ": it has joined no room (call join first)");
            }
            return room;
        }
    }

    private <T> T call(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (ChatCallException e) {
            throw failed(what, e);
        }
    }

    private AssertionError failed(String what, ChatCallException e) {
        return new AssertionError(name + " expected to " + what + ", but " + e.getMessage(), e);
    }

    private static String seconds(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }

    /** The user's name and room, for a failure message. */
    @Override
    public String toString() {
        return "ChatUser[" + name + room().map(r -> " in " + r).orElse("") + "]";
    }
}
