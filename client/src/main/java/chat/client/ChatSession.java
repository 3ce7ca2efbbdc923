package chat.client;

import chat.common.Message;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.jline.utils.AttributedString;

/**
 * One person's conversation, with the original's menus and keys: choose a unique name; then create
 * ({@code c}), enter ({@code e}) or list ({@code l}) rooms, or quit ({@code s}); inside a room send
 * ({@code m}: the text, then the recipient or an empty line for everyone), list users ({@code l}) or
 * leave ({@code s}). End of input leaves the room and ends the session as quitting does.
 *
 * <p>Beside the keys, IRC-style commands work at every question: a line that starts with {@code /}
 * ({@code /join sala}, {@code /msg bob oi}, {@code /help}, ...) runs the command, dropping the question
 * it answered. Inside a room, a line that is neither a key (one character) nor a command is sent to
 * everyone; {@code /say} sends text that happens to be a key, and {@code //x} sends {@code /x}.
 */
public final class ChatSession implements AutoCloseable {
    /** The person quit, or input ended. */
    public static final int EXIT_OK = 0;
    /** The Binder or the server could not be reached before the person got a name. */
    public static final int EXIT_UNREACHABLE = 1;
    /** How many messages {@code /history} shows when not told. */
    static final int DEFAULT_HISTORY = 20;

    private final ChatClient chat;
    private final ChatConsole console;
    private final Texts texts;
    private final MessageLines lines;
    private final Duration pollInterval;
    private final AtomicReference<Presence> presence = new AtomicReference<>();
    /** The rooms last listed, created or joined, for Tab. */
    private final List<String> knownRooms = new CopyOnWriteArrayList<>();
    /** The members of the room the person is in, as last heard, for Tab. */
    private final List<String> roomUsers = new CopyOnWriteArrayList<>();
    private volatile String user;
    private final Duration keepAliveEvery;
    /** Pings the server while the person is registered; null before. */
    private volatile KeepAlive keepAlive;

    /** The room the person is in, its feed, and what it showed. */
    private record Presence(String user, String room, RoomFeed feed, RoomHistory history) {
    }

