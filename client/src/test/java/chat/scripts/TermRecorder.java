package chat.scripts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for a Binder or a server that says, in files, when it was asked to stop: {@code java -jar ...
 * NAME FOLDER SERVERS}. On TERM a server (any NAME but {@code binder}) writes {@code NAME.term}, then waits until
 * every one of the SERVERS has written its own (as servers stopped together do; one stopped alone waits until it
 * is killed), then writes {@code NAME.exited}. The Binder writes {@code binder.term} holding how many servers
 * had exited by then. It writes {@code NAME.ready} once it can be stopped.
 */
public final class TermRecorder {
    private TermRecorder() {
    }

    public static void main(String[] args) throws Exception {
        String name = args[0];
        Path folder = Path.of(args[1]);
        int servers = Integer.parseInt(args[2]);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (name.equals("binder")) {
                write(folder.resolve("binder.term"), String.valueOf(count(folder, ".exited")));
                return;
            }
            write(folder.resolve(name + ".term"), "");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (count(folder, ".term") < servers && System.nanoTime() < deadline) {
                pause();
            }
            write(folder.resolve(name + ".exited"), "");
        }));
        write(folder.resolve(name + ".ready"), "");
        new CountDownLatch(1).await();
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long count(Path folder, String suffix) {
        try (var files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().endsWith(suffix)).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String content) {
        try {
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
