package chat.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.common.Endpoint;
import chat.common.Message;
import chat.server.persist.ChatDatabase;
import chat.server.persist.Persistence;
import chat.server.store.StoredMessage;
import chat.server.testing.LogCapture;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Where Main keeps a standalone chat, and how it refuses a file it cannot use. */
class MainDataDirTest {
    @TempDir
    Path data;

    private static Main parse(String... args) {
        Main main = new Main();
        new CommandLine(main).parseArgs(args);
        return main;
    }

    @Test
    void aStandaloneChatIsKeptInTheDataDirectoryUnlessMemoryOnly() {
        assertEquals(new Persistence.DataDirectory(data),
                parse("--standalone", "--data-dir", data.toString()).config().persistence());
        assertEquals(Persistence.MEMORY_ONLY, parse("--standalone", "--memory-only").config().persistence());
        if (System.getenv(Persistence.DATA_DIR_VARIABLE) == null) {
            assertEquals(new Persistence.DataDirectory(Persistence.defaultDirectory(System.getenv(),
                    System.getProperty("user.home"))), parse("--standalone").config().persistence());
        }
    }

    @Test
    void theSharedChatIsKeptInTheDataDirectoryOrAPostgresDatabase() {
        String url = "jdbc:postgresql://db.example:5432/chat?user=chat";
        if (System.getenv("CHAT_SERVER_STANDALONE") == null) {
            if (System.getenv(Persistence.DATA_DIR_VARIABLE) == null && System.getenv(Persistence.DATABASE_VARIABLE) == null) {
                assertEquals(new Persistence.DataDirectory(Persistence.defaultDirectory(System.getenv(),
                        System.getProperty("user.home"))), parse().config().persistence());
            }
            assertEquals(new Persistence.DataDirectory(data), parse("--data-dir", data.toString()).config().persistence());
            assertEquals(new Persistence.Database(url), parse("--database", url).config().persistence());
            assertEquals(Persistence.MEMORY_ONLY, parse("--memory-only").config().persistence());
        }
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> parse("--standalone", "--memory-only", "--data-dir", data.toString()).config())
                .getMessage().contains("not both"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> parse("--database", url, "--data-dir", data.toString()).config())
                .getMessage().contains("not both"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("--standalone", "--database", url).config())
                .getMessage().contains("--data-dir"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> parse("--database", "jdbc:mysql://db/chat").config())
                .getMessage().contains("jdbc:postgresql:"));
    }

    @Test
    void aPasswordInTheDatabaseUrlIsNeverShown() {
        Persistence.Database database = new Persistence.Database(
                "jdbc:postgresql://db.example/chat?user=chat&password=s3cret&ssl=true");
        assertFalse(database.label().contains("s3cret"), database.label());
        assertFalse(database.toString().contains("s3cret"), database.toString());
        assertFalse(new Persistence.Database("jdbc:postgresql://chat:s3cret@db.example/chat").label().contains("s3cret"));
    }

    @Test
    void theDefaultDirectoryFollowsXdgDataHome() {
        assertEquals(Path.of("/x/data/chat-distribuido"),
                Persistence.defaultDirectory(java.util.Map.of("XDG_DATA_HOME", "/x/data"), "/home/ana"));
        assertEquals(Path.of("/home/ana/.local/share/chat-distribuido"),
                Persistence.defaultDirectory(java.util.Map.of(), "/home/ana"));
    }

    /** Main started on {@code file} (the chat of a Binder at {@code binderPort}) exits 1 with one line saying {@code why}. */
    private void refusedUnchanged(int binderPort, Path file, String why) throws Exception {
        byte[] before = Files.readAllBytes(file);
        List<String> stderr;
        try (LogCapture log = LogCapture.start()) {
            assertEquals(1, Main.commandLine(new Main()).execute("--standalone", "--data-dir", data.toString(),
                    "--binder-port", Integer.toString(binderPort)));
            stderr = log.text().lines().toList();
        }
        assertEquals(1, stderr.size(), stderr.toString());
        assertTrue(stderr.get(0).startsWith("server: the chat database " + file + " "), stderr.get(0));
        assertTrue(stderr.get(0).contains(why), stderr.get(0));
        assertArrayEquals(before, Files.readAllBytes(file), "the file is left as it was");
    }

    private static int unusedPort() throws Exception {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }

    private Path fileFor(int binderPort) {
        return new Persistence.DataDirectory(data).fileFor(new Endpoint("localhost", binderPort), true);
    }

    @Test
    void aTextFileInPlaceOfTheChatIsRefused() throws Exception {
        int port = unusedPort();
        Files.writeString(fileFor(port), "not a database\n");
        refusedUnchanged(port, fileFor(port), "not an SQLite database");
    }

    @Test
    void aTruncatedChatIsRefused() throws Exception {
        int port = unusedPort();
        Path file = fileFor(port);
        try (ChatDatabase database = ChatDatabase.openFile(file, 10_000)) {
            database.roomCreated("sala", 1, Instant.EPOCH);
            for (long seq = 1; seq <= 1_000; seq++) {
                database.posted("sala", new StoredMessage(seq, Message.broadcast("ana", "x".repeat(300), seq)));
            }
        }
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(whole, whole.length / 3));
        refusedUnchanged(port, file, "damaged");
    }

    @Test
    void aChatOfANewerSchemaIsRefused() throws Exception {
        int port = unusedPort();
        Path file = fileFor(port);
        ChatDatabase.openFile(file, 100).close();
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = raw.createStatement()) {
            statement.executeUpdate("UPDATE chat_schema SET version = 7");
        }
        refusedUnchanged(port, file, "schema version 7, newer than this server's 1");
    }
}
