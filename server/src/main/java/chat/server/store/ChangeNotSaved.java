package chat.server.store;

/** A change the store could not write to its {@link ChangeLog}: it was not made, and the call that asked for it fails. */
public final class ChangeNotSaved extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what was not saved, where, and why
     * @param cause   the database's error, or null
     */
    public ChangeNotSaved(String message, Throwable cause) {
        super(message, cause);
    }
}
