package chat.client;

import chat.common.Endpoint;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.jline.utils.AttributedString;

/**
 * One person's conversation, with the original's menus and keys: choose a unique name; then create
 * ({@code c}), enter ({@code e}) or list ({@code l}) rooms, or quit ({@code s}); inside a room send
 * ({@code m}: the text, then the recipient or an empty line for everyone), list users ({@code l}) or
 * leave ({@code s}). End of input (Ctrl-D) and Ctrl-C leave the room and end the session as quitting does.
 *
 * <p>When the server stops answering, the session says so at once and the prompt comes back while the client looks
 * for another ({@link #PATIENCE}); quitting meanwhile does not wait for it.
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
    /**
     * How long a request the person makes waits for the client to find another server when theirs stops answering,
     * before the prompt comes back while the client goes on looking: long enough for a move to a server the Binder
     * names at once, short enough that the person is not kept waiting.
     */
    static final Duration PATIENCE = Duration.ofSeconds(1);

    private final ChatClient chat;
    private final ChatConsole console;
    private final Texts texts;
    private final Participant you;
    private final Duration keepAliveEvery;
    /** Pings the server while the person is registered; null before. */
    private volatile KeepAlive keepAlive;

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

    /**
     * A session that asks the person through {@code console} and chats through {@code chat}.
     *
     * @param chat         the client's calls
     * @param console      where the person types and reads
     * @param texts        what the person is told, in their language
     * @param pollInterval how often a room is polled when the server has no long poll
     */
    public ChatSession(ChatClient chat, ChatConsole console, Texts texts, Duration pollInterval) {
        this(chat, console, texts, pollInterval, KeepAlive.EVERY);
    }

    /** @param keepAliveEvery how often to tell the server the person is still there while in the menu */
    ChatSession(ChatClient chat, ChatConsole console, Texts texts, Duration pollInterval, Duration keepAliveEvery) {
        this.keepAliveEvery = keepAliveEvery;
        this.chat = chat;
        this.console = console;
        this.texts = texts;
        this.you = new Participant(chat, console, texts, pollInterval);
    }

    /**
     * Runs the conversation until the person quits or input ends.
     *
     * @return {@link #EXIT_OK}, or {@link #EXIT_UNREACHABLE} when the chat cannot be reached at start-up
     */
    public int run() {
        console.completeWith(new ChatCompleter(you::knownRooms, you::roomUsers));
        chat.waitForAnotherServerAtMost(PATIENCE);
        chat.onFailover(new FailoverLines());
        String user;
        try {
            chat.connect();
            user = register();
        } catch (ChatCallException e) {
            chat.close();
            error(Explanations.of(texts, e));
            return EXIT_UNREACHABLE;
        } catch (InputEnded e) {
            chat.close();
            say("goodbye");
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
        chat.close();
        say("goodbye");
        return EXIT_OK;
    }

    /** Leaves the room the person is in, if any, and frees the name: for a process that is being stopped. */
    @Override
    public void close() {
        quit();
    }

    /**
     * Stops looking for other servers, leaves the room, stops the keep-alive, and frees the name on the server (where
     * it offers that); a server that stopped answering is not waited for.
     */
    private void quit() {
        chat.close();
        you.leaveForGood();
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
            Optional<TypedCommand> command = TypedCommand.parse(line);
            if (command.isPresent()) {
                command(command.get(), false);
                if (you.quitting()) {
                    return null;
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
                    you.registered(name);
                    say("registered");
                    return name;
                }
                say("username.taken");
            } catch (ChatCallException e) {
                if (!e.isRefusal() && e.reason() != ChatCallException.Reason.SEARCHING) {
                    throw e;
                }
                error(Explanations.of(texts, e)); // refused, or still looking for a server: the name is asked again
            }
        }
    }

    /** The menus, until the person quits; every line is a key, a command, or (in a room) a message. */
    private void converse() {
        while (!you.quitting()) {
            String line = ask(you.inRoom() ? "menu.room" : "menu.main");
            while (line != null) {
                try {
                    handle(line);
                    line = null;
                } catch (CommandTyped typed) {
                    line = typed.line;
                } catch (ChatCallException e) {
                    error(Explanations.of(texts, e));
                    line = null;
                }
            }
        }
    }

    private void handle(String line) {
        Optional<TypedCommand> command = TypedCommand.parse(line);
        if (command.isPresent()) {
            command(command.get(), true);
            return;
        }
        String key = line.strip().toLowerCase(Locale.ROOT);
        if (!you.inRoom()) {
            switch (key) {
                case "c" -> you.createRoom(answer("prompt.room").strip());
                case "e" -> you.enterRoom(answer("prompt.room").strip(), false);
                case "l" -> you.listRooms();
                case "s" -> you.quit();
                case "" -> {
                }
                default -> unknownKey(key);
            }
            return;
        }
        switch (key) {
            case "m" -> sendMessage();
            case "l" -> you.listUsers("");
            case "s" -> you.leaveRoom();
            case "" -> {
            }
            default -> {
                if (key.codePointCount(0, key.length()) == 1) {
                    unknownKey(key); // a mistyped key, not a message
                } else {
                    you.send(TypedCommand.unescape(line), null);
                }
            }
        }
    }

    /**
     * Runs what the person typed after a {@code /}, as its declaration says; before a name, only the commands that
     * need none.
     */
    private void command(TypedCommand typed, boolean named) {
        Optional<SlashCommand> declared = typed.declared().filter(command -> named || command.availableBeforeName());
        if (declared.isEmpty()) {
            if (named) {
                say("command.unknown", "/" + typed.name());
            } else {
                say("command.needName");
            }
            return;
        }
        SlashCommand command = declared.get();
        command.arguments(typed.argument()).ifPresentOrElse(arguments -> command.run(you, arguments),
                () -> say("command.usage", command.usage()));
    }

    private void unknownKey(String key) {
        say("menu.unknown", key);
        say("menu.hint");
    }

    /** The original's {@code m}: the text, then the recipient or an empty line for everyone. */
    private void sendMessage() {
        String content = answer("prompt.message");
        String recipient = answer("prompt.recipient").strip();
        you.send(content, recipient.isEmpty() ? null : recipient);
    }

    /** A menu's answer, as typed. */
    private String ask(String promptKey) {
        return console.ask(texts.get(promptKey) + " ").orElseThrow(InputEnded::new);
    }

    /** A question's answer; a command instead drops the question and runs. */
    private String answer(String promptKey) {
        String line = ask(promptKey);
        if (TypedCommand.parse(line).isPresent()) {
            throw new CommandTyped(line);
        }
        return TypedCommand.unescape(line);
    }

    private void say(String key, Object... args) {
        console.show(texts.get(key, args));
    }

    private void error(String line) {
        console.show(new AttributedString(line, MessageLines.ERROR));
    }

    /** Says at once that the server stopped answering, then where the client went on, or that it found none. */
    private final class FailoverLines implements FailoverListener {
        @Override
        public void searching(Endpoint failed, String detail, Duration limit) {
            error(Explanations.searching(texts, failed, detail, limit));
        }

        @Override
        public void moved(ServerMove move) {
            Explanations.of(texts, move).forEach(line -> console.show(line));
        }

        @Override
        public void notFound(Endpoint failed, ChatCallException why) {
            error(Explanations.notFound(texts, why));
        }
    }
}
