package chat.server;

import chat.common.Message;
import chat.server.store.ChatStore;
import chat.server.store.StoredMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat's rules: who may join, send and read, what the system says, and when rooms disappear. Plain
 * methods, called by the XML-RPC procedures and directly by tests. Thread-safe; state is in the
 * {@link ChatStore}. A null room or user reads as unknown, as the original's clients expect.
 */
public final class ChatService {
    /** How many messages {@link #join} returns. */
    public static final int JOIN_HISTORY = 50;

    private static final Logger LOG = LoggerFactory.getLogger(ChatService.class);

    private final ChatStore store;
    private final Clock clock;
    private final Duration roomTtl;

    public ChatService(ChatStore store, Clock clock, Duration roomTtl) {
        this.store = store;
        this.clock = clock;
        this.roomTtl = roomTtl;
    }

    /** Reserves a name; false when it is taken, or is one the system speaks as ({@value Message#SYSTEM}, {@value Message#EVERYONE}). */
    public boolean registerUser(String username) {
        if (Message.SYSTEM.equals(username) || Message.EVERYONE.equals(username)) {
            return false;
        }
        boolean registered = store.registerUser(username);
        LOG.debug("register_user {} -> {}", username, registered);
        return registered;
    }

    /** Creates a room; false when it exists. A room nobody joins is removed after the TTL like any empty room. */
    public boolean createRoom(String room) {
        return store.createRoom(room, now());
    }

    /**
     * Joins a room, announcing the user when it was not a member yet.
     *
     * @return the members and the last {@value #JOIN_HISTORY} messages the user may see, or empty when
     *         the room or the user is unknown
     */
    public Optional<JoinedRoom> join(String username, String room) {
        if (username == null || room == null || !store.isRegistered(username)) {
            return Optional.empty();
        }
        Message notice = Message.notice(username + " entrou na sala.", 0);
        return store.join(room, username, notice, JOIN_HISTORY, now())
                .map(snapshot -> new JoinedRoom(snapshot.members(), messages(snapshot.history())));
    }

    /**
     * Sends to everyone in the room, or privately to {@code recipient} (null or empty: everyone).
     *
     * @return false when the room is unknown, the sender is not a member, or the recipient is not a member
     */
    public boolean send(String username, String room, String content, String recipient) {
        if (username == null || room == null || content == null) {
            return false;
        }
        Message draft = recipient == null || recipient.isEmpty()
                ? Message.broadcast(username, content, 0)
                : Message.unicast(username, recipient, content, 0);
        return store.post(room, draft, now()).isPresent();
    }

    /** The messages the user may see stamped after {@code afterTimestamp}, oldest first; [] when not a member. */
    public List<Message> receive(String username, String room, double afterTimestamp) {
        if (username == null || room == null) {
            return List.of();
        }
        return store.readAfter(room, username, afterTimestamp).map(ChatService::messages).orElse(List.of());
    }

    /** The messages the user may see since its previous call of this method (or since joining). */
    public List<Message> receiveSinceLastFetch(String username, String room) {
        if (username == null || room == null) {
            return List.of();
        }
        return store.readSinceCursor(room, username).map(ChatService::messages).orElse(List.of());
    }

    /** Every room's name, oldest first. */
    public List<String> listRooms() {
        return store.rooms();
    }

    /** The room's members in the order they joined; [] for an unknown room. */
    public List<String> listUsers(String room) {
        return room == null ? List.of() : store.members(room).orElse(List.of());
    }

    /** Leaves a room, announcing it; does nothing when the user was not a member. */
    public void leave(String username, String room) {
        if (username != null && room != null) {
            store.leave(room, username, Message.notice(username + " saiu da sala.", 0), now());
        }
    }

    /** Removes every room that has been empty for longer than the TTL; returns their names. */
    public List<String> removeExpiredRooms() {
        List<String> removed = store.removeRoomsEmptySince(now().minus(roomTtl));
        if (!removed.isEmpty()) {
            LOG.info("removed rooms empty for more than {} s: {}", roomTtl.toSeconds(), removed);
        }
        return removed;
    }

    /** How long a room may stay empty. */
    public Duration roomTtl() {
        return roomTtl;
    }

    private Instant now() {
        return clock.instant();
    }

    private static List<Message> messages(List<StoredMessage> stored) {
        return stored.stream().map(StoredMessage::message).toList();
    }
}
