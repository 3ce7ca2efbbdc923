package chat.server.store;

import java.util.List;

/**
 * What a read from a sequence cursor found, and where the room stood at that moment.
 *
 * @param messages  the messages the reader may see after the cursor, oldest first
 * @param newestSeq the room's newest sequence number when read (0 for an empty room): waiting for
 *                  anything newer than this misses nothing
 */
public record Reading(List<StoredMessage> messages, long newestSeq) {
    /**
     * Copies the messages.
     *
     * @param messages  the messages the reader may see after the cursor, oldest first
     * @param newestSeq the room's newest sequence number when read (0 for an empty room): waiting for
     *                  anything newer than this misses nothing
     */
    public Reading {
        messages = List.copyOf(messages);
    }
}
