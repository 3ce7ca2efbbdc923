#!/usr/bin/env bash
# Out-of-process check that a chat survives a server, or the Binder, killed with kill -9: a Binder, N
# clustered servers, C scripted clients sending numbered messages (and P Python clients made like the
# original's); a server (or the Binder, with a second Binder standing by) is killed mid-run; every message a
# client had acknowledged must reach every client exactly once, and no message may arrive twice.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
    cat <<USAGE
Usage: scripts/failover-check.sh [-n SERVERS] [-c CLIENTS] [-m MESSAGES] [--interval SECONDS]
                                 [--kill-after SECONDS] [--linger SECONDS] [--standalone]
                                 [--kill server|binder] [--python-clients P]
                                 [--run-dir DIR] [--timeout SECONDS]

Builds the jars if they are missing, starts a Binder (on a free port) and SERVERS chat servers
sharing one chat (the servers' default: a cluster across all of them), then CLIENTS clients in the non-interactive
mode (--user botK --room failover --json), each sending MESSAGES numbered lines (botK-0001, ...) one
every --interval seconds. --kill-after seconds after they start sending, the server holding the most
client connections is killed with kill -9. When every client has ended, it checks:
  - every client ended with status 0, or 6 (a message was not sent, or may not have been; see client
    --help);
  - every acknowledged message (sent, and not reported on the client's stderr as refused, not sent or
    possibly not sent) was written exactly once by every client (each client sees its own too);
  - no message reported not sent (its server gone before it reached it) was written by any client;
  - no message was written twice by any client (a possibly-not-sent one at most once);
  - every client whose server was killed said it continued on another server.
With --kill binder, a second Binder stands by on the first one's port (binder --standby) and the first
Binder is killed instead: no client may stop, and every acknowledged message must still reach every
client once; it also prints how long the Python clients' lookups failed. The Java servers and clients
are given both Binders (--binder localhost:P,localhost:Q): they register with each and look up in
either. Python clients (--python-clients)
look the procedure up at the Binder before every call and poll receive_messages, as the original client
does; they retry a lookup that fails, never a call that reached a server.
It prints a summary with counts, the time from the kill to each moved client continuing, and PASS
or FAIL, and exits 0 on PASS, 1 on FAIL. Everything it started is stopped at the end.

Options:
  -n N               chat servers (default: 3; at least 2)
  -c N               clients (default: 4)
  -m N               messages per client (default: 150)
  --interval S       seconds between two messages of one client (default: 0.05)
  --kill-after S     seconds after the first message before the kill (default: 3)
  --linger S         the clients' --linger: how long they keep listening after their last line (default: 8)
  --kill WHAT        server (default) or binder: what is killed with kill -9
  --python-clients P clients made like the original's, in Python, beside the Java ones (default: 0;
                     with --kill binder: 1)
  --standalone       servers with --standalone --memory-only (separate chats, each in its own memory: two standalone servers of one Binder would share one file): shows what a client does then
                     (registers and enters again); delivery across servers is then not expected:
                     only duplicates fail the check, and each client's own messages that are
                     missing (acknowledged by the killed server, which kept them alone) are counted
  --run-dir DIR      logs and outputs (default: run/failover-check at the repository root; emptied first)
  --timeout S        how long to wait for each program's start line (default: 60)
  -h, --help         show this help and exit
USAGE
}

servers=3
clients=4
messages=150
interval=0.05
kill_after=3
linger=8
cluster=1
kill_what=server
python_clients=""
RUN_DIR="$CHAT_ROOT/run/failover-check"
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
        --standalone) cluster=0; shift ;;
        --kill) need_value "$@"; kill_what="$2"; shift 2 ;;
        --python-clients) need_value "$@"; python_clients="$2"; shift 2 ;;
        --run-dir) need_value "$@"; RUN_DIR="$2"; shift 2 ;;
        --timeout) need_value "$@"; START_TIMEOUT="$2"; shift 2 ;;
        *) die "unknown option '$1' (see --help)" ;;
    esac
done
is_uint "$servers" && ((servers >= 2)) || die "-n needs 2 or more servers, got '$servers'"
is_uint "$clients" && ((clients >= 1)) || die "-c needs 1 or more clients, got '$clients'"
is_uint "$messages" && ((messages >= 1)) || die "-m needs 1 or more messages, got '$messages'"
[[ "$interval" =~ ^[0-9]+(\.[0-9]+)?$ ]] || die "--interval needs seconds, got '$interval'"
[[ "$kill_after" =~ ^[0-9]+(\.[0-9]+)?$ ]] || die "--kill-after needs seconds, got '$kill_after'"
[[ "$linger" =~ ^[0-9]+(\.[0-9]+)?$ ]] || die "--linger needs seconds, got '$linger'"
[[ "$kill_what" == server || "$kill_what" == binder ]] || die "--kill takes server or binder, got '$kill_what'"
if [[ -z "$python_clients" ]]; then
    if [[ "$kill_what" == binder ]]; then python_clients=1; else python_clients=0; fi
fi
is_uint "$python_clients" || die "--python-clients needs a number, got '$python_clients'"
require_python3 "to check the outputs"
((BASH_VERSINFO[0] >= 5)) || die "bash 5 or newer is needed (EPOCHREALTIME), this is $BASH_VERSION"
require_java

build_jars_if_stale

prepare_run_dir
here="$(dirname "${BASH_SOURCE[0]}")"
begin_check

