package chat.server.cluster;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;
import java.util.Map;

/**
 * How many of something (users, rooms) the whole cluster holds, kept in one map entry so that taking a
 * place is checked against the limit and counted in one atomic step on the entry's owner, whichever
 * server asks. Also numbers what it admits, in order, so rooms can be listed oldest first.
 */
public final class Quota implements IdentifiedDataSerializable {
    private long live;
    private long admitted;

    /** For deserialization. */
    public Quota() {
    }

    /** A count as the chat's database gives it after a restart: {@code live} taken, {@code admitted} ever. */
    Quota(long live, long admitted) {
        this.live = live;
        this.admitted = admitted;
    }

    @Override
    public int getFactoryId() {
        return ChatSerialization.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return ChatSerialization.QUOTA;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeLong(live);
        out.writeLong(admitted);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        live = in.readLong();
        admitted = in.readLong();
    }

    /**
     * Takes a place unless {@code limit} are taken; answers its number (1, 2, ...), or 0 when full.
     *
     * @serial exclude
     */
    public static final class Take implements EntryProcessor<String, Quota, Long>, IdentifiedDataSerializable {
        private int limit;

        /** For deserialization by {@link ChatSerialization}. */
        public Take() {
        }

        Take(int limit) {
            this.limit = limit;
        }

        @Override
        public Long process(Map.Entry<String, Quota> entry) {
            Quota quota = entry.getValue() == null ? new Quota() : entry.getValue();
            if (quota.live >= limit) {
                return 0L;
            }
            quota.live++;
            quota.admitted++;
            entry.setValue(quota);
            return quota.admitted;
        }

        @Override
        public int getFactoryId() {
            return ChatSerialization.FACTORY_ID;
        }

        @Override
        public int getClassId() {
            return ChatSerialization.QUOTA_TAKE;
        }

        @Override
        public void writeData(ObjectDataOutput out) throws IOException {
            out.writeInt(limit);
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
            limit = in.readInt();
        }
    }

    /** Gives a place back. */
    public static final class Release implements EntryProcessor<String, Quota, Void>, IdentifiedDataSerializable {
        @Override
        public Void process(Map.Entry<String, Quota> entry) {
            Quota quota = entry.getValue();
            if (quota != null && quota.live > 0) {
                quota.live--;
                entry.setValue(quota);
            }
            return null;
        }

        @Override
        public int getFactoryId() {
            return ChatSerialization.FACTORY_ID;
        }

        @Override
        public int getClassId() {
            return ChatSerialization.QUOTA_RELEASE;
        }

        @Override
        public void writeData(ObjectDataOutput out) throws IOException {
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
        }
    }
}
