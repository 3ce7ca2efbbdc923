package chat.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What the client tells the person, in their language, when a call failed or it moved to another server. */
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
        };
        return texts.get(key, failure.where(), failure.detail());
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
