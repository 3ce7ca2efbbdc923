package chat.server.cluster;

import chat.server.store.Registration;
import com.hazelcast.core.ReadOnly;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What the clustered store does to one registered name, each an entry processor run on the name's
 * partition owner, so the check and the change are one atomic step whichever server asks.
 */
final class UserOperations {
    private UserOperations() {
    }

    /** Base of the operations: the factory, and one instant or none as argument. */
    abstract static class UserOperation<R> implements EntryProcessor<String, Registration, R>, IdentifiedDataSerializable {
        Instant instant;

        @Override
        public final int getFactoryId() {
            return ChatSerialization.FACTORY_ID;
        }

        @Override
        public void writeData(ObjectDataOutput out) throws IOException {
            WireFormat.writeInstant(out, instant);
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
            instant = WireFormat.readInstant(in);
        }
    }

    /** Moves the name's last-seen time forward to the instant; false (nothing stored) for a free name. */
    public static final class Touch extends UserOperation<Boolean> {
        public Touch() {
        }

        Touch(Instant now) {
            this.instant = now;
        }

        @Override
        public Boolean process(Map.Entry<String, Registration> entry) {
            Registration registration = entry.getValue();
            if (registration == null) {
                return false;
            }
            Registration seen = registration.seenAt(instant);
            if (seen != registration) {
                entry.setValue(seen);
            }
            return true;
        }

        @Override
        public int getClassId() {
            return ChatSerialization.USER_TOUCH;
        }
    }

    /** Frees the name if it was last seen before the instant; answers whether it did. */
    public static final class RemoveIfIdle extends UserOperation<Boolean> {
        public RemoveIfIdle() {
        }

        RemoveIfIdle(Instant cutoff) {
            this.instant = cutoff;
        }

        @Override
        public Boolean process(Map.Entry<String, Registration> entry) {
            Registration registration = entry.getValue();
            if (registration == null || !registration.idleSince(instant)) {
                return false;
            }
            entry.setValue(null);
            return true;
        }

        @Override
        public int getClassId() {
            return ChatSerialization.USER_REMOVE_IF_IDLE;
        }
    }

    /**
     * Frees the name if its session hash is exactly the given one (null: none); answers whether it did.
     *
     * @serial exclude
     */
    public static final class RemoveIfSession extends UserOperation<Boolean> {
        private String sessionHash;

        public RemoveIfSession() {
        }

        RemoveIfSession(String sessionHash) {
            this.sessionHash = sessionHash;
        }

        @Override
        public Boolean process(Map.Entry<String, Registration> entry) {
            Registration registration = entry.getValue();
            if (registration == null || !Objects.equals(registration.sessionHash(), sessionHash)) {
                return false;
            }
            entry.setValue(null);
            return true;
        }

        @Override
        public int getClassId() {
            return ChatSerialization.USER_REMOVE_IF_SESSION;
        }

        @Override
        public void writeData(ObjectDataOutput out) throws IOException {
            out.writeString(sessionHash);
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
            sessionHash = in.readString();
        }
    }
}
