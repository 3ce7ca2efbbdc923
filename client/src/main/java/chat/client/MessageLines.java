package chat.client;

import chat.common.Message;
import chat.common.MessageType;

/**
 * How a chat message reads on the person's screen: {@code origin: content} for everyone, a marked
 * line for private messages, and the server's notices set apart and in the person's language.
 */
final class MessageLines {
    /** The content of the server's notices, as the original writes them (always in Portuguese). */
    private static final String JOINED = " entrou na sala.";
    private static final String LEFT = " saiu da sala.";

    private final Texts texts;

    MessageLines(Texts texts) {
        this.texts = texts;
    }

    String format(Message message) {
        if (message.type() == MessageType.UNICAST) {
            return texts.get("line.private", message.origin(), message.destination(), message.content());
        }
        if (Message.SYSTEM.equals(message.origin())) {
            return texts.get("line.notice", notice(message.content()));
        }
        return texts.get("line.broadcast", message.origin(), message.content());
    }

    private String notice(String content) {
        if (content.endsWith(JOINED) && content.length() > JOINED.length()) {
            return texts.get("notice.joined", content.substring(0, content.length() - JOINED.length()));
        }
        if (content.endsWith(LEFT) && content.length() > LEFT.length()) {
            return texts.get("notice.left", content.substring(0, content.length() - LEFT.length()));
        }
        return content;
    }
}
