package chat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import chat.common.Message;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The lines bot mode writes for each arriving message, byte for byte. */
class ArrivalFormatTest {
    @Test
    void jsonIsTheLineTheDocumentationShows() {
        Message message = Message.broadcast("ana", "oi", 1714583109.25);
        assertEquals("{\"time\": \"2024-05-01T14:05:09.25-03:00\", \"timestamp\": 1714583109.25, \"type\": \"broadcast\", "
                + "\"origin\": \"ana\", \"destination\": \"Todos\", \"content\": \"oi\"}",
                ArrivalFormat.JSON.line(message, ZoneOffset.ofHours(-3)));
    }

    @Test
    void jsonTimestampsAreDecimalsWithEveryDigitAndNoExponent() {
        Message message = Message.unicast("ana", "bob", "psiu", 1796425194.449876);
        assertEquals("{\"time\": \"2026-12-04T22:59:54.449Z\", \"timestamp\": 1796425194.449876, \"type\": \"unicast\", "
                + "\"origin\": \"ana\", \"destination\": \"bob\", \"content\": \"psiu\"}",
                ArrivalFormat.JSON.line(message, ZoneOffset.UTC));
    }

    @Test
    void textIsTabSeparatedWithTheLocalTime() {
        Message message = Message.broadcast("ana", "a\tb\\c\nd", 1714583109.25);
        assertEquals("14:05:09\tana\tTodos\ta\\tb\\\\c\\nd", ArrivalFormat.TEXT.line(message, ZoneOffset.ofHours(-3)));
    }
}
