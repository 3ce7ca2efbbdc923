package chat.server.persist;

import java.util.List;

/**
 * The chat's tables, the same SQL for SQLite and PostgreSQL, and their version. A server reads a database of
 * its own version only; a change to the tables is a new {@link #VERSION} (and, when older databases should be
 * read on, a step from the old version to the new run at start-up).
 */
final class Schema {
    /** The version of the tables below, kept in {@code chat_schema}. */
    static final int VERSION = 1;

    /** The table holding the version: its presence is what makes a database a chat's. */
    static final String VERSION_TABLE = "chat_schema";

    /** Every table, each with its key: what is written twice is stored once. */
    static final List<String> CREATE = List.of(
            "CREATE TABLE chat_schema (version INTEGER NOT NULL)",
            "CREATE TABLE chat_users (name TEXT PRIMARY KEY, session_hash TEXT, registered_at BIGINT NOT NULL)",
            "CREATE TABLE chat_rooms (name TEXT PRIMARY KEY, created_order BIGINT NOT NULL, empty_since BIGINT)",
            "CREATE TABLE chat_members (room TEXT NOT NULL, username TEXT NOT NULL, joined_seq BIGINT NOT NULL,"
                    + " PRIMARY KEY (room, username))",
            "CREATE TABLE chat_messages (room TEXT NOT NULL, seq BIGINT NOT NULL, type TEXT NOT NULL,"
                    + " origin TEXT NOT NULL, destination TEXT NOT NULL, content TEXT NOT NULL,"
                    + " stamp DOUBLE PRECISION NOT NULL, PRIMARY KEY (room, seq))",
            "INSERT INTO chat_schema (version) VALUES (" + VERSION + ")");

    private Schema() {
    }
}
