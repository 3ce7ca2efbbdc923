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

    /**
     * Hands a message appended to {@code room} to the log without waiting for it to be stored, so that the room
     * need not be held meanwhile: the log stores the room's messages in the order they are handed to it, and never
     * stores one after a message of the room before it that could not be stored (it fails too). The caller learns
     * the outcome with {@link Pending#whenDone} (or waits with {@link Pending#await}) once it has let the room go.
     *
     * <p>A log that does not pipeline stores the message at once, as {@link #posted} does, and answers
     * {@link Pending#STORED}.
     *
     * @param room     the room
     * @param message  the message as stored
     * @param previous the room's message handed over before this one and not yet stored, or null for none
     * @return the message's write, to wait for
     * @throws ChangeNotSaved the log stores at once and could not
     */
    default Pending postLater(String room, StoredMessage message, Pending previous) {
        posted(room, message);
        return Pending.STORED;
    }

    /** A change handed to the log: stored, not stored, or on its way. */
    interface Pending {
        /** A change already stored. */
        Pending STORED = new Pending() {
            @Override
            public void await() {
            }

            @Override
            public boolean isDone() {
                return true;
            }

            @Override
            public boolean failed() {
                return false;
            }

            @Override
            public void whenDone(Runnable action) {
                action.run();
            }
        };

        /**
         * Waits until the change is stored for good, or could not be.
         *
         * @throws ChangeNotSaved it could not be stored
         */
        void await();

        /** {@return whether the change is stored or failed by now} */
        boolean isDone();

        /** {@return whether the change is done and could not be stored} */
        boolean failed();

        /**
         * Runs {@code action} once the change is stored or could not be ({@link #await} then answers at once): on
         * this thread when it is done already and the log has run the actions added to it before, else on the log's
         * own thread, which holds no lock of the chat's, so the action may take a room's. Actions of changes handed
         * over one after another run in that order, however late they are added.
         *
         * @param action what to do then; it must not wait for another change of this log
         */
        void whenDone(Runnable action);
    }

    /** {@return where the changes are kept, as the status view shows it: a file, or a database's URL} */
    String where();

    /** {@return whether this log keeps anything (false only for {@link #NONE})} */
    default boolean keeps() {
        return this != NONE;
    }
}
