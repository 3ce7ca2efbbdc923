package chat.server.persist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.common.Message;
import chat.server.store.StoredMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteChatDatabaseTest extends ChatDatabaseContract {
    @TempDir
    Path directory;

    private Path file() {
        return directory.resolve("chat.db");
    }

    @Override
    protected ChatDatabase openDatabase(int historyLimit) throws DatabaseProblem {
        return ChatDatabase.openFile(file(), historyLimit);
    }

    @Override
    protected Connection rawConnection() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file());
    }

    @Override
    protected String location() {
        return file().toString();
    }

    /** Opening {@code file} is refused with one line naming it and saying {@code why}; its bytes are unchanged. */
    private void refusedUnchanged(String why) throws IOException {
        byte[] before = Files.readAllBytes(file());
        DatabaseProblem refused = assertThrows(DatabaseProblem.class, this::open);
        assertTrue(refused.getMessage().contains(file().toString()), refused.getMessage());
        assertTrue(refused.getMessage().contains(why), refused.getMessage());
        assertFalse(refused.getMessage().contains("\n"), refused.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file()));
    }

    @Test
    void theFileIsInWriteAheadLogMode() throws Exception {
        open().close();
        try (Connection raw = rawConnection(); var statement = raw.createStatement();
             var result = statement.executeQuery("PRAGMA journal_mode")) {
            result.next();
            assertEquals("wal", result.getString(1));
        }
    }

    @Test
    void aTextFileIsRefusedAndLeftAsItWas() throws Exception {
        Files.writeString(file(), "these are my notes, not a chat\n");
        refusedUnchanged("not an SQLite database");
    }

    @Test
    void anEmptyFileIsRefusedAndLeftAsItWas() throws Exception {
        Files.write(file(), new byte[0]);
        refusedUnchanged("is empty");
    }

    @Test
    void aTruncatedFileIsRefusedAndLeftAsItWas() throws Exception {
        ChatDatabase database = open();
        database.roomCreated("geral", 1, T0);
        for (long seq = 1; seq <= 2_000; seq++) {
            database.posted("geral", new StoredMessage(seq, Message.broadcast("ana", "message " + seq + " ".repeat(200), seq)));
        }
        database.close();
        byte[] whole = Files.readAllBytes(file());
        assertTrue(whole.length > 3 * 4096, "the file is " + whole.length + " bytes");
        Files.write(file(), Arrays.copyOf(whole, whole.length / 2 + 100));
        refusedUnchanged("damaged");
    }

    @Test
    void aFileCutToAWholeNumberOfPagesIsRefusedToo() throws Exception {
        ChatDatabase database = open();
        database.roomCreated("geral", 1, T0);
        for (long seq = 1; seq <= 2_000; seq++) {
            database.posted("geral", new StoredMessage(seq, Message.broadcast("ana", "message " + seq + " ".repeat(200), seq)));
        }
        database.close();
        byte[] whole = Files.readAllBytes(file());
        Files.write(file(), Arrays.copyOf(whole, 4096 * 2));
        refusedUnchanged("damaged");
    }

    @Test
    void anSqliteFileOfAnotherProgramIsRefusedAndLeftAsItWas() throws Exception {
        try (Connection raw = rawConnection(); var statement = raw.createStatement()) {
            statement.executeUpdate("CREATE TABLE recipes (name TEXT)");
        }
        refusedUnchanged("holds other tables (recipes)");
    }

    @Test
    void aNewerSchemaVersionLeavesTheFileAsItWas() throws Exception {
        open().close();
        try (Connection raw = rawConnection(); var statement = raw.createStatement()) {
            statement.executeUpdate("UPDATE chat_schema SET version = 99");
        }
        refusedUnchanged("schema version 99, newer than this server's " + Schema.VERSION);
    }

    @Test
    void aDataDirectoryThatIsAFileIsRefused() throws Exception {
        Path notADirectory = Files.writeString(directory.resolve("data"), "a file");
        DatabaseProblem refused = assertThrows(DatabaseProblem.class,
                () -> ChatDatabase.openFile(notADirectory.resolve("chat.db"), HISTORY));
        assertEquals("cannot keep the chat in " + notADirectory + ": not a directory", refused.getMessage());
        assertEquals("a file", Files.readString(notADirectory));
    }

    @Test
    void aDirectoryInPlaceOfTheFileIsRefused() throws Exception {
        Files.createDirectory(file());
        DatabaseProblem refused = assertThrows(DatabaseProblem.class, this::open);
        assertEquals("the chat database " + file() + " is not a file", refused.getMessage());
    }

    @Test
    void twoConnectionsOfOneMachineShareTheFile() throws Exception {
        ChatDatabase first = open();
        ChatDatabase second = open();
        first.roomCreated("geral", 1, T0);
        second.joined("geral", "ana", new StoredMessage(1, Message.notice("ana entrou", 1)));
        first.posted("geral", new StoredMessage(2, Message.broadcast("ana", "oi", 2)));
        assertEquals(2, open().load().rooms().get(0).messages().size());
    }
}
