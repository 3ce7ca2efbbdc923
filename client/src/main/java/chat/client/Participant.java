package chat.client;

import chat.common.JoinedRoom;
import chat.common.Message;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.jline.utils.AttributedString;

/**
 * The person at the terminal, in the chat: their name, the room they are in, and what they can do there
 * (create, list, enter and leave rooms, list who is in one, send, page back), each saying how it went.
 * The menu keys and the slash commands both act through it.
 */
final class Participant {
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
    /** What each room showed, on every visit in this session: for /history, and shown once. */
    private final Map<Visit, RoomHistory> histories = new ConcurrentHashMap<>();
    private volatile String user;
    private volatile boolean quitting;

    /** The room the person is in, its feed, and what it showed. */
    private record Presence(String user, String room, RoomFeed feed, RoomHistory history) {
    }

    /** A room as one name saw it. */
    private record Visit(String user, String room) {
    }

    /** @param pollInterval how often a room is asked for new messages when it cannot be waited on */
    Participant(ChatClient chat, ChatConsole console, Texts texts, Duration pollInterval) {
        this.chat = chat;
        this.console = console;
        this.texts = texts;
        this.lines = new MessageLines(texts, console.display());
        this.pollInterval = pollInterval;
    }

    /** The server accepted {@code name}: from now on the person is {@code name}. */
    void registered(String name) {
        user = name;
    }

    boolean inRoom() {
        return presence.get() != null;
    }

    /** The rooms the person has seen, for Tab. */
    List<String> knownRooms() {
        return List.copyOf(knownRooms);
    }

    /** Who is in the person's room, as last heard, for Tab. */
    List<String> roomUsers() {
        return List.copyOf(roomUsers);
    }

    /** The person asked to quit: the session ends once the line that asked is done. */
    void quit() {
        quitting = true;
    }

    boolean quitting() {
        return quitting;
    }

    void createRoom(String room) {
        if (room.isEmpty()) {
            say("room.name.empty");
        } else if (chat.createRoom(room)) {
            remember(room);
            say("room.created");
        } else {
            say("room.exists");
        }
    }

    void listRooms() {
        List<String> rooms = chat.listRooms();
        knownRooms.clear();
        knownRooms.addAll(rooms);
        if (rooms.isEmpty()) {
            say("rooms.none");
        } else {
            say("rooms.list", String.join(", ", rooms));
        }
    }

    /**
     * Lists who is in {@code room}, naming it, or says there is no such room; when {@code room} is empty, who is in
     * the room the person is in.
     */
    void listUsers(String room) {
        Presence here = presence.get();
        if (room.isEmpty() && !inRoom(here)) {
            return;
        }
        String asked = room.isEmpty() ? here.room() : room;
        List<String> users = chat.listUsers(asked);
        if (users.isEmpty() && !chat.listRooms().contains(asked)) {
            say("room.unknown", asked); // the server answers an unknown room as an empty one
            return;
        }
        here = presence.get();
        if (here != null && here.room().equals(asked)) {
            roomUsers.clear();
            roomUsers.addAll(users);
        }
        if (room.isEmpty()) {
            say("room.users", String.join(", ", users));
        } else {
            say("room.users.of", asked, String.join(", ", users));
        }
    }

