package chat.client;

import chat.common.Json;
import chat.common.Message;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * How the non-interactive mode writes each arriving message, one per line, for scripts: tab-separated
 * {@code HH:mm:ss origin destination content}, or one JSON object.
 */
public enum ArrivalFormat {
    /** {@code HH:mm:ss<TAB>origin<TAB>destination<TAB>content}; a tab, newline or backslash in a field is written {@code \t}, {@code \n}, {@code \\}. */
    TEXT {
        @Override
        public String line(Message message, ZoneId zone) {
            return CLOCK.format(instant(message).atZone(zone)) + '\t' + field(message.origin()) + '\t'
                    + field(message.destination()) + '\t' + field(message.content());
        }
    },
    /** {@code {"time": ISO-8601 with offset, "timestamp": seconds, "type", "origin", "destination", "content"}}. */
    JSON {
        @Override
        public String line(Message message, ZoneId zone) {
            return "{\"time\": " + Json.string(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                            instant(message).truncatedTo(ChronoUnit.MILLIS).atZone(zone)))
                    + ", \"timestamp\": " + Json.number(message.timestamp())
                    + ", \"type\": " + Json.string(message.type().wireName())
                    + ", \"origin\": " + Json.string(message.origin())
                    + ", \"destination\": " + Json.string(message.destination())
                    + ", \"content\": " + Json.string(message.content()) + "}";
        }
    };

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    /**
     * The message as one line, without the line break.
     *
     * @param message a message that arrived in the room
     * @param zone    the time zone its time is written in
     * @return the line
     */
    public abstract String line(Message message, ZoneId zone);

    private static Instant instant(Message message) {
        double seconds = Math.floor(message.timestamp());
        long nanos = Math.round((message.timestamp() - seconds) * 1e9);
        return Instant.ofEpochSecond((long) seconds).plusNanos(nanos);
    }

    private static String field(String text) {
        return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }
}
