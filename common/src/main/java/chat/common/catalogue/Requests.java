package chat.common.catalogue;

import chat.common.MessageBatch;
import chat.common.rpc.Params;
import org.apache.xmlrpc.XmlRpcException;

/**
 * The chat procedures' arguments as records. The client writes each with its {@code toWire()}; the server reads
 * it with the reader its {@link ChatCatalogue} entry names, which refuses a malformed call with a fault naming the
 * argument. Where a reader says nil reads as null, a nil name is an unknown user or room, as the original's
 * clients expect (the original client polls with a nil room after leaving).
 */
public final class Requests {
    private Requests() {
    }

    /** No arguments: {@code list_rooms}, {@code server_status}. */
    public record None() {
        /** The only value. */
        public static final None NONE = new None();

        /** {@return the arguments as the client sends them, null ones as nil} */
        public Object[] toWire() {
            return new Object[0];
        }

        static None fromWire(Params call) {
            return NONE;
        }
    }

    /**
     * One user's name: a name to register, or a registered user saying it is there or leaving.
     *
     * @param username the name; null for nil
     */
    public record User(String username) {
        /** {@return the arguments as the client sends them, null ones as nil} */
        public Object[] toWire() {
            return new Object[] {username};
        }

        /** A name to register: a string, nil refused. */
        static User toRegister(Params call) throws XmlRpcException {
            return new User(call.string(0));
        }

        /** A registered user's name; nil reads as null. */
        static User fromWire(Params call) throws XmlRpcException {
            return new User(call.optionalString(0));
        }
    }

    /**
     * One room's name: a room to create, or a room whose members are asked for.
     *
     * @param room the room's name; null for nil
     */
    public record Room(String room) {
        /** {@return the arguments as the client sends them, null ones as nil} */
        public Object[] toWire() {
            return new Object[] {room};
        }

        /** A room to create: a string, nil refused. */
        static Room toCreate(Params call) throws XmlRpcException {
            return new Room(call.string(0));
        }

        /** An existing room's name; nil reads as null. */
        static Room fromWire(Params call) throws XmlRpcException {
            return new Room(call.optionalString(0));
        }
    }

    /**
     * A user and a room: joining it or leaving it. Nil reads as null.
     *
     * @param username the member
     * @param room     the room joined or left
     */
    public record InRoom(String username, String room) {
        /** {@return the arguments as the client sends them, null ones as nil} */
        public Object[] toWire() {
            return new Object[] {username, room};
        }

        static InRoom fromWire(Params call) throws XmlRpcException {
            return new InRoom(call.optionalString(0), call.optionalString(1));
        }
    }

    /**
     * A message to send: to everyone in the room, or privately to {@code recipient}.
     *
     * @param username  the sender
     * @param room      the room it is sent in
     * @param content   the text
     * @param recipient a member's name, or null for everyone; an empty name is read as null
     */
    public record Post(String username, String room, String content, String recipient) {
        /**
         * Reads an empty recipient as everyone.
         *
         * @param username  the sender
         * @param room      the room it is sent in
         * @param content   the text
         * @param recipient a member's name, or null for everyone; an empty name is read as null
         */
        public Post {
            if (recipient != null && recipient.isEmpty()) {
                recipient = null;
            }
        }

        /** {@return the arguments as the client sends them, null ones as nil} */
        public Object[] toWire() {
            return new Object[] {username, room, content, recipient};
        }

        static Post fromWire(Params call) throws XmlRpcException {
            return new Post(call.optionalString(0), call.optionalString(1), call.string(2), recipient(call));
        }

        /**
         * Everyone for every recipient the original reads as false: nil, none, an empty string, and an empty struct
         * (what davexmlrpc sends for a JavaScript null). Any other value that is not a string is refused.
         */
        private static String recipient(Params call) throws XmlRpcException {
            return call.isEmptyStruct(3) ? null : call.optionalString(3);
        }
    }

    /**
     * A read of a room's messages.
     *
     * @param username the member reading
     * @param room     the room read
     * @param after    the server timestamp the messages are newer than; null for those since the user's previous
     *                 read of this form (the two-argument call, whose cursor the server keeps)
     */
    public record Fetch(String username, String room, Double after) {
        /** {@return the arguments as the client sends them, null ones as nil} */
        public Object[] toWire() {
            return after == null ? new Object[] {username, room} : new Object[] {username, room, after};
        }

        static Fetch fromWire(Params call) throws XmlRpcException {
            return new Fetch(call.optionalString(0), call.optionalString(1), call.has(2) ? call.number(2) : null);
        }
    }

    /**
     * A long poll of a room.
     *
     * @param username the member waiting
     * @param room     the room waited on
     * @param cursor  a sequence number a previous wait answered (a {@link Long}), or a server timestamp (a
     *                {@link Double}: the first wait after join_room); an {@link Integer} is taken as a Long
     * @param seconds how long the server may hold the call, 0 or more (it caps it)
     */
    public record Wait(String username, String room, Number cursor, double seconds) {
        /**
         * Takes an Integer cursor as a Long.
         *
         * @param username the member waiting
         * @param room     the room waited on
         * @param cursor  a sequence number a previous wait answered (a {@link Long}), or a server timestamp (a
         *                {@link Double}: the first wait after join_room); an {@link Integer} is taken as a Long
         * @param seconds how long the server may hold the call, 0 or more (it caps it)
         * @throws IllegalArgumentException for a cursor that is neither a Long nor a Double
         */
        public Wait {
            if (cursor instanceof Integer small) {
                cursor = Long.valueOf(small);
            } else if (!(cursor instanceof Long) && !(cursor instanceof Double)) {
                throw new IllegalArgumentException("the cursor is a Long or a Double, got " + cursor);
            }
        }

        /**
         * The arguments as the client sends them; whole seconds go as an int, as the Java client has always sent
         * them.
         *
         * @return the arguments, null ones as nil
         */
        public Object[] toWire() {
            Object wireCursor = cursor instanceof Long seq ? MessageBatch.cursorToWire(seq) : cursor;
            Object wireSeconds = seconds == (int) seconds ? (Object) (int) seconds : (Object) seconds;
            return new Object[] {username, room, wireCursor, wireSeconds};
        }

        static Wait fromWire(Params call) throws XmlRpcException {
            String username = call.optionalString(0);
            String room = call.optionalString(1);
            double seconds = call.number(3);
            if (!(seconds >= 0)) {
                throw call.invalid(3, "must be a number of seconds, 0 or more");
            }
            Number cursor = call.isInteger(2) || call.isString(2) ? (Number) sequence(call, 2) : (Number) call.number(2);
            return new Wait(username, room, cursor, seconds);
        }

        /** A sequence cursor, an int or (past the int's range) a string of decimal digits. */
        private static long sequence(Params call, int index) throws XmlRpcException {
            try {
                return MessageBatch.cursorFromWire(call.isInteger(index) ? call.integer(index) : call.string(index));
            } catch (IllegalArgumentException e) {
                throw call.invalid(index, "must be an int, a double or a string of decimal digits, got '"
                        + call.string(index) + "'");
            }
        }
    }
}
