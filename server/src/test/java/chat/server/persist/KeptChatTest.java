package chat.server.persist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.common.Endpoint;
import chat.common.Message;
import chat.server.store.Admission;
import chat.server.store.ChangeNotSaved;
import chat.server.store.ChatStore;
import chat.server.store.InMemoryChatStore;
import chat.server.store.Registration;
import chat.server.store.StoredMessage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A standalone chat kept in its data directory: stopped and started again, or dropped as by a crash. */
class KeptChatTest {
    private static final Instant T0 = Instant.parse("2026-12-05T12:00:00Z");
    private static final Endpoint BINDER = new Endpoint("localhost", 5999);
    private static final int HISTORY = 200;
    private static final int NO_LIMIT = Integer.MAX_VALUE;

    @TempDir
    Path directory;

    private KeptChat open(Instant now) throws DatabaseProblem {
        return KeptChat.standalone(new Persistence.DataDirectory(directory), BINDER, HISTORY, now);
    }

    private static Message notice(String text) {
        return Message.notice(text, 0);
    }

    @Test
    void aStoppedChatStartsAgainWithItsNamesRoomsMembersAndMessages() throws Exception {
        List<StoredMessage> acknowledged = new ArrayList<>();
        try (KeptChat chat = open(T0)) {
            ChatStore store = chat.store();
            assertEquals(Admission.ADDED, store.registerUser("ana", "hash-ana", T0, NO_LIMIT));
            assertEquals(Admission.ADDED, store.registerUser("bia", null, T0, NO_LIMIT));
            store.createRoom("geral", T0, NO_LIMIT);
            store.createRoom("outra", T0, NO_LIMIT);
            acknowledged.addAll(store.join("geral", "ana", notice("ana entrou"), 50, T0).orElseThrow().history());
            store.join("geral", "bia", notice("bia entrou"), 50, T0);
            for (int i = 1; i <= 500; i++) {
                store.post("geral", Message.broadcast(i % 2 == 0 ? "ana" : "bia", "m" + i, 0), T0.plusMillis(i));
            }
            acknowledged.addAll(store.readAfterSeq("geral", "ana", 0).orElseThrow().messages());
        }
        Instant restart = T0.plusSeconds(3600);
        try (KeptChat chat = open(restart)) {
            ChatStore store = chat.store();
            assertEquals(new Registration(restart, "hash-ana"), store.registration("ana").orElseThrow());
            assertEquals(new Registration(restart, null), store.registration("bia").orElseThrow());
            assertEquals(List.of("geral", "outra"), store.rooms());
            assertEquals(List.of("ana", "bia"), store.members("geral").orElseThrow());
            List<StoredMessage> kept = store.readAfterSeq("geral", "ana", 0).orElseThrow().messages();
            List<StoredMessage> newest = acknowledged.subList(acknowledged.size() - HISTORY, acknowledged.size());
            assertEquals(newest, kept);
            StoredMessage last = kept.get(kept.size() - 1);
            StoredMessage next = store.post("geral", Message.broadcast("ana", "again", 0), T0).orElseThrow();
            assertEquals(last.seq() + 1, next.seq());
            assertTrue(next.message().timestamp() > last.message().timestamp());
            assertEquals(List.of(), store.usersIdleSince(restart), "presence starts afresh at the restart");
            assertEquals(Admission.TAKEN, store.registerUser("ana", null, restart, NO_LIMIT));
        }
    }

