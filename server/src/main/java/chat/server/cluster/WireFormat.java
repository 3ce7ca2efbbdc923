package chat.server.cluster;

import chat.common.Message;
import chat.common.MessageType;
import chat.server.store.StoredMessage;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * How the clustered store writes its values between members: messages, lists of them, names and
 * instants, field by field in Hazelcast's binary streams (never Java serialization).
 */
final class WireFormat {
    private WireFormat() {
    }

    static void writeMessage(ObjectDataOutput out, Message message) throws IOException {
        out.writeBoolean(message.type() == MessageType.UNICAST);
        out.writeString(message.origin());
        out.writeString(message.destination());
        out.writeString(message.content());
        out.writeDouble(message.timestamp());
    }

    static Message readMessage(ObjectDataInput in) throws IOException {
        MessageType type = in.readBoolean() ? MessageType.UNICAST : MessageType.BROADCAST;
        return new Message(type, in.readString(), in.readString(), in.readString(), in.readDouble());
    }

    static void writeStored(ObjectDataOutput out, StoredMessage stored) throws IOException {
        out.writeLong(stored.seq());
        writeMessage(out, stored.message());
    }

    static StoredMessage readStored(ObjectDataInput in) throws IOException {
        long seq = in.readLong();
        return new StoredMessage(seq, readMessage(in));
    }

    static void writeStoredList(ObjectDataOutput out, List<StoredMessage> messages) throws IOException {
        out.writeInt(messages.size());
        for (StoredMessage message : messages) {
            writeStored(out, message);
        }
    }

    static List<StoredMessage> readStoredList(ObjectDataInput in) throws IOException {
        int size = checkedSize(in.readInt());
        List<StoredMessage> messages = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            messages.add(readStored(in));
        }
        return messages;
    }

    static void writeNames(ObjectDataOutput out, Collection<String> names) throws IOException {
        out.writeInt(names.size());
        for (String name : names) {
            out.writeString(name);
        }
    }

    static List<String> readNames(ObjectDataInput in) throws IOException {
        int size = checkedSize(in.readInt());
        List<String> names = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            names.add(in.readString());
        }
        return names;
    }

    /** An instant, or null. */
    static void writeInstant(ObjectDataOutput out, Instant instant) throws IOException {
        out.writeBoolean(instant != null);
        if (instant != null) {
            out.writeLong(instant.getEpochSecond());
            out.writeInt(instant.getNano());
        }
    }

    static Instant readInstant(ObjectDataInput in) throws IOException {
        return in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
    }

    private static int checkedSize(int size) throws IOException {
        if (size < 0) {
            throw new IOException("negative size " + size + " in a clustered store value");
        }
        return size;
    }
}
