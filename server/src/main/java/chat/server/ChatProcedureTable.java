package chat.server;

import chat.common.ChatProcedures;
import chat.common.Message;
import chat.common.rpc.Params;
import chat.common.rpc.ProcedureTable;
import java.util.List;
import org.apache.xmlrpc.XmlRpcException;

/** The eight chat procedures on the wire: thin adapters from XML-RPC arguments to {@link ChatService}. */
final class ChatProcedureTable {
    private ChatProcedureTable() {
    }

    static ProcedureTable of(ChatService chat) {
        return ProcedureTable.builder()
                .add(ChatProcedures.REGISTER_USER, "username",
                        p -> chat.registerUser(name(p, 0)))
                .add(ChatProcedures.CREATE_ROOM, "room",
                        p -> chat.createRoom(name(p, 0)))
                .add(ChatProcedures.JOIN_ROOM, "username room",
                        p -> chat.join(p.optionalString(0), p.optionalString(1)).map(JoinedRoom::toWire).orElse(null))
                .add(ChatProcedures.SEND_MESSAGE, "username room content [recipient]",
                        p -> chat.send(p.optionalString(0), p.optionalString(1), p.string(2), p.optionalString(3)))
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
                .build();
    }

    /** A user or room name: a non-blank string. */
    private static String name(Params p, int index) throws XmlRpcException {
        String name = p.string(index);
        if (name.isBlank()) {
            throw p.invalid(index, "must not be empty");
        }
        return name;
    }

    private static List<Object> wire(List<Message> messages) {
        return messages.stream().<Object>map(Message::toWire).toList();
    }
}
