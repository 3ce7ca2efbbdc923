#!/usr/bin/env bash
# Starts a Binder and N chat servers sharing one chat (a cluster across all of them), and stops them again.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
    cat <<USAGE
Usage: scripts/cluster.sh [start] [-n N] [--binder-port P] [--run-dir DIR] [--detach] [SERVER OPTIONS...]
       scripts/cluster.sh stop [--run-dir DIR]
       scripts/cluster.sh status [--run-dir DIR]

start (the default) starts a Binder on localhost (port 5000 unless --binder-port), then N chat
servers, which share one chat by default: each embeds a Hazelcast member, registers its member
address with the Binder and finds the others there, so every server serves the same chat. It
prints one line per program (name, PID, port) on stdout, then waits: Ctrl-C (or TERM) stops
every program it started, servers first. With --detach it returns at once instead and leaves
them running; 'scripts/cluster.sh stop' stops them later.

stop    stops every program recorded in the run directory (scripts/stop.sh there).
status  shows the PIDs, and what the Binder holds: the chat servers (lookup_endpoints
        register_user) and their cluster members' addresses (lookup_endpoints chat.cluster.member);
        scripts/status.sh --binder-port P says more of each server.

Options:
  -n N               how many servers (default: 3)
  --binder-port P    the Binder's port (default: \$CHAT_BINDER_PORT, else 5000; 0: a free one)
  --run-dir DIR      where PID files and logs go (default: \$CHAT_RUN_DIR, else run/cluster at
                     the repository root, apart from scripts/chat.sh's run/)
  --detach           start and return, leaving the programs running
  --timeout SECONDS  how long to wait for each start line (default: \$CHAT_START_TIMEOUT, else 30)
  -h, --help         show this help and exit

Other options go to every server as they are (see 'java -jar server/target/server.jar --help'),
e.g. --room-ttl SECONDS, --history-limit N, --binder-secret-file PATH (with a secret, the
cluster's name includes a digest of it). Servers with a chat each: scripts/start-servers.sh --standalone.
Logs: DIR/binder.log, DIR/server-K.log.
USAGE
}

RUN_DIR="${CHAT_RUN_DIR:-$CHAT_ROOT/run/cluster}"
command="start"
case "${1:-}" in
    start | stop | status) command="$1"; shift ;;
esac

count=3
binder_port="${CHAT_BINDER_PORT:-5000}"
detach=0
server_args=()
while (($#)); do
    case "$1" in
        -h | --help) usage; exit 0 ;;
        -n | --count) need_value "$@"; count="$2"; shift 2 ;;
        -n*) count="${1#-n}"; shift ;;
        --binder-port) need_value "$@"; binder_port="$2"; shift 2 ;;
        --binder-port=*) binder_port="${1#*=}"; shift ;;
        --run-dir) need_value "$@"; RUN_DIR="$2"; shift 2 ;;
        --run-dir=*) RUN_DIR="${1#*=}"; shift ;;
        --timeout) need_value "$@"; START_TIMEOUT="$2"; shift 2 ;;
        --timeout=*) START_TIMEOUT="${1#*=}"; shift ;;
        --detach) detach=1; shift ;;
        --binder-host | --binder-host=*) die "the cluster's Binder runs on localhost here; start servers for another Binder with scripts/start-servers.sh --binder-host H" ;;
        --standalone | --standalone=* | --cluster=false) die "$1 gives each server a chat of its own, no cluster: use scripts/start-servers.sh $1" ;;
        --) shift; server_args+=("$@"); break ;;
        *) server_args+=("$1"); shift ;;
    esac
done
prepare_run_dir
here="$(dirname "${BASH_SOURCE[0]}")"

if [[ "$command" == stop ]]; then
    exec "$here/stop.sh" --run-dir "$RUN_DIR"
fi

if [[ "$command" == status ]]; then
    pid="$(running_pid binder)" || die "no Binder started by this script is running (run directory $RUN_DIR)"
    port="$(sed -n 's/.*Binder listening on [^:]*:\([0-9][0-9]*\).*/\1/p' "$(log_file binder)" | head -n 1)"
    printf 'binder\tPID %s\tlocalhost:%s\n' "$pid" "$port"
    for file in "$RUN_DIR"/server-*.pid; do
        [[ -e "$file" ]] || continue
        name="$(basename "$file" .pid)"
        if spid="$(running_pid "$name")"; then
            line="$(grep -E -m 1 '^Servidor executando na porta' "$(log_file "$name")" || true)"
            details="${line#*(}"; printf '%s\tPID %s\t%s\n' "$name" "$spid" "${details%%, Binder at*}"
        fi
    done
    for name in register_user chat.cluster.member; do
        printf '%s registered at:' "$name"
        answer="$(xmlrpc_call localhost "$port" lookup_endpoints "$name" 2>/dev/null || true)"
        grep -oE '<value>(<string>)?[^<]*(</string>)?</value><value><(i4|int)>[0-9]+' <<<"$answer" \
            | sed -E 's#<value>(<string>)?([^<]*)(</string>)?</value><value><(i4|int)>#\2:#' | tr '\n' ' ' || true
        printf '\n'
    done
    exit 0
fi

is_uint "$count" && ((10#$count >= 1)) || die "-n needs a number of servers (1 or more), got '$count'"
started_binder=0
stop_all() {
    trap - INT TERM HUP EXIT
    note "stopping the cluster..."
    "$here/stop.sh" --run-dir "$RUN_DIR" >&2 || true
}

build_jars_if_stale
binder_address="$("$here/start-binder.sh" --port "$binder_port" --run-dir "$RUN_DIR" --timeout "$START_TIMEOUT")"
started_binder=1
trap 'stop_all; exit 130' INT
trap 'stop_all; exit 143' TERM
trap 'stop_all; exit 129' HUP
trap 'status=$?; if ((status != 0 && started_binder)); then stop_all; fi' EXIT
binder_port="${binder_address##*:}"
printf 'binder\tPID %s\tport %s\n' "$(running_pid binder)" "$binder_port"

ports="$("$here/start-servers.sh" -n "$count" --binder-port "$binder_port" --run-dir "$RUN_DIR" \
    --timeout "$START_TIMEOUT" ${server_args[@]+"${server_args[@]}"})"
k=0
for file in "$RUN_DIR"/server-*.pid; do
    name="$(basename "$file" .pid)"
    k=$((k + 1))
    printf '%s\tPID %s\tport %s\n' "$name" "$(running_pid "$name")" "$(sed -n "${k}p" <<<"$ports")"
done

if ((detach)); then
    trap - EXIT
    note "running; stop with: scripts/cluster.sh stop${RUN_DIR:+ --run-dir $RUN_DIR}"
    exit 0
fi
note "cluster of $count servers running on Binder localhost:$binder_port; Ctrl-C stops it"
trap 'stop_all; exit 0' INT
trap 'stop_all; exit 143' TERM
trap 'stop_all; exit 129' HUP
trap - EXIT
while running_pid binder >/dev/null; do
    sleep 1
done
note "the Binder stopped"
stop_all
