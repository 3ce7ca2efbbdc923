package chat.bench;

/**
 * CPU time of server processes, and the part of it their JIT compiler threads took: the compiler works hardest in
 * a process's first minutes and after new code gets hot, and says what a call costs a warmed-up server no more than
 * a server's start does. Both NaN when no process is known.
 *
 * @param seconds    user and system time of every thread
 * @param jitSeconds the part of {@code seconds} of the C1 and C2 compiler threads
 */
record CpuTime(double seconds, double jitSeconds) {
    /** Nothing known: no process ids were given. */
    static final CpuTime UNKNOWN = new CpuTime(Double.NaN, Double.NaN);

    /** What was used between {@code before} and this. */
    CpuTime since(CpuTime before) {
        return new CpuTime(seconds - before.seconds, jitSeconds - before.jitSeconds);
    }
}
