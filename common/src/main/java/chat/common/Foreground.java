package chat.common;

import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;

/** How a program's {@code main} serves until the process is told to stop (Ctrl-C, TERM). */
public final class Foreground {
    private Foreground() {
    }

    /**
     * Prints {@code startLine}, then blocks until the JVM begins to shut down, when {@code running} is
     * closed (calls in flight finish first).
     *
     * @param running   what serves; closed by a shutdown hook
     * @param name      the program's name, for the hook's thread and its one line if closing fails
     * @param out       where the start line goes
     * @param startLine what tells the person (or a script) that the program serves
     * @throws InterruptedException the waiting thread was interrupted
     */
    public static void serveUntilStopped(AutoCloseable running, String name, PrintWriter out, String startLine)
            throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                running.close();
            } catch (Exception e) {
                System.err.println(name + ": stopping failed: " + e.getMessage());
            } finally {
                stopped.countDown();
            }
        }, name + "-shutdown"));
        out.println(startLine);
        out.flush();
        stopped.await();
    }
}
