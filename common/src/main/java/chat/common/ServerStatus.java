package chat.common;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a Java chat server says of itself when asked {@code server_status}, an extension for the status
 * view that no client needs (and that is not registered with the Binder). On the wire it is the struct
 * {@code {users, rooms, members, waiting, store}}.
 *
 * @param users   registered user names (in a cluster: in the whole cluster, as the store holds them)
 * @param rooms   rooms that exist
 * @param members users in rooms, counted once per room they are in
 * @param waiting {@code wait_messages} calls this server holds open now
 * @param store   where the chat is kept: {@code memory} (this server alone) or the clustered store's name
 */
public record ServerStatus(int users, int rooms, int members, int waiting, String store) {

    public ServerStatus {
        Objects.requireNonNull(store, "store");
        if (users < 0 || rooms < 0 || members < 0 || waiting < 0) {
            throw new IllegalArgumentException("counts must be 0 or more, got " + users + ", " + rooms + ", "
                    + members + ", " + waiting);
        }
    }

    /** The XML-RPC struct. */
    public Map<String, Object> toWire() {
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("users", users);
        wire.put("rooms", rooms);
        wire.put("members", members);
        wire.put("waiting", waiting);
        wire.put("store", store);
        return wire;
    }

    /** Reads the struct; a missing or mistyped member is an {@link IllegalArgumentException} naming it. */
    public static ServerStatus fromWire(Object value) {
        if (!(value instanceof Map<?, ?> struct)) {
            throw new IllegalArgumentException("expected a server status struct, got " + WireValues.typeName(value));
        }
        return new ServerStatus(
                WireValues.member(struct, "users", Integer.class),
                WireValues.member(struct, "rooms", Integer.class),
                WireValues.member(struct, "members", Integer.class),
                WireValues.member(struct, "waiting", Integer.class),
                WireValues.member(struct, "store", String.class));
    }
}
