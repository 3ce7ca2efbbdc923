package chat.server.cluster;

import chat.common.Message;
import chat.common.MessageType;
import chat.server.store.RoomSnapshot;
import chat.server.store.StoredMessage;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.Map;

/**
 * What the clustered store does to a room, each an entry processor: sent to the member that owns the
 * room's partition and run there, one at a time per room, so each is atomic and the room's operations
 * are ordered. An operation that changes the room is replayed on the backup (Hazelcast's default
 * backup processor is the operation itself), so the backup stays exact without shipping the room;
 * replaying is sound because each operation's effect depends only on its arguments and the room.
 * Each answers null when there is no such room. What a server only reads from a room's owner, to keep
 * its own copy, is in {@link RoomReads}.
 */
final class RoomOperations {
    private RoomOperations() {
    }

    /**
     * Creates the room unless it exists; answers whether it did.
     *
     * @serial exclude
     */
    public static final class Create implements EntryProcessor<String, RoomState, Boolean>, IdentifiedDataSerializable {
        private long order;
        private int historyLimit;
        private Instant now;

        public Create() {
        }

        Create(long order, int historyLimit, Instant now) {
            this.order = order;
            this.historyLimit = historyLimit;
            this.now = now;
        }

        @Override
        public Boolean process(Map.Entry<String, RoomState> entry) {
            if (entry.getValue() != null) {
                return false;
            }
            entry.setValue(new RoomState(order, historyLimit, now));
            return true;
        }

        @Override
        public int getFactoryId() {
            return ChatSerialization.FACTORY_ID;
        }

        @Override
        public int getClassId() {
            return ChatSerialization.CREATE;
        }

        @Override
        public void writeData(ObjectDataOutput out) throws IOException {
            out.writeLong(order);
            out.writeInt(historyLimit);
            WireFormat.writeInstant(out, now);
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
            order = in.readLong();
            historyLimit = in.readInt();
            now = WireFormat.readInstant(in);
        }
    }

    /**
     * Makes a user a member, announcing a newcomer; answers the members and the history it may see, with the
     * notice when it was not a member yet.
     *
     * @serial exclude
     */
    public static final class Join extends RoomOperation<Joined> {
        private String username;
        private Message notice;
        private int historySize;
        private Instant now;

        public Join() {
        }

        Join(String username, Message notice, int historySize, Instant now) {
            this.username = username;
            this.notice = notice;
            this.historySize = historySize;
            this.now = now;
        }

        @Override
        Joined apply(RoomState room) {
            StoredMessage announced = null;
            if (room.members().add(username)) {
                room.emptySince(null);
                announced = room.append(notice, now);
            }
            room.cursors().put(username, room.newestSeqOrZero());
            return new Joined(new RoomSnapshot(new ArrayList<>(room.members()),
                    room.log().newest(historySize, m -> m.message().isVisibleTo(username))), announced);
        }

        @Override
        public int getClassId() {
            return ChatSerialization.JOIN;
        }

        @Override
        public void writeData(ObjectDataOutput out) throws IOException {
            out.writeString(username);
            WireFormat.writeMessage(out, notice);
            out.writeInt(historySize);
            WireFormat.writeInstant(out, now);
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
            username = in.readString();
            notice = WireFormat.readMessage(in);
            historySize = in.readInt();
            now = WireFormat.readInstant(in);
        }
    }

    /**
     * Removes a member, announcing it; answers the change to tell the other servers, or null when it was no member.
     *
     * @serial exclude
     */
    public static final class Leave extends RoomOperation<RoomEvent> {
        private String room;
        private String username;
        private Message notice;
        private Instant now;

        public Leave() {
        }

        Leave(String room, String username, Message notice, Instant now) {
            this.room = room;
            this.username = username;
            this.notice = notice;
            this.now = now;
        }

        @Override
        RoomEvent apply(RoomState state) {
            if (!state.members().remove(username)) {
                return null;
            }
            state.cursors().remove(username);
            StoredMessage announced = state.append(notice, now);
            if (state.members().isEmpty()) {
                state.emptySince(now);
            }
            return RoomEvent.left(room, announced, username, state.emptySince());
        }

        @Override
        public int getClassId() {
            return ChatSerialization.LEAVE;
        }

        @Override
        public void writeData(ObjectDataOutput out) throws IOException {
            out.writeString(room);
            out.writeString(username);
            WireFormat.writeMessage(out, notice);
            WireFormat.writeInstant(out, now);
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
            room = in.readString();
            username = in.readString();
            notice = WireFormat.readMessage(in);
            now = WireFormat.readInstant(in);
        }
    }

