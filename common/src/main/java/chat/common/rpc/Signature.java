package chat.common.rpc;

import java.util.List;

/**
 * A procedure's name and argument names, the trailing {@code optional} ones of which may be left out.
 * Written as {@code "send_message(username, room, content, [recipient])"}-like specs.
 *
 * @param procedure the procedure's wire name
 * @param names     its arguments' names, in order
 * @param required  how many of them, from the first, must be sent
 */
public record Signature(String procedure, List<String> names, int required) {

    /**
     * Copies the names.
     *
     * @param procedure the procedure's wire name
     * @param names     its arguments' names, in order
     * @param required  how many of them, from the first, must be sent
     * @throws IllegalArgumentException when {@code required} is more than the names
     */
    public Signature {
        names = List.copyOf(names);
        if (required < 0 || required > names.size()) {
            throw new IllegalArgumentException("required must be between 0 and " + names.size());
        }
    }

    /**
     * Parses {@code "username room content [recipient]"}: space-separated names, optional ones in brackets
     * at the end.
     *
     * @param procedure the procedure's wire name
     * @param spec      its argument names; blank for none
     * @return the signature
     * @throws IllegalArgumentException for a required argument after an optional one
     */
    public static Signature parse(String procedure, String spec) {
        String[] words = spec.isBlank() ? new String[0] : spec.trim().split("\\s+");
        List<String> names = new java.util.ArrayList<>();
        int required = 0;
        for (String word : words) {
            boolean optional = word.startsWith("[") && word.endsWith("]");
            if (!optional && required != names.size()) {
                throw new IllegalArgumentException("required argument '" + word + "' after an optional one in " + spec);
            }
            names.add(optional ? word.substring(1, word.length() - 1) : word);
            if (!optional) {
                required++;
            }
        }
        return new Signature(procedure, names, required);
    }

    /** "2 arguments", "3 or 4 arguments", "no arguments". */
    String arity() {
        int max = names.size();
        if (max == 0) {
            return "no arguments";
        }
        String count = required == max ? Integer.toString(max) : required + (max - required == 1 ? " or " : " to ") + max;
        return count + (max == 1 ? " argument" : " arguments");
    }

    /** "username, room, content[, recipient]". */
    String describe() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            boolean optional = i >= required;
            text.append(i == 0 ? "" : (optional ? "[, " : ", ")).append(names.get(i));
            if (optional && i == 0) {
                text.insert(0, '[');
            }
        }
        text.append("]".repeat(names.size() - required));
        return text.toString();
    }
}
