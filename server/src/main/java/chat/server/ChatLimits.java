package chat.server;

/**
 * What the chat lets its users take of a server: how long names and messages may be, how many users
 * and rooms it holds, and how fast one user may send. A call over a limit is refused with a fault
 * that says which limit, and the server logs it.
 *
 * @param maxNameLength        the longest user or room name, in characters (Unicode code points)
 * @param maxMessageLength     the longest message, in characters (Unicode code points)
 * @param maxUsers             how many names may be registered
 * @param maxRooms             how many rooms may exist at once (rooms that expire free their place)
 * @param maxMessagesPerSecond how many messages one user may send per second, on average, with bursts
 *                             of up to {@link #messageBurst()}; 0 means no limit
 */
public record ChatLimits(int maxNameLength, int maxMessageLength, int maxUsers, int maxRooms,
                         int maxMessagesPerSecond) {

    /** The default longest name: it fits a terminal line with room to spare. */
    public static final int DEFAULT_MAX_NAME_LENGTH = 32;
    /** The default longest message: it fits a screen. */
    public static final int DEFAULT_MAX_MESSAGE_LENGTH = 4096;
    /** The default number of names a server holds. */
    public static final int DEFAULT_MAX_USERS = 20_000;
    /** The default number of rooms that may exist at once. */
    public static final int DEFAULT_MAX_ROOMS = 1_000;
    /** The default rate one user may send at, per second. */
    public static final int DEFAULT_MAX_MESSAGES_PER_SECOND = 50;

    /** Names fit a terminal line, a message fits a screen, and a burst of 100 covers any typist. */
    public static final ChatLimits DEFAULTS = new ChatLimits(DEFAULT_MAX_NAME_LENGTH, DEFAULT_MAX_MESSAGE_LENGTH,
            DEFAULT_MAX_USERS, DEFAULT_MAX_ROOMS, DEFAULT_MAX_MESSAGES_PER_SECOND);

    /** No name may be longer, whatever the option says: names are logged, listed and sent with every message. */
    public static final int NAME_LENGTH_CEILING = 1024;
    /** The fastest rate that can be set; beyond it a rate limit protects nothing. */
    public static final int RATE_CEILING = 1_000_000;

    /**
     * Checks every limit.
     *
     * @param maxNameLength        the longest user or room name, in characters (Unicode code points)
     * @param maxMessageLength     the longest message, in characters (Unicode code points)
     * @param maxUsers             how many names may be registered
     * @param maxRooms             how many rooms may exist at once (rooms that expire free their place)
     * @param maxMessagesPerSecond how many messages one user may send per second, on average, with bursts
     *                             of up to {@link #messageBurst()}; 0 means no limit
     * @throws IllegalArgumentException for a limit out of its range, naming it and the range
     */
    public ChatLimits {
        if (maxNameLength < 1 || maxNameLength > NAME_LENGTH_CEILING) {
            throw new IllegalArgumentException("the name length limit must be between 1 and " + NAME_LENGTH_CEILING
                    + " characters, got " + maxNameLength);
        }
        if (maxMessageLength < 1) {
            throw new IllegalArgumentException("the message length limit must be at least 1 character, got "
                    + maxMessageLength);
        }
        if (maxUsers < 1) {
            throw new IllegalArgumentException("the user limit must be at least 1, got " + maxUsers);
        }
        if (maxRooms < 1) {
            throw new IllegalArgumentException("the room limit must be at least 1, got " + maxRooms);
        }
        if (maxMessagesPerSecond < 0 || maxMessagesPerSecond > RATE_CEILING) {
            throw new IllegalArgumentException("the message rate limit must be between 0 (no limit) and "
                    + RATE_CEILING + " per second, got " + maxMessagesPerSecond);
        }
    }

    /** {@return how many messages a user may send at once after a quiet spell: twice the rate per second} */
    public int messageBurst() {
        return 2 * maxMessagesPerSecond;
    }

    /** {@return whether sending is limited in rate at all} */
    public boolean limitsRate() {
        return maxMessagesPerSecond > 0;
    }

    /**
     * @param value the longest user or room name, 1 to {@value #NAME_LENGTH_CEILING} characters
     * @return these limits with that name length
     */
    public ChatLimits withMaxNameLength(int value) {
        return new ChatLimits(value, maxMessageLength, maxUsers, maxRooms, maxMessagesPerSecond);
    }

    /**
     * @param value the longest message, at least 1 character
     * @return these limits with that message length
     */
    public ChatLimits withMaxMessageLength(int value) {
        return new ChatLimits(maxNameLength, value, maxUsers, maxRooms, maxMessagesPerSecond);
    }

    /**
     * @param value how many names may be registered, at least 1
     * @return these limits with that many users
     */
    public ChatLimits withMaxUsers(int value) {
        return new ChatLimits(maxNameLength, maxMessageLength, value, maxRooms, maxMessagesPerSecond);
    }

    /**
     * @param value how many rooms may exist at once, at least 1
     * @return these limits with that many rooms
     */
    public ChatLimits withMaxRooms(int value) {
        return new ChatLimits(maxNameLength, maxMessageLength, maxUsers, value, maxMessagesPerSecond);
    }

    /**
     * @param value how many messages one user may send per second; 0 for no limit
     * @return these limits with that rate
     */
    public ChatLimits withMaxMessagesPerSecond(int value) {
        return new ChatLimits(maxNameLength, maxMessageLength, maxUsers, maxRooms, value);
    }
}
