package chat.bench;

import chat.common.Endpoint;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The poll scenario: a room with {@code history} messages, and {@code connections} keep-alive connections
 * asking it for what is new since its newest message (receive_messages) as fast as answers come.
 */
final class PollScenario {
    private final List<Endpoint> servers;
    private final int history;
    private final int connections;
    private final double warmup;
    private final double seconds;
    private final List<Long> serverPids;

    PollScenario(List<Endpoint> servers, int history, int connections, double warmup, double seconds, List<Long> serverPids) {
        this.servers = servers;
        this.history = history;
        this.connections = connections;
        this.warmup = warmup;
        this.seconds = seconds;
        this.serverPids = serverPids;
    }

    Result run() throws Exception {
        Endpoint server = servers.get(0);
        String user = "bench" + ThreadLocalRandom.current().nextInt(1_000_000);
        String room = user + "-room";
        Verbatim since;
        int writers;
        try (RawCall setup = new RawCall(server.host(), server.port())) {
            setup.call(RawCall.request(server.host(), "register_user", user));
            setup.call(RawCall.request(server.host(), "create_room", room));
            setup.call(RawCall.request(server.host(), "join_room", user, room));
            writers = fillHistory(setup, server, user, room);
            String joined = setup.call(RawCall.request(server.host(), "join_room", user, room));
            since = Verbatim.lastDouble(joined);
        }
        ClosedLoop.Outcome o = new ClosedLoop(servers, at -> RawCall.request(at.host(), "receive_messages", user, room, since),
                connections, warmup, seconds, serverPids).run();
        return new Result(o.calls(), o.errors(), o.latencies(), o.cpu(),
                "history: " + history + " messages posted by " + writers + " user(s)");
    }

    /**
     * Posts {@code history} messages to {@code room}, every one of them accepted: a server that limits
     * how fast one user may send (the Java server's --max-messages-per-second) refuses a writer's
     * messages once its burst is spent, so each refused message is posted again by a new writer, who
     * joins the room first. Returns how many users wrote.
     */
    private int fillHistory(RawCall setup, Endpoint server, String firstWriter, String room) throws IOException {
        String writer = firstWriter;
        int writers = 1;
        boolean fresh = true;
        for (int i = 0; i < history; i++) {
            String answer = setup.call(RawCall.request(server.host(), "send_message", writer, room, "history " + i, null));
            if (answer.contains("<boolean>1</boolean>")) {
                fresh = false;
                continue;
            }
            if (fresh) {
                throw new IllegalStateException("a new writer's first message to " + room + " was refused: "
                        + answer.substring(0, Math.min(300, answer.length())));
            }
            writer = firstWriter + "-w" + writers++;
            setup.call(RawCall.request(server.host(), "register_user", writer));
            setup.call(RawCall.request(server.host(), "join_room", writer, room));
            fresh = true;
            i--;
        }
        return writers;
    }
}
