package chat.bench;

/**
 * Reads the answers the crowd receives: bench messages ({@code b:SENDER:SEQ:NANOS}, sent by this
 * process, so their send time is on this process's clock), the cursor for the next read, and the
 * latencies of the deliveries made after the warm-up. The answers are scanned in place, without
 * regular expressions: this runs for every answer, on the generator's only thread.
 */
final class CrowdMessages {
    private static final String STAMP = "b:";
    private static final String DOUBLE_OPEN = "<double>";
    private static final String DOUBLE_CLOSE = "</double>";
    private static final String CURSOR = "<name>cursor</name><value><";

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
        if (sender < 0 || seq < 0 || seq >= 1L << 31) {
            throw new IllegalArgumentException("not a bench message number: sender " + sender + ", seq " + seq);
        }
        return ((long) sender << 40) | seq;
    }

    static int sender(long id) {
        return (int) (id >>> 40);
    }

    static long seq(long id) {
        return id & ((1L << 40) - 1);
    }

    void deliver(String body, long now, CrowdClient client) {
        long[] fields = new long[3];
        int at = body.indexOf(STAMP);
        while (at >= 0) {
            int end = numbers(body, at + STAMP.length(), fields);
            if (end < 0) {
                at = body.indexOf(STAMP, at + 1);
                continue;
            }
            if (client.remember(id((int) fields[0], fields[1]))) {
                delivered++;
                long sentAt = fields[2];
                if (sentAt >= measureFrom) {
                    latencies.add(now - sentAt);
                }
            }
            at = body.indexOf(STAMP, end);
        }
    }

    /**
     * Reads {@code DIGITS:DIGITS:DIGITS} at {@code from} into {@code fields}, as the pattern
     * {@code (\d+):(\d+):(\d+)} would (the digits of the last as many as there are); the index after it,
     * or -1 when the text there is not that.
     */
    private static int numbers(String text, int from, long[] fields) {
        int at = from;
        for (int field = 0; field < 3; field++) {
            if (field > 0) {
                if (at >= text.length() || text.charAt(at) != ':') {
                    return -1;
                }
                at++;
            }
            int start = at;
            long value = 0;
            while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
                value = value * 10 + (text.charAt(at) - '0');
                at++;
            }
            if (at == start || at - start > 18) {
                return -1;
            }
            fields[field] = value;
        }
        return at;
    }

    /** The cursor to read after this answer: wait_messages' sequence number, or the newest timestamp; null: unchanged. */
    Object nextCursor(String body) {
        int at = body.indexOf(CURSOR);
        while (at >= 0) {
            int digits = at + CURSOR.length();
            digits = body.startsWith("int>", digits) ? digits + 4 : body.startsWith("i4>", digits) ? digits + 3 : -1;
            if (digits > 0) {
                int end = digits;
                while (end < body.length() && body.charAt(end) >= '0' && body.charAt(end) <= '9') {
                    end++;
                }
                if (end > digits && end - digits <= 10 && body.startsWith("</", end)) {
                    long value = Long.parseLong(body, digits, end, 10);
                    if (value <= Integer.MAX_VALUE) {
                        return (int) value;
                    }
                }
            }
            at = body.indexOf(CURSOR, at + 1);
        }
        return lastTimestamp(body);
    }

    /** The newest message timestamp in an answer, written back exactly as the server sent it; null if none. */
    Verbatim lastTimestamp(String body) {
        int at = body.lastIndexOf(DOUBLE_OPEN);
        while (at >= 0) {
            int text = at + DOUBLE_OPEN.length();
            int close = body.indexOf('<', text);
            if (close > text && body.startsWith(DOUBLE_CLOSE, close)) {
                return new Verbatim(body.substring(text, close));
            }
            at = at == 0 ? -1 : body.lastIndexOf(DOUBLE_OPEN, at - 1);
        }
        return null;
    }
}
