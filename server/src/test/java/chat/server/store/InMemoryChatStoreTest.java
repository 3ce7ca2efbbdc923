package chat.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.common.Message;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class InMemoryChatStoreTest extends ChatStoreContract {
    @Override
    protected ChatStore newStore(int historyLimit) {
        return new InMemoryChatStore(historyLimit);
    }

    @Test
    void waitsThatEndedWithoutAMessageDoNotPileUpInTheRoom() {
        InMemoryChatStore rooms = new InMemoryChatStore(100);
        Instant now = Instant.parse("2024-01-01T00:00:00Z");
        rooms.createRoom("r", now, 10);
        rooms.registerUser("ana", null, now, 10);
        rooms.join("r", "ana", Message.notice("ana entrou na sala.", 0), 50, now);
        long newest = rooms.readAfterSeq("r", "ana", 0).orElseThrow().newestSeq();
        List<CompletableFuture<Boolean>> live = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            live.add(rooms.nextMessage("r", newest));
        }
        for (int i = 0; i < 10_000; i++) {
            rooms.nextMessage("r", newest).cancel(false); // a wait that timed out
            assertTrue(rooms.waitersHeld("r") <= 2 * (live.size() + 1) + 16, "held " + rooms.waitersHeld("r"));
        }
        rooms.post("r", Message.broadcast("ana", "wake", 0), now);
        for (CompletableFuture<Boolean> waiter : live) {
            assertEquals(true, waiter.getNow(null));
        }
        assertEquals(0, rooms.waitersHeld("r"));
    }
}
