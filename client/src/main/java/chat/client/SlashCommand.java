package chat.client;

import static chat.client.SlashCommand.Argument.ACTION;
import static chat.client.SlashCommand.Argument.COUNT;
import static chat.client.SlashCommand.Argument.ROOM;
import static chat.client.SlashCommand.Argument.ROOM_OR_HERE;
import static chat.client.SlashCommand.Argument.TEXT;
import static chat.client.SlashCommand.Argument.USER;
import static chat.client.SlashCommand.Available.AFTER_NAME;
import static chat.client.SlashCommand.Available.ALWAYS;
import static chat.client.SlashCommand.ForBots.AS_TYPED;

import chat.client.TypedArguments.Reading;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The commands a person types after a {@code /}, each declared once: its name, its arguments, when it can be
 * used, what a bot sends for it, and what it does in the menus. The session runs them, bot mode sends them, Tab
 * offers them, {@code /help} lists them in this order, each by its line under {@code help.NAME} in the message
 * bundles, and {@code --help} by their usage.
 *
 * <p>A new command is one more constant here, the {@link Participant} method it calls, and its {@code help.NAME}
 * line in {@code messages_en.properties} and {@code messages_pt.properties}.
 */
enum SlashCommand {
    JOIN("join", List.of(ROOM), AFTER_NAME, AS_TYPED, (you, a) -> you.enterRoom(a.get(0), true)),
    CREATE("create", List.of(ROOM), AFTER_NAME, AS_TYPED, (you, a) -> you.createRoom(a.get(0))),
    LEAVE("leave", List.of(), AFTER_NAME, AS_TYPED, (you, a) -> you.leave()),
    ROOMS("rooms", List.of(), AFTER_NAME, AS_TYPED, (you, a) -> you.listRooms()),
    USERS("users", List.of(ROOM_OR_HERE), AFTER_NAME, AS_TYPED, (you, a) -> you.listUsers(a.get(0))),
    MSG("msg", List.of(USER, TEXT), AFTER_NAME,
            ForBots.sends((bot, a) -> new Outgoing(a.get(1), a.get(0))),
            (you, a) -> you.send(a.get(1), a.get(0))),
    ME("me", List.of(ACTION), AFTER_NAME,
            ForBots.sends((bot, a) -> new Outgoing(MessageLines.action(bot, a.get(0)), null)),
            (you, a) -> you.act(a.get(0))),
    SAY("say", List.of(TEXT), AFTER_NAME, AS_TYPED, (you, a) -> you.send(a.get(0), null)),
    HISTORY("history", List.of(COUNT), AFTER_NAME, AS_TYPED, (you, a) -> you.history(a.get(0))),
    HELP("help", List.of(), ALWAYS, AS_TYPED, (you, a) -> you.help()),
    QUIT("quit", List.of(), ALWAYS, AS_TYPED, (you, a) -> you.quit());

    /**
     * What may follow a command's name: how its usage shows it, whether Tab offers rooms for it, how it is read (a
     * name may be typed between quotes), what it accepts.
     */
    enum Argument {
        ROOM("ROOM", true, Reading.NAME, Argument::present),
        /** A room, or none for the room the person is in. */
        ROOM_OR_HERE("[ROOM]", true, Reading.NAME, word -> true),
        USER("USER", false, Reading.NAME, Argument::present),
        /** The rest of the line. */
        TEXT("TEXT", false, Reading.AS_TYPED, Argument::present),
        ACTION("ACTION", false, Reading.AS_TYPED, Argument::present),
        /** How many, at least one; none for the command's own number. */
        COUNT("[N]", false, Reading.AS_TYPED, word -> word.isEmpty() || count(word) > 0);

        private final String placeholder;
        private final boolean room;
        private final Reading reading;
        private final Predicate<String> accepts;

        Argument(String placeholder, boolean room, Reading reading, Predicate<String> accepts) {
            this.placeholder = placeholder;
            this.room = room;
            this.reading = reading;
            this.accepts = accepts;
        }

        private static boolean present(String word) {
            return !word.isBlank();
        }

