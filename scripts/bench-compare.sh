#!/usr/bin/env bash
# The Java server and the Python original measured side by side in one run, printed as a Markdown
# table (run through `scripts/bench.sh --compare`). Fetches nothing: the original's binder.py and
# server.py come from a folder you give (--python-dir), and nothing of them is copied anywhere.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"
SCRIPT_NAME="bench.sh --compare"

usage() {
    cat <<'USAGE'
Usage: scripts/bench.sh --compare [--python-dir DIR] [--seconds S] [--warmup S] [--crowd-seconds S] [--clients N]

Starts a Java Binder and a Java chat server (in a 256 MB heap, with a GC log) and, given --python-dir,
the original binder.py and server.py from DIR (the original Binder needs port 5000 free), then runs
the same scenarios against both (the Java server warmed up first, 25 s of calls) and prints one Markdown table: list_rooms with 64 connections,
polls against 100 and 10,000 messages of history, chat delivery to a polling and to a long-polling
listener, and a crowd of --clients users connected at once (Java only: the original answers one
connection at a time and has no long-poll). Everything started is stopped at the end; logs stay in
a temporary folder, named at the end.

  --python-dir DIR     folder holding the original binder.py and server.py (jnalencar/chat_dstbd);
                       without it only the Java column is measured
  --seconds S          measured seconds per scenario (default 5)
  --warmup S           seconds of the same load before each measurement (default 8): the Java server's
                       code is compiled as it runs, and a cold JVM costs several times more per call
  --crowd-seconds S    measured seconds of the crowd scenarios (default 60)
  --clients N          users in the crowd scenarios (default 2000)
USAGE
}

python_dir=""
seconds=5
warmup=8
crowd_seconds=60
clients=2000
while [[ $# -gt 0 ]]; do
    case "$1" in
        --python-dir) need_value "$@"; python_dir="$2"; shift 2 ;;
        --seconds) need_value "$@"; check_seconds "$1" "$2"; seconds="$2"; shift 2 ;;
        --warmup) need_value "$@"; check_seconds "$1" "$2"; warmup="$2"; shift 2 ;;
        --crowd-seconds) need_value "$@"; check_seconds "$1" "$2"; crowd_seconds="$2"; shift 2 ;;
        --clients) need_value "$@"; is_uint "$2" || die "--clients needs a whole number"; clients="$2"; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) die "unknown option '$1' (see --help)" ;;
    esac
done
require_java
build_jars_if_stale
if [[ -n "$python_dir" ]]; then
    command -v python3 >/dev/null 2>&1 || die "python3 is needed for the Python column"
    [[ -f "$python_dir/binder.py" && -f "$python_dir/server.py" ]] \
        || die "$python_dir must hold the original binder.py and server.py"
    if answers_xmlrpc localhost 5000 lookup_procedure list_rooms; then
        die "something already answers on localhost:5000; the original server registers only with a Binder there"
    fi
fi

RUN_DIR="$(mktemp -d "${TMPDIR:-/tmp}/chat-bench.XXXXXX")"
pids=()
cleanup() {
    local pid
    for pid in "${pids[@]}"; do
        kill -TERM "$pid" 2>/dev/null || true
    done
    for pid in "${pids[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
}
trap cleanup EXIT

# launch NAME REGEX COMMAND...: starts COMMAND with its output in NAME.log, waits for REGEX there.
launch() {
    local name="$1" regex="$2"
    shift 2
    "$@" </dev/null >"$(log_file "$name")" 2>&1 &
    STARTED_PID=$!
    pids+=("$STARTED_PID")
    wait_for_line "$name" "$STARTED_PID" "$regex" || die "$name did not start"
}

cp -f "$BINDER_JAR" "$RUN_DIR/binder.jar"
cp -f "$SERVER_JAR" "$RUN_DIR/server.jar"
launch java-binder 'listening on' "$JAVA_CMD" -jar "$RUN_DIR/binder.jar" --port 0
java_binder_port="$(sed -nE 's/.*listening on [^ ]*:([0-9]+).*/\1/p' <<<"$READY_LINE")"
launch java-server 'listening on' "$JAVA_CMD" -Xmx256m "-Xlog:gc:file=$RUN_DIR/java-server-gc.log" \
    -jar "$RUN_DIR/server.jar" --binder-port "$java_binder_port"
