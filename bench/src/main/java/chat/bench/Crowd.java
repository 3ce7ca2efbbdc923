package chat.bench;

import chat.common.Endpoint;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The crowd scenario: many users connected at once, each on its own keep-alive connection, spread
 * over a number of rooms and long-polling (or polling) for what is new, while a few senders post to
 * those rooms. Every message must reach every member of its room exactly once. One selector thread
 * drives all the users' connections ({@link NioCall}s), so thousands cost this process little.
 */
final class Crowd {
    /** What a crowd run produced. */
    record Outcome(long deliveries, long errors, Latencies latencies, CpuTime cpu, String extra) {
    }

    private final Endpoint server;
    private final int clients;
    private final int rooms;
    private final int senders;
    private final double rate;
    private final boolean waits;
    private final double pollInterval;
    private final double warmup;
    private final double seconds;
    private final ServerProcess serverProcess;
    private final PrintWriter out;

    Crowd(Endpoint server, int clients, int rooms, int senders, double rate, boolean waits, double pollInterval,
          double warmup, double seconds, Long serverPid, PrintWriter out) {
        this.server = server;
        this.clients = clients;
        this.rooms = Math.max(1, Math.min(rooms, clients));
        this.senders = senders;
        this.rate = rate;
        this.waits = waits;
        this.pollInterval = pollInterval;
        this.warmup = warmup;
        this.seconds = seconds;
        this.serverProcess = new ServerProcess(serverPid);
        this.out = out;
    }

    Outcome run() throws Exception {
        String base = "crowd" + ThreadLocalRandom.current().nextInt(1_000_000);
        List<String> roomNames = new ArrayList<>();
        List<String> senderNames = new ArrayList<>();
        try (RawCall setup = new RawCall(server.host(), server.port())) {
            for (int r = 0; r < rooms; r++) {
                roomNames.add(base + "-r" + r);
                expectTrue(setup.call(RawCall.request(server.host(), "create_room", roomNames.get(r))), "create_room");
            }
            for (int s = 0; s < senders; s++) {
                senderNames.add(base + "-s" + s);
                expectTrue(setup.call(RawCall.request(server.host(), "register_user", senderNames.get(s))), "register_user");
                for (String room : roomNames) {
                    setup.call(RawCall.request(server.host(), "join_room", senderNames.get(s), room));
                }
            }
        }
        try (CrowdUsers users = new CrowdUsers(server, roomNames, serverProcess, out)) {
            long errors = users.connect(base, clients);
            return new CrowdMeasurement(users, new CrowdSenders(server, senderNames, roomNames, rate, out), rooms, waits,
                    pollInterval, warmup, seconds, serverProcess, out).run(errors);
        }
    }

    private static void expectTrue(String answer, String what) {
        if (!answer.contains("<boolean>1</boolean>")) {
            throw new IllegalStateException(what + " was refused: " + answer);
        }
    }
}