    /** Thrown by {@link #ask} when input ends: unwinds the menus; the room, if any, is left on the way out. */
    private static final class InputEnded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InputEnded() {
            super(null, null, false, false);
        }
    }

    /** A command typed as the answer to a question: the question is dropped and the command runs. */
    private static final class CommandTyped extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String line;

        CommandTyped(String line) {
            super(null, null, false, false);
            this.line = line;
        }
    }

    public ChatSession(ChatClient chat, ChatConsole console, Texts texts, Duration pollInterval) {
        this(chat, console, texts, pollInterval, KeepAlive.EVERY);
    }

    /** @param keepAliveEvery how often to tell the server the person is still there while in the menu */
    ChatSession(ChatClient chat, ChatConsole console, Texts texts, Duration pollInterval, Duration keepAliveEvery) {
        this.keepAliveEvery = keepAliveEvery;
        this.chat = chat;
        this.console = console;
        this.texts = texts;
        this.lines = new MessageLines(texts, console.display());
        this.pollInterval = pollInterval;
    }

    /**
     * Runs the conversation until the person quits or input ends.
     *
     * @return {@link #EXIT_OK}, or {@link #EXIT_UNREACHABLE} when the chat cannot be reached at start-up
     */
    public int run() {
        console.completeWith(new ChatCompleter(() -> List.copyOf(knownRooms), () -> List.copyOf(roomUsers)));
        chat.onMove(move -> Explanations.of(texts, move).forEach(line -> console.show(line)));
        try {
            chat.connect();
            user = register();
        } catch (ChatCallException e) {
            error(describe(e));
            return EXIT_UNREACHABLE;
        } catch (InputEnded e) {
            return EXIT_OK;
        }
        if (user != null) {
            keepAlive = KeepAlive.start(chat::keepAlive, keepAliveEvery);
            try {
                converse();
            } catch (InputEnded e) {
                // leaves below, as after 's'
            }
            quit();
        }
        say("goodbye");
        return EXIT_OK;
    }

    /** Leaves the room the person is in, if any, and frees the name: for a process that is being stopped. */
    @Override
    public void close() {
        quit();
    }

    /** Leaves the room, stops the keep-alive, and frees the name on the server (where it offers that). */
    private void quit() {
        leaveRoom();
        KeepAlive pinging = keepAlive;
        if (pinging != null) {
            pinging.close();
        }
        chat.unregister();
    }

    /** Asks until the server accepts a name: no one reaches the menu unregistered. Null: the person quit. */
    private String register() {
        while (true) {
            String line = ask("prompt.username");
            Optional<SlashCommand> command = SlashCommand.parse(line);
            if (command.isPresent()) {
                switch (command.get().name()) {
                    case "quit" -> {
                        return null;
                    }
                    case "help" -> help();
                    default -> say("command.needName");
                }
                continue;
            }
            String name = line.strip();
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
                error(describe(e));
            }
        }
    }

    /** The menus, until the person quits; every line is a key, a command, or (in a room) a message. */
    private void converse() {
        while (true) {
            String line = ask(presence.get() == null ? "menu.main" : "menu.room");
            while (line != null) {
                try {
                    if (!handle(line)) {
                        return;
                    }
                    line = null;
                } catch (CommandTyped typed) {
                    line = typed.line;
                } catch (ChatCallException e) {
                    error(describe(e));
                    line = null;
                }
            }
        }
    }

    /** @return false when the person quits */
    private boolean handle(String line) {
        Optional<SlashCommand> command = SlashCommand.parse(line);
        if (command.isPresent()) {
            return command(command.get());
        }
        Presence here = presence.get();
        String key = line.strip().toLowerCase(Locale.ROOT);
        if (here == null) {
            switch (key) {
                case "c" -> createRoom(answer("prompt.room").strip());
                case "e" -> enterRoom(answer("prompt.room").strip(), false);
                case "l" -> listRooms();
                case "s" -> {
                    return false;
                }
                case "" -> {
                }
                default -> unknownKey(key);
            }
            return true;
        }
        switch (key) {
            case "m" -> sendMessage(here);
            case "l" -> listUsers(here.room());
            case "s" -> leaveRoom();
            case "" -> {
            }
            default -> {
                if (key.codePointCount(0, key.length()) == 1) {
                    unknownKey(key); // a mistyped key, not a message
                } else {
                    send(here, SlashCommand.unescape(line), null);
                }
            }
        }
        return true;
    }

    /** @return false for {@code /quit} */
    private boolean command(SlashCommand command) {
        Presence here = presence.get();
        String argument = command.argument();
        switch (command.name()) {
            case "join" -> {
                if (argument.isEmpty()) {
                    say("command.usage", "/join ROOM");
                } else {
                    enterRoom(argument, true);
                }
            }
            case "create" -> {
                if (argument.isEmpty()) {
                    say("command.usage", "/create ROOM");
                } else {
                    createRoom(argument);
                }
            }
            case "leave" -> {
                if (inRoom(here)) {
                    leaveRoom();
                }
            }
            case "rooms" -> listRooms();
            case "users" -> {
                if (!argument.isEmpty()) {
                    listUsers(argument);
                } else if (inRoom(here)) {
                    listUsers(here.room());
                }
            }
            case "msg" -> {
                String[] to = command.firstWordAndRest();
                if (to[0].isEmpty() || to[1].isBlank()) {
                    say("command.usage", "/msg USER TEXT");
                } else if (inRoom(here)) {
                    send(here, to[1], to[0]);
                }
            }
            case "me" -> {
                if (argument.isEmpty()) {
                    say("command.usage", "/me ACTION");
                } else if (inRoom(here)) {
                    send(here, MessageLines.action(here.user(), argument), null);
                }
            }
            case "say" -> {
                if (argument.isEmpty()) {
                    say("command.usage", "/say TEXT");
                } else if (inRoom(here)) {
                    send(here, argument, null);
                }
            }
            case "history" -> history(here, argument);
            case "help" -> help();
            case "quit" -> {
                return false;
            }
            default -> say("command.unknown", "/" + command.name());
        }
        return true;
    }

    private boolean inRoom(Presence here) {
        if (here == null) {
            say("room.none");
        }
        return here != null;
    }

    private void unknownKey(String key) {
        say("menu.unknown", key);
        say("menu.hint");
    }

    private void createRoom(String room) {
        if (room.isEmpty()) {
            say("room.name.empty");
        } else if (chat.createRoom(room)) {
            remember(room);
            say("room.created");
        } else {
            say("room.exists");
        }
    }

    private void listRooms() {
        List<String> rooms = chat.listRooms();
        knownRooms.clear();
        knownRooms.addAll(rooms);
        if (rooms.isEmpty()) {
            say("rooms.none");
        } else {
            say("rooms.list", String.join(", ", rooms));
        }
    }

    private void listUsers(String room) {
        List<String> users = chat.listUsers(room);
        Presence here = presence.get();
        if (here != null && here.room().equals(room)) {
            roomUsers.clear();
            roomUsers.addAll(users);
        }
        say("room.users", String.join(", ", users));
    }

    /**
     * Enters {@code room}; from another room, the other is left once the new one is entered.
     *
     * @param byCommand whether {@code /join} asked (which hints at {@code /create} when the room is unknown)
     */
    private void enterRoom(String room, boolean byCommand) {
        if (room.isEmpty()) {
            say("room.name.empty");
            return;
        }
        Presence before = presence.get();
        if (before != null && before.room().equals(room)) {
            say("room.already", room);
            return;
        }
        String me = user;
        Optional<JoinedRoom> joined = chat.join(me, room);
        if (joined.isEmpty() && chat.listRooms().contains(room) && chat.register(me)) {
            // The room exists but the server did not know the name: it was restarted. Registered again.
            joined = chat.join(me, room);
        }
        if (joined.isEmpty()) {
            say(byCommand ? "room.notFound.create" : "room.notFound", room);
            return;
        }
        leaveRoom();
        remember(room);
        roomUsers.clear();
        roomUsers.addAll(joined.get().users());
        say("room.joined", room);
        say("room.users", String.join(", ", joined.get().users()));
        say("room.recent");
        RoomHistory history = new RoomHistory();
        FeedPrinter printer = new FeedPrinter(me, history);
        RoomFeed feed = RoomFeed.start(room, me, joined.get().messages(),
                after -> chat.receive(me, room, after), chat.waiter(me, room).orElse(null), pollInterval, printer);
        printer.live = true;
        presence.set(new Presence(me, room, feed, history));
    }

    private void remember(String room) {
        if (!knownRooms.contains(room)) {
            knownRooms.add(room);
        }
    }

    /** The original's {@code m}: the text, then the recipient or an empty line for everyone. */
    private void sendMessage(Presence here) {
        String content = answer("prompt.message");
        String recipient = answer("prompt.recipient").strip();
        if (content.isBlank()) {
            say("message.empty");
            return;
        }
        send(here, content, recipient.isEmpty() ? null : recipient);
    }

    /**
     * Sends to everyone, or privately when {@code recipient} is not null; the message shows before the next prompt.
     * When the server stops answering during the send, the person is told it may not have been sent (it is never
     * sent again behind their back); the room then shows it if the server had stored it.
     */
    private void send(Presence here, String content, String recipient) {
        if (content.isBlank()) {
            say("message.empty");
            return;
        }
        boolean sent;
        try {
            sent = chat.send(here.user(), here.room(), content, recipient);
        } catch (ChatCallException e) {
            if (e.isRefusal()) {
                throw e;
            }
            error(texts.get("message.unconfirmed", e.where(), e.detail()));
            if (e.reason() != ChatCallException.Reason.SERVER_CHANGED) {
                throw e; // no server to continue on: said as any failure is
            }
            here.feed().refresh();
            return;
        }
        if (sent) {
            here.feed().refresh();
        } else if (recipient == null) {
            say("message.notSent");
        } else {
            say("message.notSent.recipient", recipient);
        }
    }

    private void history(Presence here, String argument) {
        int count = DEFAULT_HISTORY;
        if (!argument.isEmpty()) {
            try {
                count = Integer.parseInt(argument);
            } catch (NumberFormatException e) {
                count = -1;
            }
            if (count < 1) {
                say("command.usage", "/history [N]");
                return;
            }
        }
        if (!inRoom(here)) {
            return;
        }
        List<Message> messages = here.history().last(Math.min(count, RoomHistory.LIMIT));
        if (messages.isEmpty()) {
            say("history.empty", here.room());
            return;
        }
        say("history.title", messages.size(), here.room());
        for (Message message : messages) {
            console.show(lines.styled(message, here.user()));
        }
    }

    private void help() {
        say("help.title");
        for (String name : SlashCommand.NAMES) {
            say("help." + name);
        }
        say("help.keys");
        say("help.text");
    }

    /** Stops the feed, then tells the server; only the first of concurrent callers does it. */
    private void leaveRoom() {
        Presence left = presence.getAndSet(null);
        if (left == null) {
            return;
        }
        left.feed().close();
        roomUsers.clear();
        try {
            chat.leave(left.user(), left.room());
            say("room.left", left.room());
        } catch (ChatCallException e) {
            error(describe(e));
        }
    }

    /** A menu's answer, as typed. */
    private String ask(String promptKey) {
        return console.ask(texts.get(promptKey) + " ").orElseThrow(InputEnded::new);
    }

    /** A question's answer; a command instead drops the question and runs. */
    private String answer(String promptKey) {
        String line = ask(promptKey);
        if (SlashCommand.parse(line).isPresent()) {
            throw new CommandTyped(line);
        }
        return SlashCommand.unescape(line);
    }

    private void say(String key, Object... args) {
        console.show(texts.get(key, args));
    }

    private void error(String line) {
        console.show(new AttributedString(line, MessageLines.ERROR));
    }

    private String describe(ChatCallException e) {
        return Explanations.of(texts, e);
    }

    /** Shows what the room's feed reports, keeps it for {@code /history}, and follows who is in the room. */
    private final class FeedPrinter implements RoomFeed.Listener {
        private final String viewer;
        private final RoomHistory history;
        /** False while the recent messages are handed over: old mentions do not ring. */
        volatile boolean live;

        FeedPrinter(String viewer, RoomHistory history) {
            this.viewer = viewer;
            this.history = history;
        }

        @Override
        public void message(Message message) {
            history.add(message);
            follow(message);
            console.show(lines.styled(message, viewer));
            if (live && MessageLines.mentions(message, viewer)) {
                console.bell();
            }
        }

        private void follow(Message message) {
            String joined = MessageLines.joinedOrLeft(message, true);
            if (joined != null && !roomUsers.contains(joined)) {
                roomUsers.add(joined);
            }
            String left = MessageLines.joinedOrLeft(message, false);
            if (left != null) {
                roomUsers.remove(left);
            }
        }

        @Override
        public void unavailable(ChatCallException failure) {
            error(texts.get("feed.unavailable", describe(failure)));
        }

        @Override
        public void recovered() {
            console.show(texts.get("feed.recovered"));
        }
    }
}
