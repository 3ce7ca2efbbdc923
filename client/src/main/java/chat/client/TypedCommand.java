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
        int slash = TypedArguments.skipSpaces(line, 0);
        if (!line.startsWith("/", slash) || line.startsWith("//", slash) || slash + 1 >= line.length()
                || TypedName.isSpace(line.charAt(slash + 1))) {
            return Optional.empty();
        }
        int end = nameEnd(line);
        return Optional.of(new TypedCommand(line.substring(slash + 1, end).toLowerCase(Locale.ROOT),
                TypedArguments.stripSpaces(line.substring(end))));
    }

    /** Where the command's name ends in {@code line}, a command: at the first space after the slash, or the end. */
    static int nameEnd(String line) {
        return TypedArguments.nextSpace(line, TypedArguments.skipSpaces(line, 0));
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
