package chat.client;

import java.util.Arrays;
import java.util.List;
import org.jline.utils.WCWidth;

/**
 * The commands' lines of {@code /help}: each {@code help.NAME} text is the command with its arguments in the
 * person's words (as many words as the command's usage has), then what it does; what each does starts in one
 * column, measured in terminal columns (an accented letter takes one, a combining accent none, a wide character
 * two), so that the lines align in any language.
 */
final class CommandHelp {
    /** Columns between the longest usage and the descriptions. */
    static final int GAP = 2;

    private CommandHelp() {
    }

    /** One line per command, in the table's order. */
    static List<String> lines(Texts texts) {
        List<Row> rows = Arrays.stream(SlashCommand.values())
                .map(command -> Row.of(texts.get(command.helpKey()), command.usage().split(" ").length))
                .toList();
        int widest = rows.stream().mapToInt(row -> width(row.usage())).max().orElse(0);
        return rows.stream().map(row -> row.description().isEmpty() ? row.usage()
                : row.usage() + " ".repeat(widest - width(row.usage()) + GAP) + row.description()).toList();
    }

    /** How many terminal columns {@code text} takes. */
    static int width(String text) {
        return text.codePoints().map(c -> Math.max(0, WCWidth.wcwidth(c))).sum();
    }

    /** A help line: the command and its arguments, and what it does. */
    private record Row(String usage, String description) {
        /** The first {@code words} words of {@code line}, and what follows them. */
        static Row of(String line, int words) {
            String[] parts = line.strip().split("\\s+", words + 1);
            String usage = String.join(" ", Arrays.asList(parts).subList(0, Math.min(words, parts.length)));
            return new Row(usage, parts.length > words ? parts[words] : "");
        }
    }
}
