#!/usr/bin/env bash
# Starts a Binder in the background and waits until it accepts calls.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
    cat <<USAGE
Usage: scripts/start-binder.sh [--host H] [--port P] [--run-dir DIR] [--timeout SECONDS]

Starts a Binder (binder/target/binder.jar) in the background, waits until it prints
its start line, and prints its address (host:port) on stdout.
Its PID goes to DIR/binder.pid and its output to DIR/binder.log; stop it with scripts/stop.sh.

Options:
  --host H           address to bind (default: \$CHAT_BINDER_HOST, else localhost;
                     0.0.0.0 for every interface)
  --port P           port to listen on (default: \$CHAT_BINDER_PORT, else 5000; 0 for a free one)
  --run-dir DIR      where PID files and logs go (default: \$CHAT_RUN_DIR, else run/ at the
                     repository root)
  --timeout SECONDS  how long to wait for the start line (default: \$CHAT_START_TIMEOUT, else 30)
  -h, --help         show this help and exit

Fails (exit 1, with the Binder's own message) if a Binder started here is still running, if the
port is taken, or if the Binder does not start within the timeout.
USAGE
}

args=()
while (($#)); do
    case "$1" in
        -h | --help) usage; exit 0 ;;
        --host | --port) need_value "$@"; args+=("$1" "$2"); shift 2 ;;
        --host=* | --port=*) args+=("$1"); shift ;;
        --run-dir) need_value "$@"; RUN_DIR="$2"; shift 2 ;;
        --run-dir=*) RUN_DIR="${1#*=}"; shift ;;
        --timeout) need_value "$@"; START_TIMEOUT="$2"; shift 2 ;;
        --timeout=*) START_TIMEOUT="${1#*=}"; shift ;;
        *) die "unknown option '$1' (see --help)" ;;
    esac
done
check_seconds --timeout "$START_TIMEOUT"

require_java
require_jar "$BINDER_JAR"
prepare_run_dir

if pid="$(running_pid binder)"; then
    die "a Binder started from $RUN_DIR is already running (PID $pid); stop it with scripts/stop.sh binder"
fi

start_background binder "$BINDER_JAR" ${args[@]+"${args[@]}"}
pid="$STARTED_PID"
wait_for_line binder "$pid" '^Binder executando na porta [0-9]+' || exit 1

# "Binder executando na porta 5000 (Binder listening on localhost:5000)"
address="${READY_LINE##* on }"
address="${address%)*}"
note "Binder started (PID $pid), log: $(log_file binder)"
printf '%s\n' "$address"
