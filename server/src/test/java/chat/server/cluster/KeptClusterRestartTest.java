package chat.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.common.Message;
import chat.server.persist.ChatDatabase;
import chat.server.persist.DatabaseProblem;
import chat.server.store.Admission;
import chat.server.store.Registration;
import chat.server.store.StoredMessage;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared chat kept in a database: every member terminated at once, then a new cluster loading it back. */
class KeptClusterRestartTest {
    /** Opens this test's database, a new connection at each call: each member has its own. */
    protected ChatDatabase openDatabase() {
        return open(directory.resolve("chat.db"));
    }

    private static final Instant T0 = Instant.parse("2026-12-05T12:00:00Z");
    private static final int NO_LIMIT = Integer.MAX_VALUE;
    private static final int HISTORY = 500;

    @TempDir
    protected Path directory;

    private final List<TcpMembers> clusters = new ArrayList<>();
    private final List<KeptMaps> kept = new ArrayList<>();
    private final List<HazelcastChatStore> stores = new ArrayList<>();

    @AfterEach
    void stop() {
        stores.forEach(HazelcastChatStore::close);
        clusters.forEach(TcpMembers::close);
        kept.forEach(KeptMaps::close);
        stores.clear();
        clusters.clear();
        kept.clear();
    }

    /** Two members, each with its own connection to the one file, and a store on each. */
    private List<HazelcastChatStore> startCluster(Instant now) {
        TcpMembers members = TcpMembers.start(2, (config, index) -> {
            KeptMaps maps = new KeptMaps(namespace -> openDatabase(), HISTORY, () -> now);
            maps.configure(config);
            kept.add(maps);
        });
        clusters.add(members);
        List<HazelcastChatStore> started = List.of(new HazelcastChatStore(members.get(0), "chat", HISTORY),
                new HazelcastChatStore(members.get(1), "chat", HISTORY));
        stores.addAll(started);
        return started;
    }

    private static ChatDatabase open(Path file) {
        try {
            return ChatDatabase.openFile(file, HISTORY);
        } catch (DatabaseProblem e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aClusterWhoseMembersAllDiedStartsAgainWithEveryAcknowledgedChange() {
        List<HazelcastChatStore> first = startCluster(T0);
        HazelcastChatStore a = first.get(0);
        HazelcastChatStore b = first.get(1);
        assertEquals(Admission.ADDED, a.registerUser("ana", "hash-ana", T0, NO_LIMIT));
        assertEquals(Admission.ADDED, b.registerUser("bia", null, T0, NO_LIMIT));
        List<String> rooms = new ArrayList<>();
        for (int r = 0; r < 8; r++) {
            String room = "sala" + r;
            rooms.add(room);
            assertEquals(Admission.ADDED, (r % 2 == 0 ? a : b).createRoom(room, T0, NO_LIMIT));
            a.join(room, "ana", Message.notice("ana entrou", 0), 50, T0);
            b.join(room, "bia", Message.notice("bia entrou", 0), 50, T0);
        }
        b.createRoom("vazia", T0, NO_LIMIT);
        a.touch("ana", T0.plusSeconds(30));
        List<List<StoredMessage>> acknowledged = new ArrayList<>();
        for (int r = 0; r < rooms.size(); r++) {
            List<StoredMessage> sent = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                HazelcastChatStore via = i % 2 == 0 ? a : b;
                sent.add(via.post(rooms.get(r), Message.broadcast(i % 2 == 0 ? "ana" : "bia", "m" + i, 0), T0)
                        .orElseThrow());
            }
            acknowledged.add(sent);
        }
        assertTrue(b.leave("sala7", "bia", Message.notice("bia saiu", 0), T0));
        stores.clear();
        clusters.forEach(TcpMembers::close); // terminate: no goodbye, nothing handed over
        clusters.clear();

        Instant restart = T0.plusSeconds(3600);
        List<HazelcastChatStore> second = startCluster(restart);
        HazelcastChatStore c = second.get(1);
        assertEquals(List.of("sala0", "sala1", "sala2", "sala3", "sala4", "sala5", "sala6", "sala7", "vazia"), c.rooms());
        assertEquals(new Registration(restart, "hash-ana"), c.registration("ana").orElseThrow());
        assertEquals(new Registration(restart, null), c.registration("bia").orElseThrow());
        assertEquals(List.of("ana", "bia"), c.members("sala0").orElseThrow());
        assertEquals(List.of("ana"), c.members("sala7").orElseThrow());
        for (int r = 0; r < rooms.size(); r++) {
            List<StoredMessage> kept = c.readAfterSeq(rooms.get(r), "ana", 2).orElseThrow().messages();
            List<StoredMessage> expected = new ArrayList<>(acknowledged.get(r));
            if (r == 7) {
                assertEquals("bia saiu", kept.get(kept.size() - 1).message().content());
                kept = kept.subList(0, kept.size() - 1);
            }
            assertEquals(expected, kept, rooms.get(r));
        }
        StoredMessage next = c.post("sala0", Message.broadcast("ana", "depois", 0), restart).orElseThrow();
        assertEquals(acknowledged.get(0).get(99).seq() + 1, next.seq());

        // The counts were taken from the database: two names, nine rooms, the next room the tenth.
        assertEquals(Admission.FULL, c.registerUser("caio", null, restart, 2));
        assertEquals(Admission.ADDED, c.registerUser("caio", null, restart, 3));
        assertEquals(Admission.FULL, c.createRoom("nova", restart, 9));
        assertEquals(Admission.ADDED, c.createRoom("nova", restart, 10));
        assertEquals("nova", c.rooms().get(c.rooms().size() - 1));

        // What was empty before is watched again, by whichever member holds it.
        List<String> expired = new ArrayList<>();
        for (HazelcastChatStore store : second) {
            expired.addAll(store.removeRoomsEmptySince(T0.plusSeconds(1)));
        }
        assertEquals(List.of("vazia"), expired);
    }
}
