package chat.client;

import chat.common.Endpoint;
import java.util.Objects;

/**
 * The client left a server that stopped answering for another the Binder names, and set up there what the
 * person had: their name and their room.
 *
 * @param from    the server that stopped answering
 * @param to      the server the client continues on
 * @param user    the person's name, or null when they had none yet
 * @param room    the room they were in, or null when none
 * @param outcome what the new server knew, and what had to be done again
 */
public record ServerMove(Endpoint from, Endpoint to, String user, String room, Outcome outcome) {

    /** What the new server knew of the person. */
    public enum Outcome {
        /** It knew the name and the room's membership (a cluster, or nothing to keep): nothing was redone. */
        KEPT,
        /** It did not know the name: registered it again, and entered the room again if there was one. */
        REGISTERED_AGAIN,
        /** It knew the name but the person was not in the room there: entered it again (creating it if missing). */
        JOINED_AGAIN,
        /** It refused to take the name or the room back (a limit, a fault): the person must do it by hand. */
        NOT_RESTORED
    }

    /**
     * Checks the two servers and the outcome.
     *
     * @param from    the server that stopped answering
     * @param to      the server the client continues on
     * @param user    the person's name, or null when they had none yet
     * @param room    the room they were in, or null when none
     * @param outcome what the new server knew, and what had to be done again
     */
    public ServerMove {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(outcome, "outcome");
    }

    /**
     * Whether the room's sequence cursor from the old server still means the same on the new one: the new
     * server knew the person and the room (one chat across servers). Otherwise the feed continues from its
     * timestamp cursor.
     *
     * @return true when the feed may go on from its sequence cursor
     */
    public boolean keepsCursor() {
        return outcome == Outcome.KEPT;
    }
}
