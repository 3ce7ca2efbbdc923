package chat.server.cluster;

import chat.server.store.RoomSnapshot;
import chat.server.store.StoredMessage;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;

/** What a join answers in the cluster: what the joiner sees, and the notice announcing it (null when it was a member). */
public final class Joined implements IdentifiedDataSerializable {
    private RoomSnapshot snapshot;
    private StoredMessage notice;

    /** For deserialization. */
    public Joined() {
    }

    Joined(RoomSnapshot snapshot, StoredMessage notice) {
        this.snapshot = snapshot;
        this.notice = notice;
    }

    RoomSnapshot snapshot() {
        return snapshot;
    }

    /** The notice the join stored, or null when the user was a member already (nothing changed). */
    StoredMessage notice() {
        return notice;
    }

    @Override
    public int getFactoryId() {
        return ChatSerialization.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return ChatSerialization.JOINED;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        WireFormat.writeNames(out, snapshot.members());
        WireFormat.writeStoredList(out, snapshot.history());
        out.writeBoolean(notice != null);
        if (notice != null) {
            WireFormat.writeStored(out, notice);
        }
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        snapshot = new RoomSnapshot(WireFormat.readNames(in), WireFormat.readStoredList(in));
        notice = in.readBoolean() ? WireFormat.readStored(in) : null;
    }
}
