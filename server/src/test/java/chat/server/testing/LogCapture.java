package chat.server.testing;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What the programs in this JVM log while it is open: slf4j-simple (which Hazelcast logs through here) writes
 * to {@code System.err} as it is at each call, so this puts a stream there that keeps a copy and still passes
 * everything on. Not for tests that run at the same time as others (surefire runs a module's classes one after
 * the other).
 */
public final class LogCapture implements AutoCloseable {
    /** A line at WARN or above in slf4j-simple's format ({@code [thread] LEVEL logger - message}), or of a stack trace. */
    private static final Pattern PROBLEM = Pattern.compile(
            "^\\[[^\\]]*\\] (WARN|ERROR) .*|^\\s+at .*|^Caused by: .*|^[\\w.$]+(Exception|Error)(: .*)?$");

    private final PrintStream original;
    private final ByteArrayOutputStream copy = new ByteArrayOutputStream();

    private LogCapture() {
        original = System.err;
        OutputStream both = new OutputStream() {
            @Override
            public void write(int b) {
                synchronized (copy) {
                    copy.write(b);
                }
                original.write(b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                synchronized (copy) {
                    copy.write(bytes, offset, length);
                }
                original.write(bytes, offset, length);
            }
        };
        System.setErr(new PrintStream(both, true, StandardCharsets.UTF_8));
    }

    /** Starts keeping what is logged. */
    public static LogCapture start() {
        return new LogCapture();
    }

    /** Everything logged since the start. */
    public String text() {
        synchronized (copy) {
            return copy.toString(StandardCharsets.UTF_8);
        }
    }

    /** The lines logged at WARN or above, and the lines of stack traces. */
    public List<String> problems() {
        return text().lines().filter(line -> PROBLEM.matcher(line).matches()).toList();
    }

    /** How many logged lines contain {@code text}. */
    public long count(String text) {
        return text().lines().filter(line -> line.contains(text)).count();
    }

    @Override
    public void close() {
        System.setErr(original);
    }
}
