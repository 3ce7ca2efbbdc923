package chat.server;

import chat.common.Message;
import java.util.List;

/**
 * The answer to joining a room: its members after joining and the newest messages the joiner may see.
 * On the wire it is the array {@code [users, messages]}.
 */
public record JoinedRoom(List<String> users, List<Message> messages) {
    public JoinedRoom {
        users = List.copyOf(users);
        messages = List.copyOf(messages);
    }

    public Object[] toWire() {
        return new Object[] {users, messages.stream().map(Message::toWire).toList()};
    }
}
