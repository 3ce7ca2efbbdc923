package chat.common;

import java.util.Locale;

/** Whether a message goes to everyone in a room or to one member. */
public enum MessageType {
    /** To everyone in the room. */
    BROADCAST,
    /** To one member of the room. */
    UNICAST;

    /** Made once: every message of every answer names its type. */
    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** {@return the name on the wire: {@code broadcast} or {@code unicast}} */
    public String wireName() {
        return wireName;
    }

    /**
     * Reads a wire name.
     *
     * @param name the member {@code type} of a message struct
     * @return the type
     * @throws IllegalArgumentException for anything else, naming the value
     */
    public static MessageType fromWire(String name) {
        for (MessageType type : values()) {
            if (type.wireName().equals(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown message type '" + name + "' (expected broadcast or unicast)");
    }
}