java_pid="$STARTED_PID"
python_pid=""
if [[ -n "$python_dir" ]]; then
    launch python-binder 'porta 5000' python3 -u "$python_dir/binder.py"
    launch python-server 'Servidor executando' python3 -u "$python_dir/server.py"
    python_pid="$STARTED_PID"
fi

bench() {
    "$JAVA_CMD" -cp "$CLIENT_JAR" chat.client.bench.Bench "$@"
}

# run SIDE ARGS...: one bench run against SIDE (java or python); prints its output, also kept in results.log.
run() {
    local side="$1" port pid
    shift
    if [[ "$side" == java ]]; then port="$java_binder_port"; pid="$java_pid"; else port=5000; pid="$python_pid"; fi
    bench --binder-port "$port" --server-pid "$pid" --label "$side" "$@" 2>&1 | tee -a "$RUN_DIR/results.log" || true
}

# Fields of a result line: calls or messages a second, p50 and p99 in ms, errors, CPU in us.
field() { sed -nE "s#.*$1.*#\\1#p" <<<"$2" | head -n 1; }
summary() {
    local out="$1" rate p50 p99 errors cpu
    rate="$(field '= ([0-9]+)/s;' "$out")"
    p50="$(field 'p50 ([0-9.]+)' "$out")"
    p99="$(field 'p99 ([0-9.]+)' "$out")"
    errors="$(field 'errors ([0-9]+);' "$out")"
    cpu="$(field 'CPU ([0-9.]+) us' "$out")"
    printf '%s/s, p50 %s ms, p99 %s ms, %s µs CPU/call, %s errors' "${rate:-?}" "${p50:-?}" "${p99:-?}" "${cpu:-?}" "${errors:-?}"
}
delivery() {
    local out="$1" p50 p99 sent delivered duplicates
    p50="$(field 'p50 ([0-9.]+)' "$out")"
    p99="$(field 'p99 ([0-9.]+)' "$out")"
    sent="$(field 'sent ([0-9]+)' "$out")"
    delivered="$(field 'delivered ([0-9]+),' "$out")"
    duplicates="$(field 'duplicates ([0-9]+)' "$out")"
    printf 'p50 %s ms, p99 %s ms; %s of %s delivered, %s duplicates' "${p50:-?}" "${p99:-?}" "${delivered:-?}" \
        "${sent:-?}" "${duplicates:-?}"
}
crowd() {
    local out="$1" rate p50 p99 missing duplicates rss rss_mb='?'
    rate="$(field '= ([0-9]+)/s;' "$out")"
    p50="$(field 'p50 ([0-9.]+)' "$out")"
    p99="$(field 'p99 ([0-9.]+)' "$out")"
    missing="$(field ' ([0-9]+) missing' "$out")"
    duplicates="$(field ' ([0-9]+) duplicates' "$out")"
    rss="$(grep -oE 'server RSS [0-9]+ kB' <<<"$out" | tail -n 1 | grep -oE '[0-9]+')"
    [[ -n "$rss" ]] && rss_mb=$((rss / 1024))
    printf '%s deliveries/s, p50 %s ms, p99 %s ms; %s missing, %s duplicates; RSS %s MB' "${rate:-?}" "${p50:-?}" \
        "${p99:-?}" "${missing:-?}" "${duplicates:-?}" "$rss_mb"
}
# The heap after each young collection between GC log lines FROM and TO: first, range, last.
heap_after_gc() {
    sed -n "$(($1 + 1)),$2p" "$RUN_DIR/java-server-gc.log" | sed -nE 's/.*Pause.*->([0-9]+)M\(([0-9]+)M\).*/\1 \2/p' \
        | awk 'NR == 1 { first = $1; min = $1; max = $1 } { if ($1 < min) min = $1; if ($1 > max) max = $1; last = $1; cap = $2 }
               END { if (NR == 0) print "no collection"; else printf "heap after GC %d-%d MB of %d MB over %d collections (first %d, last %d)", min, max, cap, NR, first, last }'
}
gc_lines() { wc -l <"$RUN_DIR/java-server-gc.log"; }

