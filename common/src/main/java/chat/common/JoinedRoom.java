package chat.common;

import java.util.List;

/**
 * What joining a room answers: its members after joining, the joiner included, and the newest messages the
 * joiner may see, oldest first. On the wire it is the array {@code [users: string[], messages: Message[]]}.
 *
 * @param users    the room's members after joining
 * @param messages the newest messages the joiner may see, oldest first
 */
public record JoinedRoom(List<String> users, List<Message> messages) {
    /**
     * Copies both lists.
     *
     * @param users    the room's members after joining
     * @param messages the newest messages the joiner may see, oldest first
     */
    public JoinedRoom {
        users = List.copyOf(users);
        messages = List.copyOf(messages);
    }

    /** {@return the XML-RPC array {@code [users, messages]}} */
    public Object[] toWire() {
        return new Object[] {users, messages.stream().map(Message::toWire).toList()};
    }

    /**
     * Reads the array.
     *
     * @param value what {@code join_room} answered
     * @return the room as joined
     * @throws IllegalArgumentException for anything else, saying what came instead
     */
    public static JoinedRoom fromWire(Object value) {
        List<Object> pair = WireValues.array(value);
        if (pair.size() != 2) {
            throw new IllegalArgumentException("expected [users, messages], got " + pair.size() + " values");
        }
        return new JoinedRoom(WireValues.strings(pair.get(0)), WireValues.messages(pair.get(1)));
    }
}
