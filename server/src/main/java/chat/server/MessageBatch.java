package chat.server;

import chat.common.Message;
import java.util.List;
import java.util.Map;

/**
 * What {@code wait_messages} answers: the messages that arrived, and the cursor to wait from next.
 * On the wire it is the struct {@code {cursor: int, messages: Message[]}}.
 */
public record MessageBatch(long cursor, List<Message> messages) {
    public MessageBatch {
        messages = List.copyOf(messages);
    }

    public Map<String, Object> toWire() {
        return Map.of("cursor", (int) Math.min(Integer.MAX_VALUE, cursor),
                "messages", messages.stream().map(Message::toWire).toList());
    }
}
