package chat.server.store;

/** What became of a request to add a user or a room that the store bounds in number. */
public enum Admission {
    /** Added. */
    ADDED,
    /** Not added: one of that name exists. */
    TAKEN,
    /** Not added: the store already holds as many as it may. */
    FULL
}
