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

    /** A name was registered, with its session's hash (null: none). */
    void userAdded(String username, String sessionHash, Instant at);

    /** A name was freed, its session with it. */
    void userRemoved(String username);

    /** A room was created, the {@code order}-th of the chat, empty since {@code at}. */
    void roomCreated(String room, long order, Instant at);

    /** A room was removed with its members and messages. */
    void roomRemoved(String room);

    /**
     * {@code username} became a member of {@code room}, announced by {@code notice} (whose sequence number
     * orders the members).
     */
    void joined(String room, String username, StoredMessage notice);

    /** {@code username} left {@code room}, announced by {@code notice}; {@code emptySince} is non-null when it was the last. */
    void left(String room, String username, StoredMessage notice, Instant emptySince);

    /** A message was appended to {@code room}. */
    void posted(String room, StoredMessage message);

    /** Where the changes are kept, as the status view shows it: a file, or a database's URL. */
    String where();

    /** Whether this log keeps anything (false only for {@link #NONE}). */
    default boolean keeps() {
        return this != NONE;
    }
}
