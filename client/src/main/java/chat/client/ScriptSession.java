package chat.client;

import chat.common.JoinedRoom;
import chat.common.Message;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The client for scripts and bots: registers a name, enters a room (creating it if missing), sends each
 * line of its input, and writes each message that arrives as one line in a stable format. At the end of
 * input it waits a little for answers ({@code linger}), leaves and ends. Errors are one line on the error
 * stream, and the exit status says which.
 *
 * <p>When its server dies, it continues on another (one line on the error stream says so) from where its room
 * was; a line whose send was cut off is reported on the error stream as not sent (no connection could be made) or
 * possibly not sent, naming the server, and is not sent again.
 */
public final class ScriptSession implements AutoCloseable {
    /** Every line was sent. */
    public static final int EXIT_OK = 0;
    /** The Binder or the chat server cannot be reached. */
    public static final int EXIT_UNREACHABLE = 1;
    /** The command line is wrong (picocli's status). */
    public static final int EXIT_USAGE = 2;
    /** The username is taken (or refused). */
    public static final int EXIT_NAME_TAKEN = 3;
    /** The room could not be entered nor created. */
    public static final int EXIT_ROOM = 4;
    /** At least one message was refused (the others were sent). */
    public static final int EXIT_REFUSED = 5;
    /**
     * At least one message was not sent or may not have been: its server stopped answering during the send, and the
     * client went on with another server without sending it again (none was refused).
     */
    public static final int EXIT_UNCONFIRMED = 6;

    /**
     * What a script's session does.
     *
     * @param user         the name to register
     * @param room         the room to enter, created when missing
     * @param format       how arriving messages are written
     * @param linger       how long to wait for messages after the end of input
     * @param pollInterval how often the room is asked for new messages
     * @param zone         the time zone of the times written
     */
    public record Options(String user, String room, ArrivalFormat format, Duration linger, Duration pollInterval,
                          ZoneId zone) {
        /**
         * Checks that nothing is missing.
         *
         * @param user         the name to register
         * @param room         the room to enter, created when missing
         * @param format       how arriving messages are written
         * @param linger       how long to wait for messages after the end of input
         * @param pollInterval how often the room is asked for new messages
         * @param zone         the time zone of the times written
         * @throws NullPointerException for a missing value, naming it
         */
        public Options {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(room, "room");
            Objects.requireNonNull(format, "format");
            Objects.requireNonNull(linger, "linger");
            Objects.requireNonNull(pollInterval, "pollInterval");
            Objects.requireNonNull(zone, "zone");
        }
    }

    private final ChatClient chat;
    private final Options options;
    private final BufferedReader in;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Texts texts;
    private final AtomicReference<RoomFeed> joined = new AtomicReference<>();

    /**
     * A session that sends each line of {@code in} to the room and writes what arrives to {@code out}.
     *
     * @param chat    the client's calls
     * @param options the name, the room and how to write what arrives
     * @param in      the lines to send, one message each (a slash command's line does what the command says)
     * @param out     where arriving messages are written
     * @param err     where statuses and failures are written, one line each
     * @param texts   the language of those lines
     */
    public ScriptSession(ChatClient chat, Options options, BufferedReader in, PrintWriter out, PrintWriter err,
                         Texts texts) {
        this.chat = chat;
        this.options = options;
        this.in = in;
        this.out = out;
        this.err = err;
        this.texts = texts;
    }

    /**
     * Runs until the end of input and the linger.
     *
     * @return the exit status: {@link #EXIT_OK}, or the {@code EXIT_} code of what went wrong
     */
    public int run() {
        String user = options.user();
        String room = options.room();
        chat.onMove(move -> Explanations.of(texts, move).forEach(this::error));
        try {
            try {
                if (!chat.register(user)) {
                    return fail(EXIT_NAME_TAKEN, texts.get("bot.nameTaken", user));
                }
            } catch (ChatCallException e) {
                if (e.isRefusal()) {
                    return fail(EXIT_NAME_TAKEN, texts.get("bot.nameRefused", user,
                            ServerRefusal.read(e).map(refusal -> refusal.why(texts)).orElse(e.detail())));
                }
                throw e;
            }
            Optional<JoinedRoom> entered;
            try {
                entered = enter(user, room);
            } catch (ChatCallException e) {
                if (!e.isRefusal()) {
                    throw e;
                }
                close(); // frees the name
                return fail(EXIT_ROOM, texts.get("bot.roomRefusedBy", room, e.detail()));
            }
            if (entered.isEmpty()) {
                close();
                return fail(EXIT_ROOM, texts.get("bot.roomRefused", room));
            }
            double entering = entered.get().messages().stream().mapToDouble(Message::timestamp).max().orElse(0);
            RoomFeed feed = RoomFeed.start(room, user, entered.get().messages(),
                    after -> chat.receive(user, room, after), chat.waiter(user, room).orElse(null),
                    options.pollInterval(), new Printer(entering));
            joined.set(feed);
            Sent sent = sendEachLine(user, room, feed);
            feed.refresh();
            linger();
            close();
            return sent.refused ? EXIT_REFUSED : sent.unconfirmed ? EXIT_UNCONFIRMED : EXIT_OK;
        } catch (ChatCallException e) {
            close();
            return fail(e.isRefusal() ? EXIT_REFUSED : EXIT_UNREACHABLE, Explanations.of(texts, e));
        }
    }

