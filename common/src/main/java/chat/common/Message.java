package chat.common;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A chat message as it travels on the wire: a struct with exactly the members
 * {@code type}, {@code origin}, {@code destination}, {@code content} and {@code timestamp}.
 *
 * @param type        broadcast (to everyone in the room) or unicast (to one member)
 * @param origin      the sender's name, or {@value #SYSTEM} for system notices
 * @param destination the recipient's name, or {@value #EVERYONE} for a broadcast
 * @param content     the text
 * @param timestamp   seconds since the Unix epoch, as the server stamped it
 */
public record Message(MessageType type, String origin, String destination, String content, double timestamp) {

    /** The origin of notices the server writes itself. */
    public static final String SYSTEM = "Sistema";
    /** The destination of a broadcast. */
    public static final String EVERYONE = "Todos";

    /**
     * Checks the message.
     *
     * @param type        broadcast (to everyone in the room) or unicast (to one member)
     * @param origin      the sender's name, or {@value #SYSTEM} for system notices
     * @param destination the recipient's name, or {@value #EVERYONE} for a broadcast
     * @param content     the text
     * @param timestamp   seconds since the Unix epoch, as the server stamped it
     * @throws NullPointerException     for a missing member
     * @throws IllegalArgumentException for a broadcast not addressed to {@value #EVERYONE}
     */
    public Message {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(content, "content");
        if (type == MessageType.BROADCAST && !EVERYONE.equals(destination)) {
            throw new IllegalArgumentException("a broadcast goes to '" + EVERYONE + "', not '" + destination + "'");
        }
    }

    /**
     * A message from {@code origin} to everyone in the room.
     *
     * @param origin    the sender's name
     * @param content   the text
     * @param timestamp seconds since the Unix epoch
     * @return the message
     */
    public static Message broadcast(String origin, String content, double timestamp) {
        return new Message(MessageType.BROADCAST, origin, EVERYONE, content, timestamp);
    }

    /**
     * A private message from {@code origin} to {@code destination}.
     *
     * @param origin      the sender's name
     * @param destination the recipient's name
     * @param content     the text
     * @param timestamp   seconds since the Unix epoch
     * @return the message
     */
    public static Message unicast(String origin, String destination, String content, double timestamp) {
        return new Message(MessageType.UNICAST, origin, destination, content, timestamp);
    }

    /**
     * A system notice, from {@value #SYSTEM} to {@value #EVERYONE}.
     *
     * @param content   the text
     * @param timestamp seconds since the Unix epoch
     * @return the notice
     */
    public static Message notice(String content, double timestamp) {
        return broadcast(SYSTEM, content, timestamp);
    }

    /**
     * Whether {@code username} may see this message: every broadcast, and unicasts from or to them.
     *
     * @param username a member of the room
     * @return true when the message is theirs to see
     */
    public boolean isVisibleTo(String username) {
        return type == MessageType.BROADCAST || origin.equals(username) || destination.equals(username);
    }

    /**
     * @param newTimestamp seconds since the Unix epoch
     * @return the same message with that timestamp
     */
    public Message withTimestamp(double newTimestamp) {
        return new Message(type, origin, destination, content, newTimestamp);
    }

    /** {@return the XML-RPC struct for this message} */
    public Map<String, Object> toWire() {
        Map<String, Object> struct = new HashMap<>(8);
        struct.put("type", type.wireName());
        struct.put("origin", origin);
        struct.put("destination", destination);
        struct.put("content", content);
        struct.put("timestamp", timestamp);
        return struct;
    }

    /**
     * Reads an XML-RPC struct.
     *
     * @param value the wire value
     * @return the message
     * @throws IllegalArgumentException for a value that is not a struct, or a missing or mistyped member
     */
    public static Message fromWire(Object value) {
        if (!(value instanceof Map<?, ?> struct)) {
            throw new IllegalArgumentException("a message must be a struct, got " + WireValues.typeName(value));
        }
        return new Message(
                MessageType.fromWire(WireValues.member(struct, "type", String.class)),
                WireValues.member(struct, "origin", String.class),
                WireValues.member(struct, "destination", String.class),
                WireValues.member(struct, "content", String.class),
                WireValues.member(struct, "timestamp", Number.class).doubleValue());
    }
}
