package chat.server.persist;

import java.io.IOException;

/**
 * A chat database a server will not use: damaged, of another kind, of another schema version, or out of reach.
 * Its message is one line naming the file or URL and what to do; the server does not start, and the database
 * is left as it was.
 */
public final class DatabaseProblem extends IOException {
    private static final long serialVersionUID = 1L;

    /** @param message one line naming the database and what to do */
    public DatabaseProblem(String message) {
        super(message);
    }

    /**
     * @param message one line naming the database and what to do
     * @param cause   what the driver or the file system said
     */
    public DatabaseProblem(String message, Throwable cause) {
        super(message, cause);
    }
}
