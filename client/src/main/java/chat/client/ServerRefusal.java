package chat.client;

import chat.common.rpc.Faults;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A chat server's refusal as the person reads it, in their language: a name or message that breaks a rule (and
 * which rule, with the numbers the server gave), a server that holds as many users or rooms as it may, a user
 * sending too fast, a call the server does not allow. Read from the fault's code and from the words a Java server
 * puts in it (docs/protocol.md, Faults); a refusal it cannot read is shown with the server's own words.
 */
final class ServerRefusal {
    /** {@code register_session: argument 1 (username) is too long: 49 characters, at most 32}. */
    private static final Pattern ARGUMENT = Pattern.compile("[a-z_]+: argument \\d+ \\((username|room|content)\\) (.+)",
            Pattern.DOTALL);
    private static final Pattern TOO_LONG = Pattern.compile("is too long: (\\d+) characters, at most (\\d+)");
    private static final Pattern CHARACTER = Pattern.compile("must not contain (control characters other than tab and "
            + "line breaks|control characters|line breaks|invisible formatting characters|unassigned characters"
            + "|a lone surrogate) \\((U\\+[0-9A-F]{4,6})\\)");
    private static final Pattern TOO_MANY_USERS = Pattern.compile("already has (\\d+) users, its limit; a name is "
            + "freed when its user quits, or after (\\d+) s without a call");
    private static final Pattern TOO_MANY_ROOMS = Pattern.compile("already has (\\d+) rooms, its limit; try again "
            + "after empty rooms expire \\((\\d+) s after");
    private static final Pattern TOO_FAST = Pattern.compile("is sending faster than (\\d+) messages per second");

    /** The key of the whole sentence, or of the reason when {@link #argument} is not null. */
    private final String key;
    /** The key of what was refused ({@code refusal.argument.username}), or null for a refusal of the call. */
    private final String argument;
    private final Object[] values;

    private ServerRefusal(String key, String argument, Object... values) {
        this.key = key;
        this.argument = argument;
        this.values = values;
    }

    /** What {@code failure} means to the person, when it is a refusal this client can read. */
    static Optional<ServerRefusal> read(ChatCallException failure) {
        return failure.isRefusal() ? read(failure.faultCode(), failure.detail()) : Optional.empty();
    }

    /** What a fault coded {@code code} that says {@code words} means to the person, when this client can read it. */
    static Optional<ServerRefusal> read(int code, String words) {
        return Optional.ofNullable(switch (code) {
            case Faults.INVALID_PARAMS -> invalidArgument(words);
            case Faults.LIMIT_REACHED -> limit(words);
            case Faults.RATE_LIMITED -> find(TOO_FAST, words)
                    .map(m -> new ServerRefusal("refusal.tooFast", null, number(m.group(1))))
                    .orElseGet(() -> new ServerRefusal("refusal.tooFast.unsaid", null));
            case Faults.NOT_ALLOWED -> new ServerRefusal(words.contains("answers only calls with a session")
                    ? "refusal.sessionRequired" : "refusal.notAllowed", null);
            default -> null;
        });
    }

    /** The whole sentence: {@code The server refused the username: it has 49 characters; the limit is 32.} */
    String explained(Texts texts) {
        return argument == null ? texts.get(key, values) : texts.get("refusal.argument", texts.get(argument), why(texts));
    }

    /**
     * Why, after a line that already says what was refused ({@code the server refused the username ana:}): the rule
     * it breaks ({@code it has 49 characters; the limit is 32}), or for a refusal of the whole call the sentence.
     */
    String why(Texts texts) {
        return texts.get(key, values);
    }

    private static ServerRefusal invalidArgument(String words) {
        Matcher argument = ARGUMENT.matcher(words);
        if (!argument.matches()) {
            return null;
        }
        String what = "refusal.argument." + argument.group(1);
        boolean content = argument.group(1).equals("content");
        String rule = argument.group(2);
        Optional<Matcher> tooLong = find(TOO_LONG, rule);
        if (tooLong.isPresent()) {
            return new ServerRefusal("refusal.tooLong", what, number(tooLong.get().group(1)),
                    number(tooLong.get().group(2)));
        }
        Optional<Matcher> character = find(CHARACTER, rule);
        if (character.isPresent()) {
            String which = switch (character.get().group(1)) {
                case "control characters other than tab and line breaks" -> "refusal.control.content";
                case "control characters" -> "refusal.control";
                case "line breaks" -> "refusal.lineBreak";
                case "invisible formatting characters" -> "refusal.invisible";
                case "unassigned characters" -> "refusal.unassigned";
                default -> "refusal.surrogate";
            };
            return new ServerRefusal(which, what, character.get().group(2));
        }
        if (!content && rule.equals("must not be empty")) {
            return new ServerRefusal("refusal.empty", what);
        }
        if (!content && rule.equals("must not begin or end with whitespace")) {
            return new ServerRefusal("refusal.edgeSpace", what);
        }
        return null;
    }

    private static ServerRefusal limit(String words) {
        Optional<Matcher> users = find(TOO_MANY_USERS, words);
        if (users.isPresent()) {
            return new ServerRefusal("refusal.tooManyUsers", null, number(users.get().group(1)),
                    number(users.get().group(2)));
        }
        Optional<Matcher> rooms = find(TOO_MANY_ROOMS, words);
        if (rooms.isPresent()) {
            return new ServerRefusal("refusal.tooManyRooms", null, number(rooms.get().group(1)),
                    number(rooms.get().group(2)));
        }
        return new ServerRefusal(words.contains("the server is busy") ? "refusal.busy" : "refusal.limit", null);
    }

    private static Optional<Matcher> find(Pattern pattern, String words) {
        Matcher found = pattern.matcher(words);
        return found.find() ? Optional.of(found) : Optional.empty();
    }

    /** A number from the fault, as a count the texts choose their words by. */
    private static Long number(String digits) {
        try {
            return Long.valueOf(digits);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE; // more digits than a long: the words still read right
        }
    }
}
