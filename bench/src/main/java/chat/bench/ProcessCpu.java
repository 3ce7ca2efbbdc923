package chat.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/** The CPU time a process has used, from Linux's /proc (user plus system time), with its JIT compiler's part. */
final class ProcessCpu {
    /** Clock ticks per second of /proc/PID/stat; 100 on every Linux this runs on. */
    private static final double TICKS_PER_SECOND = 100.0;
    /** HotSpot's compiler threads, as /proc names them (their names cut to 15 characters). */
    private static final Pattern COMPILER_THREAD = Pattern.compile("C[12] CompilerThre");

    private ProcessCpu() {
    }

    /** Seconds of CPU used by process {@code pid} and its threads so far. */
    static double seconds(long pid) throws IOException {
        return ticks(Path.of("/proc", Long.toString(pid), "stat")) / TICKS_PER_SECOND;
    }

    /** CPU used so far by process {@code pid}, and by its JIT compiler threads. */
    static CpuTime of(long pid) throws IOException {
        Path process = Path.of("/proc", Long.toString(pid));
        double total = ticks(process.resolve("stat"));
        double jit = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(process.resolve("task"))) {
            for (Path task : tasks) {
                try {
                    if (COMPILER_THREAD.matcher(Files.readString(task.resolve("comm"))).lookingAt()) {
                        jit += ticks(task.resolve("stat"));
                    }
                } catch (NoSuchFileException ended) {
                    // a thread that ended since the listing: its time is in the process's
                }
            }
        }
        return new CpuTime(total / TICKS_PER_SECOND, jit / TICKS_PER_SECOND);
    }

    /**
     * CPU used so far by all of {@code pids} together (the servers of a cluster, whose work for one call may be
     * done on several of them); {@link CpuTime#UNKNOWN} when the list is empty.
     */
    static CpuTime of(List<Long> pids) throws IOException {
        if (pids.isEmpty()) {
            return CpuTime.UNKNOWN;
        }
        double sum = 0;
        double jit = 0;
        for (long pid : pids) {
            CpuTime one = of(pid);
            sum += one.seconds();
            jit += one.jitSeconds();
        }
        return new CpuTime(sum, jit);
    }

    /** User plus system clock ticks of a /proc {@code stat} file (fields 14 and 15, counted after the name). */
    private static long ticks(Path stat) throws IOException {
        String line = Files.readString(stat);
        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
