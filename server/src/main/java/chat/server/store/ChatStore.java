package chat.server.store;

import chat.common.Message;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Where a chat server keeps users, rooms, members and messages. Each operation is atomic on its own;
 * operations on one room are ordered. The store enforces the room rules that must hold atomically
 * (who is a member, who may post and read, strictly increasing timestamps); the service above it
 * decides everything else. Implementations must be thread-safe.
 *
 * <p>The number of users and of rooms is bounded by the caller's limit, checked and applied in the same
 * atomic step as the addition: however many calls race at the limit, exactly as many succeed as there
 * was room for, never one more. A store shared by several servers counts what all of them added.
 *
 * <p>Presence: each registered name has a {@link Registration} (last seen, session hash). Every
 * operation on it is a single-name conditional update (a distributed map does each with an entry
 * processor, or a read and a {@code replace}/{@code remove(key, expected)}). Removing a name from the
 * rooms it is in is the caller's business ({@link #leave}), done before the name is freed.
 */
public interface ChatStore {

    /**
     * Reserves {@code username}, last seen at {@code now}, with a session whose token hashes to
     * {@code sessionHash} (null: no session), unless it is taken or {@code maxUsers} names are reserved
     * already. A name that is taken answers {@link Admission#TAKEN} even when the store is full, and keeps
     * its registration unchanged.
     *
     * @param username    the name asked for
     * @param sessionHash the hash of the session's token; null for no session
     * @param now         when the user was last seen
     * @param maxUsers    how many names the store may hold
     * @return whether the name was reserved, taken, or the store is full
     */
    Admission registerUser(String username, String sessionHash, Instant now, int maxUsers);

    /**
     * The registration of {@code username}, or empty when the name is free.
     *
     * @param username a name
     * @return its registration; empty when the name is free
     */
    Optional<Registration> registration(String username);

    /**
     * Records that {@code username} was active at {@code now}: its last-seen time becomes {@code now}
     * unless it is later already (it never moves back). One atomic step on one name.
     *
     * @param username a name
     * @param now      when it was active
     * @return false when the name is not registered (nothing is stored then: a free name stays free)
     */
    boolean touch(String username, Instant now);

    /** {@return how many names are registered} */
    int userCount();

    /**
     * The registered names last seen before {@code cutoff}, in no particular order.
     *
     * @param cutoff the instant idleness is measured from
     * @return the names, in no particular order
     */
    List<String> usersIdleSince(Instant cutoff);

    /**
     * Frees {@code username} if, at that moment, it was last seen before {@code cutoff}; a name touched at
     * or after the cutoff stays. The check and the removal are one atomic step, so a user that comes back
     * at the same instant either keeps its name (its touch came first) or finds it free (its touch finds no
     * registration); its session, if any, goes with the name.
     *
     * @param username a name found idle
     * @param cutoff   the instant it must have been last seen before
     * @return whether the name was freed
     */
    boolean removeUserIdleSince(String username, Instant cutoff);

    /**
     * Frees {@code username} if it is registered with exactly {@code sessionHash} (null: registered
     * without a session), in one atomic step; its session goes with it. A name re-registered meanwhile
     * with another session is left alone.
     *
     * @param username    the name to free
     * @param sessionHash the hash of its session's token; null for a name registered without a session
     * @return whether the name was freed
     */
    boolean removeUser(String username, String sessionHash);

    /**
     * Creates an empty room, empty since {@code now}, unless a room of that name exists or there are
     * {@code maxRooms} rooms already. Removed rooms no longer count. A name that exists answers
     * {@link Admission#TAKEN} even when the store is full.
     *
     * @param room     the room's name
     * @param now      when it was created, the start of its being empty
     * @param maxRooms how many rooms may exist at once
     * @return whether the room was created, exists, or the store is full
     */
    Admission createRoom(String room, Instant now, int maxRooms);

    /** {@return every room's name, oldest room first} */
    List<String> rooms();

    /**
     * The room's members in the order they joined, or empty when there is no such room.
     *
     * @param room a room's name
     * @return the members; empty when there is no such room
     */
    Optional<List<String>> members(String room);

    /**
     * Makes {@code username} a member of {@code room}. When it was not a member, {@code notice} is
     * appended (stamped by the store) in the same step. The user's read cursor starts at the room's
     * newest message.
     *
     * @param room        the room
     * @param username    the user joining
     * @param notice      the notice announcing it, appended only for a new member
     * @param now         when it joined
     * @param historySize how many of the newest messages the user may see to return
     * @return the members and history after joining, or empty when there is no such room
     */
    Optional<RoomSnapshot> join(String room, String username, Message notice, int historySize, Instant now);

    /**
     * Removes {@code username} from {@code room} and appends {@code notice} in the same step; the room is
     * empty since {@code now} when it was the last member.
     *
     * @param room     the room
     * @param username the member leaving
     * @param notice   the notice announcing it
     * @param now      when it left
     * @return false when there is no such room or the user was not a member
     */
    boolean leave(String room, String username, Message notice, Instant now);

    /**
     * Like {@link #leave}, but only while {@code username} has been idle since before {@code idleBefore} (its
     * last activity is earlier, or it holds no name any more): the idle rule's leave. A user that calls
     * (touching its name) before the leave stays a member; one whose touch comes after is no longer a member
     * when its call acts, and joins again if that call is a join. A store that cannot read the name and the
     * room in one step says so.
     *
     * @param room       the room
     * @param username   the member found idle
     * @param notice     the notice announcing it
     * @param now        when it leaves
     * @param idleBefore the instant its last activity must be earlier than
     * @return false when there is no such room, the user was not a member, or it is not idle
     */
    boolean leaveIfIdle(String room, String username, Message notice, Instant now, Instant idleBefore);

