package chat.testkit;

/**
 * A Python peer was asked for on a machine without python3 (with its standard {@code xmlrpc} modules). Under
 * {@link ChatTest}, the test that asked is skipped with this message instead of failing.
 */
public final class PythonUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PythonUnavailableException(String message) {
        super(message);
    }
}
