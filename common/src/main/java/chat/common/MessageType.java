package chat.common;

import java.util.Locale;

/** Whether a message goes to everyone in a room or to one member. */
public enum MessageType {
    BROADCAST, UNICAST;

    /** Made once: every message of every answer names its type. */
    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** The name on the wire: {@code broadcast} or {@code unicast}. */
    public String wireName() {
        return wireName;
    }

    /** Reads a wire name; refuses anything else with a message that names the value. */
    public static MessageType fromWire(String name) {
        for (MessageType type : values()) {
            if (type.wireName().equals(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown message type '" + name + "' (expected broadcast or unicast)");
    }
}