binder_address="$("$here/start-binder.sh" --port 0 --run-dir "$RUN_DIR" --timeout "$START_TIMEOUT")"
binder_port="${binder_address##*:}"
if [[ "$kill_what" == binder ]]; then
    start_background binder-standby "$BINDER_JAR" --port "$binder_port" --standby
    wait_for_line binder-standby "$STARTED_PID" '^Binder de reserva na porta [0-9]+' || die "the standby Binder did not start"
    standby_port="$(sed -nE 's/^Binder de reserva na porta ([0-9]+).*/\1/p' <<<"$READY_LINE")"
    note "a second Binder stands by for localhost:$binder_port, on port $standby_port"
fi
# The Java servers and clients are told every Binder: they register with each and look up in any that answers.
binders="localhost:$binder_port${standby_port:+,localhost:$standby_port}"
server_flags=()
mode=""
if ((cluster)); then mode=" sharing one chat"; else server_flags+=(--standalone --memory-only); mode=" with --standalone --memory-only (separate chats)"; fi
note "starting $servers servers$mode on Binders $binders..."
start_check_servers "$servers" "$binders" ${server_flags[@]+"${server_flags[@]}"}

room="failover"
start_bots "$binders" "$room" "$clients" "$messages" "$interval" "$linger"
# A client made like the original's: every call looks its procedure up at the Binder first, then calls the
# server it was given; it polls receive_messages with the newest timestamp it saw. A lookup that fails (the
# Binder gone) is retried; a call that reached a server is never sent again. Its output is the client's:
# received messages as JSON lines; the lines it sent and were acknowledged; stamped errors.
cat >"$RUN_DIR/python-client.py" <<'PYTHON'
import json, os, sys, threading, time, xmlrpc.client
port, room, name, count, interval, linger, run_dir = sys.argv[1:8]
count, interval, linger = int(count), float(interval), float(linger)
binder = f"http://localhost:{port}"
err = open(f"{run_dir}/{name}.err", "w", buffering=1)
def log(line):
    err.write(f"{time.time():.6f} {line}\n")
def call(procedure, *args):
    deadline = time.monotonic() + 30
    while True:
        try:
            host, server_port = xmlrpc.client.ServerProxy(binder).lookup_procedure(procedure)
            break
        except (OSError, xmlrpc.client.Error, TypeError) as e:
            log(f"lookup failed: {procedure}: {e}")
            if time.monotonic() > deadline:
                raise
            time.sleep(0.02)
    return getattr(xmlrpc.client.ServerProxy(f"http://{host}:{server_port}"), procedure)(*args)
call("register_user", name)
call("create_room", room)  # false when a client made it first
members, history = call("join_room", name, room)
newest = max([m["timestamp"] for m in history] + [0])
out = open(f"{run_dir}/{name}.out", "w", buffering=1)
acked = open(f"{run_dir}/{name}.acked", "w", buffering=1)
done = threading.Event()
def receive():
    global newest
    while not done.is_set():
        try:
            for m in call("receive_messages", name, room, newest):
                out.write(json.dumps({"origin": m["origin"], "content": m["content"]}) + "\n")
                newest = max(newest, m["timestamp"])
        except (OSError, xmlrpc.client.Error) as e:
            log(f"receive failed: {e}")
        time.sleep(0.1)
reader = threading.Thread(target=receive)
reader.start()
while not os.path.exists(f"{run_dir}/go"):
    time.sleep(0.05)
for i in range(1, count + 1):
    if os.path.exists(f"{run_dir}/abort"):
        break
    line = f"{name}-{i:04d}"
    try:
        if call("send_message", name, room, line, ""):
            acked.write(line + "\n")
        else:
            log(f"message not sent (refused): {line}")
    except (OSError, xmlrpc.client.Error) as e:
        # Even a refused connection: xmlrpc.client sends a request again once when its answer was cut off.
        log(f"message may not have been sent ({e}): {line}")
    time.sleep(interval)
time.sleep(linger)
done.set()
reader.join()
PYTHON
for ((k = 1; k <= python_clients; k++)); do
    python3 -u "$RUN_DIR/python-client.py" "$binder_port" "$room" "py$k" "$messages" "$interval" "$linger" "$RUN_DIR" \
        >"$RUN_DIR/python-py$k.log" 2>&1 &
    client_pids+=("$!")
done

everyone=$((clients + python_clients))
# In a cluster any server knows every member; standalone, each server's members are added up.
await_in_room "$room" "$everyone" 'bot[0-9]*|py[0-9]*' "$cluster"

touch "$RUN_DIR/go"
note "sending ($everyone clients x $messages messages, one every ${interval}s each); killing the $kill_what in ${kill_after}s..."
sleep "$kill_after"
if [[ "$kill_what" == binder ]]; then
    victim_pid="$(running_pid binder)" || die "the Binder is not running"
    printf '%s\n' "$EPOCHREALTIME" >"$RUN_DIR/kill-time"
    kill -9 "$victim_pid"
    printf '%s\n' "binder localhost:$binder_port" >"$RUN_DIR/victim"
    note "killed the Binder on port $binder_port (PID $victim_pid) with kill -9"
else
    # The victim: the server with the most established client connections on its chat port.
    victim="${ports[0]}"
    most=-1
    for port in "${ports[@]}"; do
        n="$( (ss -Htn state established "( sport = :$port )" 2>/dev/null || true) | wc -l)"
        if ((n > most)); then most=$n; victim=$port; fi
    done
    victim_pid="${pid_of_port[$victim]}"
    printf '%s\n' "$EPOCHREALTIME" >"$RUN_DIR/kill-time"
    kill -9 "$victim_pid"
    printf '%s\n' "localhost:$victim" >"$RUN_DIR/victim"
    note "killed the server on port $victim (PID $victim_pid, $most client connections) with kill -9"
fi

collect_statuses

python3 "$here/check-deliveries.py" failover "$RUN_DIR" "$clients" "$python_clients" "$messages" "$cluster" "${statuses[@]}"
