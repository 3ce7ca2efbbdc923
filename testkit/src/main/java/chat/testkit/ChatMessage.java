package chat.testkit;

import chat.common.Message;
import chat.common.MessageType;
import java.util.Objects;

/**
 * A message as a user in a test received it: who sent it, to whom, and what it says.
 *
 * @param from      the sender's name, or {@value chat.common.Message#SYSTEM} for the chat's notices ("* bob joined")
 * @param to        the recipient of a private message, or {@value chat.common.Message#EVERYONE} for the room
 * @param text      what it says
 * @param isPrivate whether it went to one member only (a whisper)
 */
public record ChatMessage(String from, String to, String text, boolean isPrivate) {
    /**
     * Checks that no component is null.
     *
     * @param from      the sender's name, or {@value chat.common.Message#SYSTEM} for the chat's notices ("* bob joined")
     * @param to        the recipient of a private message, or {@value chat.common.Message#EVERYONE} for the room
     * @param text      what it says
     * @param isPrivate whether it went to one member only (a whisper)
     */
    public ChatMessage {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(text, "text");
    }

    /** The message as it came over the wire. */
    static ChatMessage of(Message message) {
        return new ChatMessage(message.origin(), message.destination(), message.content(),
                message.type() == MessageType.UNICAST);
    }

    /** {@return whether the chat itself said it (someone joined or left), rather than a user} */
    public boolean isNotice() {
        return Message.SYSTEM.equals(from) && !isPrivate;
    }

    /**
     * @param user a user's name
     * @param text the text expected
     * @return whether {@code user} sent it and it says {@code text}
     */
    public boolean is(String user, String text) {
        return from.equals(user) && this.text.equals(text);
    }

    /** As a failure message shows it: {@code alice: hi}, {@code alice -> bob: psst}, {@code * bob joined}. */
    @Override
    public String toString() {
        if (isNotice()) {
            return "* " + text;
        }
        return isPrivate ? from + " -> " + to + ": " + text : from + ": " + text;
    }
}
