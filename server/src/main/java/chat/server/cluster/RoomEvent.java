package chat.server.cluster;

import chat.server.store.StoredMessage;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;
import java.time.Instant;

/**
 * A change to a room, as the server that made it tells the others: the room was created, a message was
 * stored (with the member it brought in or took out, for a join's or a leave's notice), or the room was
 * removed. A message event carries the message itself, so a server keeping a copy of the room
 * ({@link RoomReplica}) applies it, and wakes its waiting calls, without asking anyone.
 *
 * <p>Each room's messages have sequence numbers 1, 2, 3, ... with no hole, and every change of its members
 * comes with a notice: so a copy that has applied messages up to {@code n} knows the members as of
 * {@code n}, and a message numbered above {@code n + 1} shows that one is still on its way.
 */
public final class RoomEvent implements IdentifiedDataSerializable {
    /** What happened. */
    enum Kind { CREATED, MESSAGE, GONE }

    /** What a message did to the room's members. */
    enum Change { NONE, JOINED, LEFT }

    private Kind kind;
    private String room;
    private long order;
    private StoredMessage message;
    private Change change = Change.NONE;
    private String member;
    private Instant emptySince;

    /** For deserialization. */
    public RoomEvent() {
    }

    private RoomEvent(Kind kind, String room, long order, StoredMessage message, Change change, String member,
                      Instant emptySince) {
        this.kind = kind;
        this.room = room;
        this.order = order;
        this.message = message;
        this.change = change;
        this.member = member;
        this.emptySince = emptySince;
    }

    /** Room {@code room} was created, {@code order}-th of the chat, empty since {@code at}. */
    static RoomEvent created(String room, long order, Instant at) {
        return new RoomEvent(Kind.CREATED, room, order, null, Change.NONE, null, at);
    }

    /** A member's message was stored. */
    static RoomEvent posted(String room, StoredMessage message) {
        return new RoomEvent(Kind.MESSAGE, room, 0, message, Change.NONE, null, null);
    }

    /** {@code member} joined, announced by {@code notice}. */
    static RoomEvent joined(String room, StoredMessage notice, String member) {
        return new RoomEvent(Kind.MESSAGE, room, 0, notice, Change.JOINED, member, null);
    }

    /** {@code member} left, announced by {@code notice}; the room is empty since {@code emptySince}, or not (null). */
    static RoomEvent left(String room, StoredMessage notice, String member, Instant emptySince) {
        return new RoomEvent(Kind.MESSAGE, room, 0, notice, Change.LEFT, member, emptySince);
    }

    /** Room {@code room} was removed. */
    static RoomEvent gone(String room) {
        return new RoomEvent(Kind.GONE, room, 0, null, Change.NONE, null, null);
    }

    Kind kind() {
        return kind;
    }

    String room() {
        return room;
    }

    /** The created room's place among the chat's rooms (they are listed by it). */
    long order() {
        return order;
    }

    /** The stored message of a {@link Kind#MESSAGE} event. */
    StoredMessage message() {
        return message;
    }

    long seq() {
        return message.seq();
    }

    Change change() {
        return change;
    }

    /** Who joined or left. */
    String member() {
        return member;
    }

    /** Since when the room is empty, when this change left it empty (a creation, the last member leaving); else null. */
    Instant emptySince() {
        return emptySince;
    }

    @Override
    public int getFactoryId() {
        return ChatSerialization.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return ChatSerialization.ROOM_EVENT;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeByte(kind.ordinal());
        out.writeString(room);
        switch (kind) {
            case CREATED -> {
                out.writeLong(order);
                WireFormat.writeInstant(out, emptySince);
            }
            case MESSAGE -> {
                WireFormat.writeStored(out, message);
                out.writeByte(change.ordinal());
                out.writeString(member);
                WireFormat.writeInstant(out, emptySince);
            }
            case GONE -> {
            }
        }
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        kind = enumAt(Kind.values(), in.readByte(), "event kind");
        room = in.readString();
        switch (kind) {
            case CREATED -> {
                order = in.readLong();
                emptySince = WireFormat.readInstant(in);
            }
            case MESSAGE -> {
                message = WireFormat.readStored(in);
                change = enumAt(Change.values(), in.readByte(), "member change");
                member = in.readString();
                emptySince = WireFormat.readInstant(in);
            }
            case GONE -> {
            }
        }
    }

    private static <E> E enumAt(E[] values, int index, String what) throws IOException {
        if (index < 0 || index >= values.length) {
            throw new IOException("unknown " + what + " " + index);
        }
        return values[index];
    }

    @Override
    public String toString() {
        return "RoomEvent[" + kind + " " + room + (message == null ? "" : " #" + message.seq())
                + (change == Change.NONE ? "" : " " + change + " " + member) + "]";
    }
}
