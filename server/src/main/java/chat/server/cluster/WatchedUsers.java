package chat.server.cluster;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The names whose idleness this server watches, with the newest activity it knows of each: those registered
 * or active through this server, and those a member that left the cluster watched, adopted from this
 * member's partitions. The idle rule looks only at names this old, instead of every name of the chat each
 * second, so its work follows what changed and an idle server does nothing.
 */
final class WatchedUsers {
    private final Map<String, Instant> lastSeen = new ConcurrentHashMap<>();

    /** Records activity of {@code name} at {@code at} (a later time already known stays). */
    void seen(String name, Instant at) {
        lastSeen.merge(name, at, (known, now) -> now.isAfter(known) ? now : known);
    }

    /** Watches {@code name} from {@code at} unless it is watched already. */
    void adopt(String name, Instant at) {
        lastSeen.putIfAbsent(name, at);
    }

    void forget(String name) {
        lastSeen.remove(name);
    }

    /** The watched names last known active before {@code cutoff}: to be checked against their registration. */
    List<String> quietSince(Instant cutoff) {
        List<String> quiet = new ArrayList<>();
        lastSeen.forEach((name, seen) -> {
            if (seen.isBefore(cutoff)) {
                quiet.add(name);
            }
        });
        return quiet;
    }
}
