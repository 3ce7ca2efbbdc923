package chat.server.cluster;

import chat.common.Message;
import chat.common.MessageType;
import chat.server.store.Reading;
import chat.server.store.RoomSnapshot;
import chat.server.store.StoredMessage;
import com.hazelcast.core.ReadOnly;
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
 * Each answers null when there is no such room.
 */
final class RoomOperations {
    private RoomOperations() {
    }

    /** An operation on an existing room. */
    abstract static class RoomOperation<R> implements EntryProcessor<String, RoomState, R>, IdentifiedDataSerializable {
        @Override
        public final R process(Map.Entry<String, RoomState> entry) {
            RoomState room = entry.getValue();
            if (room == null) {
                return null;
            }
            R result = apply(room);
            if (!(this instanceof ReadOnly)) {
                entry.setValue(room);
            }
            return result;
        }

        abstract R apply(RoomState room);

        @Override
        public final int getFactoryId() {
            return ChatSerialization.FACTORY_ID;
        }

        @Override
        public void writeData(ObjectDataOutput out) throws IOException {
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
        }
    }

    /** An operation that only reads: no backup, no change. */
    abstract static class RoomRead<R> extends RoomOperation<R> implements ReadOnly {
        @Override
        public final EntryProcessor<String, RoomState, R> getBackupProcessor() {
            return null;
        }
    }

    /** Creates the room unless it exists; answers whether it did. */
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

    /** Makes a user a member, announcing a newcomer; answers the members and the history it may see. */
    public static final class Join extends RoomOperation<RoomSnapshot> {
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
        RoomSnapshot apply(RoomState room) {
            if (room.members().add(username)) {
                room.emptySince(null);
                room.append(notice, now);
            }
            room.cursors().put(username, room.newestSeqOrZero());
            return new RoomSnapshot(new ArrayList<>(room.members()),
                    room.log().newest(historySize, m -> m.message().isVisibleTo(username)));
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

    /** Removes a member, announcing it; answers the notice's sequence number, or 0 when it was no member. */
    public static final class Leave extends RoomOperation<Long> {
        private String username;
        private Message notice;
        private Instant now;

        public Leave() {
        }

        Leave(String username, Message notice, Instant now) {
            this.username = username;
            this.notice = notice;
            this.now = now;
        }

        @Override
        Long apply(RoomState room) {
            if (!room.members().remove(username)) {
                return 0L;
            }
            room.cursors().remove(username);
            long seq = room.append(notice, now).seq();
            if (room.members().isEmpty()) {
                room.emptySince(now);
            }
            return seq;
        }

        @Override
        public int getClassId() {
            return ChatSerialization.LEAVE;
        }

        @Override
        public void writeData(ObjectDataOutput out) throws IOException {
            out.writeString(username);
            WireFormat.writeMessage(out, notice);
            WireFormat.writeInstant(out, now);
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
            username = in.readString();
            notice = WireFormat.readMessage(in);
            now = WireFormat.readInstant(in);
        }
    }

    /**
     * Appends a member's message; answers it as stored, or null when refused. Carries an id of its own, so
     * that when Hazelcast sends it again (the member that ran it died before answering, and its backup,
     * which had replayed it, now owns the room) it answers the message it stored instead of storing it twice.
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

    /** Moves a member's server-kept cursor past what it answers: what the member may see since the last call. */
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

    /** What a member may see stamped after a timestamp; null for a non-member. */
    public static final class ReadAfterTimestamp extends RoomRead<List<StoredMessage>> {
        private String username;
        private double timestamp;

        public ReadAfterTimestamp() {
        }

        ReadAfterTimestamp(String username, double timestamp) {
            this.username = username;
            this.timestamp = timestamp;
        }

        @Override
        List<StoredMessage> apply(RoomState room) {
            return room.members().contains(username)
                    ? new ArrayList<>(room.log().afterTimestamp(timestamp, m -> m.message().isVisibleTo(username)))
                    : null;
        }

        @Override
        public int getClassId() {
            return ChatSerialization.READ_AFTER_TIMESTAMP;
        }

        @Override
        public void writeData(ObjectDataOutput out) throws IOException {
            out.writeString(username);
            out.writeDouble(timestamp);
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
            username = in.readString();
            timestamp = in.readDouble();
        }
    }

    /** What a member may see after a sequence number, with the room's newest; null for a non-member. */
    public static final class ReadAfterSeq extends RoomRead<Reading> {
        private String username;
        private long seq;

        public ReadAfterSeq() {
        }

        ReadAfterSeq(String username, long seq) {
            this.username = username;
            this.seq = seq;
        }

        @Override
        Reading apply(RoomState room) {
            return room.members().contains(username)
                    ? new Reading(room.log().afterSeq(seq, m -> m.message().isVisibleTo(username)), room.lastSeq())
                    : null;
        }

        @Override
        public int getClassId() {
            return ChatSerialization.READ_AFTER_SEQ;
        }

        @Override
        public void writeData(ObjectDataOutput out) throws IOException {
            out.writeString(username);
            out.writeLong(seq);
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
            username = in.readString();
            seq = in.readLong();
        }
    }

    /** The sequence number of the newest message stamped at or before a timestamp. */
    public static final class SeqAtOrBefore extends RoomRead<Long> {
        private double timestamp;

        public SeqAtOrBefore() {
        }

        SeqAtOrBefore(double timestamp) {
            this.timestamp = timestamp;
        }

        @Override
        Long apply(RoomState room) {
            return room.log().seqAtOrBefore(timestamp, room.lastSeq());
        }

        @Override
        public int getClassId() {
            return ChatSerialization.SEQ_AT_OR_BEFORE;
        }

        @Override
        public void writeData(ObjectDataOutput out) throws IOException {
            out.writeDouble(timestamp);
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
            timestamp = in.readDouble();
        }
    }

    /** The members, in the order they joined. */
    public static final class Members extends RoomRead<List<String>> {
        @Override
        List<String> apply(RoomState room) {
            return new ArrayList<>(room.members());
        }

        @Override
        public int getClassId() {
            return ChatSerialization.MEMBERS;
        }
    }

    /** The newest sequence number (0 for a room without messages). */
    public static final class NewestSeq extends RoomRead<Long> {
        @Override
        Long apply(RoomState room) {
            return room.lastSeq();
        }

        @Override
        public int getClassId() {
            return ChatSerialization.NEWEST_SEQ;
        }
    }

    /** When the room was created, relative to the others (rooms are listed oldest first). */
    public static final class Order extends RoomRead<Long> {
        @Override
        Long apply(RoomState room) {
            return room.order();
        }

        @Override
        public int getClassId() {
            return ChatSerialization.ORDER;
        }
    }

    /**
     * Removes the room when it has been empty since before the cutoff; answers true only to the call that
     * removed it, so of several servers sweeping at once exactly one reports the room; null otherwise (so
     * a sweep over every room carries back only the removed ones).
     */
    public static final class Expire implements EntryProcessor<String, RoomState, Boolean>, IdentifiedDataSerializable {
        private Instant cutoff;

        public Expire() {
        }

        Expire(Instant cutoff) {
            this.cutoff = cutoff;
        }

        @Override
        public Boolean process(Map.Entry<String, RoomState> entry) {
            RoomState room = entry.getValue();
            if (room == null || room.emptySince() == null || !room.emptySince().isBefore(cutoff)) {
                return null;
            }
            entry.setValue(null);
            return true;
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