    /**
     * Enters {@code room}; from another room, the other is left once the new one is entered.
     *
     * @param byCommand whether {@code /join} asked (which hints at {@code /create} when the room is unknown)
     */
    void enterRoom(String room, boolean byCommand) {
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
            say(byCommand ? "room.notFound.create" : "room.notFound", room, TypedName.quote(room));
            return;
        }
        leaveRoom();
        remember(room);
        roomUsers.clear();
        roomUsers.addAll(joined.get().users());
        say("room.joined", room);
        say("room.users", String.join(", ", joined.get().users()));
        RoomHistory history = histories.computeIfAbsent(new Visit(me, room), visit -> new RoomHistory());
        List<Message> recent = joined.get().messages().stream().filter(message -> message.isVisibleTo(me)).toList();
        long seen = recent.stream().filter(history::shown).count();
        if (seen > 0) {
            say("room.seen", seen);
        }
        if (seen == 0 || seen < recent.size()) {
            say("room.recent");
        }
        FeedPrinter printer = new FeedPrinter(console, texts, lines, me, history, roomUsers);
        RoomFeed feed = RoomFeed.start(room, me, joined.get().messages(),
                after -> chat.receive(me, room, after), chat.waiter(me, room).orElse(null), pollInterval, printer);
        printer.live();
        presence.set(new Presence(me, room, feed, history));
    }

    private void remember(String room) {
        if (!knownRooms.contains(room)) {
            knownRooms.add(room);
        }
    }

    /** Leaves the room the person is in, or says they are in none. */
    void leave() {
        if (inRoom(presence.get())) {
            leaveRoom();
        }
    }

    /**
     * Leaves the room as the session ends: when the server in use stopped answering, only stops the feed (the person
     * is not kept waiting for a server that is gone, or for another to be found).
     */
    void leaveForGood() {
        if (!chat.serverLost()) {
            leaveRoom();
            return;
        }
        Presence left = presence.getAndSet(null);
        if (left != null) {
            left.feed().close();
            roomUsers.clear();
        }
    }

    /** Stops the feed, then tells the server; nothing when not in a room. Only the first of concurrent callers leaves. */
    void leaveRoom() {
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
            error(Explanations.of(texts, e));
        }
    }

    /**
     * Sends to everyone in the person's room, or privately when {@code recipient} is not null; the message shows
     * before the next prompt. When the server stops answering during the send, the person is told whether it was
     * not sent (no connection could be made) or may not have been (it is never sent again behind their back; the
     * room then shows it if the server had stored it), naming that server; the prompt comes back while the client
     * looks for another.
     */
    void send(String content, String recipient) {
        Presence here = presence.get();
        if (!inRoom(here)) {
            return;
        }
        if (content.isBlank()) {
            say("message.empty");
            return;
        }
        boolean sent;
        try {
            sent = chat.send(here.user(), here.room(), content, recipient);
        } catch (ChatCallException e) {
            if (e.isRefusal() || e.lost().isEmpty()) {
                throw e;
            }
            ChatCallException.Lost lost = e.lost().get();
            error(Explanations.message(texts, lost));
            if (e.reason() == ChatCallException.Reason.SERVER_CHANGED && lost.mayHaveArrived()) {
                here.feed().refresh();
            }
            // Moved, or still looking (said when the search began), or none found (said when the search ended).
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

    /** Tells the room what the person is doing: {@code * ana waves}. */
    void act(String action) {
        Presence here = presence.get();
        if (inRoom(here)) {
            send(MessageLines.action(here.user(), action), null);
        }
    }

    /** Shows again the room's last {@code count} messages ({@link #DEFAULT_HISTORY} when empty), a number above 0. */
    void history(String count) {
        Presence here = presence.get();
        if (!inRoom(here)) {
            return;
        }
        int wanted = count.isEmpty() ? DEFAULT_HISTORY : Integer.parseInt(count);
        List<Message> messages = here.history().last(Math.min(wanted, RoomHistory.LIMIT));
        if (messages.isEmpty()) {
            say("history.empty", here.room());
            return;
        }
        say("history.title", messages.size(), here.room());
        for (Message message : messages) {
            console.show(lines.styled(message, here.user()));
        }
    }

    void help() {
        say("help.title");
        CommandHelp.lines(texts).forEach(console::show);
        say("help.keys");
        say("help.text");
    }

    private boolean inRoom(Presence here) {
        if (here == null) {
            say("room.none");
        }
        return here != null;
    }

    private void say(String key, Object... args) {
        console.show(texts.get(key, args));
    }

    private void error(String line) {
        console.show(new AttributedString(line, MessageLines.ERROR));
    }
}
