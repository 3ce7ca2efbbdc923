package chat.server.cluster;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rooms this server knows to be empty, with the time each became empty: learnt from the
 * {@link RoomEvent}s of creations and of last members leaving, forgotten when someone joins. Every server
 * keeps the same list, so whichever survives removes an expired room (the removal itself is atomic, so
 * exactly one reports it); the sweep asks the owner only about rooms whose time has come.
 */
final class EmptyRooms {
    private final Map<String, Instant> emptySince = new ConcurrentHashMap<>();

    void track(String room, Instant since) {
        emptySince.put(room, since);
    }

    void untrack(String room) {
        emptySince.remove(room);
    }

    /** The rooms empty since before {@code cutoff}, as far as this server knows. */
    List<String> emptyBefore(Instant cutoff) {
        List<String> due = new ArrayList<>();
        emptySince.forEach((room, since) -> {
            if (since.isBefore(cutoff)) {
                due.add(room);
            }
        });
        return due;
    }
}
