package chat.server;

import chat.common.ChatProcedures;
import chat.common.Message;
import chat.common.rpc.Faults;
import chat.common.rpc.Params;
import chat.common.rpc.ProcedureTable;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.apache.xmlrpc.XmlRpcException;

/**
 * The eight chat procedures on the wire: thin adapters from XML-RPC arguments to {@link ChatService}.
 * A {@link ChatRefusal} becomes a fault: an argument that breaks a rule {@value Faults#INVALID_PARAMS},
 * a full server {@value Faults#LIMIT_REACHED}, a user sending too fast {@value Faults#RATE_LIMITED}.
 */
final class ChatProcedureTable {
    private ChatProcedureTable() {
    }

    static ProcedureTable of(ChatService chat) {
        return ProcedureTable.builder()
                .add(ChatProcedures.REGISTER_USER, "username", p -> {
                    String username = p.string(0);
                    return refusable(p, 0, () -> chat.registerUser(username));
                })
                .add(ChatProcedures.CREATE_ROOM, "room", p -> {
                    String room = p.string(0);
                    return refusable(p, 0, () -> chat.createRoom(room));
                })
                .add(ChatProcedures.JOIN_ROOM, "username room",
                        p -> chat.join(p.optionalString(0), p.optionalString(1)).map(JoinedRoom::toWire).orElse(null))
                .add(ChatProcedures.SEND_MESSAGE, "username room content [recipient]", p -> {
                    String username = p.optionalString(0);
                    String room = p.optionalString(1);
                    String content = p.string(2);
                    String recipient = p.optionalString(3);
                    return refusable(p, 2, () -> chat.send(username, room, content, recipient));
                })
                .add(ChatProcedures.RECEIVE_MESSAGES, "username room [last_timestamp]",
                        p -> wire(p.has(2)
                                ? chat.receive(p.optionalString(0), p.optionalString(1), p.number(2))
                                : chat.receiveSinceLastFetch(p.optionalString(0), p.optionalString(1))))
                .add(ChatProcedures.LIST_ROOMS, "",
                        p -> chat.listRooms())
                .add(ChatProcedures.LIST_USERS, "room",
                        p -> chat.listUsers(p.optionalString(0)))
                .add(ChatProcedures.REMOVE_USER, "username room", p -> {
                    chat.leave(p.optionalString(0), p.optionalString(1));
                    return null;
                })
                .add(ChatProcedures.WAIT_MESSAGES, "username room cursor timeout_seconds", p -> waitMessages(chat, p))
                .add(ChatProcedures.KEEP_ALIVE, "username", p -> chat.keepAlive(p.optionalString(0)))
                .build();
    }

    /** The longest a wait_messages call is held open, whatever it asks for. */
    static final Duration MAX_WAIT = Duration.ofSeconds(60);

    /**
     * wait_messages: the cursor is an int (a sequence number it answered before) or a double (a server
     * timestamp, for the first wait after join_room); the answer comes when there is something new.
     */
    private static Object waitMessages(ChatService chat, Params p) throws XmlRpcException {
        String user = p.optionalString(0);
        String room = p.optionalString(1);
        double seconds = p.number(3);
        if (!(seconds >= 0)) {
            throw p.invalid(3, "must be a number of seconds, 0 or more");
        }
        Duration timeout = Duration.ofMillis((long) (Math.min(seconds, MAX_WAIT.toSeconds()) * 1000));
        CompletableFuture<Optional<MessageBatch>> batch = p.isInteger(2)
                ? chat.waitAfterSeq(user, room, p.integer(2), timeout)
                : chat.waitAfterTimestamp(user, room, p.number(2), timeout);
        return batch.thenApply(answer -> answer.map(MessageBatch::toWire).orElseThrow(() -> new CompletionException(
                Faults.invalidParams(ChatProcedures.WAIT_MESSAGES, Faults.shown(user) + " is not a member of room "
                        + Faults.shown(room)))));
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
            };
        }
    }

    private static List<Object> wire(List<Message> messages) {
        return messages.stream().<Object>map(Message::toWire).toList();
    }
}
