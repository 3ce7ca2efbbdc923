package chat.server;

import picocli.CommandLine.Option;

/** The command-line options for {@link ChatLimits}. */
final class ChatLimitOptions {
    @Option(names = "--max-name-length", paramLabel = "N", defaultValue = "" + ChatLimits.DEFAULT_MAX_NAME_LENGTH,
            description = "Longest user or room name, in characters (default: ${DEFAULT-VALUE}).")
    int maxNameLength = ChatLimits.DEFAULT_MAX_NAME_LENGTH;

    @Option(names = "--max-message-length", paramLabel = "N", defaultValue = "" + ChatLimits.DEFAULT_MAX_MESSAGE_LENGTH,
            description = "Longest message, in characters (default: ${DEFAULT-VALUE}).")
    int maxMessageLength = ChatLimits.DEFAULT_MAX_MESSAGE_LENGTH;

    @Option(names = "--max-users", paramLabel = "N", defaultValue = "" + ChatLimits.DEFAULT_MAX_USERS,
            description = "Names that may be registered; a name is kept until its user quits or stays idle for --idle-free (default: ${DEFAULT-VALUE}).")
    int maxUsers = ChatLimits.DEFAULT_MAX_USERS;

    @Option(names = "--max-rooms", paramLabel = "N", defaultValue = "" + ChatLimits.DEFAULT_MAX_ROOMS,
            description = "Rooms that may exist at once; expired rooms free their place (default: ${DEFAULT-VALUE}).")
    int maxRooms = ChatLimits.DEFAULT_MAX_ROOMS;

    @Option(names = "--max-messages-per-second", paramLabel = "N",
            defaultValue = "" + ChatLimits.DEFAULT_MAX_MESSAGES_PER_SECOND,
            description = "Messages one user may send per second, in bursts of up to twice that; 0: no limit (default: ${DEFAULT-VALUE}).")
    int maxMessagesPerSecond = ChatLimits.DEFAULT_MAX_MESSAGES_PER_SECOND;

    /** The limits these options describe; impossible values are refused with the option's meaning. */
    ChatLimits limits() {
        return new ChatLimits(maxNameLength, maxMessageLength, maxUsers, maxRooms, maxMessagesPerSecond);
    }
}