sides=(java)
[[ -n "$python_dir" ]] && sides+=(python)
declare -A cell
load_before="$(uptime | sed -E 's/.*load average: //')"
note "warming the Java server up (its code is compiled as it runs; logs in $RUN_DIR) ..."
bench --binder-port "$java_binder_port" --scenario list_rooms --connections 64 --seconds 15 --warmup 0 >/dev/null 2>&1 || true
bench --binder-port "$java_binder_port" --scenario poll --history 100 --connections 16 --seconds 10 --warmup 0 >/dev/null 2>&1 || true
note "measuring ..."
for side in "${sides[@]}"; do
    out="$(run "$side" --scenario list_rooms --connections 64 --seconds "$seconds" --warmup "$warmup")"; note "$out"
    cell[list_rooms,$side]="$(summary "$out")"
    out="$(run "$side" --scenario poll --history 100 --connections 16 --seconds "$seconds" --warmup "$warmup")"; note "$out"
    cell[poll100,$side]="$(summary "$out")"
    out="$(run "$side" --scenario poll --history 10000 --connections 16 --seconds "$seconds" --warmup "$warmup")"; note "$out"
    cell[poll10000,$side]="$(summary "$out")"
    out="$(run "$side" --scenario chat --senders 8 --rate 10 --poll-interval 2 --seconds "$((seconds + 1))" --warmup "$warmup")"; note "$out"
    cell[chatpoll,$side]="$(delivery "$out")"
done
out="$(run java --scenario chat --senders 8 --rate 10 --listener wait --seconds "$((seconds + 1))" --warmup "$warmup")"; note "$out"
cell[chatwait,java]="$(delivery "$out")"
from="$(gc_lines)"
out="$(run java --scenario crowd --clients "$clients" --listener wait --seconds "$crowd_seconds" --warmup 5)"; note "$out"
cell[crowdwait,java]="$(crowd "$out"); $(heap_after_gc "$from" "$(gc_lines)")"
from="$(gc_lines)"
out="$(run java --scenario crowd --clients "$clients" --listener poll --poll-interval 2 --seconds "$crowd_seconds" --warmup 5)"; note "$out"
cell[crowdpoll,java]="$(crowd "$out"); $(heap_after_gc "$from" "$(gc_lines)")"
load_after="$(uptime | sed -E 's/.*load average: //')"

absent="not measured (no --python-dir)"
py() { if [[ -n "$python_dir" ]]; then printf '%s' "${cell[$1,python]:-?}"; else printf '%s' "$absent"; fi; }
printf '\nscripts/bench.sh --compare%s --seconds %s --warmup %s --crowd-seconds %s --clients %s; %s, %s cores, load average %s before, %s after\n\n' \
    "${python_dir:+ --python-dir DIR}" "$seconds" "$warmup" "$crowd_seconds" "$clients" "$(date -u '+%Y-%m-%d %H:%M UTC')" \
    "$(nproc 2>/dev/null || echo '?')" "$load_before" "$load_after"
printf '| scenario | Java server | Python original |\n|---|---|---|\n'
printf '| `list_rooms`, 64 connections | %s | %s |\n' "${cell[list_rooms,java]}" "$(py list_rooms)"
printf '| poll, 100 messages of history, 16 connections | %s | %s |\n' "${cell[poll100,java]}" "$(py poll100)"
printf '| poll, 10,000 messages of history, 16 connections | %s | %s |\n' "${cell[poll10000,java]}" "$(py poll10000)"
printf '| chat, 8 senders x 10/s, listener polls every 2 s | %s | %s |\n' "${cell[chatpoll,java]}" "$(py chatpoll)"
printf '| chat, 8 senders x 10/s, listener long-polls | %s | no long-poll in the original |\n' "${cell[chatwait,java]}"
printf '| %s users at once, long-polling, 50 rooms, 8 senders x 10/s, %s s | %s | not run: the original serves one connection at a time, no long-poll |\n' \
    "$clients" "$crowd_seconds" "${cell[crowdwait,java]}"
printf '| %s users at once, polling every 2 s, 50 rooms, 8 senders x 10/s, %s s | %s | not run: the original serves one connection at a time (HTTP/1.0) |\n' \
    "$clients" "$crowd_seconds" "${cell[crowdpoll,java]}"
printf '\nEvery result line: %s/results.log; server logs and the Java GC log: %s\n' "$RUN_DIR" "$RUN_DIR"

# A measurement that printed no result (a '?' in its cell) fails the run, so a broken generator or
# server never passes for a table.
unmeasured=0
for key in "${!cell[@]}"; do
    [[ "${cell[$key]}" == *'?'* ]] && unmeasured=$((unmeasured + 1))
done
if ((unmeasured > 0)); then
    note "$unmeasured measurement(s) printed no result: the '?' cells above (see $RUN_DIR/results.log)"
    exit 1
fi
