package chat.client;

import chat.common.Endpoint;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the client tells the person, in their language, when a call failed, when its server stopped answering and it
 * looks for another, and when it moved to another server.
 */
final class Explanations {
    private Explanations() {
    }

    /** One line saying what failed and what to do; a refusal the client can read, in the person's words. */
    static String of(Texts texts, ChatCallException failure) {
        Optional<ServerRefusal> refusal = ServerRefusal.read(failure);
        if (refusal.isPresent()) {
            return refusal.get().explained(texts);
        }
        String key = switch (failure.reason()) {
            case BINDER_UNREACHABLE -> "error.binderUnreachable";
            case NO_SERVER -> "error.noServer";
            case SERVER_UNREACHABLE -> "error.serverUnreachable";
            case SERVER_REFUSED -> "error.serverRefused";
            case BAD_ANSWER -> "error.badAnswer";
            case SERVER_CHANGED -> "error.serverChanged";
            case SEARCHING -> "error.searching";
        };
        return texts.get(key, failure.where(), failure.detail());
    }

    /** The server in use stopped answering, and the client looks for another for at most {@code limit}. */
    static String searching(Texts texts, Endpoint failed, String detail, Duration limit) {
        String seconds = BigDecimal.valueOf(limit.toMillis(), 3).stripTrailingZeros().toPlainString();
        return texts.get("server.searching", failed, detail, seconds);
    }

    /** No other server was found, and why. */
    static String notFound(Texts texts, ChatCallException why) {
        return texts.get("server.notFound", of(texts, why));
    }

    /**
     * What became of a message whose server stopped answering while it was sent: not sent (no connection could be
     * made, or it was never tried), or perhaps sent.
     */
    static String message(Texts texts, ChatCallException.Lost lost) {
        return lost.mayHaveArrived() ? texts.get("message.unconfirmed", lost.server(), lost.detail())
                : texts.get("message.notSent.lost", lost.server(), lost.detail());
    }

    /** The same for a bot's {@code line}, on its error stream. */
    static String botLine(Texts texts, ChatCallException.Lost lost, String line) {
        return lost.mayHaveArrived() ? texts.get("bot.unconfirmed", lost.server(), line)
                : texts.get("bot.notSent.lost", lost.server(), lost.detail(), line);
    }

    /** Where the client moved, and what it had to redo there. */
    static List<String> of(Texts texts, ServerMove move) {
        List<String> lines = new ArrayList<>();
        lines.add(texts.get("server.moved", move.from(), move.to()));
        switch (move.outcome()) {
            case KEPT -> {
            }
            case REGISTERED_AGAIN -> {
                lines.add(texts.get("server.registeredAgain", move.to(), move.user()));
                if (move.room() != null) {
                    lines.add(texts.get("server.joinedAgain", move.room(), move.to()));
                }
            }
            case JOINED_AGAIN -> lines.add(texts.get("server.joinedAgain", move.room(), move.to()));
            case NOT_RESTORED -> lines.add(move.room() == null
                    ? texts.get("server.notRestored.name", move.to(), move.user())
                    : texts.get("server.notRestored.room", move.to(), move.user(), move.room()));
        }
        return lines;
    }
}
