package chat.client;

import chat.common.ChatProcedures;
import chat.common.Endpoint;
import chat.common.catalogue.ChatProcedure;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The session tokens servers gave this client's names ({@code register_session}), and which one each call
 * carries: the token of the user the call acts as, or, for a call that names no user, of the name the server last
 * gave this client a session for; a call that registers a name carries none. Thread-safe.
 */
final class HeldSessions {
    /** The session token each server gave each name this client registered there. */
    private final ConcurrentMap<SessionKey, String> tokens = new ConcurrentHashMap<>();
    /** The name a server last gave this client a session for: calls naming no user carry its token. */
    private final ConcurrentMap<Endpoint, String> sessionUser = new ConcurrentHashMap<>();

    private record SessionKey(Endpoint server, String user) {
    }

    /**
     * From now on, calls to {@code server} for {@code user} carry {@code token} (null: none), and so do calls
     * naming no user.
     */
    void use(Endpoint server, String user, String token) {
        SessionKey key = new SessionKey(server, user);
        if (token == null) {
            tokens.remove(key);
            sessionUser.remove(server, user);
        } else {
            tokens.put(key, token);
            sessionUser.put(server, user);
        }
    }

    /** Keeps the token a register_session at {@code server} answered for {@code user}; false when the name was taken. */
    boolean keep(Endpoint server, String user, Optional<String> token) {
        token.ifPresent(secret -> use(server, user, secret));
        return token.isPresent();
    }

    /** The session token calls to {@code server} for {@code user} carry, if any. */
    Optional<String> token(Endpoint server, String user) {
        return user == null ? Optional.empty() : Optional.ofNullable(tokens.get(new SessionKey(server, user)));
    }

    /** The session header a call of {@code procedure} with {@code arguments} to {@code server} carries, if any. */
    Map<String, String> headersFor(Endpoint server, ChatProcedure<?, ?> procedure, Object[] arguments) {
        if (tokens.isEmpty() || procedure.registersAName()) {
            return Map.of();
        }
        String user = procedure.actingUser().isPresent() ? procedure.actingUser(arguments) : sessionUser.get(server);
        Optional<String> token = token(server, user);
        return token.isEmpty() ? Map.of() : Map.of(ChatProcedures.SESSION_HEADER, token.get());
    }
}
