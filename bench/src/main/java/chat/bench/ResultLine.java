package chat.bench;

import chat.common.Endpoint;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * The line a run ends with, and the line of detail under it: what ran against which servers, calls (or
 * messages delivered) a second, latency percentiles, errors and the server's CPU time per call (with the part its JIT
 * compiler took, which a server just started or just given new work spends and a warmed-up one does not).
 * scripts/bench-compare.sh reads these lines, so their text is a contract.
 *
 * @param label the run's name, or empty
 * @param what what ran, in words (the scenario and its load)
 * @param deliveries whether the run counts messages delivered rather than calls
 * @param seconds how long it measured
 * @param serverProcesses how many server processes' CPU time it measured
 */
record ResultLine(String label, String what, boolean deliveries, double seconds, int serverProcesses) {
    void print(PrintWriter out, List<Endpoint> servers, Result r) {
        double perSecond = r.calls() / seconds;
        double cpuMicrosPerCall = r.calls() == 0 ? Double.NaN : r.cpu().seconds() * 1e6 / r.calls();
        double jitMicrosPerCall = r.calls() == 0 ? Double.NaN : r.cpu().jitSeconds() * 1e6 / r.calls();
        out.printf(Locale.ROOT, "%s%s at %s: %d %s in %.1f s = %.0f/s; latency ms p50 %.2f p90 %.2f p99 %.2f max %.2f;"
                        + " errors %d; server CPU %s%n",
                label.isEmpty() ? "" : "[" + label + "] ", what,
                servers.size() == 1 ? servers.get(0) : servers.size() + " servers " + servers, r.calls(),
                deliveries ? "messages delivered" : "calls", seconds, perSecond,
                r.latencies().percentileMillis(50), r.latencies().percentileMillis(90),
                r.latencies().percentileMillis(99), r.latencies().percentileMillis(100), r.errors(),
                Double.isNaN(cpuMicrosPerCall) ? "n/a (give --server-pid)" : String.format(Locale.ROOT,
                        "%.1f us/%s%s, of it the JIT compiler %.1f us",
                        cpuMicrosPerCall, deliveries ? "message delivered" : "call",
                        serverProcesses > 1 ? " (" + serverProcesses + " processes together)" : "", jitMicrosPerCall));
        if (!r.extra().isEmpty()) {
            out.println("  " + r.extra());
        }
        out.flush();
    }
}
