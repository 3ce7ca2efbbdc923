package chat.client;

import java.util.Locale;
import java.util.Optional;

/**
 * A line the person typed that starts with {@code /}: a command name and the rest of the line. A line
 * that starts with {@code //} is not a command but text that starts with {@code /}.
 *
 * @param name     the command, lower case, without the slash ({@code join}); perhaps not a declared one
 * @param argument the rest of the line, stripped; empty when nothing follows
 */
record TypedCommand(String name, String argument) {
    /** The command on {@code line}, or empty when the line is not a command. */
    static Optional<TypedCommand> parse(String line) {
        String text = line.stripLeading();
        if (!text.startsWith("/") || text.startsWith("//") || text.length() < 2 || Character.isWhitespace(text.charAt(1))) {
            return Optional.empty();
        }
        String[] parts = text.substring(1).split("\\s+", 2);
        return Optional.of(new TypedCommand(parts[0].toLowerCase(Locale.ROOT), parts.length > 1 ? parts[1].strip() : ""));
    }

    /** The text a line means when it is not a command: {@code //x} is {@code /x}. */
    static String unescape(String line) {
        String text = line.stripLeading();
        return text.startsWith("//") ? text.substring(1) : line;
    }

    /** The command of that name, or empty when there is none ({@code /dance}). */
    Optional<SlashCommand> declared() {
        return SlashCommand.named(name);
    }
}
