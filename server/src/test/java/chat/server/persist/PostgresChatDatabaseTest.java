package chat.server.persist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import chat.server.store.ChangeNotSaved;
import chat.server.store.ChatImage;
import chat.server.store.StoredMessage;
import chat.server.testing.LogCapture;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The database contract on PostgreSQL: the server at {@code $CHAT_TEST_POSTGRES_URL}, else
 * {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}. Each test runs in a schema of its own, dropped
 * afterwards; without a server answering there the tests are skipped, saying so. The chat's connections carry the
 * schema's name as their application name, so a test ends their backends and no other (PostgreSQL 14 or newer,
 * whose {@code pg_terminate_backend} waits for the backend to end).
 */
class PostgresChatDatabaseTest extends ChatDatabaseContract {
    private static final String URL = System.getenv().getOrDefault("CHAT_TEST_POSTGRES_URL",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
    private static String unreachable;

    private String schema;
    /** A role of this test's own, dropped with the schema; null when the test made none. */
    private String role;

    @BeforeAll
    static void findServer() {
        try (Connection connection = DriverManager.getConnection(URL)) {
            connection.isValid(5);
        } catch (SQLException e) {
            unreachable = e.getMessage();
        }
    }

    @BeforeEach
    void createSchema() throws SQLException {
        assumeTrue(unreachable == null, "no PostgreSQL at " + URL + " (set CHAT_TEST_POSTGRES_URL to use another): "
                + unreachable);
        schema = "chat_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        try (Connection connection = DriverManager.getConnection(URL); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        }
    }

    @AfterEach
    void dropSchema() throws SQLException {
        if (schema != null) {
            closeDatabases();
            try (Connection connection = DriverManager.getConnection(URL); Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA " + schema + " CASCADE");
                if (role != null) {
                    statement.execute("DROP ROLE " + role);
                }
            }
        }
    }

    private String schemaUrl() {
        return URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** The chat's URL: this test's schema, and its name as the connections' application name. */
    private String chatUrl() {
        return schemaUrl() + "&ApplicationName=" + schema;
    }

    @Override
    protected ChatDatabase openDatabase(int historyLimit) throws DatabaseProblem {
        return ChatDatabase.openUrl(chatUrl(), historyLimit);
    }

    @Override
    protected Connection rawConnection() throws SQLException {
        return DriverManager.getConnection(schemaUrl());
    }

    @Override
    protected String location() {
        return Persistence.Database.withoutPassword(schemaUrl());
    }

    /** {@return the process ids of the backends of this test's chat connections} */
    private List<Integer> chatBackends() throws SQLException {
        try (Connection connection = DriverManager.getConnection(URL);
             PreparedStatement query = connection.prepareStatement(
                     "SELECT pid FROM pg_stat_activity WHERE application_name = ?")) {
            query.setString(1, schema);
            List<Integer> pids = new ArrayList<>();
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    pids.add(result.getInt(1));
                }
            }
            return pids;
        }
    }

    /** Ends the backend of this test's one chat connection, as a restart or {@code pg_terminate_backend} does. */
    private int endChatBackend() throws SQLException {
        List<Integer> pids = chatBackends();
        assertEquals(1, pids.size(), "the chat's backends: " + pids);
        try (Connection connection = DriverManager.getConnection(URL);
             PreparedStatement end = connection.prepareStatement("SELECT pg_terminate_backend(?, 10000)")) {
            end.setInt(1, pids.get(0));
            try (ResultSet result = end.executeQuery()) {
                assertTrue(result.next() && result.getBoolean(1), "backend " + pids.get(0) + " did not end in 10 s");
            }
        }
        return pids.get(0);
    }

    @Test
    void aChangeAfterTheConnectionIsLostIsWrittenOnANewConnection() throws Exception {
        ChatDatabase database = open();
        database.roomCreated("geral", 1, T0);
        database.posted("geral", message(1, "antes"));
        int ended = endChatBackend();

        database.posted("geral", message(2, "depois"));

        List<Integer> now = chatBackends();
        assertEquals(1, now.size(), "the chat's backends: " + now);
        assertNotEquals(ended, now.get(0));
        List<StoredMessage> both = List.of(message(1, "antes"), message(2, "depois"));
        assertEquals(both, database.rooms(List.of("geral")).get(0).messages());
        ChatImage image = open().load();
        assertEquals(List.of("geral"), image.rooms().stream().map(ChatImage.Room::name).toList());
        assertEquals(both, image.rooms().get(0).messages());
    }

    @Test
    void aReadAfterTheConnectionIsLostIsReadOnANewConnection() throws Exception {
        ChatDatabase database = open();
        database.roomCreated("geral", 1, T0);
        endChatBackend();

        assertEquals(List.of("geral"), database.roomNames());
        ChatImage image = database.load();
        assertEquals(List.of("geral"), image.rooms().stream().map(ChatImage.Room::name).toList());
    }

    @Test
    void aChangeFailsWhileNoNewConnectionOpensAndTheNextOneWritesOnceOneDoes() throws Exception {
        role = schema;
        String password = "secret-" + schema;
        try (Connection connection = DriverManager.getConnection(URL); Statement statement = connection.createStatement()) {
            try {
                statement.execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + password + "'");
            } catch (SQLException e) {
                role = null;
                assumeTrue(false, "cannot create a role at " + URL + ", to refuse the chat's next connection: "
                        + e.getMessage());
            }
            statement.execute("ALTER SCHEMA " + schema + " OWNER TO " + role);
        }
        // The last user parameter wins, so the chat connects as the role whatever user the test's URL names.
        String url = chatUrl() + "&user=" + role + "&password=" + password;
        try (ChatDatabase database = ChatDatabase.openUrl(url, HISTORY); LogCapture log = LogCapture.start()) {
            database.roomCreated("geral", 1, T0);
            try (Connection connection = DriverManager.getConnection(URL);
                 Statement statement = connection.createStatement()) {
                statement.execute("ALTER ROLE " + role + " NOLOGIN");
            }
            endChatBackend();

            ChangeNotSaved refused = assertThrows(ChangeNotSaved.class,
                    () -> database.posted("geral", message(1, "sem ligação")));
            String said = refused.getMessage();
            assertTrue(said.contains("the chat database " + Persistence.Database.withoutPassword(url)), said);
            assertTrue(said.contains("a new one cannot be opened"), said);
            assertTrue(said.contains("not permitted to log in"), said);
            assertFalse(said.contains(password), said);
            assertThrows(ChangeNotSaved.class, () -> database.posted("geral", message(2, "ainda sem")));
            assertEquals(List.of(), chatBackends());

            try (Connection connection = DriverManager.getConnection(URL);
                 Statement statement = connection.createStatement()) {
                statement.execute("ALTER ROLE " + role + " LOGIN");
            }
            database.posted("geral", message(3, "de volta"));

            assertEquals(1, chatBackends().size());
            assertEquals(List.of(message(3, "de volta")), database.rooms(List.of("geral")).get(0).messages());
            assertEquals(1, log.count("WARN chat.server.persist.ChatDatabase - lost the connection"), log.text());
            assertEquals(1, log.count("INFO chat.server.persist.ChatDatabase - the chat database"), log.text());
            assertFalse(log.text().contains(password), log.text());
        }
        assertEquals(List.of(message(3, "de volta")), open().load().rooms().get(0).messages());
    }
}
