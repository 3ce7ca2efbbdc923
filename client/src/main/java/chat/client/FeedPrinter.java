package chat.client;

import chat.common.Message;
import java.util.List;
import org.jline.utils.AttributedString;

/**
 * Shows what a room's feed reports (a message the room showed on an earlier visit only once), keeps it for
 * {@code /history}, and follows who is in the room for Tab.
 */
final class FeedPrinter implements RoomFeed.Listener {
    private final ChatConsole console;
    private final Texts texts;
    private final MessageLines lines;
    private final String viewer;
    private final RoomHistory history;
    private final List<String> roomUsers;
    /** False while the recent messages are handed over: old mentions do not ring. */
    private volatile boolean live;

    /**
     * @param viewer    the person, whose mentions ring the bell
     * @param roomUsers the room's members as last heard, updated as people join and leave
     */
    FeedPrinter(ChatConsole console, Texts texts, MessageLines lines, String viewer, RoomHistory history,
                List<String> roomUsers) {
        this.console = console;
        this.texts = texts;
        this.lines = lines;
        this.viewer = viewer;
        this.history = history;
        this.roomUsers = roomUsers;
    }

    /** From now on, messages are new: a mention rings. */
    void live() {
        live = true;
    }

    @Override
    public void message(Message message) {
        follow(message);
        if (!history.add(message)) {
            return; // shown on an earlier visit to the room
        }
        console.show(lines.styled(message, viewer));
        if (live && MessageLines.mentions(message, viewer)) {
            console.bell();
        }
    }

    private void follow(Message message) {
        String joined = MessageLines.joinedOrLeft(message, true);
        if (joined != null && !roomUsers.contains(joined)) {
            roomUsers.add(joined);
        }
        String left = MessageLines.joinedOrLeft(message, false);
        if (left != null) {
            roomUsers.remove(left);
        }
    }

    /** Said once until fetching works again; a server that stopped answering is told of by the session instead. */
    @Override
    public void unavailable(ChatCallException failure) {
        if (failure.lost().isPresent()) {
            return; // the session says the server stopped answering, and how the search for another goes
        }
        console.show(new AttributedString(texts.get("feed.unavailable", Explanations.of(texts, failure)),
                MessageLines.ERROR));
    }

    @Override
    public void recovered() {
        console.show(texts.get("feed.recovered"));
    }
}