    /** Enters {@code room}, creating it when missing; empty when it can be neither entered nor created. */
    private Optional<JoinedRoom> enter(String user, String room) {
        Optional<JoinedRoom> entered = chat.join(user, room);
        if (entered.isEmpty()) {
            chat.createRoom(room); // false: someone else created it meanwhile, which is as good
            entered = chat.join(user, room);
        }
        return entered;
    }

    /** Leaves the room, if still in it: at the end, or for a process that is being stopped. */
    @Override
    public void close() {
        RoomFeed feed = joined.getAndSet(null);
        if (feed != null) {
            feed.close();
            try {
                chat.leave(options.user(), options.room());
            } catch (ChatCallException e) {
                error(Explanations.of(texts, e));
            }
        }
        chat.unregister();
    }

    /** Whether a message was refused, and whether one may not have been sent. */
    private static final class Sent {
        boolean refused;
        boolean unconfirmed;
    }

    private Sent sendEachLine(String user, String room, RoomFeed feed) {
        Sent sent = new Sent();
        String line;
        while ((line = readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            Optional<SlashCommand.Outgoing> message = outgoing(user, line);
            if (message.isEmpty()) {
                refused(line, sent);
                continue;
            }
            try {
                if (!chat.send(user, room, message.get().content(), message.get().recipient())) {
                    refused(line, sent);
                    continue;
                }
            } catch (ChatCallException e) {
                if (e.isRefusal()) { // too long, too fast, ...: this line is not sent, the next ones may be
                    error(texts.get("bot.refused", e.detail(), line));
                    sent.refused = true;
                    continue;
                }
                if (e.lost().isEmpty()) {
                    throw e;
                }
                error(Explanations.botLine(texts, e.lost().get(), line));
                if (e.reason() != ChatCallException.Reason.SERVER_CHANGED) {
                    throw e; // no server left to continue on: why is said as the run ends
                }
                sent.unconfirmed = true; // not sent again: the old server may have stored it
            }
            feed.refresh(); // this line's own message is written before the next line is read
        }
        return sent;
    }

    /**
     * What a line of a bot's input sends: what its command declares for bots ({@code /msg USER TEXT} privately,
     * {@code /me ACTION} as an action), else the line as it was read, to everyone. Empty: the line is refused.
     */
    static Optional<SlashCommand.Outgoing> outgoing(String bot, String line) {
        Optional<TypedCommand> typed = TypedCommand.parse(line);
        Optional<SlashCommand> command = typed.flatMap(TypedCommand::declared);
        if (command.isEmpty()) {
            return Optional.of(new SlashCommand.Outgoing(line, null));
        }
        return command.get().forBot(bot, line, typed.get().argument());
    }

    private void refused(String line, Sent sent) {
        error(texts.get("bot.notSent", line));
        sent.refused = true;
    }

    private String readLine() {
        try {
            return in.readLine();
        } catch (IOException e) {
            return null; // an unreadable input ends like the end of input
        } catch (UncheckedIOException e) {
            return null;
        }
    }

    private void linger() {
        try {
            Thread.sleep(options.linger().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private int fail(int status, String line) {
        error(line);
        return status;
    }

    /** Writes one line on the error stream, after {@code client: } as every error line of the program. */
    private void error(String line) {
        synchronized (err) {
            err.println("client: " + line);
            err.flush();
        }
    }

    /** Writes what arrives after entering; what joining answered was before this program's time. */
    private final class Printer implements RoomFeed.Listener {
        private final double entering;

        /** @param entering the newest timestamp joining answered */
        Printer(double entering) {
            this.entering = entering;
        }

        @Override
        public void message(Message message) {
            if (message.timestamp() > entering) {
                synchronized (out) {
                    out.println(options.format().line(message, options.zone()));
                    out.flush();
                }
            }
        }

        @Override
        public void unavailable(ChatCallException failure) {
            error(texts.get("feed.unavailable", Explanations.of(texts, failure)));
        }

        @Override
        public void recovered() {
            error(texts.get("feed.recovered"));
        }
    }
}
