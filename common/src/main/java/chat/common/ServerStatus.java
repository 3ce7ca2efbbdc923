package chat.common;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a Java chat server says of itself when asked {@code server_status}, an extension for the status
 * view that no client needs (and that is not registered with the Binder). On the wire it is the struct
 * {@code {users, rooms, members, waiting, store}}, and for a server in a cluster also
 * {@code cluster: {member, members, kept}} ({@code kept}: {@link KeptPlace}, missing from older servers); a reader
 * takes a struct without {@code cluster} (a standalone server, or one older than the member) as standalone.
 *
 * @param users   registered user names (in a cluster: in the whole cluster, as the store holds them)
 * @param rooms   rooms that exist
 * @param members users in rooms, counted once per room they are in
 * @param waiting {@code wait_messages} calls this server holds open now
 * @param store   where the chat is kept: {@code memory} (this server alone) or the clustered store's name
 * @param cluster this server's place in its cluster; null for a server that keeps its chat alone (or did not say)
 */
public record ServerStatus(int users, int rooms, int members, int waiting, String store, Cluster cluster) {

    /**
     * A clustered server's membership.
     *
     * @param member the address other members reach it at ({@code host:port})
     * @param size   how many members the cluster has, this one included, as this member sees it
     * @param kept   where this server keeps the chat beyond its memory; null when it does not say (older servers)
     */
    public record Cluster(String member, int size, KeptPlace kept) {
        /**
         * Checks the membership.
         *
         * @param member the address other members reach it at ({@code host:port})
         * @param size   how many members the cluster has, this one included, as this member sees it
         * @param kept   where this server keeps the chat beyond its memory; null when it does not say
         * @throws IllegalArgumentException for a cluster of fewer than 1 member
         */
        public Cluster {
            Objects.requireNonNull(member, "member");
            if (size < 1) {
                throw new IllegalArgumentException("a cluster has at least its own member, got " + size);
            }
        }

        /**
         * A membership that does not say where the chat is kept, as older servers answer.
         *
         * @param member the address other members reach it at ({@code host:port})
         * @param size   how many members the cluster has, this one included, as this member sees it
         */
        public Cluster(String member, int size) {
            this(member, size, null);
        }

        Map<String, Object> toWire() {
            Map<String, Object> wire = new LinkedHashMap<>();
            wire.put("member", member);
            wire.put("members", size);
            if (kept != null) {
                wire.put("kept", kept.toWire());
            }
            return wire;
        }

        static Cluster fromWire(Object value) {
            if (!(value instanceof Map<?, ?> struct)) {
                throw new IllegalArgumentException("expected a cluster struct, got " + WireValues.typeName(value));
            }
            Object kept = struct.get("kept");
            return new Cluster(WireValues.member(struct, "member", String.class),
                    WireValues.member(struct, "members", Integer.class),
                    kept == null ? null : KeptPlace.fromWire(kept));
        }
    }

    /**
     * Checks the counts.
     *
     * @param users   registered user names
     * @param rooms   rooms that exist
     * @param members users in rooms, counted once per room they are in
     * @param waiting {@code wait_messages} calls this server holds open now
     * @param store   where the chat is kept
     * @param cluster this server's place in its cluster; null for none
     * @throws IllegalArgumentException for a negative count
     */
    public ServerStatus {
        Objects.requireNonNull(store, "store");
        if (users < 0 || rooms < 0 || members < 0 || waiting < 0) {
            throw new IllegalArgumentException("counts must be 0 or more, got " + users + ", " + rooms + ", "
                    + members + ", " + waiting);
        }
    }

    /**
     * A status that says nothing of a cluster.
     *
     * @param users   registered user names
     * @param rooms   rooms that exist
     * @param members users in rooms, counted once per room they are in
     * @param waiting {@code wait_messages} calls the server holds open now
     * @param store   where the chat is kept
     */
    public ServerStatus(int users, int rooms, int members, int waiting, String store) {
        this(users, rooms, members, waiting, store, null);
    }

    /**
     * @param cluster the server's membership; null for none
     * @return this status with that membership
     */
    public ServerStatus withCluster(Cluster cluster) {
        return new ServerStatus(users, rooms, members, waiting, store, cluster);
    }

    /** {@return the XML-RPC struct; {@code cluster} only when there is one} */
    public Map<String, Object> toWire() {
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("users", users);
        wire.put("rooms", rooms);
        wire.put("members", members);
        wire.put("waiting", waiting);
        wire.put("store", store);
        if (cluster != null) {
            wire.put("cluster", cluster.toWire());
        }
        return wire;
    }

    /**
     * Reads the struct; {@code cluster} may be missing.
     *
     * @param value what {@code server_status} answered
     * @return the status
     * @throws IllegalArgumentException for another missing or mistyped member, naming it
     */
    public static ServerStatus fromWire(Object value) {
        if (!(value instanceof Map<?, ?> struct)) {
            throw new IllegalArgumentException("expected a server status struct, got " + WireValues.typeName(value));
        }
        Object cluster = struct.get("cluster");
        return new ServerStatus(
                WireValues.member(struct, "users", Integer.class),
                WireValues.member(struct, "rooms", Integer.class),
                WireValues.member(struct, "members", Integer.class),
                WireValues.member(struct, "waiting", Integer.class),
                WireValues.member(struct, "store", String.class),
                cluster == null ? null : Cluster.fromWire(cluster));
    }
}
