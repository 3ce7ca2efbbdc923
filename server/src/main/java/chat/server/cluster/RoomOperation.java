package chat.server.cluster;

import com.hazelcast.core.ReadOnly;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;
import java.util.Map;

/**
 * An operation on an existing room, run on the member that owns it: answers null when there is no such room, and
 * stores the room back after {@link #apply} unless the operation only reads ({@link RoomReads}).
 */
abstract class RoomOperation<R> implements EntryProcessor<String, RoomState, R>, IdentifiedDataSerializable {
    @Override
    public final R process(Map.Entry<String, RoomState> entry) {
        RoomState room = entry.getValue();
        if (room == null) {
            return null;
        }
        R result = apply(room);
        if (!(this instanceof ReadOnly)) {
            entry.setValue(room);
        }
        return result;
    }

    abstract R apply(RoomState room);

    @Override
    public final int getFactoryId() {
        return ChatSerialization.FACTORY_ID;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
    }
}
