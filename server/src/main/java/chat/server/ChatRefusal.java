package chat.server;

import java.util.Objects;

/**
 * A call the chat refuses because of a limit: a name or message that breaks a rule, a server that
 * holds as many users or rooms as it may, or a user sending too fast. The wire answers it with a
 * fault; refusals the original answers with {@code false}, {@code []} or nil are not exceptions.
 */
public final class ChatRefusal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why the call is refused. */
    public enum Reason {
        /** An argument breaks a rule ({@link #argument()} names it); the same call will always be refused. */
        INVALID_ARGUMENT,
        /** The server holds as many users or rooms as it may; the call may succeed later. */
        LIMIT_REACHED,
        /** The user sends too fast; the call succeeds after a short wait. */
        RATE_LIMITED,
        /** The call may not act as that user: it lacks the user's session, or its session is not the user's. */
        NOT_ALLOWED
    }

    /** Why the call is refused. */
    private final Reason reason;
    /** The argument that breaks a rule; null for other reasons. */
    private final String argument;
    /** What is wrong and what to do, worded for the caller. */
    private final String explanation;
    /** Whether the refusal is part of normal use. */
    private final boolean routine;

    private ChatRefusal(Reason reason, String argument, String explanation, boolean routine) {
        super(argument == null ? explanation : argument + " " + explanation, null, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.argument = argument;
        this.explanation = Objects.requireNonNull(explanation, "explanation");
        this.routine = routine;
    }

    private ChatRefusal(Reason reason, String argument, String explanation) {
        this(reason, argument, explanation, false);
    }

    static ChatRefusal invalid(String argument, String rule) {
        return new ChatRefusal(Reason.INVALID_ARGUMENT, Objects.requireNonNull(argument, "argument"), rule);
    }

    static ChatRefusal limitReached(String explanation) {
        return new ChatRefusal(Reason.LIMIT_REACHED, null, explanation);
    }

    static ChatRefusal rateLimited(String explanation) {
        return new ChatRefusal(Reason.RATE_LIMITED, null, explanation);
    }

    static ChatRefusal notAllowed(String explanation) {
        return new ChatRefusal(Reason.NOT_ALLOWED, null, explanation);
    }

    /** This refusal as part of normal use: see {@link #routine()}. */
    ChatRefusal asRoutine() {
        return new ChatRefusal(reason, argument, explanation, true);
    }

    /**
     * Whether it is part of normal use (a client calling with a session that ended while it was away), which the
     * server logs at DEBUG, keeping INFO for refusals an operator may want to read.
     *
     * @return true for a routine refusal
     */
    public boolean routine() {
        return routine;
    }

    /** {@return why the call is refused, which decides the fault code} */
    public Reason reason() {
        return reason;
    }

    /**
     * {@return the argument that breaks a rule ({@code username}, {@code room}, {@code content}); null for other
     * reasons}
     */
    public String argument() {
        return argument;
    }

    /**
     * What is wrong and what to do, worded for the caller.
     *
     * @return for an invalid argument the rule it breaks ("is too long: 40 characters, at most 32"), otherwise a whole
     *         sentence
     */
    public String explanation() {
        return explanation;
    }
}
