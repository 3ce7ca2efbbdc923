package chat.server.cluster;

import chat.server.store.StoredMessage;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;
import java.util.List;

/**
 * A room as its owner has it at one instant, for a server that keeps a copy ({@link RoomReplica}): its place
 * among the rooms, its members, its history's capacity, the newest sequence number, and the messages after the
 * one the copy asked from, or, when it asked from 0 or the owner no longer holds the next one, every message the
 * owner holds ({@link #from()} is 0 then).
 */
public final class RoomCopy implements IdentifiedDataSerializable {
    private long order;
    private List<String> members;
    private int capacity;
    private long lastSeq;
    private long from;
    private List<StoredMessage> messages;

    /** For deserialization. */
    public RoomCopy() {
    }

    RoomCopy(long order, List<String> members, int capacity, long lastSeq, long from, List<StoredMessage> messages) {
        this.order = order;
        this.members = members;
        this.capacity = capacity;
        this.lastSeq = lastSeq;
        this.from = from;
        this.messages = messages;
    }

    long order() {
        return order;
    }

    List<String> members() {
        return members;
    }

    int capacity() {
        return capacity;
    }

    long lastSeq() {
        return lastSeq;
    }

    /** Oldest first, with no hole: the owner's messages after the asked sequence number. */
    List<StoredMessage> messages() {
        return messages;
    }

    /** The sequence number the messages follow: 0 for every message the owner holds. */
    long from() {
        return from;
    }

    @Override
    public int getFactoryId() {
        return ChatSerialization.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return ChatSerialization.ROOM_COPY;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeLong(order);
        WireFormat.writeNames(out, members);
        out.writeInt(capacity);
        out.writeLong(lastSeq);
        out.writeLong(from);
        WireFormat.writeStoredList(out, messages);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        order = in.readLong();
        members = WireFormat.readNames(in);
        capacity = in.readInt();
        if (capacity < 1) {
            throw new IOException("a room's history capacity must be positive, got " + capacity);
        }
        lastSeq = in.readLong();
        from = in.readLong();
        messages = WireFormat.readStoredList(in);
    }
}
