package chat.server;

import chat.common.ChatProcedures;
import chat.common.JoinedRoom;
import chat.common.Message;
import chat.common.MessageBatch;
import chat.common.ServerStatus;
import chat.common.rpc.Faults;
import chat.common.rpc.Params;
import chat.common.rpc.Procedure;
import chat.common.rpc.ProcedureTable;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.apache.xmlrpc.XmlRpcException;

/**
 * The chat procedures on the wire: thin adapters from XML-RPC arguments to {@link ChatService}, each
 * first admitted by the {@link SessionGate} (a session token travels in the
 * {@value ChatProcedures#SESSION_HEADER} header). A {@link ChatRefusal} becomes a fault: an argument
 * that breaks a rule {@value Faults#INVALID_PARAMS}, a full server {@value Faults#LIMIT_REACHED}, a user
 * sending too fast {@value Faults#RATE_LIMITED}, a call that may not act as that user
 * {@value Faults#NOT_ALLOWED}.
 */
final class ChatProcedureTable {
    private ChatProcedureTable() {
    }

    /** The procedures answering every call of the original form, as the original does. */
    static ProcedureTable of(ChatService chat) {
        return of(chat, new SessionGate(chat.store(), SessionPolicy.OPEN));
    }

    static ProcedureTable of(ChatService chat, SessionGate gate) {
        return of(chat, gate, () -> null);
    }

    /**
     * The procedures, with {@code cluster} saying this server's place in its cluster in {@code server_status}
     * (null for a server that keeps its chat alone).
     */
    static ProcedureTable of(ChatService chat, SessionGate gate, Supplier<ServerStatus.Cluster> cluster) {
        return ProcedureTable.builder()
                .nonBlocking(chat.store().nonBlocking())
                .add(ChatProcedures.REGISTER_USER, "username", p -> {
                    String username = p.string(0);
                    return refusable(p, 0, () -> {
                        gate.admit(token(p), null);
                        return chat.registerUser(username);
                    });
                })
                .add(ChatProcedures.CREATE_ROOM, "room", p -> {
                    String room = p.string(0);
                    return refusable(p, 0, () -> {
                        anonymous(chat, gate, token(p));
                        return chat.createRoom(room);
                    });
                })
                .add(ChatProcedures.JOIN_ROOM, "username room", p -> {
                    String username = p.optionalString(0);
                    String room = p.optionalString(1);
                    return refusable(p, 0, () -> {
                        gate.admit(token(p), username);
                        return chat.join(username, room).map(JoinedRoom::toWire).orElse(null);
                    });
                })
                .add(ChatProcedures.SEND_MESSAGE, "username room content [recipient]", p -> {
                    String username = p.optionalString(0);
                    String room = p.optionalString(1);
                    String content = p.string(2);
                    String recipient = p.optionalString(3);
                    return refusable(p, 2, () -> {
                        gate.admit(token(p), username);
                        return chat.send(username, room, content, recipient);
                    });
                })
                .add(ChatProcedures.RECEIVE_MESSAGES, "username room [last_timestamp]", true, p -> {
                    String username = p.optionalString(0);
                    String room = p.optionalString(1);
                    Double after = p.has(2) ? p.number(2) : null;
                    // Without a timestamp it moves the user's cursor: a write, which may wait.
                    String token = token(p);
                    return routed(after != null && chat.answersFromMemory(username, room), p, call -> refusable(call, 0, () -> {
                        gate.admit(token, username);
                        return wire(after != null
                                ? chat.receive(username, room, after)
                                : chat.receiveSinceLastFetch(username, room));
                    }));
                })
                .add(ChatProcedures.LIST_ROOMS, "", true, p -> {
                    String token = token(p);
                    return routed(token == null && chat.answersFromMemory(null, null), p, call -> refusable(call, 0, () -> {
                        anonymous(chat, gate, token);
                        return chat.listRooms();
                    }));
                })
                .add(ChatProcedures.LIST_USERS, "room", true, p -> {
                    String room = p.optionalString(0);
                    String token = token(p);
                    return routed(token == null && chat.answersFromMemory(null, room), p, call -> refusable(call, 0, () -> {
                        anonymous(chat, gate, token);
                        return chat.listUsers(room);
                    }));
                })
                .add(ChatProcedures.REMOVE_USER, "username room", p -> {
                    String username = p.optionalString(0);
                    String room = p.optionalString(1);
                    return refusable(p, 0, () -> {
                        gate.admit(token(p), username);
                        chat.leave(username, room);
                        return null;
                    });
                })
                .add(ChatProcedures.WAIT_MESSAGES, "username room cursor timeout_seconds", true, p -> {
                    String username = p.optionalString(0);
                    String token = token(p);
                    return routed(chat.answersFromMemory(username, p.optionalString(1)), p, call -> {
                        refusable(call, 0, () -> gate.admit(token, username));
                        return waitMessages(chat, call);
                    });
                })
                .add(ChatProcedures.KEEP_ALIVE, "username", p -> {
                    String username = p.optionalString(0);
                    return refusable(p, 0, () -> {
                        gate.admit(token(p), username);
                        return chat.keepAlive(username);
                    });
                })
                .add(ChatProcedures.REGISTER_SESSION, "username", p -> {
                    String username = p.string(0);
                    return refusable(p, 0, () -> chat.registerSession(username).<Object>map(t -> t).orElse(false));
                })
                .add(ChatProcedures.UNREGISTER_USER, "username", p -> {
                    String username = p.optionalString(0);
                    return refusable(p, 0, () -> {
                        gate.admitFreeing(token(p), username);
                        return chat.unregister(username);
                    });
                })
                .add(ChatProcedures.SERVER_STATUS, "", p -> chat.status().withCluster(cluster.get()).toWire())
                .build();
    }

