package chat.client.testing;

import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Standard input a test types into, line by line, and ends when it wants (end of file). */
public final class Keyboard extends InputStream {
    private final Object lock = new Object();
    private byte[] typed = new byte[0]; // guarded by lock
    private int read; // guarded by lock
    private boolean ended; // guarded by lock

    /**
     * Types each line followed by Enter.
     *
     * @param lines what the person types, one line each
     */
    public void type(String... lines) {
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line).append('\n');
        }
        append(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void append(byte[] bytes) {
        synchronized (lock) {
            if (ended) {
                throw new IllegalStateException("input has already ended");
            }
            byte[] grown = Arrays.copyOf(typed, typed.length + bytes.length);
            System.arraycopy(bytes, 0, grown, typed.length, bytes.length);
            typed = grown;
            lock.notifyAll();
        }
    }

    /**
     * Presses one key, with no Enter after it.
     *
     * @param key the key, as the character it sends
     */
    public void press(char key) {
        append(String.valueOf(key).getBytes(StandardCharsets.UTF_8));
    }

    /** Ends input, as Ctrl-D on a terminal or the end of a piped file. */
    public void end() {
        synchronized (lock) {
            ended = true;
            lock.notifyAll();
        }
    }

    @Override
    public int read() throws InterruptedIOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws InterruptedIOException {
        if (length == 0) {
            return 0;
        }
        synchronized (lock) {
            while (read == typed.length && !ended) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for typing");
                }
            }
            if (read == typed.length) {
                return -1;
            }
            int count = Math.min(length, typed.length - read);
            System.arraycopy(typed, read, into, offset, count);
            read += count;
            return count;
        }
    }

    @Override
    public int available() {
        synchronized (lock) {
            return typed.length - read;
        }
    }

    @Override
    public void close() {
        end();
    }
}
