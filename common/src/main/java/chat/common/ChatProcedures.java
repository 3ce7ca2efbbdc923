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

    /** Every procedure a chat server registers with the Binder, in the original's order. */
    public static final List<String> ALL = List.of(REGISTER_USER, CREATE_ROOM, JOIN_ROOM, SEND_MESSAGE,
            RECEIVE_MESSAGES, LIST_ROOMS, LIST_USERS, REMOVE_USER);

    /** The Binder's own procedures. */
    public static final String REGISTER_PROCEDURE = "register_procedure";
    public static final String LOOKUP_PROCEDURE = "lookup_procedure";

    private ChatProcedures() {
    }
}
