package chat.common;

import chat.common.catalogue.ChatCatalogue;
import java.util.List;

/**
 * The names of the procedures: the chat server's, as {@link ChatCatalogue} declares them (named here for the code
 * that names them), and the Binder's.
 */
public final class ChatProcedures {
    /** {@code register_user(username)}: reserves a name. */
    public static final String REGISTER_USER = ChatCatalogue.REGISTER_USER.name();
    /** {@code create_room(room)}: creates a room. */
    public static final String CREATE_ROOM = ChatCatalogue.CREATE_ROOM.name();
    /** {@code join_room(username, room)}: enters a room, answering its members and recent messages. */
    public static final String JOIN_ROOM = ChatCatalogue.JOIN_ROOM.name();
    /** {@code send_message(username, room, content, [recipient])}: sends to a room or one member. */
    public static final String SEND_MESSAGE = ChatCatalogue.SEND_MESSAGE.name();
    /** {@code receive_messages(username, room, [after])}: the room's messages the user may see. */
    public static final String RECEIVE_MESSAGES = ChatCatalogue.RECEIVE_MESSAGES.name();
    /** {@code list_rooms()}: the rooms' names. */
    public static final String LIST_ROOMS = ChatCatalogue.LIST_ROOMS.name();
    /** {@code list_users(room)}: a room's members. */
    public static final String LIST_USERS = ChatCatalogue.LIST_USERS.name();
    /** {@code remove_user(username, room)}: leaves a room. */
    public static final String REMOVE_USER = ChatCatalogue.REMOVE_USER.name();
    /** {@code wait_messages(username, room, cursor, seconds)}: the long poll (this port's). */
    public static final String WAIT_MESSAGES = ChatCatalogue.WAIT_MESSAGES.name();
    /** {@code register_session(username)}: reserves a name with a session token (this port's). */
    public static final String REGISTER_SESSION = ChatCatalogue.REGISTER_SESSION.name();
    /** {@code keep_alive(username)}: says a user is still there (this port's). */
    public static final String KEEP_ALIVE = ChatCatalogue.KEEP_ALIVE.name();
    /** {@code unregister_user(username)}: frees a name at once (this port's). */
    public static final String UNREGISTER_USER = ChatCatalogue.UNREGISTER_USER.name();
    /** {@code server_status()}: what a server holds and how it stores it (this port's). */
    public static final String SERVER_STATUS = ChatCatalogue.SERVER_STATUS.name();

    /** The HTTP header in which a client with a session sends its token, on every call. */
    public static final String SESSION_HEADER = "X-Chat-Session";

    /**
     * Not a procedure: the Binder name under which this port's clustered chat servers register their cluster
     * member's address (where the other members reach it), so members find each other through the Binder.
     */
    public static final String CLUSTER_MEMBER = "chat.cluster.member";

    /**
     * Not a procedure: the name under which Binders of one deployment are known to each other. A Binder shares
     * its registrations with every live endpoint of this name, and shares the name itself, so a Binder learns
     * of the peers its peers know.
     */
    public static final String BINDER_PEER = "chat.binder.peer";

    /** The original's eight procedures, in its order. */
    public static final List<String> ALL = List.of(REGISTER_USER, CREATE_ROOM, JOIN_ROOM, SEND_MESSAGE,
            RECEIVE_MESSAGES, LIST_ROOMS, LIST_USERS, REMOVE_USER);

    /** Every procedure a Java chat server registers with the Binder: the original's and this port's. */
    public static final List<String> REGISTERED = ChatCatalogue.registeredNames();

    /** The Binder's {@code register_procedure(name, address, port, [secret])}. */
    public static final String REGISTER_PROCEDURE = "register_procedure";
    /** The Binder's {@code lookup_procedure(name)}: where a name is served, or nil. */
    public static final String LOOKUP_PROCEDURE = "lookup_procedure";

    /** This port's Binder extension: forget one endpoint of a name (same admission as registering). */
    public static final String UNREGISTER_PROCEDURE = "unregister_procedure";
    /** This port's Binder extension: every live endpoint of a name, as an array of {@code [address, port]}. */
    public static final String LOOKUP_ENDPOINTS = "lookup_endpoints";
    /** This port's Binder extension: every registration with its liveness, for the status view. */
    public static final String LIST_REGISTRATIONS = "list_registrations";
    /**
     * This port's Binder extension, between Binders: registers each {@code [name, address, port]} of an array at
     * once, with the admission of {@link #REGISTER_PROCEDURE} (same addresses, same secret).
     */
    public static final String SHARE_REGISTRATIONS = "share_registrations";

    private ChatProcedures() {
    }
}