    @Test
    void aChatDroppedWithoutClosingLosesNothingItAcknowledged() throws Exception {
        Path file = new Persistence.DataDirectory(directory).fileFor(BINDER, true);
        ChatDatabase crashed = ChatDatabase.openFile(file, 10_000);
        InMemoryChatStore store = new InMemoryChatStore(10_000, crashed);
        store.createRoom("a", T0, NO_LIMIT);
        store.createRoom("b", T0, NO_LIMIT);
        for (String user : List.of("u0", "u1", "u2", "u3")) {
            store.registerUser(user, null, T0, NO_LIMIT);
            store.join("a", user, notice(user + " in"), 50, T0);
            store.join("b", user, notice(user + " in"), 50, T0);
        }
        List<StoredMessage> acknowledged = Collections.synchronizedList(new ArrayList<>());
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                String user = "u" + t;
                String room = t % 2 == 0 ? "a" : "b";
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 300; i++) {
                        acknowledged.add(store.post(room, Message.broadcast(user, user + "-" + i, 0), T0).orElseThrow());
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        // No close: the connection is left as a killed process leaves it, and another opens the file.
        try (ChatDatabase reopened = ChatDatabase.openFile(file, 10_000)) {
            InMemoryChatStore again = InMemoryChatStore.restore(10_000, reopened.load(), reopened, T0);
            List<StoredMessage> kept = new ArrayList<>(again.readAfterSeq("a", "u0", 0).orElseThrow().messages());
            kept.addAll(again.readAfterSeq("b", "u1", 0).orElseThrow().messages());
            for (StoredMessage message : acknowledged) {
                assertEquals(1, kept.stream().filter(message::equals).count(), message.toString());
            }
            assertEquals(4 * 2 + 1200, kept.size());
        } finally {
            crashed.close();
        }
    }

    @Test
    void aSecondStandaloneServerOnTheSameFileIsRefused() throws Exception {
        try (KeptChat first = open(T0)) {
            DatabaseProblem refused = assertThrows(DatabaseProblem.class, () -> open(T0));
            assertTrue(refused.getMessage().startsWith("another standalone server keeps its chat in "
                    + directory.toAbsolutePath()), refused.getMessage());
            first.store().createRoom("still-works", T0, NO_LIMIT);
        }
        try (KeptChat after = open(T0)) {
            assertEquals(List.of("still-works"), after.store().rooms());
        }
    }

    @Test
    void roomsExpireAfterARestartAsBeforeAndStayRemoved() throws Exception {
        try (KeptChat chat = open(T0)) {
            ChatStore store = chat.store();
            store.registerUser("ana", null, T0, NO_LIMIT);
            store.createRoom("deixada", T0, NO_LIMIT);
            store.createRoom("ocupada", T0, NO_LIMIT);
            store.join("deixada", "ana", notice("ana in"), 50, T0);
            store.leave("deixada", "ana", notice("ana out"), T0.plusSeconds(10));
            store.join("ocupada", "ana", notice("ana in"), 50, T0);
        }
        Instant restart = T0.plusSeconds(60);
        try (KeptChat chat = open(restart)) {
            ChatStore store = chat.store();
            assertEquals(List.of(), store.removeRoomsEmptySince(T0.plusSeconds(10)), "empty since T0+10s, not before");
            assertEquals(List.of("deixada"), store.removeRoomsEmptySince(T0.plusSeconds(11)));
            assertEquals(List.of("ana"), store.usersIdleSince(restart.plusSeconds(1)));
            assertTrue(store.leaveIfIdle("ocupada", "ana", notice("ana idle"), restart.plusSeconds(2), restart.plusSeconds(1)));
            assertEquals(List.of("ocupada"), store.removeRoomsEmptySince(restart.plusSeconds(3)));
        }
        try (KeptChat chat = open(restart.plusSeconds(60))) {
            assertEquals(List.of(), chat.store().rooms());
            assertTrue(chat.store().registration("ana").isPresent());
        }
    }