    /**
     * Runs a read {@code body} on this thread when {@code fromMemory} (the chat answers it from this server's
     * memory, see {@link ChatService#answersFromMemory}), else where it may wait: these procedures are declared
     * non-blocking, and keep the promise by routing themselves. A session's token is checked against its
     * registration, which is why calls with one are routed as they are; it is read before {@code body} may be
     * handed on (a call's headers are let go once its procedure returns).
     */
    private static Object routed(boolean fromMemory, Params p, Procedure body) throws XmlRpcException {
        return fromMemory ? body.call(p) : p.offloaded(body);
    }

    /** The session token the call carries, or null for a call of the original form. */
    private static String token(Params p) {
        return p.header(ChatProcedures.SESSION_HEADER);
    }

    /** Admits a call that names no user; one with a session counts as its user being there. */
    private static void anonymous(ChatService chat, SessionGate gate, String token) {
        gate.admit(token, null).ifPresent(chat::keepAlive);
    }

    /** The longest a wait_messages call is held open, whatever it asks for. */
    static final Duration MAX_WAIT = Duration.ofSeconds(60);

    /**
     * wait_messages: the cursor is a sequence number it answered before (an int, or past the int's range a string
     * of its digits) or a double (a server timestamp, for the first wait after join_room); the answer comes when
     * there is something new.
     */
    private static Object waitMessages(ChatService chat, Params p) throws XmlRpcException {
        String user = p.optionalString(0);
        String room = p.optionalString(1);
        double seconds = p.number(3);
        if (!(seconds >= 0)) {
            throw p.invalid(3, "must be a number of seconds, 0 or more");
        }
        Duration timeout = Duration.ofMillis((long) (Math.min(seconds, MAX_WAIT.toSeconds()) * 1000));
        CompletableFuture<Optional<MessageBatch>> batch = p.isInteger(2) || p.isString(2)
                ? chat.waitAfterSeq(user, room, sequenceCursor(p, 2), timeout)
                : chat.waitAfterTimestamp(user, room, p.number(2), timeout);
        return batch.thenApply(answer -> answer.map(MessageBatch::toWire).orElseThrow(() -> new CompletionException(
                Faults.invalidParams(ChatProcedures.WAIT_MESSAGES, Faults.shown(user) + " is not a member of room "
                        + Faults.shown(room)))));
    }

    /** A sequence cursor argument, an int or (past the int's range) a string of decimal digits. */
    private static long sequenceCursor(Params p, int index) throws XmlRpcException {
        try {
            return MessageBatch.cursorFromWire(p.isInteger(index) ? p.integer(index) : p.string(index));
        } catch (IllegalArgumentException e) {
            throw p.invalid(index, "must be an int, a double or a string of decimal digits, got '" + p.string(index) + "'");
        }
    }

    /**
     * Runs {@code call}, answering a refusal with its fault; {@code argument} is the position of the one
     * argument whose value the rules may refuse.
     */
    private static Object refusable(Params p, int argument, Supplier<Object> call) throws XmlRpcException {
        try {
            return call.get();
        } catch (ChatRefusal refusal) {
            throw switch (refusal.reason()) {
                case INVALID_ARGUMENT -> p.invalid(argument, refusal.explanation());
                case LIMIT_REACHED -> Faults.limitReached(p.procedure(), refusal.explanation());
                case RATE_LIMITED -> Faults.rateLimited(p.procedure(), refusal.explanation());
                case NOT_ALLOWED -> Faults.notAllowed(p.procedure(), refusal.explanation());
            };
        }
    }

    private static List<Object> wire(List<Message> messages) {
        return messages.stream().<Object>map(Message::toWire).toList();
    }
}
