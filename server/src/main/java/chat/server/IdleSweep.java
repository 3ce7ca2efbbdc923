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
    public static final IdleSweep NOTHING = new IdleSweep(Map.of(), List.of());

    public IdleSweep {
        roomsLeft = Map.copyOf(roomsLeft);
        freed = List.copyOf(freed);
    }
}
