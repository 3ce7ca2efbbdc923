package chat.server.persist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.common.Message;
import chat.server.store.ChangeNotSaved;
import chat.server.store.ChatImage;
import chat.server.store.StoredMessage;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What every database a chat is kept in does: SQLite and PostgreSQL run these. */
abstract class ChatDatabaseContract {
    protected static final Instant T0 = Instant.parse("2026-12-05T12:00:00.123456789Z");
    protected static final int HISTORY = 50;

    private final List<ChatDatabase> opened = new ArrayList<>();

    /** Opens this test's database (the same one at each call). */
    protected abstract ChatDatabase openDatabase(int historyLimit) throws DatabaseProblem;

    /** A plain connection to this test's database, to change it behind the chat's back. */
    protected abstract Connection rawConnection() throws SQLException;

    /** How messages name this test's database. */
    protected abstract String location();

    protected ChatDatabase open() throws DatabaseProblem {
        return open(HISTORY);
    }

    protected ChatDatabase open(int historyLimit) throws DatabaseProblem {
        ChatDatabase database = openDatabase(historyLimit);
        opened.add(database);
        return database;
    }

    @AfterEach
    void closeDatabases() {
        opened.forEach(ChatDatabase::close);
    }

    protected static StoredMessage message(long seq, String text) {
        return new StoredMessage(seq, Message.broadcast("ana", text, 1_000 + seq / 1000.0));
    }

    @Test
    void aNewDatabaseHoldsAnEmptyChat() throws Exception {
        ChatImage image = open().load();
        assertEquals(Map.of(), image.users());
        assertEquals(List.of(), image.rooms());
    }

    @Test
    void everyKindOfChangeIsReadBackAfterReopening() throws Exception {
        ChatDatabase database = open();
        database.userAdded("ana", "hash-of-ana", T0);
        database.userAdded("bia", null, T0);
        database.userAdded("caio", null, T0);
        database.userRemoved("caio");
        database.roomCreated("geral", 1, T0);
        database.roomCreated("vazia", 2, T0.plusSeconds(1));
        database.roomCreated("outra", 3, T0);
        database.joined("geral", "bia", new StoredMessage(1, Message.notice("bia entrou", 1.5)));
        database.joined("geral", "ana", new StoredMessage(2, Message.notice("ana entrou", 2.5)));
        database.posted("geral", new StoredMessage(3, Message.unicast("ana", "bia", "oi, só tu", 3.25)));
        database.joined("outra", "ana", new StoredMessage(1, Message.notice("ana entrou", 4)));
        database.left("outra", "ana", new StoredMessage(2, Message.notice("ana saiu", 5)), T0.plusSeconds(9));
        database.close();

        ChatImage image = open().load();
        assertEquals(Map.of("ana", "hash-of-ana", "bia", "bia"), withNullsNamed(image.users()));
        assertEquals(List.of("geral", "vazia", "outra"), image.rooms().stream().map(ChatImage.Room::name).toList());
        ChatImage.Room geral = image.rooms().get(0);
        assertEquals(1, geral.order());
        assertNull(geral.emptySince());
        assertEquals(List.of("bia", "ana"), geral.members());
        assertEquals(List.of(new StoredMessage(1, Message.notice("bia entrou", 1.5)),
                new StoredMessage(2, Message.notice("ana entrou", 2.5)),
                new StoredMessage(3, Message.unicast("ana", "bia", "oi, só tu", 3.25))), geral.messages());
        ChatImage.Room vazia = image.rooms().get(1);
        assertEquals(T0.plusSeconds(1), vazia.emptySince());
        assertEquals(List.of(), vazia.messages());
        ChatImage.Room outra = image.rooms().get(2);
        assertEquals(List.of(), outra.members());
        assertEquals(T0.plusSeconds(9), outra.emptySince());
        assertEquals(2, outra.messages().size());
    }

    @Test
    void messagesHandedOverOneAfterAnotherAreStoredInThatOrder() throws Exception {
        ChatDatabase database = open();
        database.roomCreated("geral", 1, T0);
        ChatDatabase.Pending first = database.postLater("geral", message(1, "um"), null);
        ChatDatabase.Pending second = database.postLater("geral", message(2, "dois"), first);
        second.await();
        assertTrue(first.isDone() && !first.failed(), "stored with the message after it, or before");
        database.close();

        assertEquals(List.of(message(1, "um"), message(2, "dois")), open().load().rooms().get(0).messages());
    }

