package chat.bench;

import chat.common.Endpoint;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The crowd's users, each on its own non-blocking keep-alive connection, all driven by one selector:
 * bringing them in (connected, registered, joined to their rooms, their first long-polls read) and, on
 * close, closing their connections and the selector.
 */
final class CrowdUsers implements AutoCloseable {
    /** How long users may take to register and join before the run is declared failed. */
    private static final long SETUP_SECONDS = 120;
    /** The first long-polls are taken as all answered when none has answered for this long. */
    private static final long SETTLE_QUIET_MILLIS = 2_000;

    private final Endpoint server;
    private final List<String> roomNames;
    private final ServerProcess serverProcess;
    private final PrintWriter out;
    private final Selector selector;
    private final List<CrowdClient> all = new ArrayList<>();

    CrowdUsers(Endpoint server, List<String> roomNames, ServerProcess serverProcess, PrintWriter out) throws IOException {
        this.server = server;
        this.roomNames = roomNames;
        this.serverProcess = serverProcess;
        this.out = out;
        this.selector = Selector.open();
    }

    /** The selector all the users' connections are registered with. */
    Selector selector() {
        return selector;
    }

    /** Every user brought in, those that failed included. */
    List<CrowdClient> all() {
        return all;
    }

    /**
     * Connects {@code count} users named after {@code base}, user c in room c modulo the rooms' number, and
     * waits until each has registered and joined, or was refused.
     *
     * @return the users refused
     */
    long connect(String base, int count) throws IOException {
        int rooms = roomNames.size();
        InetSocketAddress address = new InetSocketAddress(server.host(), server.port());
        long errors = 0;
        for (int c = 0; c < count; c++) {
            int room = c % rooms;
            CrowdClient client = new CrowdClient(server.host(), address, selector, base + "-u" + c, roomNames.get(room), room);
            all.add(client);
            client.start();
        }
        CrowdMessages messages = new CrowdMessages(System.nanoTime() + nanos(SETUP_SECONDS * 10));
        long setupDeadline = System.nanoTime() + nanos(SETUP_SECONDS);
        int ready = 0;
        while (ready + errors < count) {
            if (System.nanoTime() > setupDeadline) {
                throw new IllegalStateException("only " + ready + " of " + count + " users registered and joined within "
                        + SETUP_SECONDS + " s");
            }
            selector.select(100);
            for (SelectionKey key : selector.selectedKeys()) {
                CrowdClient client = (CrowdClient) key.attachment();
                String answer;
                try {
                    answer = client.step(key);
                } catch (IOException e) {
                    throw new IOException(client.stage().name().toLowerCase(Locale.ROOT) + " failed, " + ready + " of "
                            + count + " users ready: " + e.getMessage()
                            + (e.getMessage() != null && e.getMessage().contains(" 503 ")
                                    ? "; a chat server refuses connections over its --max-connections" : ""), e);
                }
                if (answer != null) {
                    CrowdClient.Stage stage = client.stage();
                    if (client.take(answer, messages, System.nanoTime())) {
                        if (errors++ < 3) {
                            out.println("  " + client.user + ": " + stage.name().toLowerCase(Locale.ROOT) + " refused: "
                                    + faultString(answer));
                            out.flush();
                        }
                    } else if (client.stage() == CrowdClient.Stage.IDLE) {
                        ready++;
                    }
                }
            }
            selector.selectedKeys().clear();
        }
        out.printf(Locale.ROOT, "  %d users connected, registered and in %d rooms%s%n", ready, rooms, serverProcess.memory());
        out.flush();
        return errors;
    }

    /**
     * Reads the long-polls' first answers before any message is sent: each user's first wait answers at once
     * with the join notices of the users who joined its room after it (about half a room's worth each), so
     * {@code reading} users all asking at the same instant is a burst of work, for the server and for this
     * generator, that has nothing to do with delivering the senders' messages. Every user but the last to join
     * each room has such an answer; reading goes on until they all came, or none came for
     * {@value #SETTLE_QUIET_MILLIS} ms. How long it took is printed. Each answered user waits again at once.
     *
     * @return the errors met
     */
    long settle(int reading) throws IOException {
        long started = System.nanoTime();
        long deadline = started + nanos(SETUP_SECONDS);
        long expected = Math.max(0, reading - roomNames.size());
        CrowdMessages notices = new CrowdMessages(Long.MAX_VALUE);
        long answered = 0;
        long errors = 0;
        long lastAnswer = started;
        while (answered + errors < expected) {
            long now = System.nanoTime();
            if (now > deadline || now - lastAnswer > TimeUnit.MILLISECONDS.toNanos(SETTLE_QUIET_MILLIS)) {
                break;
            }
            selector.select(100);
            for (SelectionKey key : selector.selectedKeys()) {
                CrowdClient client = (CrowdClient) key.attachment();
                String answer;
                try {
                    answer = client.step(key);
                } catch (IOException e) {
                    errors++;
                    out.println("  " + e.getMessage());
                    client.close();
                    continue;
                }
                if (answer == null) {
                    continue;
                }
                lastAnswer = System.nanoTime();
                if (client.take(answer, notices, lastAnswer)) {
                    errors++;
                    continue;
                }
                answered++;
                client.read(CrowdClient.WAIT_SECONDS);
            }
            selector.selectedKeys().clear();
        }
        out.printf(Locale.ROOT, "  first long-polls answered (the join notices of later users) for %d users in %.1f s;"
                + " messages are sent from now on%s%n", answered, (System.nanoTime() - started) / 1e9, serverProcess.memory());
        out.flush();
        return errors;
    }

    /** Closes every user's connection, then the selector. */
    @Override
    public void close() throws IOException {
        all.forEach(CrowdClient::close);
        selector.close();
    }

    /** The faultString of an XML-RPC fault answer, or the answer itself, shortened. */
    private static String faultString(String answer) {
        int name = answer.indexOf("<name>faultString</name>");
        int from = name < 0 ? -1 : answer.indexOf("<value>", name);
        if (from >= 0) {
            from += "<value>".length();
            from = answer.startsWith("<string>", from) ? from + "<string>".length() : from;
        }
        int to = from < 0 ? -1 : answer.indexOf("</", from);
        String text = to < 0 ? answer : answer.substring(from, to);
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    private static long nanos(double secondsValue) {
        return (long) (secondsValue * 1e9);
    }
}