    @Test
    void messagesPostedAtOnceWithJoinsAndLeavesAreKeptInOneOrderWithoutAGap() throws Exception {
        int senders = 8;
        int each = 150;
        List<StoredMessage> seen;
        try (KeptChat chat = KeptChat.standalone(new Persistence.DataDirectory(directory), BINDER, 10_000, T0)) {
            ChatStore store = chat.store();
            store.createRoom("geral", T0, NO_LIMIT);
            for (int s = 0; s < senders; s++) {
                store.registerUser("u" + s, null, T0, NO_LIMIT);
                store.join("geral", "u" + s, notice("u" + s + " entrou"), 50, T0);
            }
            store.registerUser("vai-e-vem", null, T0, NO_LIMIT);
            ExecutorService threads = Executors.newFixedThreadPool(senders + 1);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int s = 0; s < senders; s++) {
                    String sender = "u" + s;
                    done.add(threads.submit(() -> {
                        for (int i = 0; i < each; i++) {
                            assertTrue(store.post("geral", Message.broadcast(sender, sender + "#" + i, 0), T0).isPresent());
                        }
                    }));
                }
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 20; i++) {
                        assertTrue(store.join("geral", "vai-e-vem", notice("entrou " + i), 50, T0).isPresent());
                        assertTrue(store.leave("geral", "vai-e-vem", notice("saiu " + i), T0));
                    }
                }));
                for (Future<?> future : done) {
                    future.get(60, TimeUnit.SECONDS);
                }
            } finally {
                threads.shutdownNow();
            }
            seen = store.readAfterSeq("geral", "u0", 0).orElseThrow().messages();
        }

        assertEquals(senders + senders * each + 40, seen.size());
        for (int i = 0; i < seen.size(); i++) {
            assertEquals(i + 1, seen.get(i).seq(), "no gap, no number twice");
        }
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i).message().timestamp() > seen.get(i - 1).message().timestamp(), "stamps in order");
        }
        for (int s = 0; s < senders; s++) {
            String sender = "u" + s;
            List<String> own = seen.stream().filter(m -> m.message().origin().equals(sender))
                    .map(m -> m.message().content()).toList();
            assertEquals(IntStream.range(0, each).mapToObj(i -> sender + "#" + i).toList(), own, "each sender's in its order");
        }
        List<String> comings = seen.stream().map(m -> m.message().content())
                .filter(text -> text.startsWith("entrou ") || text.startsWith("saiu ")).toList();
        assertEquals(IntStream.range(0, 20).boxed().flatMap(i -> Stream.of("entrou " + i, "saiu " + i)).toList(), comings);
        try (KeptChat again = KeptChat.standalone(new Persistence.DataDirectory(directory), BINDER, 10_000, T0)) {
            assertEquals(seen, again.store().readAfterSeq("geral", "u0", 0).orElseThrow().messages(),
                    "the file holds what was shown, in the same order");
        }
    }

    @Test
    void aChangeThatCannotBeSavedIsNotMade() throws Exception {
        Path file = new Persistence.DataDirectory(directory).fileFor(BINDER, true);
        ChatDatabase database = ChatDatabase.openFile(file, HISTORY);
        InMemoryChatStore store = new InMemoryChatStore(HISTORY, database);
        store.registerUser("ana", null, T0, NO_LIMIT);
        store.createRoom("geral", T0, NO_LIMIT);
        store.join("geral", "ana", notice("ana in"), 50, T0);
        database.close();

        assertThrows(ChangeNotSaved.class, () -> store.post("geral", Message.broadcast("ana", "lost?", 0), T0));
        assertEquals(1, store.readAfterSeq("geral", "ana", 0).orElseThrow().messages().size());
        assertThrows(ChangeNotSaved.class, () -> store.registerUser("bia", null, T0, NO_LIMIT));
        assertFalse(store.registration("bia").isPresent());
        assertThrows(ChangeNotSaved.class, () -> store.leave("geral", "ana", notice("ana out"), T0));
        assertEquals(List.of("ana"), store.members("geral").orElseThrow());
        assertThrows(ChangeNotSaved.class, () -> store.removeUser("ana", null));
        assertTrue(store.registration("ana").isPresent());
        assertThrows(ChangeNotSaved.class, () -> store.createRoom("outra", T0, NO_LIMIT));
        assertEquals(List.of("geral"), store.rooms());
        assertEquals(Admission.TAKEN, store.createRoom("geral", T0, NO_LIMIT));
    }

    @Test
    void twoChatsOfDifferentBindersKeepDifferentFiles() {
        Persistence.DataDirectory data = new Persistence.DataDirectory(directory);
        assertEquals(directory.toAbsolutePath().resolve("chat-localhost-5000.db"),
                data.fileFor(new Endpoint("localhost", 5000), false));
        assertEquals(directory.toAbsolutePath().resolve("standalone-localhost-5001.db"),
                data.fileFor(new Endpoint("localhost", 5001), true));
        assertEquals(directory.toAbsolutePath().resolve("chat-fe80__1-5000.db"),
                data.fileFor(new Endpoint("FE80::1", 5000), false));
    }
}
