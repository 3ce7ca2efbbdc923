package chat.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The server under load seen from outside, through its process id when that is known: its CPU time and memory. */
final class ServerProcess {
    private final Long pid;

    /** {@code pid} may be null: then nothing is known. */
    ServerProcess(Long pid) {
        this.pid = pid;
    }

    /** The CPU the server has used so far; {@link CpuTime#UNKNOWN} when its process id is unknown. */
    CpuTime cpu() throws IOException {
        return pid == null ? CpuTime.UNKNOWN : ProcessCpu.of(pid);
    }

    /** The server's resident memory, as the end of a line ({@code "; server RSS ..."}), or empty when its process id is unknown. */
    String memory() {
        if (pid == null) {
            return "";
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc", pid.toString(), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return "; server RSS " + line.substring(6).trim();
                }
            }
        } catch (IOException e) {
            return "; server RSS unknown (" + e.getMessage() + ")";
        }
        return "";
    }
}
