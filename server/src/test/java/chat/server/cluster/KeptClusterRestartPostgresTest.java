package chat.server.cluster;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import chat.server.persist.ChatDatabase;
import chat.server.persist.DatabaseProblem;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The same restart with the chat in PostgreSQL, as servers on several machines keep it: the server at
 * {@code $CHAT_TEST_POSTGRES_URL}, else {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}, in a schema
 * of its own dropped afterwards; skipped, saying so, where no server answers.
 */
class KeptClusterRestartPostgresTest extends KeptClusterRestartTest {
    private static final String URL = System.getenv().getOrDefault("CHAT_TEST_POSTGRES_URL",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
    private String schema;

    @BeforeEach
    void createSchema() {
        String unreachable = null;
        try (Connection connection = DriverManager.getConnection(URL); Statement statement = connection.createStatement()) {
            schema = "chat_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            statement.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            unreachable = e.getMessage();
            schema = null;
        }
        assumeTrue(unreachable == null, "no PostgreSQL at " + URL + " (set CHAT_TEST_POSTGRES_URL to use another): "
                + unreachable);
    }

    @AfterEach
    void dropSchema() throws SQLException {
        if (schema != null) {
            stop();
            try (Connection connection = DriverManager.getConnection(URL); Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    @Override
    protected ChatDatabase openDatabase() {
        try {
            return ChatDatabase.openUrl(URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema, 500);
        } catch (DatabaseProblem e) {
            throw new UncheckedIOException(e);
        }
    }
}
