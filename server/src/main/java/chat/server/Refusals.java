package chat.server;

import chat.common.ChatProcedures;
import chat.common.LogThrottle;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * How the chat refuses a call over one of its {@link ChatLimits}: the check, one WARN line (at most one a
 * second for each kind of refusal, and for each user sending too fast, with a count of those held back), and
 * the {@link ChatRefusal} the caller answers with a fault, in words the Java client reads (docs/protocol.md, Faults).
 * Keeps each registered sender's rate. Thread-safe.
 */
final class Refusals {
    private final Clock clock;
    private final ChatLimits limits;
    private final Consumer<String> warnings;
    /** Null when sending is not limited. */
    private final SendRate sendRate;
    private final LogThrottle invalidNames = new LogThrottle();
    private final LogThrottle invalidRooms = new LogThrottle();
    private final LogThrottle invalidContents = new LogThrottle();
    private final LogThrottle tooManyUsers = new LogThrottle();
    private final LogThrottle tooManyRooms = new LogThrottle();

    Refusals(ChatSettings settings) {
        this.clock = settings.clock();
        this.limits = settings.limits();
        this.warnings = settings.warnings();
        this.sendRate = limits.limitsRate() ? new SendRate(limits.maxMessagesPerSecond()) : null;
    }

    /** @throws ChatRefusal {@code username}, given to {@code procedure}, breaks a rule of names */
    void checkUsername(String procedure, String username) {
        checkName(procedure, "username", username, invalidNames);
    }

    /** @throws ChatRefusal {@code room}, given to {@code procedure}, breaks a rule of names */
    void checkRoomName(String procedure, String room) {
        checkName(procedure, "room", room, invalidRooms);
    }

    /** @throws ChatRefusal the message {@code username} sends to {@code room} breaks a rule of messages */
    void checkContent(String username, String room, String content) {
        String problem = TextRules.contentProblem(content, limits.maxMessageLength());
        if (problem != null) {
            warn(invalidContents, ChatProcedures.SEND_MESSAGE + ": refused a message from " + TextRules.forLog(username)
                    + " in " + TextRules.forLog(room) + ": content " + problem + " (--max-message-length "
                    + limits.maxMessageLength() + ")");
            throw ChatRefusal.invalid("content", problem);
        }
    }

    /**
     * The refusal of a new name, {@code username}, on a server that has {@link ChatLimits#maxUsers()} users, logged;
     * {@code freeName} says when names are freed.
     */
    ChatRefusal tooManyUsers(String procedure, String username, Duration freeName) {
        warn(tooManyUsers, procedure + ": refused " + TextRules.forLog(username) + ": "
                + limits.maxUsers() + " users, the limit (--max-users)");
        return ChatRefusal.limitReached("this server already has " + limits.maxUsers()
                + " users, its limit; a name is freed when its user quits, or after "
                + freeName.toSeconds() + " s without a call");
    }

    /**
     * The refusal of a new room, {@code room}, on a server that has {@link ChatLimits#maxRooms()} rooms, logged;
     * {@code roomTtl} says when empty rooms expire.
     */
    ChatRefusal tooManyRooms(String room, Duration roomTtl) {
        warn(tooManyRooms, ChatProcedures.CREATE_ROOM + ": refused " + TextRules.forLog(room) + ": "
                + limits.maxRooms() + " rooms, the limit (--max-rooms)");
        return ChatRefusal.limitReached("this server already has " + limits.maxRooms()
                + " rooms, its limit; try again after empty rooms expire (" + roomTtl.toSeconds()
                + " s after their last member leaves)");
    }

    /**
     * Takes one message from the sending rate of {@code username}, a registered user.
     *
     * @throws ChatRefusal it sends faster than {@link ChatLimits#maxMessagesPerSecond()}
     */
    void checkRate(String username) {
        if (sendRate == null) {
            return;
        }
        long now = nanos(clock.instant());
        SendRate.Bucket bucket = sendRate.of(username, now);
        if (bucket.take(now)) {
            return;
        }
        long held = bucket.log.pass(now);
        if (held >= 0) {
            warnings.accept(ChatProcedures.SEND_MESSAGE + ": refused messages from " + TextRules.forLog(username)
                    + ": faster than " + limits.maxMessagesPerSecond() + " per second, bursts of "
                    + limits.messageBurst() + " (--max-messages-per-second)" + LogThrottle.heldBackNote(held));
        }
        throw ChatRefusal.rateLimited(username + " is sending faster than " + limits.maxMessagesPerSecond()
                + " messages per second; wait a moment and send again");
    }

    /** Drops the sending rate of a freed name. */
    void forget(String username) {
        if (sendRate != null) {
            sendRate.forget(username);
        }
    }

    /** How many users have a send rate kept for them: never more than registered users. */
    int usersWithASendRate() {
        return sendRate == null ? 0 : sendRate.size();
    }

    private void checkName(String procedure, String argument, String name, LogThrottle throttle) {
        String problem = TextRules.nameProblem(name, limits.maxNameLength());
        if (problem != null) {
            warn(throttle, procedure + ": refused " + argument + " " + TextRules.forLog(name) + ": " + problem
                    + " (--max-name-length " + limits.maxNameLength() + ")");
            throw ChatRefusal.invalid(argument, problem);
        }
    }

    private void warn(LogThrottle throttle, String line) {
        long held = throttle.pass(nanos(clock.instant()));
        if (held >= 0) {
            warnings.accept(line + LogThrottle.heldBackNote(held));
        }
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
