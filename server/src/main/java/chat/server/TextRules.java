package chat.server;

import java.util.List;

/**
 * What a name and a message may contain, and how text from a caller and lists of names are put in the
 * log. Each check answers null when the text is acceptable, or the rule it breaks, worded to follow the
 * argument's name ("is too long: 40 characters, at most 32"). The Java client reads these words to tell the person
 * in their language (docs/protocol.md, Faults).
 */
final class TextRules {
    /** How many characters of a caller's text a log line quotes. */
    static final int LOG_EXCERPT = 40;
    /** How many names a log line lists. */
    static final int LOGGED_NAMES = 10;

    private TextRules() {
    }

    /**
     * A user or room name: not empty, at most {@code maxLength} characters (code points), no whitespace
     * at either end, and only visible, assigned characters and inner spaces: no control characters, line
     * or paragraph separators, invisible formatting characters (they make two different names look the
     * same, or reverse the text around them), unassigned code points or lone surrogates.
     */
    static String nameProblem(String name, int maxLength) {
        if (name == null || name.isBlank()) {
            return "must not be empty";
        }
        String length = lengthProblem(name, maxLength);
        if (length != null) {
            return length;
        }
        int first = name.codePointAt(0);
        int last = name.codePointBefore(name.length());
        if (isSpace(first) || isSpace(last)) {
            return "must not begin or end with whitespace";
        }
        for (int i = 0; i < name.length(); ) {
            int c = name.codePointAt(i);
            String problem = switch (Character.getType(c)) {
                case Character.CONTROL -> "must not contain control characters";
                case Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> "must not contain line breaks";
                case Character.FORMAT -> "must not contain invisible formatting characters";
                case Character.UNASSIGNED -> "must not contain unassigned characters";
                case Character.SURROGATE -> "must not contain a lone surrogate";
                default -> null;
            };
            if (problem != null) {
                return problem + " (" + codePoint(c) + ")";
            }
            i += Character.charCount(c);
        }
        return null;
    }

    /**
     * A message's text: at most {@code maxLength} characters (code points), and no control characters but
     * tab, line feed and carriage return (NUL and escape sequences have no place in a chat line, and a
     * lone surrogate cannot be written back as UTF-8). Empty text is accepted, as the original does.
     */
    static String contentProblem(String content, int maxLength) {
        String length = lengthProblem(content, maxLength);
        if (length != null) {
            return length;
        }
        for (int i = 0; i < content.length(); ) {
            int c = content.codePointAt(i);
            int type = Character.getType(c);
            if (type == Character.CONTROL && c != '\t' && c != '\n' && c != '\r') {
                return "must not contain control characters other than tab and line breaks (" + codePoint(c) + ")";
            }
            if (type == Character.SURROGATE) {
                return "must not contain a lone surrogate (" + codePoint(c) + ")";
            }
            i += Character.charCount(c);
        }
        return null;
    }

    /** Whether {@code name} may be one that {@link #nameProblem} accepts, judged in constant time. */
    static boolean mayBeName(String name, int maxLength) {
        return name != null && name.length() <= 2 * maxLength;
    }

    /** A list of names for a log line: the first {@value #LOGGED_NAMES}, then how many more there are. */
    static String shortList(List<String> names) {
        return names.size() <= LOGGED_NAMES ? names.toString()
                : names.subList(0, LOGGED_NAMES) + " and " + (names.size() - LOGGED_NAMES) + " more";
    }

    /**
     * A caller's text for a log line: in quotes, its first {@value #LOG_EXCERPT} characters, with anything
     * that could break or forge a log line (controls, separators, formatting characters, quotes,
     * backslashes) escaped, and its length when it was cut.
     */
    static String forLog(String text) {
        if (text == null) {
            return "nil";
        }
        StringBuilder quoted = new StringBuilder(LOG_EXCERPT + 16).append('"');
        int shown = 0;
        int i = 0;
        while (i < text.length() && shown < LOG_EXCERPT) {
            int c = text.codePointAt(i);
            int type = Character.getType(c);
            if (c == '"' || c == '\\') {
                quoted.append('\\').appendCodePoint(c);
            } else if (type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
                    || type == Character.UNASSIGNED || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR) {
                quoted.append(String.format("\\u{%04X}", c));
            } else {
                quoted.appendCodePoint(c);
            }
            shown++;
            i += Character.charCount(c);
        }
        quoted.append('"');
        if (i < text.length()) {
            quoted.append("... (").append(text.codePointCount(0, text.length())).append(" characters)");
        }
        return quoted.toString();
    }

    private static String lengthProblem(String text, int maxLength) {
        if (text.length() <= maxLength) {
            return null;
        }
        int count = text.codePointCount(0, text.length());
        return count <= maxLength ? null : "is too long: " + count + " characters, at most " + maxLength;
    }

    private static boolean isSpace(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    private static String codePoint(int c) {
        return String.format("U+%04X", c);
    }
}
