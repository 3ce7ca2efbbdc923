package chat.client;

import chat.client.TypedArguments.Reading;
import chat.client.TypedArguments.Span;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;

/**
 * How the line editor splits a line into words for Tab: a command's arguments as the command reads them
 * ({@link TypedArguments}: a name between quotes is one word, the last name takes the rest of the line), and any
 * other text at spaces. Where a command takes a name, Tab writes the name as {@link TypedName#quote} does, so the
 * command reads back exactly the name offered; in text (a message, a mention) it writes the name as it is.
 *
 * <p>Backslashes and quotes mean nothing to the editor itself: the line it returns is the line typed.
 */
final class TypedLineParser implements Parser {
    /**
     * A word of the line.
     *
     * @param name   whether the command reads it as a name (so Tab writes names there quoted where needed)
     * @param opened whether it is a name whose opening quote was typed
     */
    private record Word(int start, int end, String text, boolean name, boolean opened) {
    }

    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
        List<Reading> readings = TypedCommand.parse(line).flatMap(TypedCommand::declared)
                .map(SlashCommand::readings).orElse(null);
        List<Word> words = readings == null ? spaced(line, 0) : commandWords(line, readings);
        int index = 0;
        while (index < words.size() && words.get(index).end() < cursor) {
            index++;
        }
        if (index == words.size() || words.get(index).start() > cursor) {
            // Between words: an empty one at the cursor, read as the argument at that place would be.
            boolean name = readings != null && index >= 1 && index <= readings.size()
                    && readings.get(index - 1) == Reading.NAME;
            words.add(index, new Word(cursor, cursor, "", name, false));
        }
        return new Line(line, cursor, words, index);
    }

    /** The line has no escape characters: what the person typed is what the session gets. */
    @Override
    public boolean isEscapeChar(char ch) {
        return false;
    }

    private static List<Word> commandWords(String line, List<Reading> readings) {
        int nameStart = TypedArguments.skipSpaces(line, 0);
        int nameEnd = TypedCommand.nameEnd(line);
        List<Word> words = new ArrayList<>();
        words.add(new Word(nameStart, nameEnd, line.substring(nameStart, nameEnd), false, false));
        int end = nameEnd;
        for (Span span : TypedArguments.find(line, nameEnd, readings)) {
            if (span.reading() == Reading.NAME) {
                words.add(new Word(span.start(), span.end(), span.value(), true, span.quoted()));
            } else {
                words.addAll(spaced(line.substring(0, span.end()), span.start()));
            }
            end = span.end();
        }
        words.addAll(spaced(line, end));
        return words;
    }

    /** The words of {@code line} from {@code from} on, split at spaces, as typed. */
    private static List<Word> spaced(String line, int from) {
        List<Word> words = new ArrayList<>();
        int i = TypedArguments.skipSpaces(line, from);
        while (i < line.length()) {
            int end = TypedArguments.nextSpace(line, i);
            words.add(new Word(i, end, line.substring(i, end), false, false));
            i = TypedArguments.skipSpaces(line, end);
        }
        return words;
    }

    /** The words, the one at the cursor, and how Tab writes a name in its place. */
    private static final class Line implements CompletingParsedLine {
        private final String line;
        private final int cursor;
        private final List<Word> words;
        private final int index;

        Line(String line, int cursor, List<Word> words, int index) {
            this.line = line;
            this.cursor = cursor;
            this.words = words;
            this.index = index;
        }

        private Word current() {
            return words.get(index);
        }

        @Override
        public String word() {
            return current().text();
        }

        @Override
        public int wordCursor() {
            Word word = current();
            if (cursor <= word.start()) {
                return 0;
            }
            if (word.opened()) {
                return TypedName.unquote(line.substring(0, cursor), word.start()).name().length();
            }
            return Math.min(cursor - word.start(), word.text().length());
        }

        @Override
        public int wordIndex() {
            return index;
        }

        @Override
        public List<String> words() {
            return words.stream().map(Word::text).toList();
        }

        @Override
        public String line() {
            return line;
        }

        @Override
        public int cursor() {
            return cursor;
        }

        @Override
        public CharSequence escape(CharSequence candidate, boolean complete) {
            Word word = current();
            if (!word.name()) {
                return candidate;
            }
            String name = candidate.toString();
            return complete ? TypedName.quote(name) : TypedName.quotePrefix(name, word.opened());
        }

        @Override
        public int rawWordCursor() {
            return cursor - current().start();
        }

        @Override
        public int rawWordLength() {
            return current().end() - current().start();
        }
    }
}
