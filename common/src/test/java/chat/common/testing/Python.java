package chat.common.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Runs python3, the real peer of the interoperability tests; tests skip with a clear message where it is missing. */
public final class Python {
    private Python() {
    }

    /** The python3 executable, if this machine has one that runs; probed once per test JVM. */
    public static Optional<String> executable() {
        return Probe.EXECUTABLE;
    }

    /** Holds the probe's answer: computed on first use, never changed. */
    private static final class Probe {
        static final Optional<String> EXECUTABLE = probe();
    }

    private static Optional<String> probe() {
        for (String candidate : List.of("python3", "python")) {
            try {
                Process probe = new ProcessBuilder(candidate, "-c", "import sys, xmlrpc.client, xmlrpc.server; "
                        + "sys.exit(0 if sys.version_info[0] == 3 else 1)").redirectErrorStream(true).start();
                probe.getInputStream().readAllBytes();
                if (probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0) {
                    return Optional.of(candidate);
                }
            } catch (IOException e) {
                // not this one
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The python3 executable, or the calling test is skipped with a message saying python3 is missing. */
    public static String require() {
        Optional<String> python = executable();
        Assumptions.assumeTrue(python.isPresent(),
                "python3 with xmlrpc is not installed on this machine: the interoperability test is skipped");
        return python.get();
    }

    /** A process builder for {@code python3 -u script args...}, with UTF-8 standard streams. */
    public static ProcessBuilder script(Path script, String... args) {
        List<String> command = new ArrayList<>(List.of(require(), "-u", script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("PYTHONIOENCODING", "utf-8");
        builder.environment().put("PYTHONUTF8", "1");
        return builder;
    }
}
