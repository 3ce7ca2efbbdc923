package chat.common;

import java.util.Locale;

/** Whether a message goes to everyone in a room or to one member. */
public enum MessageType {
    BROADCAST, UNICAST;

    /** The name on the wire: {@code broadcast} or {@code unicast}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
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
