package chat.server.store;

import java.util.List;

/**
 * What a user sees on joining a room: its members (in the order they joined) and its recent history.
 *
 * @param members the room's members, the joiner included
 * @param history the newest messages the joiner may see, oldest first
 */
public record RoomSnapshot(List<String> members, List<StoredMessage> history) {
    /**
     * Copies both lists.
     *
     * @param members the room's members, the joiner included
     * @param history the newest messages the joiner may see, oldest first
     */
    public RoomSnapshot {
        members = List.copyOf(members);
        history = List.copyOf(history);
    }
}
