package chat.server;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a server's chat behaves: the clock it keeps time by, how long an empty room stays, what users may take
 * of the server, how long they may do nothing, and where refused calls are reported.
 *
 * @param clock     the time messages are stamped with, rooms expire by and sending rates are measured on
 * @param roomTtl   how long a room may stay empty
 * @param limits    what users may take of this server
 * @param idleTimes how long users may do nothing before they leave their rooms, and before their names are freed
 * @param warnings  where the WARN lines about refused calls go: the log, or a list a test reads
 */
public record ChatSettings(Clock clock, Duration roomTtl, ChatLimits limits, IdleTimes idleTimes,
                           Consumer<String> warnings) {
    /** The chat's lines all log under the service's name, so that one setting shows or hides them. */
    private static final Logger LOG = LoggerFactory.getLogger(ChatService.class);

    /**
     * Checks that nothing is missing.
     *
     * @param clock     the time messages are stamped with, rooms expire by and sending rates are measured on
     * @param roomTtl   how long a room may stay empty
     * @param limits    what users may take of this server
     * @param idleTimes how long users may do nothing before they leave their rooms, and before their names are freed
     * @param warnings  where the WARN lines about refused calls go: the log, or a list a test reads
     * @throws NullPointerException for a missing value, naming it
     */
    public ChatSettings {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(roomTtl, "roomTtl");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(idleTimes, "idleTimes");
        Objects.requireNonNull(warnings, "warnings");
    }

    /**
     * The defaults on {@code clock}: empty rooms kept {@link ServerConfig#DEFAULT_ROOM_TTL}, the default limits and
     * idle times, refusals logged.
     *
     * @param clock the time the chat keeps
     * @return the settings
     */
    public static ChatSettings defaults(Clock clock) {
        return new ChatSettings(clock, ServerConfig.DEFAULT_ROOM_TTL, ChatLimits.DEFAULTS, IdleTimes.DEFAULTS,
                LOG::warn);
    }

    /**
     * What {@code config} says of the chat, on {@code clock}, with refusals going to the log.
     *
     * @param config the server's configuration
     * @param clock  the time the chat keeps
     * @return the settings
     */
    public static ChatSettings of(ServerConfig config, Clock clock) {
        return defaults(clock).withRoomTtl(config.roomTtl()).withLimits(config.chatLimits())
                .withIdleTimes(config.idleTimes());
    }

    /**
     * @param ttl how long a room may stay empty
     * @return these settings with that TTL
     */
    public ChatSettings withRoomTtl(Duration ttl) {
        return new ChatSettings(clock, ttl, limits, idleTimes, warnings);
    }

    /**
     * @param chatLimits what users may take of the server
     * @return these settings with those limits
     */
    public ChatSettings withLimits(ChatLimits chatLimits) {
        return new ChatSettings(clock, roomTtl, chatLimits, idleTimes, warnings);
    }

    /**
     * @param times how long users may do nothing
     * @return these settings with those idle times
     */
    public ChatSettings withIdleTimes(IdleTimes times) {
        return new ChatSettings(clock, roomTtl, limits, times, warnings);
    }

    /**
     * @param sink where the WARN lines about refusals go instead of the log
     * @return these settings sending them there
     */
    public ChatSettings withWarnings(Consumer<String> sink) {
        return new ChatSettings(clock, roomTtl, limits, idleTimes, sink);
    }
}
