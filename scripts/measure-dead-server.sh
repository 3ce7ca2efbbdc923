#!/usr/bin/env bash
# Measures how long the Binder keeps handing out a chat server after it is killed with kill -9.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
    cat <<USAGE
Usage: scripts/measure-dead-server.sh [--trials N] [BINDER OPTIONS...]

Starts a Binder (binder/target/binder.jar, on a free port, with the given options, e.g.
--probe-every 0.5 --probe-failures 3) and two chat servers (server/target/server.jar); then, N times
(default 5): kills one server with kill -9, asks the Binder lookup_endpoints("register_user") every
5 ms until the killed server is no longer in the answer, prints that time, and starts a new server in
its place. Prints each time, then the median and the longest. Everything it started is stopped at the
end (Ctrl-C included). Needs python3 (to time and call) and the jars (mvn -B -DskipTests package).

This help: -h or --help.
USAGE
}

trials=5
binder_options=()
while [ $# -gt 0 ]; do
    case "$1" in
        -h | --help) usage; exit 0 ;;
        --trials) need_value "$@"; trials="$2"; shift 2 ;;
        *) binder_options+=("$1"); shift ;;
    esac
done
is_uint "$trials" && [ "$trials" -ge 1 ] || die "--trials must be a whole number of at least 1, got '$trials'"
require_java
build_jars_if_stale
require_jar "$BINDER_JAR" "$SERVER_JAR"
require_python3 "to time the Binder's answers"

exec python3 - "$CHAT_ROOT/scripts" "$JAVA_CMD" "$BINDER_JAR" "$SERVER_JAR" "$trials" ${binder_options[@]+"${binder_options[@]}"} <<'PYTHON'
import os, signal, statistics, sys, time, xmlrpc.client
sys.path.insert(0, sys.argv[1])
from measuring import Programs, free_port

java, binder_jar, server_jar, trials = sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
binder_options = sys.argv[6:]
programs = Programs(java)


def start(args, pattern):
    return programs.start(["-jar"] + args, pattern)


try:
    binder_port = free_port()
    start([binder_jar, "--port", str(binder_port)] + binder_options, r"porta (\d+)")
    binder = xmlrpc.client.ServerProxy("http://localhost:%d/" % binder_port)
    servers = [start([server_jar, "--binder-port", str(binder_port), "--memory-only"], r"porta (\d+)") for _ in range(2)]
    times = []
    for trial in range(trials):
        victim, port = servers.pop(0)
        while ["localhost", port] not in binder.lookup_endpoints("register_user"):
            time.sleep(0.005)
        time.sleep(1.0)  # a steady state: the victim has been probed alive for a while
        killed = time.monotonic()
        os.kill(victim.pid, signal.SIGKILL)
        while ["localhost", port] in binder.lookup_endpoints("register_user"):
            time.sleep(0.005)
        elapsed = time.monotonic() - killed
        times.append(elapsed)
        print("trial %d: the killed server was handed out for %.0f ms after kill -9" % (trial + 1, elapsed * 1000),
              flush=True)
        victim.wait()
        servers.append(start([server_jar, "--binder-port", str(binder_port), "--memory-only"], r"porta (\d+)"))
    print("median %.0f ms, longest %.0f ms, over %d kills" % (statistics.median(times) * 1000, max(times) * 1000, trials))
finally:
    programs.stop_all()
PYTHON
