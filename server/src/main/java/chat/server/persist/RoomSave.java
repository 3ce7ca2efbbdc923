package chat.server.persist;

import chat.server.store.StoredMessage;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What of one room a shared chat's owner writes in one transaction: only what changed since its last save.
 *
 * @param room       the room's name
 * @param order      its place among the rooms ever created
 * @param isNew      whether the room is not known to be in the database yet (it is added, keeping it if it is)
 * @param emptySince when its last member left, null while it has members; written when {@code emptyChanged}
 * @param emptyChanged whether {@code emptySince} differs from what was saved
 * @param members    its members in the order they joined, replacing those saved; null when they did not change
 * @param messages   its messages not saved yet, oldest first
 */
public record RoomSave(String room, long order, boolean isNew, Instant emptySince, boolean emptyChanged,
                       List<String> members, List<StoredMessage> messages) {
    /**
     * Copies the members and messages.
     *
     * @param room         the room's name
     * @param order        its place among the rooms ever created
     * @param isNew        whether the room is not known to be in the database yet
     * @param emptySince   when its last member left, null while it has members
     * @param emptyChanged whether {@code emptySince} differs from what was saved
     * @param members      its members in the order they joined; null when they did not change
     * @param messages     its messages not saved yet, oldest first
     */
    public RoomSave {
        Objects.requireNonNull(room, "room");
        members = members == null ? null : List.copyOf(members);
        messages = List.copyOf(messages);
    }

    /** {@return whether there is nothing to write} */
    public boolean isEmpty() {
        return !isNew && !emptyChanged && members == null && messages.isEmpty();
    }
}
