package chat.server.store;

import chat.common.Message;
import java.util.Objects;

/**
 * A message as a room keeps it: the wire message plus its sequence number in the room (1, 2, 3, ...),
 * which orders messages and serves as a cursor.
 *
 * @param seq     its sequence number in the room, from 1
 * @param message the message, with the timestamp the store gave it
 */
public record StoredMessage(long seq, Message message) {
    /**
     * Checks the sequence number.
     *
     * @param seq     its sequence number in the room, from 1
     * @param message the message, with the timestamp the store gave it
     * @throws IllegalArgumentException for a sequence number below 1
     */
    public StoredMessage {
        Objects.requireNonNull(message, "message");
        if (seq < 1) {
            throw new IllegalArgumentException("sequence numbers start at 1, got " + seq);
        }
    }
}