    @Test
    void aMessageHandedOverIsCommittedWithNobodyWaitingAndWhatWaitsForItRunsOnceItIsInOrder() throws Exception {
        ChatDatabase database = open();
        database.roomCreated("geral", 1, T0);
        List<String> ran = new CopyOnWriteArrayList<>();
        CountDownLatch both = new CountDownLatch(2);
        ChatDatabase.Pending first = database.postLater("geral", message(1, "um"), null);
        ChatDatabase.Pending second = database.postLater("geral", message(2, "dois"), first);
        first.whenDone(() -> {
            ran.add("um " + (first.isDone() && !first.failed()));
            both.countDown();
        });
        second.whenDone(() -> {
            ran.add("dois " + (second.isDone() && !second.failed()));
            both.countDown();
        });
        assertTrue(both.await(10, TimeUnit.SECONDS), "both stored, nobody waiting for them");
        assertEquals(List.of("um true", "dois true"), ran);
        database.close(); // once the log has run what it was given
        List<String> late = new ArrayList<>();
        second.whenDone(() -> late.add(Thread.currentThread().getName()));
        assertEquals(List.of(Thread.currentThread().getName()), late, "done already: run at once, here");

        assertEquals(List.of(message(1, "um"), message(2, "dois")), open().load().rooms().get(0).messages());
    }

    @Test
    void closingCommitsWhatWasHandedOverAndRefusesWhatComesAfter() throws Exception {
        ChatDatabase database = open();
        database.roomCreated("geral", 1, T0);
        ChatDatabase.Pending handed = database.postLater("geral", message(1, "um"), null);
        database.close();
        assertTrue(handed.isDone() && !handed.failed(), "committed before the database closed");
        ChatDatabase.Pending late = database.postLater("geral", message(2, "dois"), handed);
        assertTrue(late.isDone() && late.failed(), "refused at once");
        ChangeNotSaved refusal = assertThrows(ChangeNotSaved.class, late::await);
        assertTrue(refusal.getMessage().contains("closed"), refusal.getMessage());

        assertEquals(List.of(message(1, "um")), open().load().rooms().get(0).messages());
    }

    @Test
    void aMessageAfterOneThatCouldNotBeStoredIsNotStoredEither() throws Exception {
        ChatDatabase database = open();
        database.roomCreated("geral", 1, T0);
        ChatDatabase.Change refused = database.enqueue("a change the database refuses", () -> {
            throw new SQLException("refused by the test");
        }, null, false);
        ChatDatabase.Pending sameCommit = database.postLater("geral", message(1, "um"), refused);
        ChangeNotSaved failure = assertThrows(ChangeNotSaved.class, sameCommit::await);
        assertTrue(failure.getMessage().contains("refused by the test"), failure.getMessage());
        assertTrue(refused.failed());

        ChatDatabase.Pending later = database.postLater("geral", message(2, "dois"), sameCommit);
        assertTrue(later.isDone() && later.failed(), "refused at once: it would follow a gap");
        assertThrows(ChangeNotSaved.class, later::await);
        ChatDatabase.Pending unrelated = database.postLater("geral", message(1, "um, de novo"), null);
        unrelated.await();
        database.close();

        assertEquals(List.of(message(1, "um, de novo")), open().load().rooms().get(0).messages());
    }

