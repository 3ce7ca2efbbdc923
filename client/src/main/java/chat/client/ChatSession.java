package chat.client;

import chat.common.Message;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One person's conversation, with the original's menus and keys: choose a unique name; then create
 * ({@code c}), enter ({@code e}) or list ({@code l}) rooms, or quit ({@code s}); inside a room send
 * ({@code m}: the text, then the recipient or an empty line for everyone), list users ({@code l}) or
 * leave ({@code s}). End of input leaves the room and ends the session as quitting does.
 */
public final class ChatSession implements AutoCloseable {
    /** The person quit, or input ended. */
    public static final int EXIT_OK = 0;
    /** The Binder or the server could not be reached before the person got a name. */
    public static final int EXIT_UNREACHABLE = 1;

    private final ChatClient chat;
    private final ChatConsole console;
    private final Texts texts;
    private final MessageLines lines;
    private final Duration pollInterval;
    private final AtomicReference<Presence> presence = new AtomicReference<>();

    /** The room the person is in, and its feed. */
    private record Presence(String user, String room, RoomFeed feed) {
    }

    /** Thrown by {@link #ask} when input ends: unwinds the menus, each leaving what it entered. */
    private static final class InputEnded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InputEnded() {
            super(null, null, false, false);
        }
    }

    public ChatSession(ChatClient chat, ChatConsole console, Texts texts, Duration pollInterval) {
        this.chat = chat;
        this.console = console;
        this.texts = texts;
        this.lines = new MessageLines(texts);
        this.pollInterval = pollInterval;
    }

    /**
     * Runs the conversation until the person quits or input ends.
     *
     * @return {@link #EXIT_OK}, or {@link #EXIT_UNREACHABLE} when the chat cannot be reached at start-up
     */
    public int run() {
        String user;
        try {
            chat.connect();
            user = register();
        } catch (ChatCallException e) {
            console.show(describe(e));
            return EXIT_UNREACHABLE;
        } catch (InputEnded e) {
            return EXIT_OK;
        }
        try {
            mainMenu(user);
        } catch (InputEnded e) {
            // the room, if any, has been left on the way out, as after 's'
        }
        say("goodbye");
        return EXIT_OK;
    }

    /** Leaves the room the person is in, if any: for a process that is being stopped. */
    @Override
    public void close() {
        leaveRoom();
    }

    /** Asks until the server accepts a name: no one reaches the menu unregistered. */
    private String register() {
        while (true) {
            String name = ask("prompt.username").strip();
            if (name.isEmpty()) {
                say("name.empty");
                continue;
            }
            try {
                if (chat.register(name)) {
                    say("registered");
                    return name;
                }
                say("username.taken");
            } catch (ChatCallException e) {
                if (!e.isRefusal()) {
                    throw e;
                }
                console.show(describe(e));
            }
        }
    }

    private void mainMenu(String user) {
        while (true) {
            String key = ask("menu.main").strip().toLowerCase(Locale.ROOT);
            try {
                switch (key) {
                    case "c" -> createRoom();
                    case "e" -> enterRoom(user);
                    case "l" -> listRooms();
                    case "s" -> {
                        return;
                    }
                    case "" -> {
                    }
                    default -> say("menu.unknown", key);
                }
            } catch (ChatCallException e) {
                console.show(describe(e));
            }
        }
    }

    private void createRoom() {
        String room = ask("prompt.room").strip();
        if (room.isEmpty()) {
            say("room.name.empty");
        } else {
            say(chat.createRoom(room) ? "room.created" : "room.exists");
        }
    }

    private void listRooms() {
        List<String> rooms = chat.listRooms();
        if (rooms.isEmpty()) {
            say("rooms.none");
        } else {
            say("rooms.list", String.join(", ", rooms));
        }
    }

    private void enterRoom(String user) {
        String room = ask("prompt.room").strip();
        if (room.isEmpty()) {
            say("room.name.empty");
            return;
        }
        Optional<JoinedRoom> joined = chat.join(user, room);
        if (joined.isEmpty() && chat.listRooms().contains(room) && chat.register(user)) {
            // The room exists but the server did not know the name: it was restarted. Registered again.
            joined = chat.join(user, room);
        }
        if (joined.isEmpty()) {
            say("room.notFound");
            return;
        }
        say("room.joined", room);
        say("room.users", String.join(", ", joined.get().users()));
        say("room.recent");
        RoomFeed feed = RoomFeed.start(room, user, joined.get().messages(),
                after -> chat.receive(user, room, after), pollInterval, new FeedPrinter());
        presence.set(new Presence(user, room, feed));
        try {
            roomMenu(user, room, feed);
        } finally {
            leaveRoom();
        }
    }

    private void roomMenu(String user, String room, RoomFeed feed) {
        while (true) {
            String key = ask("menu.room").strip().toLowerCase(Locale.ROOT);
            try {
                switch (key) {
                    case "m" -> sendMessage(user, room, feed);
                    case "l" -> say("room.users", String.join(", ", chat.listUsers(room)));
                    case "s" -> {
                        return;
                    }
                    case "" -> {
                    }
                    default -> say("menu.unknown", key);
                }
            } catch (ChatCallException e) {
                console.show(describe(e));
            }
        }
    }

    private void sendMessage(String user, String room, RoomFeed feed) {
        String content = ask("prompt.message");
        String recipient = ask("prompt.recipient").strip();
        if (content.isBlank()) {
            say("message.empty");
            return;
        }
        boolean toEveryone = recipient.isEmpty();
        if (chat.send(user, room, content, toEveryone ? null : recipient)) {
            feed.refresh();
        } else if (toEveryone) {
            say("message.notSent");
        } else {
            say("message.notSent.recipient", recipient);
        }
    }

    /** Stops the feed, then tells the server; only the first of concurrent callers does it. */
    private void leaveRoom() {
        Presence left = presence.getAndSet(null);
        if (left == null) {
            return;
        }
        left.feed().close();
        try {
            chat.leave(left.user(), left.room());
            say("room.left", left.room());
        } catch (ChatCallException e) {
            console.show(describe(e));
        }
    }

    private String ask(String promptKey) {
        return console.ask(texts.get(promptKey) + " ").orElseThrow(InputEnded::new);
    }

    private void say(String key, Object... args) {
        console.show(texts.get(key, args));
    }

    /** One line, in the person's language, saying what failed and what to do. */
    private String describe(ChatCallException e) {
        String key = switch (e.reason()) {
            case BINDER_UNREACHABLE -> "error.binderUnreachable";
            case NO_SERVER -> "error.noServer";
            case SERVER_UNREACHABLE -> "error.serverUnreachable";
            case SERVER_REFUSED -> "error.serverRefused";
            case BAD_ANSWER -> "error.badAnswer";
        };
        return texts.get(key, e.where(), e.detail());
    }

    /** Shows what the room's feed reports. */
    private final class FeedPrinter implements RoomFeed.Listener {
        @Override
        public void message(Message message) {
            console.show(lines.format(message));
        }

        @Override
        public void unavailable(ChatCallException failure) {
            console.show(texts.get("feed.unavailable", describe(failure)));
        }

        @Override
        public void recovered() {
            console.show(texts.get("feed.recovered"));
        }
    }
}
