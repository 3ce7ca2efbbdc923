package chat.server.persist;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * The database contract on PostgreSQL: the server at {@code $CHAT_TEST_POSTGRES_URL}, else
 * {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}. Each test runs in a schema of its own, dropped
 * afterwards; without a server answering there the tests are skipped, saying so.
 */
class PostgresChatDatabaseTest extends ChatDatabaseContract {
    private static final String URL = System.getenv().getOrDefault("CHAT_TEST_POSTGRES_URL",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
    private static String unreachable;

    private String schema;

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
            }
        }
    }

    private String schemaUrl() {
        return URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    @Override
    protected ChatDatabase openDatabase(int historyLimit) throws DatabaseProblem {
        return ChatDatabase.openUrl(schemaUrl(), historyLimit);
    }

    @Override
    protected Connection rawConnection() throws SQLException {
        return DriverManager.getConnection(schemaUrl());
    }

    @Override
    protected String location() {
        return Persistence.Database.withoutPassword(schemaUrl());
    }
}
