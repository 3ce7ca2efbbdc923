package chat.client;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * What Tab offers: the commands after a {@code /}; room names where a command takes a room ({@code /join});
 * user names everywhere else, after {@code /msg} and inside any message (to mention someone). The words are the
 * {@link TypedLineParser}'s, which also says how an offered name is written ({@code "joão silva"} after a command).
 */
final class ChatCompleter implements Completer {
    private final Supplier<Collection<String>> rooms;
    private final Supplier<Collection<String>> users;

    /**
     * @param rooms the room names known (from the last listing or join)
     * @param users the members of the current room known
     */
    ChatCompleter(Supplier<Collection<String>> rooms, Supplier<Collection<String>> users) {
        this.rooms = rooms;
        this.users = users;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        List<String> words = line.words();
        int index = line.wordIndex();
        String first = words.isEmpty() ? "" : words.get(0);
        if (index == 0 && first.startsWith("/")) {
            for (SlashCommand command : SlashCommand.values()) {
                candidates.add(new Candidate(command.typed()));
            }
            return;
        }
        boolean room = first.startsWith("/")
                && SlashCommand.named(first.substring(1).toLowerCase(Locale.ROOT)).filter(command -> command.offersRooms(index)).isPresent();
        (room ? rooms : users).get().forEach(name -> candidates.add(new Candidate(name)));
    }
}
