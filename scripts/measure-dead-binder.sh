#!/usr/bin/env bash
# Measures what clients go through when the Binder is killed with kill -9: a Java client given two Binders, and a
# Python client that knows only the first Binder's port, where a second Binder stands by.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
    cat <<USAGE
Usage: scripts/measure-dead-binder.sh [--trials N]

N times (default 3), on free ports: starts a Binder, a second Binder standing by for its port
(binder --standby), and a chat server given both (--binder localhost:P,localhost:Q). Then two
clients look join_room up every 10 ms: a Java one given both Binders (chat.bench.BinderLookups, as
the Java client looks up: in any Binder that answers) and a Python one calling lookup_procedure on
the first Binder's port, as the original client does. 2 s in, the first Binder is killed with
kill -9; 2 s later it prints, for each client, how many look-ups failed, until when after the kill,
and how long the first look-ups after the kill took. Everything it started is stopped at the end
(Ctrl-C included). Needs python3 and the jars (mvn -B -DskipTests package).

This help: -h or --help.
USAGE
}

trials=3
while [ $# -gt 0 ]; do
    case "$1" in
        -h | --help) usage; exit 0 ;;
        --trials) need_value "$@"; trials="$2"; shift 2 ;;
        *) die "unknown option '$1' (see --help)" ;;
    esac
done
is_uint "$trials" && [ "$trials" -ge 1 ] || die "--trials must be a whole number of at least 1, got '$trials'"
require_java
build_jars_if_stale
require_jar "$BINDER_JAR" "$SERVER_JAR" "$BENCH_JAR"
require_python3 "to run the Python client and to time"

exec python3 - "$CHAT_ROOT/scripts" "$JAVA_CMD" "$BINDER_JAR" "$SERVER_JAR" "$BENCH_JAR" "$trials" <<'PYTHON'
import os, signal, sys, threading, time, xmlrpc.client
sys.path.insert(0, sys.argv[1])
from measuring import Programs, free_port

java, binder_jar, server_jar, bench_jar, trials = sys.argv[2:6] + [int(sys.argv[6])]
programs = Programs(java)
start = programs.start
LOOK_UP_FOR, KILL_AFTER = 4.0, 2.0

def python_lookups(port, rows):
    end = time.monotonic() + LOOK_UP_FOR
    while time.monotonic() < end:
        wall, begin = time.time_ns(), time.monotonic()
        try:
            xmlrpc.client.ServerProxy("http://localhost:%d/" % port).lookup_procedure("join_room")
            outcome = "ok"
        except Exception:
            outcome = "failed"
        rows.append((wall, outcome, (time.monotonic() - begin) * 1e6))
        time.sleep(0.01)

def report(who, rows, killed):
    after = [row for row in rows if row[0] >= killed]
    failed = [row for row in after if row[1] != "ok"]
    until = max((row[0] + row[2] * 1000 - killed for row in failed), default=0) / 1e6
    firsts = ", ".join("%.1f ms %s" % (row[2] / 1000, row[1]) for row in after[:3])
    print("  %-6s %d look-ups after the kill, %d failed%s; the first three: %s" % (
        who, len(after), len(failed), ", the last ending %.0f ms after it" % until if failed else "", firsts),
        flush=True)

try:
    for trial in range(trials):
        first_port = free_port()
        first, _ = start(["-jar", binder_jar, "--port", str(first_port)], r"porta (\d+)")
        standby, standby_port = start(["-jar", binder_jar, "--port", str(first_port), "--standby"],
                                      r"reserva na porta (\d+)")
        binders = "localhost:%d,localhost:%d" % (first_port, standby_port)
        server, _ = start(["-jar", server_jar, "--binder", binders, "--standalone", "--memory-only"], r"porta (\d+)")
        java_client = programs.run(["-cp", bench_jar, "chat.bench.BinderLookups", "--binder", binders,
                                    "--every", "0.01", "--seconds", str(LOOK_UP_FOR)])
        python_rows = []
        python_client = threading.Thread(target=python_lookups, args=(first_port, python_rows))
        python_client.start()
        time.sleep(KILL_AFTER)
        killed = time.time_ns()
        os.kill(first.pid, signal.SIGKILL)
        python_client.join()
        java_rows = [(int(wall), outcome, float(micros)) for wall, outcome, micros in
                     (line.split() for line in java_client.communicate()[0].splitlines())]
        print("trial %d: the Binder on port %d killed with kill -9; another standing by on it from port %d"
              % (trial + 1, first_port, standby_port), flush=True)
        report("Java", java_rows, killed)
        report("Python", python_rows, killed)
        for process in (server, standby, first):
            if process.poll() is None:
                process.terminate()
            process.wait(timeout=15)
finally:
    programs.stop_all()
PYTHON
