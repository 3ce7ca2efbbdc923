package chat.common;

import java.util.List;
import java.util.Map;

/**
 * What {@code wait_messages} answers: the messages that arrived, oldest first, and the cursor to wait from next.
 * On the wire it is the struct {@code {cursor: int, messages: Message[]}}.
 */
public record MessageBatch(long cursor, List<Message> messages) {
    public MessageBatch {
        messages = List.copyOf(messages);
    }

    /** The XML-RPC struct. */
    public Map<String, Object> toWire() {
        return Map.of("cursor", cursorToWire(cursor), "messages", messages.stream().map(Message::toWire).toList());
    }

    /** A sequence cursor as it goes on the wire, in an answer or in the next wait: an int. */
    public static Object cursorToWire(long cursor) {
        return (int) Math.min(Integer.MAX_VALUE, cursor);
    }

    /** Reads the struct; a missing or mistyped member is an {@link IllegalArgumentException} naming it. */
    public static MessageBatch fromWire(Object value) {
        if (!(value instanceof Map<?, ?> struct)) {
            throw new IllegalArgumentException("expected a struct, got " + WireValues.typeName(value));
        }
        int cursor = WireValues.member(struct, "cursor", Integer.class);
        return new MessageBatch(cursor, WireValues.messages(struct.get("messages")));
    }
}
