package chat.server.store;

import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A chat as a database kept it, for a store to start from: the registered names with their sessions, and the
 * rooms with their members and newest messages. Presence is not part of it: a restarted chat counts every name
 * as seen at the restart.
 *
 * @param users the registered names and the hash of each one's session token (null: registered without one)
 * @param rooms the rooms, oldest first
 */
public record ChatImage(Map<String, String> users, List<Room> rooms) {
    /**
     * Copies the names and rooms.
     *
     * @param users the registered names and each one's session hash (null for none)
     * @param rooms the rooms, oldest first
     */
    public ChatImage {
        users = Collections.unmodifiableMap(new HashMap<>(users));
        rooms = List.copyOf(rooms);
    }

    /** A chat with nothing in it. */
    public static final ChatImage EMPTY = new ChatImage(Map.of(), List.of());

    /**
     * One room as kept.
     *
     * @param name       its name
     * @param order      its place among the rooms ever created (1, 2, ...), which orders the room list
     * @param emptySince when its last member left (null while it has members)
     * @param members    its members, in the order they joined
     * @param messages   its newest messages, oldest first
     */
    public record Room(String name, long order, Instant emptySince, List<String> members, List<StoredMessage> messages) {
        /**
         * Copies the members and messages.
         *
         * @param name       the room's name
         * @param order      its place among the rooms ever created
         * @param emptySince when its last member left (null while it has members)
         * @param members    its members, in the order they joined
         * @param messages   its newest messages, oldest first
         */
        public Room {
            Objects.requireNonNull(name, "name");
            members = List.copyOf(members);
            messages = List.copyOf(messages);
        }
    }
}
