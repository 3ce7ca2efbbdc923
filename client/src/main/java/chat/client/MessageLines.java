package chat.client;

import chat.common.Message;
import chat.common.MessageType;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * How a chat message reads on the person's screen: {@code origin: content} for everyone, a marked
 * line for private messages, actions ({@code /me}) as {@code * ana waves}, and the server's notices set
 * apart and in the person's language; on a terminal with the local time first, each name in its own
 * colour, and a mention of the person highlighted.
 */
final class MessageLines {
    /** The content of the server's notices, as the original writes them (always in Portuguese). */
    private static final String JOINED = " entrou na sala.";
    private static final String LEFT = " saiu da sala.";
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    /** Colours for names; red is kept for errors. */
    private static final List<Integer> NAME_COLOURS = List.of(AttributedStyle.GREEN, AttributedStyle.YELLOW,
            AttributedStyle.BLUE, AttributedStyle.MAGENTA, AttributedStyle.CYAN,
            AttributedStyle.GREEN | AttributedStyle.BRIGHT, AttributedStyle.BLUE | AttributedStyle.BRIGHT,
            AttributedStyle.CYAN | AttributedStyle.BRIGHT);
    static final AttributedStyle NOTICE = AttributedStyle.DEFAULT.faint().italic();
    static final AttributedStyle PRIVATE = AttributedStyle.DEFAULT.foreground(AttributedStyle.MAGENTA).bold();
    static final AttributedStyle MENTION = AttributedStyle.DEFAULT.bold().inverse();
    static final AttributedStyle ERROR = AttributedStyle.DEFAULT.foreground(AttributedStyle.RED);
    static final AttributedStyle TIME = AttributedStyle.DEFAULT.faint();

    private final Texts texts;
    private final Display display;

    MessageLines(Texts texts) {
        this(texts, Display.plain());
    }

    MessageLines(Texts texts, Display display) {
        this.texts = texts;
        this.display = display;
    }

    /** The line without styles or time, as over a pipe. */
    String format(Message message) {
        return text(message);
    }

    /** The content {@code /me action} sends, which the original client shows as {@code ana: * ana waves}. */
    static String action(String user, String action) {
        return "* " + user + " " + action;
    }

    /** Whether {@code message} was written by someone else and names {@code viewer} as a word, in any case. */
    static boolean mentions(Message message, String viewer) {
        return viewer != null && !viewer.isEmpty() && !Message.SYSTEM.equals(message.origin())
                && !message.origin().equals(viewer) && mention(viewer).matcher(message.content()).find();
    }

    /** The line as the person sees it: time, colours and the highlighted mention as the display allows. */
    AttributedString styled(Message message, String viewer) {
        AttributedStringBuilder line = new AttributedStringBuilder();
        if (display.times()) {
            line.styled(TIME, time(message.timestamp(), display.zone())).append(' ');
        }
        String text = text(message);
        if (message.type() == MessageType.UNICAST) {
            line.styled(PRIVATE, text);
        } else if (Message.SYSTEM.equals(message.origin())) {
            line.styled(NOTICE, text);
        } else if (isAction(message)) {
            line.styled(nameStyle(message.origin()).italic(), text);
        } else {
            int name = text.indexOf(message.origin());
            int content = text.lastIndexOf(message.content());
            if (name >= 0 && content >= name + message.origin().length()) {
                line.append(text.substring(0, name))
                        .styled(nameStyle(message.origin()).bold(), message.origin())
                        .append(text.substring(name + message.origin().length(), content));
                appendHighlighted(line, message.content(), mentions(message, viewer) ? viewer : null);
                line.append(text.substring(content + message.content().length()));
            } else {
                line.append(text);
            }
        }
        AttributedString styled = line.toAttributedString();
        return display.colour() ? styled : new AttributedString(styled.toString());
    }

    /** {@code HH:mm} of a server timestamp in {@code zone}. */
    static String time(double timestamp, ZoneId zone) {
        return CLOCK.format(Instant.ofEpochMilli((long) (timestamp * 1000)).atZone(zone));
    }

    /** The same colour for a name every time, on every screen. */
    static AttributedStyle nameStyle(String name) {
        return AttributedStyle.DEFAULT.foreground(NAME_COLOURS.get(Math.floorMod(name.hashCode(), NAME_COLOURS.size())));
    }

    private String text(Message message) {
        if (message.type() == MessageType.UNICAST) {
            return texts.get("line.private", message.origin(), message.destination(), message.content());
        }
        if (Message.SYSTEM.equals(message.origin())) {
            return texts.get("line.notice", notice(message.content()));
        }
        if (isAction(message)) {
            return message.content();
        }
        return texts.get("line.broadcast", message.origin(), message.content());
    }

    private static boolean isAction(Message message) {
        String prefix = "* " + message.origin() + " ";
        return message.type() == MessageType.BROADCAST && message.content().startsWith(prefix)
                && message.content().length() > prefix.length();
    }

    private static void appendHighlighted(AttributedStringBuilder line, String content, String name) {
        if (name == null) {
            line.append(content);
            return;
        }
        Matcher found = mention(name).matcher(content);
        int at = 0;
        while (found.find()) {
            line.append(content.substring(at, found.start())).styled(MENTION, found.group());
            at = found.end();
        }
        line.append(content.substring(at));
    }

    private static Pattern mention(String name) {
        return Pattern.compile("(?<![\\p{L}\\p{N}_])" + Pattern.quote(name) + "(?![\\p{L}\\p{N}_])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
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

    /** Who a system notice says joined ({@code true}) or left the room, or null for other messages. */
    static String joinedOrLeft(Message message, boolean joined) {
        if (!Message.SYSTEM.equals(message.origin())) {
            return null;
        }
        String suffix = joined ? JOINED : LEFT;
        String content = message.content();
        return content.endsWith(suffix) && content.length() > suffix.length()
                ? content.substring(0, content.length() - suffix.length()) : null;
    }
}
