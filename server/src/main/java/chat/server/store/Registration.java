package chat.server.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A registered name as the store keeps it: when its user last did something, and the hash of its
 * session's token, if it has a session.
 *
 * @param lastSeen    when the user was last active (never moves back)
 * @param sessionHash the hash of the name's session token; null when the name was registered without a
 *                    session (the original's {@code register_user}). Never the token itself
 */
public record Registration(Instant lastSeen, String sessionHash) {
    /**
     * Checks the last-seen time.
     *
     * @param lastSeen    when the user was last active (never moves back)
     * @param sessionHash the hash of the name's session token; null when the name was registered without a
     *                    session (the original's {@code register_user}). Never the token itself
     * @throws NullPointerException without a last-seen time
     */
    public Registration {
        Objects.requireNonNull(lastSeen, "lastSeen");
    }

    /** {@return whether the name holds a session} */
    public boolean hasSession() {
        return sessionHash != null;
    }

    /**
     * @param cutoff an instant
     * @return whether the name was last seen before {@code cutoff}: idle since then
     */
    public boolean idleSince(Instant cutoff) {
        return lastSeen.isBefore(cutoff);
    }

    /**
     * @param now when the user was active
     * @return the same registration, active at {@code now} unless it was seen later already
     */
    public Registration seenAt(Instant now) {
        return now.isAfter(lastSeen) ? new Registration(now, sessionHash) : this;
    }
}
