package chat.common.catalogue;

import chat.common.JoinedRoom;
import chat.common.Message;
import chat.common.MessageBatch;
import chat.common.ServerStatus;
import chat.common.catalogue.Requests.Fetch;
import chat.common.catalogue.Requests.InRoom;
import chat.common.catalogue.Requests.None;
import chat.common.catalogue.Requests.Post;
import chat.common.catalogue.Requests.Room;
import chat.common.catalogue.Requests.User;
import chat.common.catalogue.Requests.Wait;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every chat procedure, each declared once here: a chat server serves them all and registers with the Binder
 * those {@linkplain ChatProcedure#registered() registered}; the client calls them through these entries. The
 * first eight are the Python original's, in its order; the others are this port's, which a Python peer never calls
 * and a Java client uses only where the Binder says the server offers them.
 */
public final class ChatCatalogue {
    /** Filled as the entries below are declared, in their order. */
    private static final List<ChatProcedure<?, ?>> DECLARED = new ArrayList<>();

    /** Reserves a name: {@code true}, or {@code false} when it is taken. */
    public static final ChatProcedure<User, Boolean> REGISTER_USER = declare("register_user", "username")
            .registersAName().request(User::toRegister, User::toWire).answers(Answer.BOOLEAN);

    /** Creates a room: {@code true}, or {@code false} when it exists. */
    public static final ChatProcedure<Room, Boolean> CREATE_ROOM = declare("create_room", "room")
            .request(Room::toCreate, Room::toWire).answers(Answer.BOOLEAN);

    /** Joins a room: its members and recent messages, or nil when the room or the user is unknown. */
    public static final ChatProcedure<InRoom, Optional<JoinedRoom>> JOIN_ROOM = declare("join_room", "username room")
            .actingAs("username").request(InRoom::fromWire, InRoom::toWire).answers(Answer.JOINED_ROOM);

    /** Sends to the room or to one member: {@code false} when the room, the sender or the recipient is unknown. */
    public static final ChatProcedure<Post, Boolean> SEND_MESSAGE = declare("send_message",
            "username room content [recipient]")
            .actingAs("username").request(Post::fromWire, Post::toWire).answers(Answer.BOOLEAN);

    /** The {@link Message}s the user may see after a server timestamp, or since its previous read without one. */
    public static final ChatProcedure<Fetch, List<Message>> RECEIVE_MESSAGES = declare("receive_messages",
            "username room [last_timestamp]")
            .actingAs("username").request(Fetch::fromWire, Fetch::toWire).answers(Answer.MESSAGES);

    /** Every room's name. */
    public static final ChatProcedure<None, List<String>> LIST_ROOMS = declare("list_rooms", "")
            .request(None::fromWire, None::toWire).answers(Answer.NAMES);

    /** A room's members; {@code []} for an unknown room. */
    public static final ChatProcedure<Room, List<String>> LIST_USERS = declare("list_users", "room")
            .request(Room::fromWire, Room::toWire).answers(Answer.NAMES);

    /** Leaves a room: nil. */
    public static final ChatProcedure<InRoom, Void> REMOVE_USER = declare("remove_user", "username room")
            .actingAs("username").request(InRoom::fromWire, InRoom::toWire).answers(Answer.NOTHING);

    /** This port's long poll: a {@link MessageBatch} as soon as a message arrives, or none at the timeout. */
    public static final ChatProcedure<Wait, MessageBatch> WAIT_MESSAGES = declare("wait_messages",
            "username room cursor timeout_seconds")
            .actingAs("username").request(Wait::fromWire, Wait::toWire).answers(Answer.MESSAGE_BATCH);

    /**
     * This port's: a user in the menu says it is still there, so its name is not freed as idle; {@code false}
     * when the name is not registered (any more).
     */
    public static final ChatProcedure<User, Boolean> KEEP_ALIVE = declare("keep_alive", "username")
            .actingAs("username").request(User::fromWire, User::toWire).answers(Answer.BOOLEAN);

    /** This port's: registers a name with a session and answers its secret token, or {@code false} when taken. */
    public static final ChatProcedure<User, Optional<String>> REGISTER_SESSION = declare("register_session", "username")
            .registersAName().request(User::toRegister, User::toWire).answers(Answer.SESSION_TOKEN);

    /** This port's: a user that quits leaves its rooms and frees its name at once; {@code false} when not registered. */
    public static final ChatProcedure<User, Boolean> UNREGISTER_USER = declare("unregister_user", "username")
            .actingAs("username").request(User::fromWire, User::toWire).answers(Answer.BOOLEAN);

    /**
     * This port's status of a chat server, for the deployment's status view: not registered with the Binder, as
     * no client needs it; the status command calls it at each registered address.
     */
    public static final ChatProcedure<None, ServerStatus> SERVER_STATUS = declare("server_status", "")
            .unregistered().request(None::fromWire, None::toWire).answers(Answer.SERVER_STATUS);

    private static final List<ChatProcedure<?, ?>> ALL = List.copyOf(DECLARED);

    private ChatCatalogue() {
    }

    /** {@return every procedure, in the order a server adds them and registers those registered} */
    public static List<ChatProcedure<?, ?>> all() {
        return ALL;
    }

    /** {@return the names a chat server registers with the Binder, in order} */
    public static List<String> registeredNames() {
        return ALL.stream().filter(ChatProcedure::registered).map(ChatProcedure::name).toList();
    }

    /**
     * The procedure called {@code name}, if it is a chat procedure.
     *
     * @param name a wire name
     * @return the procedure; empty for a name that is not a chat procedure's
     */
    public static Optional<ChatProcedure<?, ?>> named(String name) {
        return ALL.stream().filter(procedure -> procedure.name().equals(name)).findFirst();
    }

    private static ChatProcedure.Declaration declare(String name, String spec) {
        if (DECLARED.stream().anyMatch(procedure -> procedure.name().equals(name))) {
            throw new IllegalStateException(name + " is declared twice");
        }
        return ChatProcedure.declare(name, spec, DECLARED::add);
    }
}
