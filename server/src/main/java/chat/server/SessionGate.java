package chat.server;

import chat.common.ChatProcedures;
import chat.common.rpc.Faults;
import chat.server.store.ChatStore;
import chat.server.store.Registration;
import java.util.Objects;
import java.util.Optional;

/**
 * Who may act as whom. A call that carries a session token (in the {@value ChatProcedures#SESSION_HEADER}
 * header) acts only as the user the token was issued to, and only while that user's session lives; a call
 * of the original form (no token) is answered as the {@link SessionPolicy} says. Refusals are
 * {@link ChatRefusal.Reason#NOT_ALLOWED} and say what to do; they never repeat a token. Thread-safe.
 */
final class SessionGate {
    private final ChatStore store;
    private final SessionPolicy policy;

    SessionGate(ChatStore store, SessionPolicy policy) {
        this.store = Objects.requireNonNull(store, "store");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    SessionPolicy policy() {
        return policy;
    }

    /**
     * Checks that a call carrying {@code token} (null: none) may act as {@code username} (null: a call that
     * names no user, such as {@code list_rooms}).
     *
     * @return the user the token belongs to, or empty for a call of the original form
     * @throws ChatRefusal the call may not act as that user
     */
    Optional<String> admit(String token, String username) {
        if (token != null) {
            return Optional.of(owner(token, username));
        }
        switch (policy) {
            case OPEN -> {
            }
            case PROTECT -> refuseIfItHoldsASession(username, "--sessions protect");
            case REQUIRE -> throw ChatRefusal.notAllowed("this server answers only calls with a session (--sessions"
                    + " require): register with " + ChatProcedures.REGISTER_SESSION + " and send its token in the "
                    + ChatProcedures.SESSION_HEADER + " header of every call");
        }
        return Optional.empty();
    }

    /**
     * As {@link #admit}, for a call that frees a name ({@code unregister_user}): only with the name's session token,
     * whatever the policy. A call without one could come from anyone, so a name registered without a session
     * is freed by the idle rule only.
     */
    Optional<String> admitFreeing(String token, String username) {
        if (token == null) {
            throw ChatRefusal.notAllowed("a name is freed only by its session: call with the token "
                    + ChatProcedures.REGISTER_SESSION + " answered, in the " + ChatProcedures.SESSION_HEADER
                    + " header; a name registered without a session (" + ChatProcedures.REGISTER_USER + ") is freed"
                    + " once its user has made no call for the server's --idle-free time");
        }
        return admit(token, username);
    }

    private void refuseIfItHoldsASession(String username, String why) {
        if (username != null && store.registration(username).map(Registration::hasSession).orElse(false)) {
            throw ChatRefusal.notAllowed(Faults.shown(username) + " holds a session (" + why + "): calls for it must"
                    + " carry its token in the " + ChatProcedures.SESSION_HEADER + " header");
        }
    }

    private String owner(String token, String username) {
        Optional<String> owner = SessionTokens.owner(token);
        if (owner.isEmpty()) {
            throw ChatRefusal.notAllowed("the " + ChatProcedures.SESSION_HEADER + " header does not hold a session"
                    + " token of this server; register with " + ChatProcedures.REGISTER_SESSION + " to get one");
        }
        String name = owner.get();
        if (username != null && !name.equals(username)) {
            throw ChatRefusal.notAllowed("the session is " + Faults.shown(name) + "'s, not " + Faults.shown(username)
                    + "'s: a session acts only as the user that registered it");
        }
        Optional<Registration> registration = store.registration(name);
        if (registration.isEmpty() || !SessionTokens.matches(token, registration.get().sessionHash())) {
            // Almost always a session that ended while its client was away (or on another server): routine.
            throw ChatRefusal.notAllowed("no session of " + Faults.shown(name) + " has this token (a wrong token, or"
                    + " the session ended: its user quit, or made no call for a long time and its name was freed);"
                    + " register again").asRoutine();
        }
        return name;
    }
}
