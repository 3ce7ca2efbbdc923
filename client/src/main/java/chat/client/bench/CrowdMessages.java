package chat.client.bench;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the answers the crowd receives: bench messages ({@code b:SENDER:SEQ:NANOS}, sent by this
 * process, so their send time is on this process's clock), the cursor for the next read, and the
 * latencies of the deliveries made after the warm-up.
 */
final class CrowdMessages {
    private static final Pattern STAMP = Pattern.compile("b:(\\d+):(\\d+):(\\d+)");
    private static final Pattern DOUBLE = Pattern.compile("<double>([^<]+)</double>");
    private static final Pattern CURSOR = Pattern.compile("<name>cursor</name><value><(?:int|i4)>(\\d+)</");

    private final long measureFrom;
    final Latencies latencies = new Latencies();
    long delivered;

    CrowdMessages(long measureFrom) {
        this.measureFrom = measureFrom;
    }

    /** The text of bench message {@code seq} of sender {@code sender}, sent now. */
    static String text(int sender, long seq) {
        return "b:" + sender + ":" + seq + ":" + System.nanoTime();
    }

    /** One number for message {@code seq} of sender {@code sender}. */
    static long id(int sender, long seq) {
        return ((long) sender << 40) | seq;
    }

    void deliver(String body, long now, CrowdClient client) {
        Matcher stamp = STAMP.matcher(body);
        while (stamp.find()) {
            long id = id(Integer.parseInt(stamp.group(1)), Long.parseLong(stamp.group(2)));
            if (client.remember(id)) {
                delivered++;
                long sentAt = Long.parseLong(stamp.group(3));
                if (sentAt >= measureFrom) {
                    latencies.add(now - sentAt);
                }
            }
        }
    }

    /** The cursor to read after this answer: wait_messages' sequence number, or the newest timestamp; null: unchanged. */
    Object nextCursor(String body) {
        Matcher next = CURSOR.matcher(body);
        if (next.find()) {
            return Integer.valueOf(next.group(1));
        }
        return lastTimestamp(body);
    }

    /** The newest message timestamp in an answer, written back exactly as the server sent it; null if none. */
    Bench.Verbatim lastTimestamp(String body) {
        Matcher m = DOUBLE.matcher(body);
        String last = null;
        while (m.find()) {
            last = m.group(1);
        }
        return last == null ? null : new Bench.Verbatim(last);
    }
}
