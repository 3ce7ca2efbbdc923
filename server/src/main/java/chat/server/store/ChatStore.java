package chat.server.store;

import chat.common.Message;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where a chat server keeps users, rooms, members and messages. Each operation is atomic on its own;
 * operations on one room are ordered. The store enforces the room rules that must hold atomically
 * (who is a member, who may post and read, strictly increasing timestamps); the service above it
 * decides everything else. Implementations must be thread-safe.
 */
public interface ChatStore {

    /** Reserves {@code username}; false when it is taken. */
    boolean registerUser(String username);

    /** Whether {@code username} is registered. */
    boolean isRegistered(String username);

    /** Creates an empty room, empty since {@code now}; false when a room of that name exists. */
    boolean createRoom(String room, Instant now);

    /** Every room's name, oldest room first. */
    List<String> rooms();

    /** The room's members in the order they joined, or empty when there is no such room. */
    Optional<List<String>> members(String room);

    /**
     * Makes {@code username} a member of {@code room}. When it was not a member, {@code notice} is
     * appended (stamped by the store) in the same step. The user's read cursor starts at the room's
     * newest message.
     *
     * @param historySize how many of the newest messages the user may see to return
     * @return the members and history after joining, or empty when there is no such room
     */
    Optional<RoomSnapshot> join(String room, String username, Message notice, int historySize, Instant now);

    /**
     * Removes {@code username} from {@code room} and appends {@code notice} in the same step; the room is
     * empty since {@code now} when it was the last member.
     *
     * @return false when there is no such room or the user was not a member
     */
    boolean leave(String room, String username, Message notice, Instant now);

    /**
     * Appends {@code draft} to {@code room}, stamped with {@code now}, or just after the room's newest
     * message when that is not earlier, so timestamps strictly increase. Refused (empty) when the
     * room does not exist, the origin is not a member, or a unicast's destination is not a member.
     */
    Optional<StoredMessage> post(String room, Message draft, Instant now);

    /**
     * The messages of {@code room} stamped after {@code timestamp} that {@code username} may see, oldest
     * first; empty when there is no such room or the user is not a member.
     */
    Optional<List<StoredMessage>> readAfter(String room, String username, double timestamp);

    /**
     * The messages {@code username} may see that arrived since its last call of this method (or since it
     * joined), oldest first, and moves its cursor past them; empty when there is no such room or the user
     * is not a member.
     */
    Optional<List<StoredMessage>> readSinceCursor(String room, String username);

    /** Removes every room that has been empty since before {@code cutoff}; returns their names. */
    List<String> removeRoomsEmptySince(Instant cutoff);
}
