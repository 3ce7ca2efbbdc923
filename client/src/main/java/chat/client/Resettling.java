package chat.client;

import chat.client.ChatCallException.Reason;
import chat.client.ServerMove.Outcome;
import chat.common.Endpoint;
import chat.common.catalogue.ChatCatalogue;
import chat.common.catalogue.Requests.InRoom;
import chat.common.catalogue.Requests.None;
import chat.common.catalogue.Requests.Room;
import chat.common.catalogue.Requests.User;
import chat.common.rpc.Faults;
import chat.common.rpc.RpcTransportException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Sets up on a server the client moves to what the person had on the old one: its session where that server
 * shares the chat, else its name registered again, and the room it was in entered again (created first where that
 * server's chat does not have it).
 */
final class Resettling implements ServerLocator.Arrival {
    private final ServerLocator servers;
    private final HeldSessions sessions;
    private final Supplier<String> user;
    private final Supplier<String> room;

    /**
     * @param user the name the client registered (null before), read at each move
     * @param room the room it is in (null when none), read at each move
     */
    Resettling(ServerLocator servers, HeldSessions sessions, Supplier<String> user, Supplier<String> room) {
        this.servers = servers;
        this.sessions = sessions;
        this.user = user;
        this.room = room;
    }

    /**
     * Sets up on {@code to}, a server the client moves to, the name and the room it had: enters the room again
     * (a no-op for a server that shares the chat), registering the name first and creating the room when that
     * server does not know them (a separate chat). Calls only {@code to}.
     *
     * @throws RpcTransportException {@code to} does not answer either
     */
    @Override
    public ServerMove arrive(Endpoint from, Endpoint to) {
        String me = user.get();
        String in = room.get();
        if (me == null) {
            answersAtAll(to);
            return new ServerMove(from, to, null, null, Outcome.KEPT);
        }
        try {
            carrySession(from, to, me);
            if (in != null && joinedAt(to, me, in)) {
                return new ServerMove(from, to, me, in, Outcome.KEPT);
            }
            boolean registeredAgain = registerAt(to, me);
            if (in == null) {
                return new ServerMove(from, to, me, null, registeredAgain ? Outcome.REGISTERED_AGAIN : Outcome.KEPT);
            }
            boolean joined = registeredAgain && joinedAt(to, me, in);
            if (!joined) {
                servers.callAt(to, ChatCatalogue.CREATE_ROOM, new Room(in)); // false: it exists, the user was not in it
                joined = joinedAt(to, me, in);
            }
            Outcome outcome = !joined ? Outcome.NOT_RESTORED
                    : registeredAgain ? Outcome.REGISTERED_AGAIN : Outcome.JOINED_AGAIN;
            return new ServerMove(from, to, me, in, outcome);
        } catch (ChatCallException refusedOrGarbled) {
            return new ServerMove(from, to, me, in, Outcome.NOT_RESTORED);
        }
    }

    /**
     * Lends {@code to} the session {@code from} gave: a server sharing the chat knows it, and it goes on; one
     * with a chat of its own refuses it, and is given none (the name is registered there again, with a session
     * of its own where it offers them).
     */
    private void carrySession(Endpoint from, Endpoint to, String me) {
        Optional<String> token = from == null ? Optional.empty() : sessions.token(from, me);
        if (token.isEmpty() || sessions.token(to, me).isPresent()) {
            return;
        }
        sessions.use(to, me, token.get());
        try {
            if (!servers.callAt(to, ChatCatalogue.KEEP_ALIVE, new User(me))) {
                sessions.use(to, me, null);
            }
        } catch (ChatCallException refused) {
            sessions.use(to, me, null);
        }
    }

    /** Registers {@code me} at {@code to}, with a session where it offers them; false when the name is taken there. */
    boolean registerAt(Endpoint to, String me) {
        try {
            return sessions.keep(to, me, servers.callAt(to, ChatCatalogue.REGISTER_SESSION, new User(me)));
        } catch (ChatCallException refused) {
            if (!refused.isRefusal() || refused.faultCode() == Faults.NOT_ALLOWED
                    || refused.faultCode() == Faults.LIMIT_REACHED || refused.faultCode() == Faults.INVALID_PARAMS) {
                throw refused;
            }
            return servers.callAt(to, ChatCatalogue.REGISTER_USER, new User(me)); // a server without sessions
        }
    }

    private boolean joinedAt(Endpoint server, String username, String room) {
        return servers.callAt(server, ChatCatalogue.JOIN_ROOM, new InRoom(username, room)).isPresent();
    }

    /** Asks {@code server} for its rooms, to see that it answers; what it answers does not matter. */
    private void answersAtAll(Endpoint server) {
        try {
            servers.callAt(server, ChatCatalogue.LIST_ROOMS, None.NONE);
        } catch (ChatCallException e) {
            if (e.reason() != Reason.BAD_ANSWER) {
                throw e;
            }
        }
    }
}
