package chat.common;

/**
 * Just enough JSON writing for the programs' one-object-per-line outputs (the client's --json lines, the
 * Binder's status): a correct string escaper.
 */
public final class Json {
    private Json() {
    }

    /** {@code text} as a JSON string, quotes included: {@code "}, {@code \}, and control characters escaped. */
    public static String string(String text) {
        StringBuilder json = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                case '\b' -> json.append("\\b");
                case '\f' -> json.append("\\f");
                default -> {
                    // Control characters must be escaped; U+2028/2029 too, for readers that are JavaScript.
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }
}