    @Test
    void aMessageWaitingBehindAFailingCommitFailsWithItAndOthersAreStored() throws Exception {
        ChatDatabase database = open();
        database.roomCreated("geral", 1, T0);
        database.roomCreated("outra", 2, T0);
        CountDownLatch committing = new CountDownLatch(1);
        CountDownLatch fail = new CountDownLatch(1);
        ChatDatabase.Change failing = database.enqueue("a change that fails once others wait", () -> {
            committing.countDown();
            try {
                fail.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new SQLException("failed while others waited");
        }, null, false);
        ExecutorService committer = Executors.newSingleThreadExecutor();
        try {
            Future<?> failed = committer.submit(failing::await);
            assertTrue(committing.await(10, TimeUnit.SECONDS), "the commit started");
            ChatDatabase.Pending follower = database.postLater("geral", message(1, "atrás da falha"), failing);
            ChatDatabase.Pending other = database.postLater("outra", message(1, "de outra sala"), null);
            assertTrue(!follower.isDone() && !other.isDone(), "both wait for the commit under way");
            fail.countDown();
            ExecutionException thrown = assertThrows(ExecutionException.class, () -> failed.get(10, TimeUnit.SECONDS));
            assertTrue(thrown.getCause() instanceof ChangeNotSaved, thrown.toString());

            assertThrows(ChangeNotSaved.class, follower::await);
            other.await();
        } finally {
            committer.shutdownNow();
        }
        database.close();

        ChatImage image = open().load();
        assertEquals(List.of(), image.rooms().get(0).messages());
        assertEquals(List.of(message(1, "de outra sala")), image.rooms().get(1).messages());
    }

    /** The users with a null session shown as their own name, since Map.equals cannot take nulls from Map.of. */
    private static Map<String, String> withNullsNamed(Map<String, String> users) {
        Map<String, String> named = new java.util.HashMap<>();
        users.forEach((name, hash) -> named.put(name, hash == null ? name : hash));
        return named;
    }

    @Test
    void aChangeWrittenTwiceIsStoredOnce() throws Exception {
        ChatDatabase database = open();
        database.roomCreated("geral", 1, T0);
        database.roomCreated("geral", 1, T0);
        StoredMessage join = new StoredMessage(1, Message.notice("ana entrou", 1));
        database.joined("geral", "ana", join);
        database.joined("geral", "ana", join);
        database.posted("geral", message(2, "uma vez"));
        database.posted("geral", message(2, "uma vez"));
        database.userAdded("ana", "h", T0);
        database.userAdded("ana", "h", T0);

        ChatImage image = open().load();
        assertEquals(1, image.rooms().size());
        assertEquals(List.of("ana"), image.rooms().get(0).members());
        assertEquals(List.of(join, message(2, "uma vez")), image.rooms().get(0).messages());
        assertEquals(Map.of("ana", "h"), image.users());
    }

    @Test
    void aRemovedRoomTakesItsMembersAndMessagesAndItsNameStartsAfresh() throws Exception {
        ChatDatabase database = open();
        database.roomCreated("geral", 1, T0);
        database.joined("geral", "ana", new StoredMessage(1, Message.notice("ana entrou", 1)));
        database.posted("geral", message(2, "antes"));
        database.roomRemoved("geral");
        database.roomCreated("geral", 2, T0.plusSeconds(60));

        ChatImage.Room geral = open().load().rooms().get(0);
        assertEquals(2, geral.order());
        assertEquals(List.of(), geral.members());
        assertEquals(List.of(), geral.messages());
    }

    @Test
    void aRoomReadEarlierGivesItsMessagesOnlyWhileItAndItsNewestMessageAreTheSame() throws Exception {
        ChatDatabase database = open();
        database.roomCreated("quieta", 1, T0);
        database.posted("quieta", message(1, "nada mudou"));
        database.roomCreated("viva", 2, T0);
        database.posted("viva", message(1, "antes"));
        database.roomCreated("refeita", 3, T0);
        database.posted("refeita", message(1, "a primeira"));
        database.roomCreated("vazia", 4, T0);
        Map<String, ChatImage.Room> earlier = new java.util.HashMap<>();
        database.rooms(List.of("quieta", "viva", "refeita", "vazia")).forEach(room -> earlier.put(room.name(), room));

        database.posted("viva", message(2, "depois"));
        database.roomRemoved("refeita");
        database.roomCreated("refeita", 5, T0);
        database.posted("refeita", message(1, "a primeira"));
        database.joined("vazia", "ana", new StoredMessage(1, Message.notice("ana entrou", 7)));
        Map<String, ChatImage.Room> now = new java.util.HashMap<>();
        database.rooms(List.of("quieta", "viva", "refeita", "vazia"), earlier).forEach(room -> now.put(room.name(), room));

        assertSame(earlier.get("quieta").messages(), now.get("quieta").messages());
        assertEquals(List.of(message(1, "antes"), message(2, "depois")), now.get("viva").messages());
        assertEquals(5, now.get("refeita").order());
        assertNotSame(earlier.get("refeita").messages(), now.get("refeita").messages());
        assertEquals(List.of("ana"), now.get("vazia").members());
        assertEquals(List.of(new StoredMessage(1, Message.notice("ana entrou", 7))), now.get("vazia").messages());
    }

    @Test
    void aKeptMessageOfAnUnknownTypeOrABroadcastToOneIsRefused() throws Exception {
        ChatDatabase database = open();
        database.roomCreated("geral", 1, T0);
        database.roomCreated("outra", 2, T0);
        database.close();
        try (Connection raw = rawConnection(); Statement statement = raw.createStatement()) {
            statement.execute("INSERT INTO chat_messages VALUES ('geral', 1, 'multicast', 'ana', 'Todos', 'oi', 1)");
        }
        DatabaseProblem unknown = assertThrows(DatabaseProblem.class, () -> open().load());
        assertTrue(unknown.getMessage().contains("multicast"), unknown.getMessage());

        try (Connection raw = rawConnection(); Statement statement = raw.createStatement()) {
            statement.execute("DELETE FROM chat_messages");
            statement.execute("INSERT INTO chat_messages VALUES ('outra', 1, 'broadcast', 'ana', 'bia', 'oi', 1)");
        }
        DatabaseProblem misaddressed = assertThrows(DatabaseProblem.class, () -> open().load());
        assertTrue(misaddressed.getMessage().contains("bia"), misaddressed.getMessage());
    }

    @Test
    void onlyTheNewestMessagesUpToTheHistoryLimitAreReadAndTheOldOnesAreDeleted() throws Exception {
        ChatDatabase database = open();
        database.roomCreated("geral", 1, T0);
        for (long seq = 1; seq <= 300; seq++) {
            database.posted("geral", message(seq, "m" + seq));
        }
        List<StoredMessage> kept = open().load().rooms().get(0).messages();
        assertEquals(HISTORY, kept.size());
        assertEquals(251, kept.get(0).seq());
        assertEquals(300, kept.get(HISTORY - 1).seq());
        try (Connection raw = rawConnection(); Statement statement = raw.createStatement();
             var result = statement.executeQuery("SELECT count(*) FROM chat_messages")) {
            result.next();
            assertTrue(result.getInt(1) < 300 && result.getInt(1) >= HISTORY, "rows kept: " + result.getInt(1));
        }
    }

    @Test
    void changesFromManyThreadsAreAllKept() throws Exception {
        ChatDatabase database = open(10_000);
        int rooms = 8;
        int each = 200;
        for (int room = 0; room < rooms; room++) {
            database.roomCreated("r" + room, room + 1, T0);
        }
        ExecutorService threads = Executors.newFixedThreadPool(rooms);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int room = 0; room < rooms; room++) {
                String name = "r" + room;
                done.add(threads.submit(() -> {
                    for (long seq = 1; seq <= each; seq++) {
                        database.posted(name, message(seq, name + "-" + seq));
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        for (ChatImage.Room room : open(10_000).load().rooms()) {
            assertEquals(each, room.messages().size(), room.name());
        }
    }

    @Test
    void aDatabaseOfANewerSchemaVersionIsRefusedNamingItAndBothVersions() throws Exception {
        open().close();
        try (Connection raw = rawConnection(); Statement statement = raw.createStatement()) {
            statement.executeUpdate("UPDATE chat_schema SET version = " + (Schema.VERSION + 1));
        }
        DatabaseProblem refused = assertThrows(DatabaseProblem.class, this::open);
        assertTrue(refused.getMessage().contains(location()), refused.getMessage());
        assertTrue(refused.getMessage().contains("schema version " + (Schema.VERSION + 1) + ", newer than this server's "
                + Schema.VERSION), refused.getMessage());
        assertTrue(!refused.getMessage().contains("\n"), refused.getMessage());
    }

    @Test
    void aDatabaseHoldingOtherChatLikeTablesButNoVersionIsRefused() throws Exception {
        try (Connection raw = rawConnection(); Statement statement = raw.createStatement()) {
            statement.executeUpdate("CREATE TABLE chat_rooms (name TEXT)");
        }
        DatabaseProblem refused = assertThrows(DatabaseProblem.class, this::open);
        assertTrue(refused.getMessage().contains("not a chat's"), refused.getMessage());
        assertTrue(refused.getMessage().contains(location()), refused.getMessage());
    }
}
