package chat.client;

/**
 * How a user or room name is written in a slash command, and read back. A name without spaces that does not start
 * with a double quote is written as it is ({@code ana}); any other name between double quotes, with a backslash
 * before each {@code "} and {@code \} inside ({@code "joão silva"}). Tab inserts names as {@link #quote} writes
 * them and the commands read them with {@link #unquote}, so every name the server accepts (inner spaces, quotes and
 * backslashes included) can be typed in every command.
 */
final class TypedName {
    private TypedName() {
    }

    /** What a name read between quotes is, where its quotes end, and whether the closing quote was there. */
    record Quoted(String name, int end, boolean closed) {
    }

    /**
     * Whether {@code codePoint} separates the words of a command: any character that shows as a space (the server
     * allows such characters inside names, never at either end).
     */
    static boolean isSpace(int codePoint) {
        return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint);
    }

    /** How {@code name} is typed in a command: as it is when it can be, else between quotes. */
    static String quote(String name) {
        return needsQuotes(name) ? quoted(name, true) : name;
    }

    /**
     * The beginning of {@code name} as typed in a command, for Tab to write when several names share it: between an
     * opening quote (not closed, more is to come) when the whole name needs quotes or {@code opened} says the person
     * already opened them.
     */
    static String quotePrefix(String prefix, boolean opened) {
        return opened || needsQuotes(prefix) ? quoted(prefix, false) : prefix;
    }

    /** Whether {@code name} can only be typed between quotes: it is empty, has a space, or starts with a quote. */
    static boolean needsQuotes(String name) {
        return name.isEmpty() || name.startsWith("\"") || name.codePoints().anyMatch(TypedName::isSpace);
    }

    /**
     * Reads the name between quotes that starts at {@code from} (a {@code "}): up to the next {@code "} that no
     * backslash precedes, each backslash taking the character after it as it is. Without a closing quote the name
     * runs to the end of {@code line}.
     */
    static Quoted unquote(String line, int from) {
        if (from >= line.length() || line.charAt(from) != '"') {
            throw new IllegalArgumentException("no quote at " + from + " in " + line);
        }
        StringBuilder name = new StringBuilder();
        int i = from + 1;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '"') {
                return new Quoted(name.toString(), i + 1, true);
            }
            if (c == '\\' && i + 1 < line.length()) {
                i++;
                c = line.charAt(i);
            }
            name.append(c);
            i++;
        }
        return new Quoted(name.toString(), line.length(), false);
    }

    private static String quoted(String name, boolean closed) {
        StringBuilder typed = new StringBuilder(name.length() + 2).append('"');
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '"' || c == '\\') {
                typed.append('\\');
            }
            typed.append(c);
        }
        return closed ? typed.append('"').toString() : typed.toString();
    }
}
