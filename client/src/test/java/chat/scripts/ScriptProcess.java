package chat.scripts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A script run as a process: its standard input written line by line, its standard output and error read into
 * lines as they come, and waits on them with a deadline. Closing it kills the script and every process it
 * started that is still running, so nothing outlives a test.
 */
final class ScriptProcess implements AutoCloseable {
    static final Duration DEADLINE = Duration.ofSeconds(60);

    private final Process process;
    private final Writer in;
    private final List<String> out = new ArrayList<>();
    private final List<String> err = new ArrayList<>();
    private final List<ProcessHandle> seen = new ArrayList<>();
    private int streamsEnded;

    private ScriptProcess(Process process) {
        this.process = process;
        this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    static ScriptProcess start(ProcessBuilder builder) throws IOException {
        ScriptProcess script = new ScriptProcess(builder.start());
        script.readInto(script.process.getInputStream(), script.out, "out");
        script.readInto(script.process.getErrorStream(), script.err, "err");
        return script;
    }

    private void readInto(InputStream stream, List<String> lines, String name) {
        Thread reader = new Thread(() -> {
            try (BufferedReader lineReader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = lineReader.readLine()) != null) {
                    synchronized (this) {
                        lines.add(line);
                        notifyAll();
                    }
                }
            } catch (IOException e) {
                // the process is gone; what was read stays
            }
            synchronized (this) {
                streamsEnded++;
                notifyAll();
            }
        }, "script-" + name + "-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    long pid() {
        return process.pid();
    }

    /** Sends one line to the script's standard input (its client's). */
    void send(String line) {
        try {
            in.write(line + "\n");
            in.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ends the script's standard input: its client, in the non-interactive mode, leaves and ends. */
    void endInput() throws IOException {
        in.close();
    }

    /** Waits for a line of standard error that contains {@code text}, and returns it. */
    String awaitErr(String text) throws InterruptedException {
        return await(err, line -> line.contains(text), "standard error to contain '" + text + "'");
    }

    /** Waits for a line of standard output that ends with {@code text}, and returns it. */
    String awaitOut(String text) throws InterruptedException {
        return await(out, line -> line.endsWith(text), "standard output to end a line with '" + text + "'");
    }

    private synchronized String await(List<String> lines, Predicate<String> wanted, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        int checked = 0;
        while (true) {
            for (; checked < lines.size(); checked++) {
                if (wanted.test(lines.get(checked))) {
                    return lines.get(checked);
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || streamsEnded == 2) {
                throw new AssertionError("waited for " + what + "; " + this);
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    /**
     * Waits for the script to exit and for everything it wrote to be read, and returns its status; fails after
     * the deadline.
     */
    int awaitExit() throws InterruptedException {
        rememberDescendants();
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        if (!process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("the script did not exit; " + this);
        }
        synchronized (this) {
            while (streamsEnded < 2) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("the script's output did not end; " + this);
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
        return process.exitValue();
    }

    /** The processes the script has started so far (its client among them), remembered for close. */
    List<ProcessHandle> rememberDescendants() {
        List<ProcessHandle> now = process.descendants().toList();
        synchronized (this) {
            seen.addAll(now);
        }
        return now;
    }

    /**
     * Kills the script with SIGKILL, as {@code kill -9} does, so it cannot run its traps; and then its client
     * (which would otherwise run on), but not the programs it started in the background.
     */
    void killScriptAndClient() throws InterruptedException {
        List<ProcessHandle> clients = rememberDescendants().stream()
                .filter(child -> child.info().arguments().map(Arrays::asList).orElse(List.of()).stream()
                        .anyMatch(argument -> argument.endsWith("client.jar")))
                .toList();
        process.destroyForcibly();
        process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        for (ProcessHandle client : clients) {
            client.destroyForcibly();
            client.onExit().orTimeout(DEADLINE.toSeconds(), TimeUnit.SECONDS).join();
        }
    }

    synchronized List<String> err() {
        return List.copyOf(err);
    }

    synchronized List<String> out() {
        return List.copyOf(out);
    }

    @Override
    public void close() {
        rememberDescendants();
        process.destroyForcibly();
        synchronized (this) {
            seen.forEach(ProcessHandle::destroyForcibly);
        }
    }

    @Override
    public synchronized String toString() {
        return "script PID " + process.pid() + (process.isAlive() ? " running" : " exited " + process.exitValue())
                + "\n  stdout: " + String.join("\n          ", out) + "\n  stderr: " + String.join("\n          ", err);
    }
}