    /**
     * Appends a member's message; answers it as stored, or null when refused. Carries an id of its own, so
     * that when Hazelcast sends it again (the member that ran it died before answering, and its backup,
     * which had replayed it, now owns the room) it answers the message it stored instead of storing it twice.
     *
     * @serial exclude
     */
    public static final class Post extends RoomOperation<StoredMessage> {
        private UUID id;
        private Message draft;
        private Instant now;

        public Post() {
        }

        Post(Message draft, Instant now) {
            this.id = UUID.randomUUID();
            this.draft = draft;
            this.now = now;
        }

        @Override
        StoredMessage apply(RoomState room) {
            StoredMessage already = room.posted(id, draft);
            if (already != null) {
                return already;
            }
            boolean allowed = room.members().contains(draft.origin())
                    && (draft.type() == MessageType.BROADCAST || room.members().contains(draft.destination()));
            return allowed ? room.append(id, draft, now) : null;
        }

        @Override
        public int getClassId() {
            return ChatSerialization.POST;
        }

        @Override
        public void writeData(ObjectDataOutput out) throws IOException {
            out.writeLong(id.getMostSignificantBits());
            out.writeLong(id.getLeastSignificantBits());
            WireFormat.writeMessage(out, draft);
            WireFormat.writeInstant(out, now);
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
            id = new UUID(in.readLong(), in.readLong());
            draft = WireFormat.readMessage(in);
            now = WireFormat.readInstant(in);
        }
    }

    /**
     * Moves a member's server-kept cursor past what it answers: what the member may see since the last call.
     *
     * @serial exclude
     */
    public static final class ReadSinceCursor extends RoomOperation<List<StoredMessage>> {
        private String username;

        public ReadSinceCursor() {
        }

        ReadSinceCursor(String username) {
            this.username = username;
        }

        @Override
        List<StoredMessage> apply(RoomState room) {
            Long cursor = room.cursors().get(username);
            if (cursor == null) {
                return null;
            }
            List<StoredMessage> fresh = room.log().afterSeq(cursor, m -> m.message().isVisibleTo(username));
            StoredMessage newest = room.log().newest();
            if (newest != null) {
                room.cursors().put(username, newest.seq());
            }
            return new ArrayList<>(fresh);
        }

        @Override
        public int getClassId() {
            return ChatSerialization.READ_SINCE_CURSOR;
        }

        @Override
        public void writeData(ObjectDataOutput out) throws IOException {
            out.writeString(username);
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
            username = in.readString();
        }
    }

    /**
     * Removes the room when it has been empty since before the cutoff. Answers {@link #REMOVED} only to the call
     * that removed it, so of several servers sweeping at once exactly one reports the room; {@link #NOT_EMPTY}
     * when there is no such room or it has members; else when it became empty, in nanoseconds since the epoch
     * (a cutoff of {@link Instant#EPOCH} only asks that).
     *
     * @serial exclude
     */
    public static final class Expire implements EntryProcessor<String, RoomState, Long>, IdentifiedDataSerializable {
        static final long REMOVED = -1;
        static final long NOT_EMPTY = 0;

        private Instant cutoff;

        public Expire() {
        }

        Expire(Instant cutoff) {
            this.cutoff = cutoff;
        }

        /** When the room became empty, from an answer that is neither {@link #REMOVED} nor {@link #NOT_EMPTY}. */
        static Instant emptySince(long answer) {
            return Instant.ofEpochSecond(0, answer);
        }

        @Override
        public Long process(Map.Entry<String, RoomState> entry) {
            RoomState room = entry.getValue();
            if (room == null || room.emptySince() == null) {
                return NOT_EMPTY;
            }
            if (!room.emptySince().isBefore(cutoff)) {
                Instant since = room.emptySince();
                return Math.max(1, since.getEpochSecond() * 1_000_000_000L + since.getNano());
            }
            entry.setValue(null);
            return REMOVED;
        }

        @Override
        public int getFactoryId() {
            return ChatSerialization.FACTORY_ID;
        }

        @Override
        public int getClassId() {
            return ChatSerialization.EXPIRE;
        }

        @Override
        public void writeData(ObjectDataOutput out) throws IOException {
            WireFormat.writeInstant(out, cutoff);
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
            cutoff = WireFormat.readInstant(in);
        }
    }
}