        private static int count(String word) {
            try {
                return Integer.parseInt(word);
            } catch (NumberFormatException e) {
                return -1;
            }
        }
    }

    /** When a command can be used. */
    enum Available {
        /** Once the person has a name. */
        AFTER_NAME,
        /** At the question for a name too. */
        ALWAYS
    }

    /** What a bot sends, and to whom, for a line of its input. */
    record Outgoing(String content, String recipient) {
    }

    /** What a bot sends for a command in its input; empty: the line is refused. */
    @FunctionalInterface
    interface ForBots {
        /** The command means nothing to a bot: the line goes to everyone as it was read. */
        ForBots AS_TYPED = (bot, line, arguments) -> Optional.of(new Outgoing(line, null));

        /** A command a bot sends a message for; a line without the arguments the command needs is refused. */
        static ForBots sends(BiFunction<String, List<String>, Outgoing> message) {
            return (bot, line, arguments) -> arguments.map(a -> message.apply(bot, a));
        }

        /**
         * @param bot       the bot's name
         * @param line      the line as it was read
         * @param arguments the command's arguments, or empty when the line does not have those it needs
         */
        Optional<Outgoing> message(String bot, String line, Optional<List<String>> arguments);
    }

    /** What a command does in the menus, given its arguments (one string each, as declared). */
    @FunctionalInterface
    interface Handler {
        void run(Participant you, List<String> arguments);
    }

    private final String name;
    private final List<Argument> arguments;
    private final Available available;
    private final ForBots forBots;
    private final Handler handler;

    SlashCommand(String name, List<Argument> arguments, Available available, ForBots forBots, Handler handler) {
        this.name = name;
        this.arguments = arguments;
        this.available = available;
        this.forBots = forBots;
        this.handler = handler;
    }

    /** The command of that name, exactly as declared ({@code join}), or empty. */
    static Optional<SlashCommand> named(String name) {
        return Arrays.stream(values()).filter(command -> command.name.equals(name)).findFirst();
    }

    /** Every command's usage, in the table's order, for {@code --help}: {@code /join ROOM, /create ROOM, ...}. */
    static String usages() {
        return Arrays.stream(values()).map(SlashCommand::usage).collect(Collectors.joining(", "));
    }

    /** The command as the person types it: {@code /join}. */
    String typed() {
        return "/" + name;
    }

    /** The key of its line in {@code /help}, in both languages' bundles. */
    String helpKey() {
        return "help." + name;
    }

    /** How it is typed, for a line that got it wrong: {@code /msg USER TEXT}. */
    String usage() {
        return arguments.stream().map(argument -> " " + argument.placeholder)
                .collect(Collectors.joining("", typed(), ""));
    }

    boolean availableBeforeName() {
        return available == ALWAYS;
    }

    /** Whether Tab offers room names for the {@code index}th word after the command (the first is 1). */
    boolean offersRooms(int index) {
        return index >= 1 && index <= arguments.size() && arguments.get(index - 1).room;
    }

    /** How each of its arguments is read from a typed line, in order. */
    List<Reading> readings() {
        return arguments.stream().map(argument -> argument.reading).toList();
    }

    /**
     * The arguments in what followed the command, as {@link TypedArguments} reads them: the first words, the last
     * argument taking the rest of the line; a name between quotes where one is typed.
     *
     * @return empty when one is missing, not as declared, or a name's quotes are not closed
     */
    Optional<List<String>> arguments(String typed) {
        Optional<List<String>> values = TypedArguments.values(typed, readings());
        for (int i = 0; values.isPresent() && i < arguments.size(); i++) {
            if (!arguments.get(i).accepts.test(values.get().get(i))) {
                return Optional.empty();
            }
        }
        return values.map(List::copyOf);
    }

    /** Does what the command does in the menus; {@code arguments} as {@link #arguments(String)} found them. */
    void run(Participant you, List<String> arguments) {
        handler.run(you, arguments);
    }

    /** What the bot named {@code bot} sends for {@code line}, this command with {@code argument}; empty: refused. */
    Optional<Outgoing> forBot(String bot, String line, String argument) {
        return forBots.message(bot, line, arguments(argument));
    }
}
