package chat.common.catalogue;

import chat.common.JoinedRoom;
import chat.common.Message;
import chat.common.MessageBatch;
import chat.common.ServerStatus;
import chat.common.WireValues;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * How a procedure's answer travels: the server writes it with {@link #toWire}, the client reads it with
 * {@link #fromWire}. One of these per shape of answer; the records it carries ({@link Message}, {@link JoinedRoom},
 * {@link MessageBatch}, {@link ServerStatus}) hold their own conversions.
 *
 * @param <A> the answer as Java reads it
 */
public final class Answer<A> {
    /** {@code true} or {@code false}. */
    public static final Answer<Boolean> BOOLEAN = new Answer<>(yes -> yes, Answer::bool);
    /** An array of names (rooms, users). */
    public static final Answer<List<String>> NAMES = new Answer<>(names -> names, WireValues::strings);
    /** An array of Message structs. */
    public static final Answer<List<Message>> MESSAGES = new Answer<>(
            messages -> messages.stream().<Object>map(Message::toWire).toList(), WireValues::messages);
    /** join_room's {@code [users, messages]}, or nil when the room or the user is unknown (some servers say false). */
    public static final Answer<Optional<JoinedRoom>> JOINED_ROOM = new Answer<>(
            joined -> joined.<Object>map(JoinedRoom::toWire).orElse(null),
            value -> value == null || Boolean.FALSE.equals(value) ? Optional.empty()
                    : Optional.of(JoinedRoom.fromWire(value)));
    /** wait_messages' {@code {cursor, messages}}. */
    public static final Answer<MessageBatch> MESSAGE_BATCH = new Answer<>(MessageBatch::toWire, MessageBatch::fromWire);
    /** register_session's secret token, or {@code false} when the name is taken. */
    public static final Answer<Optional<String>> SESSION_TOKEN = new Answer<>(
            token -> token.<Object>map(secret -> secret).orElse(false), Answer::sessionToken);
    /** nil; whatever comes is taken as nothing. */
    public static final Answer<Void> NOTHING = new Answer<>(nothing -> null, value -> null);
    /** server_status' struct. */
    public static final Answer<ServerStatus> SERVER_STATUS = new Answer<>(ServerStatus::toWire, ServerStatus::fromWire);

    private final Function<? super A, Object> toWire;
    private final Function<Object, ? extends A> fromWire;

    private Answer(Function<? super A, Object> toWire, Function<Object, ? extends A> fromWire) {
        this.toWire = toWire;
        this.fromWire = fromWire;
    }

    /**
     * @param answer what the service answered
     * @return the wire value the server answers with (null for nil)
     */
    public Object toWire(A answer) {
        return toWire.apply(answer);
    }

    /**
     * Reads what the server answered.
     *
     * @param value the wire value, as {@link chat.common.rpc.RpcClient#call} returns it
     * @return the answer
     * @throws IllegalArgumentException it is not an answer of this shape; the message says what came instead
     */
    public A fromWire(Object value) {
        return fromWire.apply(value);
    }

    private static Boolean bool(Object value) {
        if (value instanceof Boolean yes) {
            return yes;
        }
        throw new IllegalArgumentException("expected a boolean, got " + WireValues.typeName(value));
    }

    private static Optional<String> sessionToken(Object value) {
        if (Boolean.FALSE.equals(value)) {
            return Optional.empty();
        }
        if (!(value instanceof String token) || token.isEmpty()) {
            throw new IllegalArgumentException("expected a session token or false, got " + WireValues.typeName(value));
        }
        return Optional.of(token);
    }
}
