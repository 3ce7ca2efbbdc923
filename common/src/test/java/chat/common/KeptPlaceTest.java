package chat.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KeptPlaceTest {

    @Test
    void eachKindReadsBackFromTheWire() {
        for (KeptPlace place : new KeptPlace[] {KeptPlace.MEMORY_ONLY, KeptPlace.file("a1b2", "/data/chat.db"),
                KeptPlace.database("jdbc:postgresql://db/chat?user=chat&password=(hidden)")}) {
            assertEquals(place, KeptPlace.fromWire(place.toWire()));
        }
        assertEquals(Map.of("kind", "file", "machine", "a1b2", "where", "/data/chat.db"),
                KeptPlace.file("a1b2", "/data/chat.db").toWire());
    }

    @Test
    void theLabelSaysWhereInWords() {
        assertEquals("memory only", KeptPlace.MEMORY_ONLY.label());
        assertEquals("the file /data/chat.db", KeptPlace.file("a1b2", "/data/chat.db").label());
        assertEquals("the database jdbc:postgresql://db/chat", KeptPlace.database("jdbc:postgresql://db/chat").label());
    }

    @Test
    void aPlaceThatNamesTooLittleOrTooMuchIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> KeptPlace.file("", "/data/chat.db"));
        assertThrows(IllegalArgumentException.class, () -> KeptPlace.file("a1b2", ""));
        assertThrows(IllegalArgumentException.class, () -> KeptPlace.database(""));
        assertThrows(IllegalArgumentException.class, () -> new KeptPlace(KeptPlace.Kind.DATABASE, "a1b2", "jdbc:x"));
        assertThrows(IllegalArgumentException.class, () -> new KeptPlace(KeptPlace.Kind.MEMORY, "", "/data"));
    }

    @Test
    void anUnknownKindOrAMistypedMemberIsRefusedNamingIt() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> KeptPlace.fromWire(Map.of("kind", "tape", "machine", "", "where", "/dev/st0")));
        assertEquals("unknown kind of kept place 'tape'", unknown.getMessage());
        IllegalArgumentException mistyped = assertThrows(IllegalArgumentException.class,
                () -> KeptPlace.fromWire(Map.of("kind", "file", "machine", 7, "where", "/data/chat.db")));
        assertEquals(true, mistyped.getMessage().contains("machine"), mistyped.getMessage());
        assertThrows(IllegalArgumentException.class, () -> KeptPlace.fromWire("file"));
    }
}
