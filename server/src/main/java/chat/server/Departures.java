package chat.server;

import chat.common.Message;
import chat.server.store.ChatStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Users leaving rooms, each time with the notice the room reads ("ana saiu da sala."). */
final class Departures {
    private final ChatStore store;
    private final Clock clock;

    Departures(ChatStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Makes {@code username} leave {@code room}; false when there is no such room or it was not a member. */
    boolean leave(String room, String username) {
        return store.leave(room, username, notice(username), clock.instant());
    }

    /**
     * Makes each of {@code who} that is still idle since {@code idleBefore} (or no longer registered) leave every
     * room it is in. A user whose call came after the list of idle users was read stays. A null cutoff makes them
     * leave whatever their last call: a user that quits.
     *
     * @return the rooms each user left
     */
    Map<String, List<String>> leaveEveryRoom(Set<String> who, Instant idleBefore) {
        Map<String, List<String>> left = new TreeMap<>();
        if (who.isEmpty()) {
            return left;
        }
        for (String room : store.rooms()) {
            for (String member : store.members(room).orElse(List.of())) {
                if (who.contains(member) && (idleBefore == null
                        ? leave(room, member)
                        : store.leaveIfIdle(room, member, notice(member), clock.instant(), idleBefore))) {
                    left.computeIfAbsent(member, m -> new ArrayList<>()).add(room);
                }
            }
        }
        return left;
    }

    private static Message notice(String username) {
        return Message.notice(username + " saiu da sala.", 0);
    }
}
