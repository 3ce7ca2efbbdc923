package chat.server.cluster;

import chat.common.Message;
import chat.server.persist.RoomSave;
import chat.server.store.ChatImage;
import chat.server.store.MessageLog;
import chat.server.store.StoredMessage;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * One room as the cluster keeps it: the value of the rooms map, changed only by {@link RoomOperations}
 * on the member that owns the room's partition (and, replayed, on its backup). Not thread-safe: the
 * partition's thread is the only one that touches it.
 */
public final class RoomState implements IdentifiedDataSerializable {
    private long order;
    private final Set<String> members = new LinkedHashSet<>();
    private final Map<String, Long> cursors = new HashMap<>();
    private MessageLog log;
    private long lastSeq;
    private double lastTimestamp;
    private Instant emptySince;
    /** The ids of the newest posts and the sequence numbers they got, oldest first, at most {@link #REMEMBERED_POSTS}. */
    private final LinkedHashMap<UUID, Long> recentPosts = new LinkedHashMap<>();

    /*
     * What the chat's database holds of this room, known only to the member that saved it (never sent to another:
     * a member that takes the room over saves it whole once, which the database takes without doubling anything).
     */
    private boolean saved;
    private long savedSeq;
    private List<String> savedMembers;
    private Instant savedEmptySince;

    /** How many posts' ids a room remembers: far more than can be sent again while a dead member's calls retry. */
    static final int REMEMBERED_POSTS = 1024;

    /** For deserialization. */
    public RoomState() {
    }

    RoomState(long order, int historyLimit, Instant created) {
        this.order = order;
        this.log = new MessageLog(historyLimit);
        this.emptySince = created;
    }

    /** A room as the chat's database kept it, known to be saved as it is. */
    static RoomState restored(ChatImage.Room kept, int historyLimit) {
        RoomState room = new RoomState(kept.order(), historyLimit, kept.members().isEmpty() ? kept.emptySince() : null);
        kept.messages().forEach(room.log::append);
        StoredMessage newest = room.log.newest();
        if (newest != null) {
            room.lastSeq = newest.seq();
            room.lastTimestamp = newest.message().timestamp();
        }
        room.members.addAll(kept.members());
        kept.members().forEach(member -> room.cursors.put(member, room.lastSeq));
        room.saved(room.unsaved("restored"));
        return room;
    }

    /** What changed since this member last saved the room (everything, the first time). */
    RoomSave unsaved(String name) {
        List<StoredMessage> messages = saved ? log.afterSeq(savedSeq, m -> true) : log.all();
        boolean membersChanged = !saved || !savedMembers.equals(new ArrayList<>(members));
        boolean emptyChanged = !saved || !Objects.equals(savedEmptySince, emptySince);
        return new RoomSave(name, order, !saved, emptySince, emptyChanged,
                membersChanged ? new ArrayList<>(members) : null, messages);
    }

    /** Records that {@code save} is in the database. */
    void saved(RoomSave save) {
        saved = true;
        if (!save.messages().isEmpty()) {
            savedSeq = save.messages().get(save.messages().size() - 1).seq();
        } else if (savedSeq < lastSeq && log.newest() == null) {
            savedSeq = lastSeq;
        }
        if (save.members() != null) {
            savedMembers = save.members();
        }
        savedEmptySince = save.emptySince();
    }

    long order() {
        return order;
    }

    Set<String> members() {
        return members;
    }

    Map<String, Long> cursors() {
        return cursors;
    }

    MessageLog log() {
        return log;
    }

    long lastSeq() {
        return lastSeq;
    }

    Instant emptySince() {
        return emptySince;
    }

    void emptySince(Instant since) {
        this.emptySince = since;
    }

    /** The newest message's sequence number, or 0 when the room has none. */
    long newestSeqOrZero() {
        StoredMessage newest = log.newest();
        return newest == null ? 0L : newest.seq();
    }

    /** Appends {@code draft}, stamped at {@code now} or just after the newest message, whichever is later. */
    StoredMessage append(Message draft, Instant now) {
        double stamp = Math.max(now.getEpochSecond() + now.getNano() / 1e9, Math.nextUp(lastTimestamp));
        lastTimestamp = stamp;
        StoredMessage stored = new StoredMessage(++lastSeq, draft.withTimestamp(stamp));
        log.append(stored);
        return stored;
    }

    /** Appends a post as {@link #append(Message, Instant)} does, remembering its id (see {@link #posted}). */
    StoredMessage append(UUID postId, Message draft, Instant now) {
        StoredMessage stored = append(draft, now);
        recentPosts.put(postId, stored.seq());
        if (recentPosts.size() > REMEMBERED_POSTS) {
            recentPosts.remove(recentPosts.keySet().iterator().next());
        }
        return stored;
    }

    /**
     * The message the post {@code postId} of {@code draft} stored, when it is one of the newest posts; null
     * when no such post is remembered. A post whose message has since left the history answers its sequence
     * number with the draft: it was stored once, and is not stored again.
     */
    StoredMessage posted(UUID postId, Message draft) {
        Long seq = recentPosts.get(postId);
        if (seq == null) {
            return null;
        }
        List<StoredMessage> from = log.afterSeq(seq - 1, m -> true);
        return !from.isEmpty() && from.get(0).seq() == seq ? from.get(0) : new StoredMessage(seq, draft);
    }

    @Override
    public int getFactoryId() {
        return ChatSerialization.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return ChatSerialization.ROOM_STATE;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeLong(order);
        WireFormat.writeNames(out, members);
        out.writeInt(cursors.size());
        for (Map.Entry<String, Long> cursor : cursors.entrySet()) {
            out.writeString(cursor.getKey());
            out.writeLong(cursor.getValue());
        }
        out.writeInt(log.capacity());
        WireFormat.writeStoredList(out, log.all());
        out.writeLong(lastSeq);
        out.writeDouble(lastTimestamp);
        WireFormat.writeInstant(out, emptySince);
        out.writeInt(recentPosts.size());
        for (Map.Entry<UUID, Long> post : recentPosts.entrySet()) {
            out.writeLong(post.getKey().getMostSignificantBits());
            out.writeLong(post.getKey().getLeastSignificantBits());
            out.writeLong(post.getValue());
        }
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        order = in.readLong();
        members.addAll(WireFormat.readNames(in));
        int cursorCount = in.readInt();
        for (int i = 0; i < cursorCount; i++) {
            cursors.put(in.readString(), in.readLong());
        }
        int capacity = in.readInt();
        if (capacity < 1) {
            throw new IOException("a room's history capacity must be positive, got " + capacity);
        }
        log = new MessageLog(capacity);
        List<StoredMessage> messages = WireFormat.readStoredList(in);
        messages.forEach(log::append);
        lastSeq = in.readLong();
        lastTimestamp = in.readDouble();
        emptySince = WireFormat.readInstant(in);
        int posts = in.readInt();
        if (posts < 0 || posts > REMEMBERED_POSTS) {
            throw new IOException("a room remembers 0 to " + REMEMBERED_POSTS + " posts, got " + posts);
        }
        for (int i = 0; i < posts; i++) {
            recentPosts.put(new UUID(in.readLong(), in.readLong()), in.readLong());
        }
    }
}
