package chat.server.cluster;

import chat.server.store.StoredMessage;
import com.hazelcast.core.ReadOnly;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a server reads from a room's owner to keep its own view of the chat: the messages its copy of a room
 * lacks ({@link RoomReplica}), and each room's place in the room list ({@link RoomIndex}). Each runs on the
 * owner and only reads: it has no backup and changes nothing. Each answers null when there is no such room.
 */
final class RoomReads {
    private RoomReads() {
    }

    /** An operation that only reads: no backup, no change. */
    abstract static class RoomRead<R> extends RoomOperation<R> implements ReadOnly {
        @Override
        public final EntryProcessor<String, RoomState, R> getBackupProcessor() {
            return null;
        }
    }

    /**
     * The room for a server that keeps a copy of it: the messages after {@code from}, or every message the room
     * holds when {@code from} is 0 or the message after it is no longer held.
     *
     * @serial exclude
     */
    public static final class Replicate extends RoomRead<RoomCopy> {
        private long from;

        public Replicate() {
        }

        Replicate(long from) {
            this.from = from;
        }

        @Override
        RoomCopy apply(RoomState room) {
            List<StoredMessage> after = room.log().afterSeq(from, m -> true);
            boolean continues = from > 0 && (room.lastSeq() <= from || (!after.isEmpty() && after.get(0).seq() == from + 1));
            return continues
                    ? new RoomCopy(room.order(), new ArrayList<>(room.members()), room.log().capacity(), room.lastSeq(),
                            from, after)
                    : new RoomCopy(room.order(), new ArrayList<>(room.members()), room.log().capacity(), room.lastSeq(),
                            0, room.log().all());
        }

        @Override
        public int getClassId() {
            return ChatSerialization.REPLICATE;
        }

        @Override
        public void writeData(ObjectDataOutput out) throws IOException {
            out.writeLong(from);
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
            from = in.readLong();
        }
    }

    /** When the room was created, relative to the others (rooms are listed oldest first). */
    public static final class Order extends RoomRead<Long> {
        @Override
        Long apply(RoomState room) {
            return room.order();
        }

        @Override
        public int getClassId() {
            return ChatSerialization.ORDER;
        }
    }
}
