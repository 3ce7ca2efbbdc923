package chat.client.testing;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Standard output a test reads as a person would see it: a dumb terminal redraws the prompt around a
 * line printed above it with carriage returns, so each line reads as what follows its last {@code \r}.
 */
public final class Screen extends OutputStream {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @Override
    public synchronized void write(int b) {
        bytes.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        bytes.write(b, off, len);
    }

    /** {@return everything written, as is} */
    public synchronized String raw() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** {@return the lines as they read on a screen, the unfinished last one included} */
    public List<String> lines() {
        return Arrays.stream(raw().split("\n", -1))
                .map(line -> line.substring(line.lastIndexOf('\r') + 1).stripTrailing())
                .filter(line -> !line.isEmpty())
                .toList();
    }

    /**
     * @param line a whole line
     * @return how many lines read exactly {@code line}
     */
    public long count(String line) {
        return lines().stream().filter(line::equals).count();
    }

    /**
     * @param line a whole line
     * @return whether some line reads exactly {@code line}
     */
    public boolean shows(String line) {
        return lines().contains(line);
    }

    /** {@return the screen for a failure message} */
    public String dump() {
        return String.join("\n", lines());
    }
}
