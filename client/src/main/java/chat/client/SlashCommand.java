package chat.client;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A line the person typed that starts with {@code /}: a command name and the rest of the line. A line
 * that starts with {@code //} is not a command but text that starts with {@code /}.
 *
 * @param name     the command, lower case, without the slash ({@code join})
 * @param argument the rest of the line, stripped; empty when nothing follows
 */
record SlashCommand(String name, String argument) {
    /** Every command, in the order {@code /help} lists them. */
    static final List<String> NAMES = List.of("join", "create", "leave", "rooms", "users", "msg", "me", "say",
            "history", "help", "quit");

    /** The command on {@code line}, or empty when the line is not a command. */
    static Optional<SlashCommand> parse(String line) {
        String text = line.stripLeading();
        if (!text.startsWith("/") || text.startsWith("//") || text.length() < 2 || Character.isWhitespace(text.charAt(1))) {
            return Optional.empty();
        }
        String[] parts = text.substring(1).split("\\s+", 2);
        return Optional.of(new SlashCommand(parts[0].toLowerCase(Locale.ROOT), parts.length > 1 ? parts[1].strip() : ""));
    }

    /** The text a line means when it is not a command: {@code //x} is {@code /x}. */
    static String unescape(String line) {
        String text = line.stripLeading();
        return text.startsWith("//") ? text.substring(1) : line;
    }

    /** The argument's first word, and the rest: {@code /msg bob oi, tudo bem?}. */
    String[] firstWordAndRest() {
        String[] parts = argument.split("\\s+", 2);
        return new String[] {parts[0], parts.length > 1 ? parts[1] : ""};
    }
}
