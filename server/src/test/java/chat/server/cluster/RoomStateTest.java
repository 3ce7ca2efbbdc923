package chat.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import chat.common.Message;
import chat.server.store.StoredMessage;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A room as the cluster keeps it, changed by its operations as the partition's owner and backup run them. */
class RoomStateTest {
    private static final Instant T0 = Instant.parse("2026-11-24T12:00:00Z");

    private static RoomState roomWith(String... members) {
        RoomState room = new RoomState(1, 100, T0);
        for (String member : members) {
            room.members().add(member);
        }
        return room;
    }

    @Test
    void aPostSentAgainAfterItsOwnerDiedIsStoredOnceAndAnsweredAsStored() {
        RoomState room = roomWith("ana");
        RoomOperations.Post post = new RoomOperations.Post(Message.broadcast("ana", "oi", 0), T0);

        StoredMessage first = post.apply(room);
        StoredMessage again = post.apply(room);

        assertEquals(first, again);
        assertEquals(1, room.log().all().size());
        assertEquals(1, room.lastSeq());
    }

    @Test
    void twoPostsOfTheSameTextAreTwoMessages() {
        RoomState room = roomWith("ana");

        StoredMessage first = new RoomOperations.Post(Message.broadcast("ana", "oi", 0), T0).apply(room);
        StoredMessage second = new RoomOperations.Post(Message.broadcast("ana", "oi", 0), T0).apply(room);

        assertNotEquals(first.seq(), second.seq());
        assertEquals(2, room.log().all().size());
    }

    @Test
    void aPostWhoseMessageLeftTheHistoryIsStillNotStoredAgain() {
        RoomState room = new RoomState(1, 2, T0);
        room.members().add("ana");
        RoomOperations.Post post = new RoomOperations.Post(Message.broadcast("ana", "primeira", 0), T0);
        long seq = post.apply(room).seq();
        for (int i = 0; i < 3; i++) {
            new RoomOperations.Post(Message.broadcast("ana", "m" + i, 0), T0).apply(room);
        }

        assertEquals(seq, post.apply(room).seq());
        assertEquals(4, room.lastSeq());
    }

    @Test
    void aRoomRemembersOnlyItsNewestPosts() {
        RoomState room = roomWith("ana");
        RoomOperations.Post oldest = new RoomOperations.Post(Message.broadcast("ana", "velha", 0), T0);
        oldest.apply(room);
        for (int i = 0; i < RoomState.REMEMBERED_POSTS; i++) {
            new RoomOperations.Post(Message.broadcast("ana", "m" + i, 0), T0).apply(room);
        }

        oldest.apply(room);

        assertEquals(RoomState.REMEMBERED_POSTS + 2, room.lastSeq(), "forgotten long ago: stored as new");
    }
}
