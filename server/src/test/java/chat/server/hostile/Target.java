package chat.server.hostile;

/**
 * Which of the two programs an attack is aimed at, with the calls of that program an attack builds on:
 * one that only reads, and a procedure of exactly one string argument that only reads.
 */
enum Target {
    CHAT_SERVER("chat server", "list_rooms", "list_users"),
    BINDER("binder", "lookup_procedure", "lookup_procedure");

    private final String label;
    private final String readOnlyProcedure;
    private final String oneStringProcedure;

    Target(String label, String readOnlyProcedure, String oneStringProcedure) {
        this.label = label;
        this.readOnlyProcedure = readOnlyProcedure;
        this.oneStringProcedure = oneStringProcedure;
    }

    /** A valid call that changes nothing: {@code list_rooms()}, or {@code lookup_procedure("register_user")}. */
    String readOnlyCall() {
        return this == CHAT_SERVER
                ? Payloads.call(readOnlyProcedure)
                : Payloads.call(readOnlyProcedure, Payloads.string("register_user"));
    }

    /** A procedure taking exactly one string, that only reads: {@code list_users}, {@code lookup_procedure}. */
    String oneStringProcedure() {
        return oneStringProcedure;
    }

    @Override
    public String toString() {
        return label;
    }
}
