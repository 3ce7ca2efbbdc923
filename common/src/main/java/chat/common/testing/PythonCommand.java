package chat.common.testing;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The python3 on this machine that can run the Python peers of tests (the original-style chat server beside this
 * class, {@code contract_server.py}, and the interoperability tests' scripts): one whose {@code xmlrpc} modules
 * import. Probed once per JVM.
 */
public final class PythonCommand {
    private PythonCommand() {
    }

    /** {@return the command that runs python3 ({@code python3}, or {@code python} where that is Python 3), if any} */
    public static Optional<String> find() {
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
}
