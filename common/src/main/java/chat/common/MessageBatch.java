package chat.common;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What {@code wait_messages} answers: the messages that arrived, oldest first, and the cursor to wait from next.
 * On the wire it is the struct {@code {cursor: int, messages: Message[]}}; a cursor past the 32 bits of an
 * XML-RPC int (a room's 2,147,483,648th message) travels as its decimal digits instead, which every peer can send
 * back ({@code <i8>} is an extension that Python reads but cannot send, and Apache's library without extensions
 * neither).
 *
 * @param cursor   the cursor to wait from next (a sequence number of the room)
 * @param messages the messages that arrived after the cursor waited from, oldest first
 */
public record MessageBatch(long cursor, List<Message> messages) {
    /**
     * Checks the cursor and copies the messages.
     *
     * @param cursor   the cursor to wait from next (a sequence number of the room)
     * @param messages the messages that arrived after the cursor waited from, oldest first
     * @throws IllegalArgumentException for a negative cursor
     */
    public MessageBatch {
        if (cursor < 0) {
            throw new IllegalArgumentException("a cursor is 0 or more, got " + cursor);
        }
        messages = List.copyOf(messages);
    }

    /** {@return the XML-RPC struct} */
    public Map<String, Object> toWire() {
        return Map.of("cursor", cursorToWire(cursor), "messages", messages.stream().map(Message::toWire).toList());
    }

    /**
     * A sequence cursor as it goes on the wire, in an answer or in the next wait.
     *
     * @param cursor a sequence number, 0 or more
     * @return an Integer, or past the int's range the string of its decimal digits
     */
    public static Object cursorToWire(long cursor) {
        return cursor == (int) cursor ? (Object) (int) cursor : Long.toString(cursor);
    }

    /**
     * Reads a sequence cursor as {@link #cursorToWire} writes it.
     *
     * @param value the wire value
     * @return the cursor
     * @throws IllegalArgumentException for anything else, saying what came
     */
    public static long cursorFromWire(Object value) {
        if (value instanceof Integer cursor) {
            return cursor;
        }
        if (value instanceof String digits && DIGITS.matcher(digits).matches()) {
            try {
                return Long.parseLong(digits);
            } catch (NumberFormatException tooLong) {
                // refused below
            }
        }
        throw new IllegalArgumentException("member 'cursor' must be an int or a string of decimal digits, got "
                + (value instanceof String ? "'" + value + "'" : WireValues.typeName(value)));
    }

    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,19}");

    /**
     * Reads the struct.
     *
     * @param value what {@code wait_messages} answered
     * @return the batch
     * @throws IllegalArgumentException for a missing or mistyped member, naming it
     */
    public static MessageBatch fromWire(Object value) {
        if (!(value instanceof Map<?, ?> struct)) {
            throw new IllegalArgumentException("expected a struct, got " + WireValues.typeName(value));
        }
        return new MessageBatch(cursorFromWire(struct.get("cursor")), WireValues.messages(struct.get("messages")));
    }
}
