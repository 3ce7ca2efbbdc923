package chat.server.cluster;

import chat.common.Message;
import chat.common.MessageType;
import chat.server.store.StoredMessage;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the clustered store writes its values between members: messages, names and instants field by
 * field in Hazelcast's binary streams, a list of messages as one block of bytes (never Java serialization).
 */
final class WireFormat {
    /** The bytes of a message in a list's block besides its text: sequence number, names, timestamp, text length. */
    private static final int MESSAGE_FIELDS = Long.BYTES + 2 * Integer.BYTES + Double.BYTES + Integer.BYTES;

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

    /**
     * A list of messages, as a room's history travels, in three parts: the names its messages come from and go to,
     * each once; the number of messages; and one block of bytes holding each message as its sequence number, the
     * place of its origin among the names (shifted left, the low bit set for a unicast), the place of its
     * destination, its timestamp, and its text's length and UTF-8 bytes. A history of thousands of messages is
     * written and read as one array (not field by field through the stream, byte by byte), and read back shares one
     * string per name instead of making two per message.
     */
    static void writeStoredList(ObjectDataOutput out, List<StoredMessage> messages) throws IOException {
        Map<String, Integer> places = new LinkedHashMap<>();
        byte[][] texts = new byte[messages.size()][];
        int size = 0;
        for (int i = 0; i < texts.length; i++) {
            Message message = messages.get(i).message();
            places.putIfAbsent(message.origin(), places.size());
            places.putIfAbsent(message.destination(), places.size());
            texts[i] = message.content().getBytes(StandardCharsets.UTF_8);
            size = Math.addExact(size, MESSAGE_FIELDS + texts[i].length);
        }
        ByteBuffer block = ByteBuffer.allocate(size);
        for (int i = 0; i < texts.length; i++) {
            StoredMessage stored = messages.get(i);
            Message message = stored.message();
            block.putLong(stored.seq())
                    .putInt(places.get(message.origin()) << 1 | (message.type() == MessageType.UNICAST ? 1 : 0))
                    .putInt(places.get(message.destination()))
                    .putDouble(message.timestamp())
                    .putInt(texts[i].length)
                    .put(texts[i]);
        }
        writeNames(out, places.keySet());
        out.writeInt(texts.length);
        out.writeByteArray(block.array());
    }

    static List<StoredMessage> readStoredList(ObjectDataInput in) throws IOException {
        List<String> names = readNames(in);
        int count = checkedSize(in.readInt());
        byte[] bytes = in.readByteArray();
        if (bytes == null) {
            throw new IOException("a list of messages without its messages in a clustered store value");
        }
        ByteBuffer block = ByteBuffer.wrap(bytes);
        List<StoredMessage> messages = new ArrayList<>(Math.min(count, bytes.length / MESSAGE_FIELDS));
        try {
            for (int i = 0; i < count; i++) {
                long seq = block.getLong();
                int origin = block.getInt();
                MessageType type = (origin & 1) == 1 ? MessageType.UNICAST : MessageType.BROADCAST;
                String from = named(names, origin >>> 1);
                String to = named(names, block.getInt());
                double timestamp = block.getDouble();
                int length = block.getInt();
                if (length < 0 || length > block.remaining()) {
                    throw new IOException("a message's text runs past its list in a clustered store value");
                }
                String content = new String(bytes, block.position(), length, StandardCharsets.UTF_8);
                block.position(block.position() + length);
                messages.add(new StoredMessage(seq, new Message(type, from, to, content, timestamp)));
            }
        } catch (BufferUnderflowException e) {
            throw new IOException("a list of messages cut short in a clustered store value", e);
        }
        if (block.hasRemaining()) {
            throw new IOException("a list of messages followed by " + block.remaining() + " stray bytes in a"
                    + " clustered store value");
        }
        return messages;
    }

    private static String named(List<String> names, int place) throws IOException {
        if (place < 0 || place >= names.size()) {
            throw new IOException("a message names name " + place + " of a list of " + names.size()
                    + " in a clustered store value");
        }
        return names.get(place);
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
