package chat.server;

import java.util.List;
import java.util.Map;

/**
 * What one pass over idle users did.
 *
 * @param roomsLeft the rooms each idle user left, by user
 * @param freed     the names freed
 */
public record IdleSweep(Map<String, List<String>> roomsLeft, List<String> freed) {
    /** A pass that found no idle user. */
    public static final IdleSweep NOTHING = new IdleSweep(Map.of(), List.of());

    /**
     * Copies both collections.
     *
     * @param roomsLeft the rooms each idle user left, by user
     * @param freed     the names freed
     */
    public IdleSweep {
        roomsLeft = Map.copyOf(roomsLeft);
        freed = List.copyOf(freed);
    }
}
