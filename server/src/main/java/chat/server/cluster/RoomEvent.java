package chat.server.cluster;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;

/**
 * What one server tells the others about a room, so their waiting calls wake: a message with sequence
 * number {@link #seq()} was stored, or ({@link #GONE}) the room was removed.
 */
public final class RoomEvent implements IdentifiedDataSerializable {
    /** The sequence number that says the room is gone. */
    static final long GONE = -1;

    private String room;
    private long seq;

    /** For deserialization. */
    public RoomEvent() {
    }

    RoomEvent(String room, long seq) {
        this.room = room;
        this.seq = seq;
    }

    String room() {
        return room;
    }

    long seq() {
        return seq;
    }

    boolean gone() {
        return seq == GONE;
    }

    @Override
    public int getFactoryId() {
        return ChatSerialization.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return ChatSerialization.ROOM_EVENT;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(room);
        out.writeLong(seq);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        room = in.readString();
        seq = in.readLong();
    }
}
