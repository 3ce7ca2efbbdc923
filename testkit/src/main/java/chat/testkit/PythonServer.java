package chat.testkit;

import chat.common.Endpoint;
import chat.common.testing.Await;
import chat.common.testing.PythonCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * An original-style chat server in Python ({@code contract_server.py}: the eight procedures of the Python original,
 * no sessions, no long poll, its own chat), run as a python3 process registered with a Binder.
 */
final class PythonServer implements AutoCloseable {
    private static final String SCRIPT = "contract_server.py";
    /** What the script prints once it listens and is registered, as the original server does. */
    private static final Pattern PORT_LINE = Pattern.compile("executando na porta (\\d+)");
    private static final Duration START_DEADLINE = Duration.ofSeconds(30);

    private final Process process;
    private final Endpoint endpoint;
    private final Path work;

    private PythonServer(Process process, Endpoint endpoint, Path work) {
        this.process = process;
        this.endpoint = endpoint;
        this.work = work;
    }

    /** Starts the server, registered with the Binder at {@code binder} (on localhost), and waits until it listens. */
    static PythonServer start(Endpoint binder) {
        String python = PythonCommand.find().orElseThrow(() -> new PythonUnavailableException(
                "python3 with its xmlrpc modules is not installed on this machine: the Python chat server cannot start"));
        Path work;
        Process process;
        try {
            work = Files.createTempDirectory("chat-python-server");
            Path script = work.resolve(SCRIPT);
            try (InputStream in = PythonCommand.class.getResourceAsStream(SCRIPT)) {
                if (in == null) {
                    throw new IllegalStateException(SCRIPT + " is missing beside " + PythonCommand.class.getName()
                            + " on the class path");
                }
                Files.copy(in, script);
            }
            ProcessBuilder builder = new ProcessBuilder(python, "-u", script.toString(), String.valueOf(binder.port()))
                    .redirectOutput(work.resolve("out.txt").toFile()).redirectError(work.resolve("err.txt").toFile());
            builder.environment().put("PYTHONIOENCODING", "utf-8");
            builder.environment().put("PYTHONUTF8", "1");
            process = builder.start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Python chat server: " + e.getMessage(), e);
        }
        PythonServer starting = new PythonServer(process, null, work);
        int[] port = new int[1];
        try {
            Await.until("the Python chat server to print its port", START_DEADLINE, () -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the Python chat server exited with " + process.exitValue()
                            + ": " + starting.read("err.txt"));
                }
                Matcher line = PORT_LINE.matcher(starting.read("out.txt"));
                if (line.find()) {
                    port[0] = Integer.parseInt(line.group(1));
                    return true;
                }
                return false;
            });
        } catch (RuntimeException | AssertionError e) {
            starting.close();
            throw e;
        }
        return new PythonServer(process, new Endpoint("localhost", port[0]), work);
    }

    private String read(String file) {
        try {
            return Files.readString(work.resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    Endpoint endpoint() {
        return endpoint;
    }

    /** Kills the process, as {@code kill -9}: the Binder keeps naming it, as the original leaves it. */
    void kill() {
        process.destroyForcibly();
        close();
    }

    /** Stops the process and removes its files. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(work)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind
        }
    }
}
