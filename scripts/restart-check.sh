#!/usr/bin/env bash
# Out-of-process check that a kept chat survives every server killed at once with kill -9: a Binder, N
# clustered servers, C scripted clients sending numbered messages; every server is killed mid-run and
# started again; every message a client had acknowledged must reach every client exactly once, and no
# message may arrive twice.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
    cat <<USAGE
Usage: scripts/restart-check.sh [-n SERVERS] [-c CLIENTS] [-m MESSAGES] [--interval SECONDS]
                                [--kill-after SECONDS] [--linger SECONDS] [--run-dir DIR] [--timeout SECONDS]

Builds the jars if they are missing, starts a Binder (on a free port) and SERVERS chat servers sharing
one chat kept in the run directory's data/, then CLIENTS clients in the non-interactive mode (--user
botK --room restart --json), each sending MESSAGES numbered lines (botK-0001, ...) one every --interval
seconds. --kill-after seconds after they start sending, every server is killed at once with kill -9, and
SERVERS servers are started again on the same Binder and data. When every client has ended, it checks:
  - every client ended with status 0, or 6 (a message was not sent, or may not have been; see client
    --help);
  - every acknowledged message (sent, and not reported on the client's stderr as refused, not sent or
    possibly not sent) was written exactly once by every client (each client sees its own too): those
    acknowledged just before the kill come back from the database;
  - no message reported not sent was written by any client, and none was written twice;
  - every client said it continued on a restarted server.
It prints a summary with counts, the time from the kill to the first server serving again and to each
client continuing, and PASS or FAIL, and exits 0 on PASS, 1 on FAIL. Everything it started is stopped at
the end.

Options:
  -n N               chat servers (default: 2)
  -c N               clients (default: 4)
  -m N               messages per client (default: 300)
  --interval S       seconds between two messages of one client (default: 0.05)
  --kill-after S     seconds after the first message before the kill (default: 4)
  --linger S         the clients' --linger: how long they keep listening after their last line (default: 10)
  --run-dir DIR      logs, outputs and the chat's data (default: run/restart-check at the repository root;
                     emptied first)
  --timeout S        how long to wait for each program's start line (default: 60)
  -h, --help         show this help and exit
USAGE
}

servers=2
clients=4
messages=300
interval=0.05
kill_after=4
linger=10
RUN_DIR="$CHAT_ROOT/run/restart-check"
START_TIMEOUT="${CHAT_START_TIMEOUT:-60}"
while (($#)); do
    case "$1" in
        -h | --help) usage; exit 0 ;;
        -n) need_value "$@"; servers="$2"; shift 2 ;;
        -c) need_value "$@"; clients="$2"; shift 2 ;;
        -m) need_value "$@"; messages="$2"; shift 2 ;;
        --interval) need_value "$@"; interval="$2"; shift 2 ;;
        --kill-after) need_value "$@"; kill_after="$2"; shift 2 ;;
        --linger) need_value "$@"; linger="$2"; shift 2 ;;
        --run-dir) need_value "$@"; RUN_DIR="$2"; shift 2 ;;
        --timeout) need_value "$@"; START_TIMEOUT="$2"; shift 2 ;;
        *) die "unknown option '$1' (see --help)" ;;
    esac
done
is_uint "$servers" && ((servers >= 1)) || die "-n needs 1 or more servers, got '$servers'"
is_uint "$clients" && ((clients >= 1)) || die "-c needs 1 or more clients, got '$clients'"
is_uint "$messages" && ((messages >= 1)) || die "-m needs 1 or more messages, got '$messages'"
[[ "$interval" =~ ^[0-9]+(\.[0-9]+)?$ ]] || die "--interval needs seconds, got '$interval'"
[[ "$kill_after" =~ ^[0-9]+(\.[0-9]+)?$ ]] || die "--kill-after needs seconds, got '$kill_after'"
[[ "$linger" =~ ^[0-9]+(\.[0-9]+)?$ ]] || die "--linger needs seconds, got '$linger'"
require_python3 "to check the outputs"
((BASH_VERSINFO[0] >= 5)) || die "bash 5 or newer is needed (EPOCHREALTIME), this is $BASH_VERSION"
require_java

build_jars_if_stale

prepare_run_dir
here="$(dirname "${BASH_SOURCE[0]}")"
begin_check
export CHAT_DATA_DIR="$RUN_DIR/data"

binder_address="$("$here/start-binder.sh" --port 0 --run-dir "$RUN_DIR" --timeout "$START_TIMEOUT")"
binder_port="${binder_address##*:}"
note "starting $servers servers sharing one chat kept in $CHAT_DATA_DIR, on Binder localhost:$binder_port..."
start_check_servers "$servers" "localhost:$binder_port"

room="restart"
start_bots "localhost:$binder_port" "$room" "$clients" "$messages" "$interval" "$linger"

await_in_room "$room" "$clients" 'bot[0-9]*' 1

touch "$RUN_DIR/go"
note "sending ($clients clients x $messages messages, one every ${interval}s each); killing every server in ${kill_after}s..."
sleep "$kill_after"
victims=()
for port in "${ports[@]}"; do
    victims+=("${pid_of_port[$port]}")
done
printf '%s\n' "$EPOCHREALTIME" >"$RUN_DIR/kill-time"
kill -9 "${victims[@]}"
printf 'localhost:%s\n' "${ports[@]}" >"$RUN_DIR/victim"
note "killed every server (PIDs ${victims[*]}) with kill -9; starting $servers again on the same data..."
mapfile -t again < <("$here/start-servers.sh" -n 1 --binder-port "$binder_port" --run-dir "$RUN_DIR" \
    --timeout "$START_TIMEOUT")
printf '%s\n' "$EPOCHREALTIME" >"$RUN_DIR/serving-time"
((${#again[@]} == 1)) || die "the first server did not start again"
if ((servers > 1)); then
    mapfile -t more < <("$here/start-servers.sh" -n $((servers - 1)) --binder-port "$binder_port" \
        --run-dir "$RUN_DIR" --timeout "$START_TIMEOUT")
    again+=(${more[@]+"${more[@]}"})
fi
note "serving again on ports ${again[*]}"

collect_statuses

python3 "$here/check-deliveries.py" restart "$RUN_DIR" "$clients" "$messages" "${statuses[@]}"
