package chat.client;

import chat.common.Message;
import java.util.List;

/**
 * What joining a room answers, as the person's session reads it ({@link chat.common.JoinedRoom} is its wire form).
 *
 * @param users    the room's members, the person included
 * @param messages the room's recent messages the person may see, oldest first
 */
public record JoinedRoom(List<String> users, List<Message> messages) {
    public JoinedRoom {
        users = List.copyOf(users);
        messages = List.copyOf(messages);
    }

    /** The same, from what the server answered. */
    static JoinedRoom of(chat.common.JoinedRoom joined) {
        return new JoinedRoom(joined.users(), joined.messages());
    }
}
