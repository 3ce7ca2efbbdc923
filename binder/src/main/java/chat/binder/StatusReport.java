package chat.binder;

import chat.common.ChatProcedures;
import chat.common.Endpoint;
import chat.common.Json;
import chat.common.KeptPlace;
import chat.common.ServerStatus;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The status command's output: lines for a terminal, or one JSON object for scripts. */
final class StatusReport {
    private StatusReport() {
    }

    /**
     * A heading line counting the chat servers (those that registered a chat procedure), two lines per chat
     * server (what it is and says, and the names it registered), then the other registrations, cluster members'
     * addresses among them, which are not servers of their own.
     */
    static String text(Endpoint binder, List<ServerView> all) {
        List<ServerView> servers = all.stream().filter(ServerView::chatServer).toList();
        List<ServerView> others = all.stream().filter(view -> !view.chatServer()).toList();
        StringBuilder out = new StringBuilder();
        long alive = servers.stream().filter(ServerView::alive).count();
        out.append("Binder ").append(binder).append(": ").append(servers.size())
                .append(servers.size() == 1 ? " chat server" : " chat servers").append(" registered, ").append(alive)
                .append(" alive\n");
        int width = all.stream().mapToInt(s -> s.endpoint().toString().length()).max().orElse(0);
        for (ServerView server : servers) {
            row(out, width, server, describe(server), names(server.names()));
        }
        if (!others.isEmpty()) {
            out.append("Also registered, not chat servers:\n");
            for (ServerView other : others) {
                row(out, width, other, describeOther(other, servers),
                        other.clusterMember() || other.binder() ? null : names(other.names()));
            }
        }
        return out.toString();
    }

    private static void row(StringBuilder out, int width, ServerView view, String description, String names) {
        String address = view.endpoint().toString();
        out.append("  ").append(address).append(" ".repeat(width - address.length()))
                .append(view.alive() ? "  alive  " : "  DEAD   ").append(description).append('\n');
        if (names != null) {
            out.append("  ").append(" ".repeat(width)).append("         ").append(names).append('\n');
        }
    }

    private static String describe(ServerView server) {
        return switch (server.kind()) {
            case JAVA -> {
                ServerStatus s = server.status();
                yield "Java chat server: " + s.users() + plural(s.users(), " user") + ", " + s.rooms()
                        + plural(s.rooms(), " room") + ", " + s.members() + " in rooms, " + s.waiting()
                        + plural(s.waiting(), " waiting call") + ", store " + printable(s.store()) + membership(s);
            }
            case ORIGINAL -> "original, no status";
            case OTHER -> "not a chat server (registered no chat procedure)";
            case DEAD -> "does not answer; last seen " + seconds(server.secondsSinceSeen()) + " ago";
            case NO_ANSWER -> "no status: " + printable(server.problem());
        };
    }

    /** {@code ": member H:P of a cluster of N"} for a server in a cluster; nothing for one alone (or an older one). */
    private static String membership(ServerStatus status) {
        ServerStatus.Cluster cluster = status.cluster();
        return cluster == null ? "" : ": member " + printable(cluster.member()) + " of a cluster of " + cluster.size();
    }

    private static String describeOther(ServerView other, List<ServerView> servers) {
        if (other.binder()) {
            return "a Binder of this deployment (" + ChatProcedures.BINDER_PEER + ")"
                    + (!other.alive() ? "; does not answer; last seen " + seconds(other.secondsSinceSeen()) + " ago"
                    : other.serversKnown() < 0 ? "; did not say what it knows"
                    : "; knows " + other.serversKnown() + plural(other.serversKnown(), " chat server"));
        }
        if (!other.clusterMember()) {
            return other.alive() ? "not a chat server (registered no chat procedure)"
                    : "does not answer; last seen " + seconds(other.secondsSinceSeen()) + " ago";
        }
        String of = servers.stream()
                .filter(server -> server.status() != null && server.status().cluster() != null
                        && server.status().cluster().member().equals(other.endpoint().toString()))
                .map(server -> " of the chat server at " + server.endpoint())
                .findFirst().orElse("");
        return "cluster member address (" + ChatProcedures.CLUSTER_MEMBER + ")" + of
                + (other.alive() ? "" : "; last seen " + seconds(other.secondsSinceSeen()) + " ago");
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

    /**
     * The whole view as one JSON object: {@code servers}, the chat servers, and {@code others}, every other
     * registration (kind {@code cluster_member} for a cluster member's address).
     */
    static String json(Endpoint binder, List<ServerView> all) {
        StringBuilder out = new StringBuilder("{\"binder\":").append(Json.string(binder.toString())).append(",\"servers\":[");
        appendJson(out, all.stream().filter(ServerView::chatServer).toList());
        out.append("],\"others\":[");
        appendJson(out, all.stream().filter(view -> !view.chatServer()).toList());
        return out.append("]}\n").toString();
    }

    private static void appendJson(StringBuilder out, List<ServerView> views) {
        for (int i = 0; i < views.size(); i++) {
            ServerView server = views.get(i);
            String kind = server.clusterMember() ? "cluster_member" : server.binder() ? "binder" : server.kind().json;
            out.append(i == 0 ? "" : ",")
                    .append("{\"address\":").append(Json.string(server.endpoint().host()))
                    .append(",\"port\":").append(server.endpoint().port())
                    .append(",\"alive\":").append(server.alive())
                    .append(",\"seconds_since_seen\":").append(String.format(Locale.ROOT, "%.3f", server.secondsSinceSeen()))
                    .append(",\"kind\":").append(Json.string(kind))
                    .append(server.serversKnown() >= 0 ? ",\"servers_known\":" + server.serversKnown() : "")
                    .append(",\"names\":[")
                    .append(String.join(",", server.names().stream().map(Json::string).toList()))
                    .append(']');
            if (server.status() != null) {
                ServerStatus s = server.status();
                out.append(",\"status\":{\"users\":").append(s.users()).append(",\"rooms\":").append(s.rooms())
                        .append(",\"members\":").append(s.members()).append(",\"waiting\":").append(s.waiting())
                        .append(",\"store\":").append(Json.string(s.store()));
                if (s.cluster() != null) {
                    out.append(",\"cluster\":{\"member\":").append(Json.string(s.cluster().member()))
                            .append(",\"members\":").append(s.cluster().size());
                    KeptPlace kept = s.cluster().kept();
                    if (kept != null) {
                        out.append(",\"kept\":{\"kind\":").append(Json.string(kept.kind().wireName()))
                                .append(",\"machine\":").append(Json.string(kept.machine()))
                                .append(",\"where\":").append(Json.string(kept.where())).append('}');
                    }
                    out.append('}');
                }
                out.append('}');
            }
            if (server.problem() != null) {
                out.append(",\"problem\":").append(Json.string(server.problem()));
            }
            out.append('}');
        }
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
