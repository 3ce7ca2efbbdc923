package chat.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import chat.common.Message;
import chat.server.store.StoredMessage;
import com.hazelcast.config.SerializationConfig;
import com.hazelcast.internal.serialization.InternalSerializationService;
import com.hazelcast.internal.serialization.impl.DefaultSerializationServiceBuilder;
import com.hazelcast.nio.ObjectDataOutput;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The clustered store's values as they travel between members. */
class WireFormatTest {
    private final InternalSerializationService serialization = serialization();

    private static InternalSerializationService serialization() {
        SerializationConfig config = new SerializationConfig();
        ChatSerialization.configure(config);
        return new DefaultSerializationServiceBuilder().setConfig(config).build();
    }

    private interface Writing {
        void to(ObjectDataOutput out) throws IOException;
    }

    private byte[] written(Writing writing) throws IOException {
        var out = serialization.createObjectDataOutput();
        writing.to(out);
        return out.toByteArray();
    }

    private List<StoredMessage> readBack(List<StoredMessage> messages) throws IOException {
        byte[] bytes = written(out -> WireFormat.writeStoredList(out, messages));
        return WireFormat.readStoredList(serialization.createObjectDataInput(bytes));
    }

    @Test
    void aListOfMessagesOfEveryKindIsReadBackAsWrittenSharingEachName() throws IOException {
        List<StoredMessage> messages = List.of(
                new StoredMessage(7, Message.notice("ana entrou", 1.5)),
                new StoredMessage(8, Message.broadcast("ana", "olá, ção 🙂", 2.25)),
                new StoredMessage(9, Message.unicast("ana", "bia", "", 3)),
                new StoredMessage(12, Message.broadcast("bia", "x".repeat(70_000), Math.nextUp(3.0))));

        List<StoredMessage> back = readBack(messages);

        assertEquals(messages, back);
        assertSame(back.get(1).message().origin(), back.get(2).message().origin());
        assertSame(back.get(1).message().destination(), back.get(3).message().destination());
        assertEquals(List.of(), readBack(List.of()));
    }

    @Test
    void aListNamingANameItDoesNotHoldOrCutShortIsRefused() throws IOException {
        byte[] unknownName = written(out -> {
            WireFormat.writeNames(out, List.of("ana"));
            out.writeInt(1);
            out.writeByteArray(java.nio.ByteBuffer.allocate(28).putLong(1).putInt(0).putInt(1).putDouble(1).putInt(0)
                    .array());
        });
        assertThrows(IOException.class, () -> WireFormat.readStoredList(serialization.createObjectDataInput(unknownName)));

        byte[] whole = written(out -> WireFormat.writeStoredList(out, List.of(
                new StoredMessage(1, Message.broadcast("ana", "oi", 1)))));
        byte[] cut = written(out -> {
            WireFormat.writeNames(out, List.of("ana", Message.EVERYONE));
            out.writeInt(2);
            out.writeByteArray(java.nio.ByteBuffer.allocate(30).putLong(1).putInt(0).putInt(1).putDouble(1).putInt(2)
                    .put((byte) 'o').put((byte) 'i').array());
        });
        assertEquals(1, WireFormat.readStoredList(serialization.createObjectDataInput(whole)).size());
        assertThrows(IOException.class, () -> WireFormat.readStoredList(serialization.createObjectDataInput(cut)));
    }
}
