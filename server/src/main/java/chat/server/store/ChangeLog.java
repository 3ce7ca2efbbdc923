package chat.server.store;

import java.time.Instant;

/**
 * Where a store writes each change before it answers: a database that keeps the chat across restarts. Each
 * method returns once the change is stored for good (committed) and throws {@link ChangeNotSaved} when it
 * could not be; the store then leaves its memory as it was and the call that made the change fails. Called
 * under the lock of what changes (the room, or the adding of names), so changes to one room arrive in order.
 */
public interface ChangeLog {

    /** Keeps nothing: a chat in memory only. */
    ChangeLog NONE = new ChangeLog() {
        @Override
        public void userAdded(String username, String sessionHash, Instant at) {
        }

        @Override
        public void userRemoved(String username) {
        }

        @Override
        public void roomCreated(String room, long order, Instant at) {
        }

        @Override
        public void roomRemoved(String room) {
        }

        @Override
        public void joined(String room, String username, StoredMessage notice) {
        }

        @Override
        public void left(String room, String username, StoredMessage notice, Instant emptySince) {
        }

        @Override
        public void posted(String room, StoredMessage message) {
        }

        @Override
        public String where() {
            return "nowhere";
        }
    };

    /**
     * A name was registered.
     *
     * @param username    the name
     * @param sessionHash the hash of its session's token; null for none
     * @param at          when
     */
    void userAdded(String username, String sessionHash, Instant at);

    /**
     * A name was freed, its session with it.
     *
     * @param username the name
     */
    void userRemoved(String username);

    /**
     * A room was created, empty.
     *
     * @param room  its name
     * @param order its place among the rooms ever created
     * @param at    when (it is empty since then)
     */
    void roomCreated(String room, long order, Instant at);

    /**
     * A room was removed with its members and messages.
     *
     * @param room its name
     */
    void roomRemoved(String room);

    /**
     * {@code username} became a member of {@code room}, announced by {@code notice} (whose sequence number
     * orders the members).
     *
     * @param room     the room
     * @param username the new member
     * @param notice   the notice appended to the room
     */
    void joined(String room, String username, StoredMessage notice);

    /**
     * {@code username} left {@code room}, announced by {@code notice}.
     *
     * @param room       the room
     * @param username   the member that left
     * @param notice     the notice appended to the room
     * @param emptySince when the room became empty, if the member was the last; else null
     */
    void left(String room, String username, StoredMessage notice, Instant emptySince);

    /**
     * A message was appended to {@code room}.
     *
     * @param room    the room
     * @param message the message as stored
     */
    void posted(String room, StoredMessage message);

    /** {@return where the changes are kept, as the status view shows it: a file, or a database's URL} */
    String where();

    /** {@return whether this log keeps anything (false only for {@link #NONE})} */
    default boolean keeps() {
        return this != NONE;
    }
}
