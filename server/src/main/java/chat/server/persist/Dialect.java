package chat.server.persist;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What differs between the databases a chat can be kept in; everything else is one SQL for both. Both take
 * {@code INSERT ... ON CONFLICT}, so a change written twice is stored once.
 */
enum Dialect {
    /** An SQLite file: one writer at a time, each transaction taking the write lock at its start. */
    SQLITE {
        @Override
        void lockForSchema(Connection connection) {
            // Transactions are IMMEDIATE: the one that creates the tables holds the file's write lock already.
        }

        @Override
        void afterSchema(Connection connection) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                // WAL: readers never wait for the writer, and a commit is one append to the log. NORMAL: the log is
                // flushed to disk at checkpoints, not at every commit, so a commit survives the process (it is in
                // the operating system's cache) but the last ones may not survive a power loss.
                statement.execute("PRAGMA journal_mode=WAL");
                statement.execute("PRAGMA synchronous=NORMAL");
            }
        }
    },
    /** A PostgreSQL database shared by servers on several machines. */
    POSTGRESQL {
        @Override
        void lockForSchema(Connection connection) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                // Servers starting at once on an empty database: one creates the tables, the others wait and find them.
                statement.execute("SELECT pg_advisory_xact_lock(" + SCHEMA_LOCK + ")");
            }
        }

        @Override
        void afterSchema(Connection connection) {
        }
    };

    /** The advisory lock PostgreSQL servers take while checking and creating the tables. */
    private static final long SCHEMA_LOCK = 0x63686174L; // "chat"

    /** Holds, until the transaction ends, the lock that makes creating the tables one step among all servers. */
    abstract void lockForSchema(Connection connection) throws SQLException;

    /** Settings made once the tables are known to be the chat's, outside any transaction. */
    abstract void afterSchema(Connection connection) throws SQLException;
}
