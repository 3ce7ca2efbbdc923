package chat.server.cluster;

import chat.common.Message;
import chat.server.store.Registration;
import chat.server.store.StoredMessage;
import com.hazelcast.config.SerializationConfig;
import com.hazelcast.config.SerializerConfig;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializableFactory;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import com.hazelcast.nio.serialization.StreamSerializer;
import java.io.IOException;

/**
 * Every type the clustered store sends between members, by number: its own classes through one
 * {@link DataSerializableFactory}, and the store's records ({@link Message}, {@link StoredMessage},
 * {@link Registration}) through serializers of their own, so nothing falls back to
 * Java serialization. Every member of a cluster must use the same numbers.
 */
public final class ChatSerialization implements DataSerializableFactory {
    static final int FACTORY_ID = 4_2001;

    static final int ROOM_STATE = 1;
    static final int CREATE = 2;
    static final int JOIN = 3;
    static final int LEAVE = 4;
    static final int POST = 5;
    static final int READ_SINCE_CURSOR = 6;
    static final int REPLICATE = 7;
    static final int ROOM_COPY = 8;
    static final int JOINED = 9;
    static final int ORDER = 12;
    static final int EXPIRE = 13;
    static final int QUOTA = 14;
    static final int QUOTA_TAKE = 15;
    static final int QUOTA_RELEASE = 16;
    static final int ROOM_EVENT = 17;
    static final int USER_TOUCH = 18;
    static final int USER_REMOVE_IF_IDLE = 20;
    static final int USER_REMOVE_IF_SESSION = 21;

    private static final int MESSAGE_TYPE_ID = 4_2001;
    private static final int STORED_MESSAGE_TYPE_ID = 4_2002;
    private static final int REGISTRATION_TYPE_ID = 4_2005;

    /**
     * Registers the factory and the record serializers with a member's configuration.
     *
     * @param config the serialization configuration of a member
     */
    public static void configure(SerializationConfig config) {
        config.addDataSerializableFactory(FACTORY_ID, new ChatSerialization());
        config.addSerializerConfig(new SerializerConfig().setTypeClass(Message.class)
                .setImplementation(new MessageSerializer()));
        config.addSerializerConfig(new SerializerConfig().setTypeClass(StoredMessage.class)
                .setImplementation(new StoredMessageSerializer()));
        config.addSerializerConfig(new SerializerConfig().setTypeClass(Registration.class)
                .setImplementation(new RegistrationSerializer()));
    }

    @Override
    public IdentifiedDataSerializable create(int typeId) {
        return switch (typeId) {
            case ROOM_STATE -> new RoomState();
            case CREATE -> new RoomOperations.Create();
            case JOIN -> new RoomOperations.Join();
            case LEAVE -> new RoomOperations.Leave();
            case POST -> new RoomOperations.Post();
            case READ_SINCE_CURSOR -> new RoomOperations.ReadSinceCursor();
            case REPLICATE -> new RoomReads.Replicate();
            case ROOM_COPY -> new RoomCopy();
            case JOINED -> new Joined();
            case ORDER -> new RoomReads.Order();
            case EXPIRE -> new RoomOperations.Expire();
            case QUOTA -> new Quota();
            case QUOTA_TAKE -> new Quota.Take();
            case QUOTA_RELEASE -> new Quota.Release();
            case ROOM_EVENT -> new RoomEvent();
            case USER_TOUCH -> new UserOperations.Touch();
            case USER_REMOVE_IF_IDLE -> new UserOperations.RemoveIfIdle();
            case USER_REMOVE_IF_SESSION -> new UserOperations.RemoveIfSession();
            default -> null;
        };
    }

    private static final class MessageSerializer implements StreamSerializer<Message> {
        @Override
        public void write(ObjectDataOutput out, Message message) throws IOException {
            WireFormat.writeMessage(out, message);
        }

        @Override
        public Message read(ObjectDataInput in) throws IOException {
            return WireFormat.readMessage(in);
        }

        @Override
        public int getTypeId() {
            return MESSAGE_TYPE_ID;
        }
    }

    private static final class StoredMessageSerializer implements StreamSerializer<StoredMessage> {
        @Override
        public void write(ObjectDataOutput out, StoredMessage message) throws IOException {
            WireFormat.writeStored(out, message);
        }

        @Override
        public StoredMessage read(ObjectDataInput in) throws IOException {
            return WireFormat.readStored(in);
        }

        @Override
        public int getTypeId() {
            return STORED_MESSAGE_TYPE_ID;
        }
    }

    private static final class RegistrationSerializer implements StreamSerializer<Registration> {
        @Override
        public void write(ObjectDataOutput out, Registration registration) throws IOException {
            WireFormat.writeInstant(out, registration.lastSeen());
            out.writeString(registration.sessionHash());
        }

        @Override
        public Registration read(ObjectDataInput in) throws IOException {
            return new Registration(WireFormat.readInstant(in), in.readString());
        }

        @Override
        public int getTypeId() {
            return REGISTRATION_TYPE_ID;
        }
    }
}
