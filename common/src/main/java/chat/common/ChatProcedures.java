package chat.common;

import java.util.List;

/** The names of the chat server's procedures, as registered with the Binder. */
public final class ChatProcedures {
    public static final String REGISTER_USER = "register_user";
    public static final String CREATE_ROOM = "create_room";
    public static final String JOIN_ROOM = "join_room";
    public static final String SEND_MESSAGE = "send_message";
    public static final String RECEIVE_MESSAGES = "receive_messages";
    public static final String LIST_ROOMS = "list_rooms";
    public static final String LIST_USERS = "list_users";
    public static final String REMOVE_USER = "remove_user";

    /** This port's long-poll: messages as soon as they arrive (the Python original does not offer it). */
    public static final String WAIT_MESSAGES = "wait_messages";

    /** This port's: registers a name with a session and answers its secret token (or false when taken). */
    public static final String REGISTER_SESSION = "register_session";
    /** This port's: a user in the menu says it is still there, so its name is not freed as idle. */
    public static final String KEEP_ALIVE = "keep_alive";
    /** This port's: a user that quits leaves its rooms and frees its name at once. */
    public static final String UNREGISTER_USER = "unregister_user";

    /** The HTTP header in which a client with a session sends its token, on every call. */
    public static final String SESSION_HEADER = "X-Chat-Session";

    /**
     * This port's status of a chat server, for the deployment's status view: not registered with the
     * Binder, as no client needs it; the status command calls it at each registered address.
     */
    public static final String SERVER_STATUS = "server_status";

    /**
     * Not a procedure: the Binder name under which this port's clustered chat servers register their cluster
     * member's address (where the other members reach it), so members find each other through the Binder.
     */
    public static final String CLUSTER_MEMBER = "chat.cluster.member";

    /** The original's eight procedures, in its order. */
    public static final List<String> ALL = List.of(REGISTER_USER, CREATE_ROOM, JOIN_ROOM, SEND_MESSAGE,
            RECEIVE_MESSAGES, LIST_ROOMS, LIST_USERS, REMOVE_USER);

    /** Every procedure a Java chat server registers with the Binder: the original's and this port's. */
    public static final List<String> REGISTERED = List.of(REGISTER_USER, CREATE_ROOM, JOIN_ROOM, SEND_MESSAGE,
            RECEIVE_MESSAGES, LIST_ROOMS, LIST_USERS, REMOVE_USER, WAIT_MESSAGES, KEEP_ALIVE, REGISTER_SESSION,
            UNREGISTER_USER);

    /** The Binder's own procedures. */
    public static final String REGISTER_PROCEDURE = "register_procedure";
    public static final String LOOKUP_PROCEDURE = "lookup_procedure";

    /** This port's Binder extension: forget one endpoint of a name (same admission as registering). */
    public static final String UNREGISTER_PROCEDURE = "unregister_procedure";
    /** This port's Binder extension: every live endpoint of a name, as an array of {@code [address, port]}. */
    public static final String LOOKUP_ENDPOINTS = "lookup_endpoints";
    /** This port's Binder extension: every registration with its liveness, for the status view. */
    public static final String LIST_REGISTRATIONS = "list_registrations";

    private ChatProcedures() {
    }
}
