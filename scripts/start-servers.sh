#!/usr/bin/env bash
# Starts N chat servers in the background and waits until each has registered with the Binder.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
    cat <<USAGE
Usage: scripts/start-servers.sh [-n N] [--binder LIST | --binder-host H --binder-port P]
                                [--run-dir DIR] [--timeout SECONDS] [SERVER OPTIONS...]

Starts N chat servers (server/target/server.jar) in the background, one after the other, and
waits until each has registered its procedures with the Binder and printed its start line.
The servers of one Binder share one chat (each embeds a cluster member and finds the others
through the Binder); with --standalone each keeps a chat of its own, in its own memory.
Prints each server's port on stdout, one per line (details on stderr).
Server K's PID goes to DIR/server-K.pid and its output to DIR/server-K.log, K being the lowest
numbers not in use there; stop them with scripts/stop.sh. If one fails to start, those this run
started are stopped again and the script exits 1.

Options:
  -n N               how many servers to start (default: 1)
  --binder LIST      the Binders, HOST:PORT[,HOST:PORT...]: each server registers with every
                     one (default: \$CHAT_BINDER, else --binder-host and --binder-port)
  --binder-host H    the Binder's address (default: \$CHAT_BINDER_HOST, else localhost)
  --binder-port P    the Binder's port (default: \$CHAT_BINDER_PORT, else 5000)
  --run-dir DIR      where PID files and logs go (default: \$CHAT_RUN_DIR, else run/ at the
                     repository root)
  --timeout SECONDS  how long to wait for each start line (default: \$CHAT_START_TIMEOUT, else 30)
  -h, --help         show this help and exit

Any other option (and everything after '--') is passed to every server as it is, e.g.
  --standalone, --host H, --advertised-host H, --room-ttl SECONDS, --history-limit N, --workers N
(see 'java -jar server/target/server.jar --help'). With -n above 1, --port must be 0 (a free
port each, the default).
USAGE
}

count=1
server_args=()
while (($#)); do
    case "$1" in
        -h | --help) usage; exit 0 ;;
        -n | --count) need_value "$@"; count="$2"; shift 2 ;;
        -n*) count="${1#-n}"; shift ;;
        --count=*) count="${1#*=}"; shift ;;
        --binder-host | --binder-port) need_value "$@"; server_args+=("$1" "$2"); shift 2 ;;
        --run-dir) need_value "$@"; RUN_DIR="$2"; shift 2 ;;
        --run-dir=*) RUN_DIR="${1#*=}"; shift ;;
        --timeout) need_value "$@"; START_TIMEOUT="$2"; shift 2 ;;
        --timeout=*) START_TIMEOUT="${1#*=}"; shift ;;
        --) shift; server_args+=("$@"); break ;;
        *) server_args+=("$1"); shift ;;
    esac
done
if ! is_uint "$count" || ((10#$count < 1)); then
    die "-n needs a number of servers (1 or more), got '$count'"
fi
count=$((10#$count))
check_seconds --timeout "$START_TIMEOUT"
if ((count > 1)); then
    for ((i = 0; i < ${#server_args[@]}; i++)); do
        case "${server_args[i]}" in
            --port) port="${server_args[i + 1]:-}" ;;
            --port=*) port="${server_args[i]#*=}" ;;
            *) continue ;;
        esac
        [[ "$port" == 0 ]] || die "with -n $count every server needs its own port: drop --port $port (a free port each is the default)"
    done
fi

require_java
require_jar "$SERVER_JAR"
prepare_run_dir

started=()
undo() {
    ((${#started[@]} == 0)) || stop_together "${started[@]}" >&2
}

next=1
for ((i = 1; i <= count; i++)); do
    while running_pid "server-$next" >/dev/null; do next=$((next + 1)); done
    name="server-$next"
    next=$((next + 1))
    start_background "$name" "$SERVER_JAR" ${server_args[@]+"${server_args[@]}"}
    pid="$STARTED_PID"
    if ! wait_for_line "$name" "$pid" '^Servidor executando na porta [0-9]+'; then
        undo
        exit 1
    fi
    started+=("$name")
    # "Servidor executando na porta 41234 (chat server listening on localhost:41234, Binder at localhost:5000)"
    read -r _ _ _ _ port _ <<<"$READY_LINE"
    details="${READY_LINE#*(}"
    note "$name started (PID $pid): ${details%)}; log: $(log_file "$name")"
    printf '%s\n' "$port"
done
