package chat.common.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/** Runs python3, the real peer of the interoperability tests; tests skip with a clear message where it is missing. */
public final class Python {
    private Python() {
    }

    /** The python3 executable, if this machine has one that runs; probed once per test JVM. */
    public static Optional<String> executable() {
        return PythonCommand.find();
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
