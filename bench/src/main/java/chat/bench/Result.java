package chat.bench;

/** What one measured run produced: the calls (or deliveries) counted, the errors, their latencies, and the rest of its report. */
record Result(long calls, long errors, Latencies latencies, CpuTime cpu, String extra) {
    /** A closed loop's outcome, with nothing more to say. */
    static Result of(ClosedLoop.Outcome o) {
        return new Result(o.calls(), o.errors(), o.latencies(), o.cpu(), "");
    }
}
