package chat.server.persist;

import chat.common.Endpoint;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Where a chat is kept beyond the servers' memory: the one place the choice is declared. The server's options,
 * its start-up and its status all read it from here.
 */
public sealed interface Persistence {

    /** The environment variable naming the data directory when {@code --data-dir} is not given. */
    String DATA_DIR_VARIABLE = "CHAT_DATA_DIR";

    /** The environment variable naming the shared database when {@code --database} is not given. */
    String DATABASE_VARIABLE = "CHAT_DATABASE_URL";

    /** Nothing is kept: the chat is gone when its servers stop (demos, the fastest tests). */
    Persistence MEMORY_ONLY = new MemoryOnly();

    /**
     * The data directory when none is given: {@code $XDG_DATA_HOME/chat-distribuido}, else
     * {@code ~/.local/share/chat-distribuido}, where a user's programs keep their data on Linux.
     *
     * @param environment the environment variables
     * @param home        the user's home directory
     * @return the directory
     */
    public static Path defaultDirectory(Map<String, String> environment, String home) {
        String xdg = environment.get("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(home, ".local", "share");
        return base.resolve("chat-distribuido");
    }

    /** {@return how the status view and the start-up line name it} */
    String label();

    /** {@return whether anything is kept} */
    default boolean keeps() {
        return !(this instanceof MemoryOnly);
    }

    /** The chat is kept in this server's memory alone. */
    record MemoryOnly() implements Persistence {
        @Override
        public String label() {
            return "memory only";
        }
    }

    /**
     * The chat is kept in an SQLite file in {@code directory}, one file per chat, named after the Binder's address
     * ({@link #fileFor}), so two chats on one machine never share a file.
     *
     * @param directory the data directory (made absolute)
     */
    record DataDirectory(Path directory) implements Persistence {
        /**
         * Makes the directory absolute.
         *
         * @param directory the data directory
         */
        public DataDirectory {
            Objects.requireNonNull(directory, "directory");
            directory = directory.toAbsolutePath().normalize();
        }

        @Override
        public String label() {
            return "file in " + directory;
        }

        /**
         * The file of the chat of the Binder at {@code binder} (null: a server registered with none); a
         * standalone server's chat is its own, apart from the shared chat of the same Binder.
         *
         * @param binder     the Binder's address, or null
         * @param standalone whether the file is a standalone server's
         * @return the file's path
         */
        public Path fileFor(Endpoint binder, boolean standalone) {
            String where = binder == null ? "unregistered" : safe(binder.host()) + "-" + binder.port();
            return directory.resolve((standalone ? "standalone-" : "chat-") + where + ".db");
        }

        private static String safe(String host) {
            return host.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "_");
        }
    }

    /**
     * The chat is kept in the PostgreSQL database at {@code url}.
     *
     * @param url a {@code jdbc:postgresql:} URL
     */
    record Database(String url) implements Persistence {
        /**
         * Refuses a URL of another kind of database, without showing a password in it.
         *
         * @param url a {@code jdbc:postgresql:} URL
         */
        public Database {
            Objects.requireNonNull(url, "url");
            if (!url.startsWith("jdbc:postgresql:")) {
                throw new IllegalArgumentException("the database must be a jdbc:postgresql: URL, got '"
                        + Database.withoutPassword(url) + "'");
            }
        }

        @Override
        public String label() {
            return "database " + shownUrl();
        }

        /** {@return the URL with any password in it hidden, as logs, errors and other servers are shown it} */
        public String shownUrl() {
            return withoutPassword(url);
        }

        /** The URL with any password in it hidden, for logs and the status view. */
        static String withoutPassword(String url) {
            return url.replaceAll("(?i)(password=)[^&]*", "$1(hidden)").replaceAll("//([^/@:]*):[^/@]*@", "//$1:(hidden)@");
        }

        @Override
        public String toString() {
            return "Database[url=" + withoutPassword(url) + "]";
        }
    }
}
