package chat.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where each argument of a slash command is in what was typed, and what it reads as. Arguments are separated by
 * spaces; the last one takes the rest of the line. A name may be typed between quotes, as {@link TypedName} says
 * ({@code /msg "joão silva" oi}); a name that is the last argument may also be typed as it is, spaces and all
 * ({@code /join sala nova}). Both the commands and Tab read a line this way.
 */
final class TypedArguments {
    private TypedArguments() {
    }

    /** How an argument is read. */
    enum Reading {
        /** A user or room name: as it is, or between quotes. */
        NAME,
        /** As typed: text, an action, a number. */
        AS_TYPED
    }

    /**
     * One argument as typed.
     *
     * @param start      where it starts in the line (its opening quote, for a quoted name)
     * @param end        where it ends (after its closing quote; the end of the line for the last one)
     * @param value      what it reads as; for the last argument typed without quotes, with the spaces that end the line
     * @param quoted     whether it is a name between quotes
     * @param wellFormed false for a quoted name not closed, or followed by something other than a space (or, as
     *                   the last argument, by anything but spaces)
     */
    record Span(int start, int end, String value, Reading reading, boolean quoted, boolean wellFormed) {
    }

    /** The arguments typed in {@code line} from {@code from} on, for arguments read as {@code readings} say, in order. */
    static List<Span> find(String line, int from, List<Reading> readings) {
        List<Span> spans = new ArrayList<>();
        int i = from;
        for (int k = 0; k < readings.size(); k++) {
            i = skipSpaces(line, i);
            if (i >= line.length()) {
                break;
            }
            Reading reading = readings.get(k);
            boolean last = k == readings.size() - 1;
            if (reading == Reading.NAME && line.charAt(i) == '"') {
                TypedName.Quoted name = TypedName.unquote(line, i);
                int next = skipSpaces(line, name.end());
                boolean wellFormed = name.closed()
                        && (last ? next == line.length() : next > name.end() || name.end() == line.length());
                spans.add(new Span(i, name.end(), name.name(), reading, true, wellFormed));
                i = name.end();
            } else {
                int end = last ? line.length() : nextSpace(line, i);
                spans.add(new Span(i, end, line.substring(i, end), reading, false, true));
                i = end;
            }
        }
        return spans;
    }

    /**
     * What each argument typed reads as, one string per reading ({@code ""} for one not typed), the spaces around
     * the last stripped; empty when a quoted name is not well formed.
     */
    static Optional<List<String>> values(String typed, List<Reading> readings) {
        List<String> values = new ArrayList<>();
        for (Span span : find(typed, 0, readings)) {
            if (!span.wellFormed()) {
                return Optional.empty();
            }
            values.add(span.quoted() ? span.value() : stripSpaces(span.value()));
        }
        while (values.size() < readings.size()) {
            values.add("");
        }
        return Optional.of(values);
    }

    /** The first index from {@code i} on that is not a space (the line's length when there is none). */
    static int skipSpaces(String line, int i) {
        while (i < line.length() && TypedName.isSpace(line.charAt(i))) {
            i++;
        }
        return i;
    }

    /** The first index from {@code i} on that is a space (the line's length when there is none). */
    static int nextSpace(String line, int i) {
        while (i < line.length() && !TypedName.isSpace(line.charAt(i))) {
            i++;
        }
        return i;
    }

    /** {@code text} without the spaces at either end. */
    static String stripSpaces(String text) {
        int end = text.length();
        while (end > 0 && TypedName.isSpace(text.charAt(end - 1))) {
            end--;
        }
        int start = skipSpaces(text, 0);
        return start >= end ? "" : text.substring(start, end);
    }
}
