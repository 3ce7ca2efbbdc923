package chat.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The CPU time a process has used, from Linux's /proc (user plus system time). */
final class ProcessCpu {
    /** Clock ticks per second of /proc/PID/stat; 100 on every Linux this runs on. */
    private static final double TICKS_PER_SECOND = 100.0;

    private ProcessCpu() {
    }

    /** Seconds of CPU used by process {@code pid} and its threads so far. */
    static double seconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long utime = Long.parseLong(fields[11]);
        long stime = Long.parseLong(fields[12]);
        return (utime + stime) / TICKS_PER_SECOND;
    }

    /**
     * Seconds of CPU used so far by all of {@code pids} together (the servers of a cluster, whose work
     * for one call may be done on several of them); NaN when the list is empty.
     */
    static double seconds(List<Long> pids) throws IOException {
        if (pids.isEmpty()) {
            return Double.NaN;
        }
        double sum = 0;
        for (long pid : pids) {
            sum += seconds(pid);
        }
        return sum;
    }
}
