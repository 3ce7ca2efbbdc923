package chat.binder;

import chat.common.ChatProcedures;
import chat.common.Endpoint;
import chat.common.Json;
import chat.common.ServerStatus;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The status command's output: lines for a terminal, or one JSON object for scripts. */
final class StatusReport {
    private StatusReport() {
    }

    /** A heading line, then two lines per server: what it is and says, and the names it registered. */
    static String text(Endpoint binder, List<ServerView> servers) {
        StringBuilder out = new StringBuilder();
        long alive = servers.stream().filter(ServerView::alive).count();
        out.append("Binder ").append(binder).append(": ").append(servers.size())
                .append(servers.size() == 1 ? " server" : " servers").append(" registered, ").append(alive)
                .append(" alive\n");
        int width = servers.stream().mapToInt(s -> s.endpoint().toString().length()).max().orElse(0);
        for (ServerView server : servers) {
            String address = server.endpoint().toString();
            out.append("  ").append(address).append(" ".repeat(width - address.length()))
                    .append(server.alive() ? "  alive  " : "  DEAD   ").append(describe(server)).append('\n');
            out.append("  ").append(" ".repeat(width)).append("         ").append(names(server.names())).append('\n');
        }
        return out.toString();
    }

    private static String describe(ServerView server) {
        return switch (server.kind()) {
            case JAVA -> {
                ServerStatus s = server.status();
                yield "Java chat server: " + s.users() + plural(s.users(), " user") + ", " + s.rooms()
                        + plural(s.rooms(), " room") + ", " + s.members() + " in rooms, " + s.waiting()
                        + plural(s.waiting(), " waiting call") + ", store " + printable(s.store());
            }
            case ORIGINAL -> "original, no status";
            case OTHER -> "not a chat server (registered no chat procedure)";
            case DEAD -> "does not answer; last seen " + seconds(server.secondsSinceSeen()) + " ago";
            case NO_ANSWER -> "no status: " + printable(server.problem());
        };
    }

    private static String names(List<String> names) {
        if (Set.copyOf(names).equals(Set.copyOf(ChatProcedures.REGISTERED))) {
            return "registered the " + names.size() + " procedures of a Java chat server";
        }
        if (Set.copyOf(names).equals(Set.copyOf(ChatProcedures.ALL))) {
            return "registered the original's " + names.size() + " chat procedures";
        }
        return "registered " + names.size() + plural(names.size(), " name") + ": "
                + String.join(", ", names.stream().map(StatusReport::printable).toList());
    }

    /** The whole view as one JSON object. */
    static String json(Endpoint binder, List<ServerView> servers) {
        StringBuilder out = new StringBuilder("{\"binder\":").append(Json.string(binder.toString())).append(",\"servers\":[");
        for (int i = 0; i < servers.size(); i++) {
            ServerView server = servers.get(i);
            out.append(i == 0 ? "" : ",")
                    .append("{\"address\":").append(Json.string(server.endpoint().host()))
                    .append(",\"port\":").append(server.endpoint().port())
                    .append(",\"alive\":").append(server.alive())
                    .append(",\"seconds_since_seen\":").append(String.format(Locale.ROOT, "%.3f", server.secondsSinceSeen()))
                    .append(",\"kind\":").append(Json.string(server.kind().json))
                    .append(",\"names\":[")
                    .append(String.join(",", server.names().stream().map(Json::string).toList()))
                    .append(']');
            if (server.status() != null) {
                ServerStatus s = server.status();
                out.append(",\"status\":{\"users\":").append(s.users()).append(",\"rooms\":").append(s.rooms())
                        .append(",\"members\":").append(s.members()).append(",\"waiting\":").append(s.waiting())
                        .append(",\"store\":").append(Json.string(s.store())).append('}');
            }
            if (server.problem() != null) {
                out.append(",\"problem\":").append(Json.string(server.problem()));
            }
            out.append('}');
        }
        return out.append("]}\n").toString();
    }

    private static String plural(int count, String word) {
        return count == 1 ? word : word + "s";
    }

    private static String seconds(double value) {
        return value < 60 ? String.format(Locale.ROOT, "%.1f s", value)
                : String.format(Locale.ROOT, "%d min %d s", (long) value / 60, (long) value % 60);
    }

    /** Text from the network, with control characters escaped so it cannot move the terminal's cursor. */
    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