    /**
     * Appends {@code draft} to {@code room}, stamped with {@code now}, or just after the room's newest
     * message when that is not earlier, so timestamps strictly increase. Refused (empty) when the
     * room does not exist, the origin is not a member, or a unicast's destination is not a member.
     *
     * @param room  the room
     * @param draft the message, its timestamp to be replaced
     * @param now   the time to stamp it with, at the earliest
     * @return the message as stored, with its sequence number and timestamp; empty when refused
     */
    Optional<StoredMessage> post(String room, Message draft, Instant now);

    /**
     * {@link #post}, answered when the message is stored: the same rules and outcome, in a future that fails with
     * what {@code post} would throw. A store that {@link #postsWithoutBlocking()} returns at once, holding no thread
     * while the message is written; the others post on this thread and return a completed future.
     *
     * @param room  the room
     * @param draft the message, its timestamp to be replaced
     * @param now   the time to stamp it with, at the earliest
     * @return the message as stored (empty when refused), once it is
     */
    default CompletableFuture<Optional<StoredMessage>> postAsync(String room, Message draft, Instant now) {
        try {
            return CompletableFuture.completedFuture(post(room, draft, now));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * The messages of {@code room} stamped after {@code timestamp} that {@code username} may see, oldest
     * first; empty when there is no such room or the user is not a member.
     *
     * @param room      the room
     * @param username  the member reading
     * @param timestamp a server timestamp, seconds since the Unix epoch
     * @return the messages; empty when there is no such room or the user is not a member
     */
    Optional<List<StoredMessage>> readAfter(String room, String username, double timestamp);

    /**
     * The messages {@code username} may see that arrived since its last call of this method (or since it
     * joined), oldest first, and moves its cursor past them; empty when there is no such room or the user
     * is not a member.
     *
     * @param room     the room
     * @param username the member reading
     * @return the messages; empty when there is no such room or the user is not a member
     */
    Optional<List<StoredMessage>> readSinceCursor(String room, String username);

    /**
     * The messages {@code username} may see with a sequence number above {@code seq}, with the room's
     * newest sequence number read in the same step; empty when there is no such room or the user is not
     * a member.
     *
     * @param room     the room
     * @param username the member reading
     * @param seq      the cursor: a sequence number of the room
     * @return the messages with the newest sequence number; empty when there is no such room or the user is not a
     *         member
     */
    Optional<Reading> readAfterSeq(String room, String username, long seq);

    /**
     * The sequence number of the newest message of {@code room} stamped at or before {@code timestamp}
     * (0 when none is): turns a timestamp cursor into a sequence cursor. Empty when there is no such room.
     *
     * @param room      the room
     * @param timestamp a server timestamp, seconds since the Unix epoch
     * @return the sequence number; empty when there is no such room
     */
    Optional<Long> lastSeqAtOrBefore(String room, double timestamp);

    /**
     * Completes with true as soon as {@code room} holds a message with a sequence number above
     * {@code afterSeq} (at once if it already does), or with false when the room does not exist or is
     * removed. Never completes exceptionally; a caller that stops waiting may cancel it. Wake-ups run
     * on the thread that posted, after the room's state has been updated.
     *
     * @param room     the room
     * @param afterSeq the sequence number a message must come after
     * @return true once such a message is there; false when the room does not exist or is removed
     */
    CompletableFuture<Boolean> nextMessage(String room, long afterSeq);

    /**
     * Removes every room that has been empty since before {@code cutoff}; returns their names.
     *
     * @param cutoff the instant a room must have been empty since before
     * @return the names of the rooms removed
     */
    List<String> removeRoomsEmptySince(Instant cutoff);

    /** {@return what kind of store this is, as the server's options and its status view name it} */
    StoreKind kind();

    /** {@return how the status view names this store: its kind, and where it is kept beyond memory if it is} */
    default String label() {
        return kind().label();
    }

    /**
     * Whether every operation completes from this process's memory, never waiting for I/O or another
     * process (a room's lock is held only for the operation itself). The chat's calls are then processed on
     * the threads that read them. False unless a store says so.
     *
     * @return false unless a store says so
     */
    default boolean nonBlocking() {
        return false;
    }

    /**
     * Whether {@link #postAsync} returns without waiting for I/O or another process, whatever the message's room and
     * its state: a send is then processed on the thread that read it, and answered when its message is stored. True
     * whenever the store is {@link #nonBlocking()}.
     *
     * @return whether posting holds no thread while a message is written
     */
    default boolean postsWithoutBlocking() {
        return nonBlocking();
    }

    /**
     * Whether acting as {@code username} (null: no user) in {@code room} (null: no room) completes from this
     * process's memory at this moment: reading the name's registration, reading the room's members and
     * messages, waiting for its next message. True whenever the store is {@link #nonBlocking()}; a shared store
     * answers false for a name or room it would have to ask another process about. A call that finds it true
     * runs on the thread that read it. It is a look at this instant: the one that acts after it may still
     * find, rarely, that it must ask (a message arrived out of order in between), and then does.
     *
     * @param username the user acted as; null for none
     * @param room     the room acted in; null for none
     * @return true when the call may run on the thread that read it
     */
    default boolean answersFromMemory(String username, String room) {
        return nonBlocking();
    }
}
