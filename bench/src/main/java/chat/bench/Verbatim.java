package chat.bench;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A value written into the request as is (a double exactly as the server sent it). */
record Verbatim(String doubleText) {
    private static final Pattern DOUBLE = Pattern.compile("<double>([^<]+)</double>");

    /** The last double of an answer, as the server wrote it: the newest message's timestamp. */
    static Verbatim lastDouble(String xml) {
        Verbatim last = lastDoubleOrNull(xml);
        if (last == null) {
            throw new IllegalStateException("expected messages with timestamps in: " + xml.substring(0, Math.min(300, xml.length())));
        }
        return last;
    }

    /** The last double of an answer, or null when it has none. */
    static Verbatim lastDoubleOrNull(String xml) {
        Matcher m = DOUBLE.matcher(xml);
        String last = null;
        while (m.find()) {
            last = m.group(1);
        }
        return last == null ? null : new Verbatim(last);
    }

    @Override
    public String toString() {
        return doubleText;
    }
}
