package chat.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import chat.common.Message;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageLogTest {
    private static StoredMessage message(long seq) {
        return new StoredMessage(seq, Message.broadcast("ana", "m" + seq, 1000.0 + seq));
    }

    private static List<Long> seqs(List<StoredMessage> messages) {
        return messages.stream().map(StoredMessage::seq).toList();
    }

    @Test
    void anEmptyLogHasNothing() {
        MessageLog log = new MessageLog(4);
        assertNull(log.newest());
        assertEquals(List.of(), log.afterSeq(0, m -> true));
        assertEquals(List.of(), log.newest(10, m -> true));
    }

    @Test
    void readsFromACursorAcrossTheRingsWrap() {
        MessageLog log = new MessageLog(4);
        for (long seq = 1; seq <= 10; seq++) {
            log.append(message(seq));
        }
        assertEquals(List.of(7L, 8L, 9L, 10L), seqs(log.afterSeq(0, m -> true)));
        assertEquals(List.of(9L, 10L), seqs(log.afterSeq(8, m -> true)));
        assertEquals(List.of(), seqs(log.afterSeq(10, m -> true)));
        assertEquals(List.of(8L, 9L, 10L), seqs(log.afterTimestamp(1007.0, m -> true)));
        assertEquals(List.of(7L, 8L, 9L, 10L), seqs(log.afterTimestamp(1000.5, m -> true)));
        assertEquals(10L, log.newest().seq());
    }

    @Test
    void newestCountsOnlyWhatPassesTheFilter() {
        MessageLog log = new MessageLog(100);
        for (long seq = 1; seq <= 20; seq++) {
            log.append(message(seq));
        }
        assertEquals(List.of(14L, 16L, 18L, 20L), seqs(log.newest(4, m -> m.seq() % 2 == 0)));
    }
}
