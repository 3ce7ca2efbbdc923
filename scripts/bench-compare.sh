#!/usr/bin/env bash
# The Java server (standalone, one clustered server, three clustered servers) and the Python original
# measured side by side in one run, printed as a Markdown table (run through `scripts/bench.sh --compare`).
# Fetches nothing: the original's binder.py and server.py come from a folder you give (--python-dir),
# and nothing of them is copied anywhere.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"
SCRIPT_NAME="bench.sh --compare"
# A clustered server on a busy machine has been seen to take 20-30 s to start.
START_TIMEOUT="${CHAT_START_TIMEOUT:-120}"

usage() {
    cat <<'USAGE'
Usage: scripts/bench.sh --compare [--python-dir DIR] [--baseline DIR] [--seconds S] [--warmup S]
                                  [--server-warmup S] [--crowd-seconds S] [--clients N] [--crowd-rooms M]
                                  [--idle-seconds S]

Measures four columns one after the other, each on processes of its own, started for it and stopped
before the next column starts (so an idle member of one column never takes CPU from another), and
prints one Markdown table:

  Java, standalone            a Java Binder and one server started with --standalone (its chat in its
                              own memory)
  Java, clustered, 1 server   a Java Binder and one server in the default clustered mode (an embedded
                              Hazelcast member, found through the Binder), alone in its cluster
  Java, 3 clustered servers   a Java Binder and three clustered servers sharing one chat; the generator
                              spreads its connections over the three as clients at many addresses
                              would be spread by the Binder (bench --spread: connection k to server k
                              mod 3; the chat listener on the first server, sender k on server k mod 3),
                              and the CPU per call is the three processes' CPU together
  Python original             the original binder.py and server.py from --python-dir (the original
                              Binder needs port 5000 free); without --python-dir the column says so

With --baseline DIR, two more columns come first: another build's binder.jar and server.jar (from
DIR; say, the jars of an earlier commit) standalone and as one clustered server, measured the same
way except for the crowd rows, so a change's cost shows beside it in one run. The generator is this
build's for every column.

Each Java server runs in a 256 MB heap (-Xmx256m) with a GC log of its own, with --max-users,
--max-connections and --max-rooms raised to fit the crowd (at least their defaults). Each Java
column is warmed up first (--server-warmup seconds of list_rooms and poll calls, then of chat): a freshly started
JVM costs several times more per call while its code is being compiled.

Rows, in every column unless the cell says why not:
  list_rooms with 64 connections; poll (receive_messages) with 16 connections against a room of 100,
  1,000 and 10,000 messages of history: calls/s, latency p50 and p99, server CPU per call (with the part
  its JIT compiler threads took: a cost of a server's first minutes, not of each call), errors
  chat, 8 senders x 10 messages/s, one listener polling every 2 s, and one long-polling
  (wait_messages; the original has none): delivery p50 and p99, every message delivered once
  delivery from a sender on one server to a long-polling listener on another, 20 messages a second,
  --seconds x 20 messages measured after --warmup seconds of the same (3 clustered servers only;
  chat.bench.CrossServer): p50 and p99, every message delivered once
  a crowd of --clients users at once in --crowd-rooms rooms, long-polling and polling every 2 s, while
  8 senders post 10 messages/s each, for --crowd-seconds (standalone and 1 clustered server only: the
  crowd drives one server; the original serves one connection at a time): deliveries/s, p50, p99,
  missing and duplicate deliveries, RSS, the heap after each young collection
  an idle server: its resident memory (VmRSS) once the column's servers started and stood 5 s; its CPU
  over --idle-seconds (percent of one core, from /proc; 3 clustered servers: each server's) after the
  warm-up and a rest until the JIT compilers stopped for 5 s (10 to 60 s: a JVM that has just started or
  just carried a load is still compiling its code)
  a joining server (clustered columns): from starting the process to its ready line ("listening on"),
  for one more server started against the column's running ones (a second beside the 1, a fourth
  beside the 3), after the resting memory is read; it is stopped again before the calls are measured

The table's first line is the command that made it, with the date, the cores and the load average
before and after. A measurement that printed no result ('?' in its cell) fails the run (exit 1).
Everything started is stopped at the end, on failure and on Ctrl-C too; logs, GC logs and every
result line stay in a temporary folder, named at the end. At the defaults a run takes about 15
minutes without the original.

  --python-dir DIR     folder holding the original binder.py and server.py (jnalencar/chat_dstbd);
                       without it the Python column is not measured
  --baseline DIR       folder holding another build's binder.jar and server.jar, measured in two columns
                       of their own (standalone, one clustered server) before this build's
  --seconds S          measured seconds per scenario (default 5)
  --warmup S           seconds of the same load before each measurement (default 8)
  --server-warmup S    seconds of list_rooms and poll calls to each Java column before its first measurement, then
                       half as long of chat (default 25)
  --crowd-seconds S    measured seconds of the crowd scenarios (default 60)
  --clients N          users in the crowd scenarios (default 2000)
  --crowd-rooms M      rooms the crowd's users are spread over (default 50)
  --idle-seconds S     how long the idle servers' CPU is measured (default 20)
  --memory-only        the Java servers keep their chat in memory only (--memory-only; a baseline's too when it
                       knows the option), as a build
                       without a database does (a --baseline from before it); by default they keep it in a
                       file under the run's folder, as a server does
  -h, --help           show this help and exit
USAGE
}

python_dir=""
baseline_dir=""
seconds=5
warmup=8
server_warmup=25
crowd_seconds=60
clients=2000
crowd_rooms=50
idle_seconds=20
memory_only=0
while [[ $# -gt 0 ]]; do
    case "$1" in
        --python-dir) need_value "$@"; python_dir="$2"; shift 2 ;;
        --baseline) need_value "$@"; baseline_dir="$2"; shift 2 ;;
        --memory-only) memory_only=1; shift ;;
        --seconds) need_value "$@"; check_seconds "$1" "$2"; seconds="$2"; shift 2 ;;
        --warmup) need_value "$@"; check_seconds "$1" "$2"; warmup="$2"; shift 2 ;;
        --server-warmup) need_value "$@"; check_seconds "$1" "$2"; server_warmup="$2"; shift 2 ;;
        --crowd-seconds) need_value "$@"; check_seconds "$1" "$2"; crowd_seconds="$2"; shift 2 ;;
        --clients) need_value "$@"; { is_uint "$2" && ((10#$2 >= 1)); } || die "--clients needs a whole number (1 or more)"
            clients="$((10#$2))"; shift 2 ;;
        --crowd-rooms) need_value "$@"; { is_uint "$2" && ((10#$2 >= 1)); } || die "--crowd-rooms needs a whole number (1 or more)"
            crowd_rooms="$((10#$2))"; shift 2 ;;
        --idle-seconds) need_value "$@"; check_seconds "$1" "$2"; idle_seconds="$2"; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) die "unknown option '$1' (see --help)" ;;
    esac
done
require_java
build_jars_if_stale
if [[ -n "$python_dir" ]]; then
    require_python3 "for the Python column"
    [[ -f "$python_dir/binder.py" && -f "$python_dir/server.py" ]] \
        || die "$python_dir must hold the original binder.py and server.py"
    if answers_xmlrpc localhost 5000 lookup_procedure list_rooms; then
        die "something already answers on localhost:5000; the original server registers only with a Binder there"
    fi
fi
if [[ -n "$baseline_dir" ]]; then
    [[ -f "$baseline_dir/binder.jar" && -f "$baseline_dir/server.jar" ]] \
        || die "$baseline_dir must hold the baseline build's binder.jar and server.jar"
fi
command_line="scripts/bench.sh --compare${python_dir:+ --python-dir DIR}${baseline_dir:+ --baseline BASELINE}"
command_line+=" --seconds $seconds --warmup $warmup"
command_line+=" --server-warmup $server_warmup --crowd-seconds $crowd_seconds --clients $clients"
command_line+=" --crowd-rooms $crowd_rooms --idle-seconds $idle_seconds"
((memory_only)) && command_line+=" --memory-only"

RUN_DIR="$(mktemp -d "${TMPDIR:-/tmp}/chat-bench.XXXXXX")"
# The servers keep their chats there too, gone with the run (a server's default is a data directory).
export CHAT_DATA_DIR="$RUN_DIR/data"

# Every process this run started and has not stopped yet; the cleanup stops them, also on Ctrl-C.
pids=()
# stop_pids PID...: TERM, then KILL what has not exited 30 s later; reaps them and forgets them.
stop_pids() {
    local pid deadline alive kept=()
    for pid in "$@"; do
        kill -TERM "$pid" 2>/dev/null || true
    done
    deadline=$(($(date +%s) + 30))
    while :; do
        alive=0
        for pid in "$@"; do
            kill -0 "$pid" 2>/dev/null && alive=1
        done
        ((alive && $(date +%s) < deadline)) || break
        sleep 0.1
    done
    for pid in "$@"; do
        if kill -0 "$pid" 2>/dev/null; then
            note "PID $pid did not exit within 30 s of TERM: killed"
            kill -KILL "$pid" 2>/dev/null || true
        fi
        wait "$pid" 2>/dev/null || true
    done
    for pid in ${pids[@]+"${pids[@]}"}; do
        [[ " $* " == *" $pid "* ]] || kept+=("$pid")
    done
    pids=(${kept[@]+"${kept[@]}"})
}
cleanup() {
    trap - INT TERM HUP
    ((${#pids[@]} == 0)) || stop_pids "${pids[@]}"
}
trap cleanup EXIT
trap 'note "interrupted: stopping what this run started (logs in $RUN_DIR)"; exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# launch NAME REGEX COMMAND...: starts COMMAND with its output in NAME.log and waits for a line matching
# REGEX there. Sets STARTED_PID, READY_LINE and READY_MS, the milliseconds from starting the process to
# that line being seen (looked for every 20 ms).
launch() {
    local name="$1" regex="$2" log start
    shift 2
    log="$(log_file "$name")"
    start="$(date +%s%N)"
    "$@" </dev/null >"$log" 2>&1 &
    STARTED_PID=$!
    pids+=("$STARTED_PID")
    until READY_LINE="$(grep -E -m 1 -- "$regex" "$log" 2>/dev/null)"; do
        if ! kill -0 "$STARTED_PID" 2>/dev/null; then
            tail -n 20 -- "$log" | sed 's/^/    /' >&2
            die "$name exited before it was ready (the lines above are the end of $log)"
        fi
        if (($(date +%s%N) - start > START_TIMEOUT * 1000000000)); then
            tail -n 20 -- "$log" | sed 's/^/    /' >&2
            die "$name printed no start line within ${START_TIMEOUT}s (CHAT_START_TIMEOUT; the end of $log above)"
        fi
        sleep 0.02
    done
    READY_MS=$((($(date +%s%N) - start) / 1000000))
}

cp -f "$BINDER_JAR" "$RUN_DIR/binder.jar"
cp -f "$SERVER_JAR" "$RUN_DIR/server.jar"
# Where the jars of the column being measured are: this build's, or (--baseline) the baseline's copies.
jars="$RUN_DIR"
if [[ -n "$baseline_dir" ]]; then
    mkdir -p "$RUN_DIR/baseline"
    cp -f "$baseline_dir/binder.jar" "$baseline_dir/server.jar" "$RUN_DIR/baseline/"
fi
# Limits that fit the crowd: both crowd rows keep their users and rooms registered, and every user
# holds a connection of its own.
max_users=$((2 * (clients + 8) + 1000)); ((max_users >= 10000)) || max_users=10000
max_connections=$((clients + 1000)); ((max_connections >= 4096)) || max_connections=4096
max_rooms=$((2 * crowd_rooms + 200)); ((max_rooms >= 1000)) || max_rooms=1000

# knows_memory_only JAR: whether the server in JAR takes --memory-only (its help names it).
knows_memory_only() {
    "$JAVA_CMD" -jar "$1" --help 2>&1 | grep -q -- '--memory-only'
}

# java_server NAME BINDER_PORT [SERVER OPTIONS...]: one Java chat server, in a 256 MB heap, GC log NAME-gc.log.
java_server() {
    local name="$1" port="$2"
    shift 2
    # --memory-only for this build's servers, and for a baseline's that know the option (older ones do not).
    if ((memory_only)) && knows_memory_only "$jars/server.jar"; then set -- "$@" --memory-only; fi
    launch "$name" 'listening on' "$JAVA_CMD" -Xmx256m "-Xlog:gc:file=$RUN_DIR/$name-gc.log" -jar "$jars/server.jar" \
        --binder-port "$port" --max-users "$max_users" --max-connections "$max_connections" --max-rooms "$max_rooms" "$@"
}

# servers_listed PORT: how many servers the Java Binder at PORT lists for list_rooms.
servers_listed() {
    local answer
    answer="$(xmlrpc_call localhost "$1" lookup_endpoints list_rooms)" || { echo 0; return; }
    grep -oE '<value><(i4|int)>[0-9]+</(i4|int)></value>' <<<"$answer" | wc -l
}
# wait_listed PORT N: waits (at most 60 s) until the Binder at PORT lists exactly N servers.
wait_listed() {
    local deadline=$(($(date +%s) + 60)) listed
    while listed="$(servers_listed "$1")" && ((listed != $2)); do
        (($(date +%s) < deadline)) || die "the Binder on port $1 lists $listed servers, not $2, after 60 s"
        sleep 0.2
    done
}

# Per column: the Binder's port, the servers' process ids (comma-separated), the Binder's process id,
# bench's extra options, and the measured cells.
declare -A binder_port server_pids binder_pid bench_options cell
columns=(alone one three python)
if [[ -n "$baseline_dir" ]]; then
    columns=(base_alone base_one "${columns[@]}")
fi
for col in "${columns[@]}"; do
    bench_options[$col]=""
done

bench() {
    "$JAVA_CMD" -jar "$BENCH_JAR" "$@"
}

# run COLUMN ARGS...: one bench run against COLUMN's servers; prints its output, also kept in results.log.
run() {
    local col="$1"
    shift
    # shellcheck disable=SC2086 # bench_options holds whole words
    bench --binder-port "${binder_port[$col]}" --server-pid "${server_pids[$col]}" --label "$col" \
        ${bench_options[$col]} "$@" 2>&1 | tee -a "$RUN_DIR/results.log" || true
}

# Fields of a result line: calls or messages a second, p50 and p99 in ms, errors, CPU in us.
field() { sed -nE "s#.*$1.*#\\1#p" <<<"$2" | head -n 1; }
summary() {
    local out="$1" rate p50 p99 errors
    rate="$(field '= ([0-9]+)/s;' "$out")"
    p50="$(field 'p50 ([0-9.]+)' "$out")"
    p99="$(field 'p99 ([0-9.]+)' "$out")"
    errors="$(field 'errors ([0-9]+);' "$out")"
    printf '%s/s, p50 %s ms, p99 %s ms, %s CPU/call, %s errors' "${rate:-?}" "${p50:-?}" "${p99:-?}" "$(cpu_cell "$out")" \
        "${errors:-?}"
}
# cpu_cell LINE: the server CPU per call or message, with the part its JIT compiler threads took.
cpu_cell() {
    local cpu jit
    cpu="$(field 'CPU ([0-9.]+) us' "$1")"
    jit="$(field 'JIT compiler ([0-9.]+) us' "$1")"
    printf '%s µs (JIT %s)' "${cpu:-?}" "${jit:-?}"
}
delivery() {
    local out="$1" p50 p99 sent delivered duplicates
    p50="$(field 'p50 ([0-9.]+)' "$out")"
    p99="$(field 'p99 ([0-9.]+)' "$out")"
    sent="$(field 'sent ([0-9]+)' "$out")"
    delivered="$(field 'delivered ([0-9]+),' "$out")"
    duplicates="$(field 'duplicates ([0-9]+)' "$out")"
    printf 'p50 %s ms, p99 %s ms; %s of %s delivered, %s duplicates; %s CPU/message' "${p50:-?}" "${p99:-?}" \
        "${delivered:-?}" "${sent:-?}" "${duplicates:-?}" "$(cpu_cell "$out")"
}
# CrossServer's line: "...: D of N delivered (warm-up included), T twice; delivery of M measured messages
# at R/s: p50 X ms, p90 Y ms, p99 Z ms, max W ms".
cross() {
    local out="$1" p50 p99 delivered total twice
    p50="$(field 'p50 ([0-9.]+) ms' "$out")"
    p99="$(field 'p99 ([0-9.]+) ms' "$out")"
    delivered="$(field ': ([0-9]+) of [0-9]+ delivered' "$out")"
    total="$(field ': [0-9]+ of ([0-9]+) delivered' "$out")"
    twice="$(field ', ([0-9]+) twice' "$out")"
    printf 'p50 %s ms, p99 %s ms; %s of %s delivered, %s duplicates' "${p50:-?}" "${p99:-?}" "${delivered:-?}" \
        "${total:-?}" "${twice:-?}"
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
# heap_after_gc LOG FROM TO: the heap after each young collection between lines FROM and TO of a GC log:
# first, range, last.
heap_after_gc() {
    sed -n "$(($2 + 1)),$3p" "$1" | sed -nE 's/.*Pause.*->([0-9]+)M\(([0-9]+)M\).*/\1 \2/p' \
        | awk 'NR == 1 { first = $1; min = $1; max = $1 } { if ($1 < min) min = $1; if ($1 > max) max = $1; last = $1; cap = $2 }
               END { if (NR == 0) print "no collection"; else printf "heap after GC %d-%d MB of %d MB over %d collections (first %d, last %d)", min, max, cap, NR, first, last }'
}
gc_lines() { wc -l <"$1"; }
seconds_of() { awk -v ms="$1" 'BEGIN { printf "%.1f s", ms / 1000 }'; }

# Clock ticks of CPU (user and system) process $1 has used: fields 14 and 15 of /proc/PID/stat, counted
# after the command name, which may hold spaces.
cpu_ticks() { sed -E 's/.*\) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'; }
# jit_ticks PID: the CPU ticks of the process's JIT compiler threads (C1, C2), still at work a while after load.
jit_ticks() {
    local task sum=0 t
    for task in /proc/"$1"/task/*; do
        [[ "$(cat "$task/comm" 2>/dev/null)" == C[12]\ CompilerThre* ]] || continue
        t="$(sed -E 's/.*\) //' "$task/stat" 2>/dev/null | awk '{ print $12 + $13 }')"
        sum=$((sum + ${t:-0}))
    done
    echo "$sum"
}
rss_mb() { awk '/^VmRSS:/ { printf "%d", $2 / 1024 }' "/proc/$1/status"; }
# resting_rss COLUMN: after 5 s of rest, each server's resident memory, into the column's rss cell.
resting_rss() {
    local col="$1" pid rss=''
    local -a list
    IFS=, read -r -a list <<<"${server_pids[$col]}"
    sleep 5
    for pid in "${list[@]}"; do
        rss+="${rss:+, }$(rss_mb "$pid" || echo '?') MB"
    done
    if ((${#list[@]} > 1)); then rss+=" (each server)"; fi
    cell[rss,$col]="$rss"
    note "[$col] resting: RSS ${cell[rss,$col]}"
}
# all_jit_ticks PID...: the JIT compiler ticks of each process, on one line.
all_jit_ticks() {
    local pid
    for pid in "$@"; do printf '%s ' "$(jit_ticks "$pid")"; done
}
# idle COLUMN: once the servers of COLUMN rested, the CPU each uses over --idle-seconds (percent of one core),
# into the column's idlecpu cell, with the part its JIT compiler threads took. Measured once the servers are
# warmed up, and rested until their JIT compilers stopped (no compiler tick for 5 s; at least 10 s, at most
# 60 s of rest): a JVM compiles its code for seconds after it starts and for a while after a load, less and
# less, which is not what an idle server costs. The cell says how long they rested.
idle() {
    local col="$1" pid ticks_per_second from to cpu='' jit='' n k rested=10 quiet=0 seen now
    local -a list before=() jit_before=()
    IFS=, read -r -a list <<<"${server_pids[$col]}"
    n=${#list[@]}
    ticks_per_second="$(getconf CLK_TCK 2>/dev/null || echo 100)"
    sleep 10
    if [[ "$(cat "/proc/${list[0]}/comm" 2>/dev/null)" == java ]]; then
        seen="$(all_jit_ticks "${list[@]}")"
        while ((quiet < 5 && rested < 60)); do
            sleep 1
            rested=$((rested + 1))
            now="$(all_jit_ticks "${list[@]}")"
            if [[ "$now" == "$seen" ]]; then quiet=$((quiet + 1)); else quiet=0; seen="$now"; fi
        done
    fi
    for pid in "${list[@]}"; do
        before+=("$(cpu_ticks "$pid" || echo '?')")
        jit_before+=("$(jit_ticks "$pid")")
    done
    from="$(date +%s%N)"
    sleep "$idle_seconds"
    to="$(date +%s%N)"
    for ((k = 0; k < n; k++)); do
        pid="${list[$k]}"
        cpu+="${cpu:+, }$(awk -v a="${before[$k]}" -v b="$(cpu_ticks "$pid" || echo '?')" -v hz="$ticks_per_second" \
            -v ns="$((to - from))" 'BEGIN { if (a !~ /^[0-9]+$/ || b !~ /^[0-9]+$/) print "?"; else printf "%.1f%%", 100 * (b - a) / hz / (ns / 1e9) }')"
        jit+="${jit:+, }$(awk -v a="${jit_before[$k]}" -v b="$(jit_ticks "$pid")" -v hz="$ticks_per_second" \
            -v ns="$((to - from))" 'BEGIN { printf "%.1f%%", 100 * (b - a) / hz / (ns / 1e9) }')"
    done
    if [[ "$(cat "/proc/${list[0]}/comm" 2>/dev/null)" != java ]]; then
        jit=''
    fi
    if ((n > 1)); then
        cell[idlecpu,$col]="$cpu of a core (each server${jit:+; of it, the JIT compiler: $jit}; after $rested s of rest)"
    else
        cell[idlecpu,$col]="$cpu of a core${jit:+ (of it, the JIT compiler: $jit)} after $rested s of rest"
    fi
    note "[$col] idle: CPU ${cell[idlecpu,$col]} over $idle_seconds s"
}

# start_java COLUMN N [SERVER OPTIONS...]: a Java Binder and N Java servers for COLUMN, one after the other.
start_java() {
    local col="$1" count="$2" k port started=''
    shift 2
    launch "$col-binder" 'listening on' "$JAVA_CMD" -jar "$jars/binder.jar" --port 0
    binder_pid[$col]="$STARTED_PID"
    port="$(sed -nE 's/.*listening on [^ ]*:([0-9]+).*/\1/p' <<<"$READY_LINE")"
    binder_port[$col]="$port"
    server_pids[$col]=""
    for ((k = 1; k <= count; k++)); do
        java_server "$col-server-$k" "$port" "$@"
        server_pids[$col]+="${server_pids[$col]:+,}$STARTED_PID"
        started+="${started:+, }$(seconds_of "$READY_MS")"
        note "[$col] $READY_LINE ($(seconds_of "$READY_MS"))"
    done
    STARTED_TIMES="$started"
    wait_listed "$port" "$count"
}
# join COLUMN N: the time one more clustered server takes to be ready beside COLUMN's N running ones; it
# is stopped again, and the Binder left listing the N.
join() {
    local col="$1" count="$2"
    java_server "$col-joining" "${binder_port[$col]}"
    note "[$col] joining: $READY_LINE ($(seconds_of "$READY_MS"))"
    if ((count == 1)); then
        cell[join,$col]="$(seconds_of "$READY_MS") (the first server: $STARTED_TIMES)"
    else
        cell[join,$col]="$(seconds_of "$READY_MS") (the $count before it: $STARTED_TIMES)"
    fi
    stop_pids "$STARTED_PID"
    wait_listed "${binder_port[$col]}" "$count"
}
stop_column() {
    local -a list
    IFS=, read -r -a list <<<"${server_pids[$1]}"
    stop_pids "${list[@]}"
    stop_pids "${binder_pid[$1]}"
}
warm_up() {
    local col="$1" first=$((server_warmup * 3 / 5))
    ((first >= 1)) || first=1
    note "[$col] warming the Java server(s) up for about $((server_warmup * 3 / 2)) s (their code is compiled as it runs) ..."
    # shellcheck disable=SC2086
    bench --binder-port "${binder_port[$col]}" ${bench_options[$col]} --scenario list_rooms --connections 64 \
        --seconds "$first" --warmup 0 >/dev/null 2>&1 || true
    # shellcheck disable=SC2086
    bench --binder-port "${binder_port[$col]}" ${bench_options[$col]} --scenario poll --history 100 --connections 16 \
        --seconds "$((server_warmup - first > 0 ? server_warmup - first : 1))" --warmup 0 >/dev/null 2>&1 || true
    # Sending and long-polling take other paths (a clustered server's sends go to the room's owner): compiled too.
    # shellcheck disable=SC2086
    bench --binder-port "${binder_port[$col]}" ${bench_options[$col]} --scenario chat --senders 8 --rate 40 \
        --listener wait --seconds "$((server_warmup / 2 > 1 ? server_warmup / 2 : 1))" --warmup 0 >/dev/null 2>&1 || true
}
# calls COLUMN: the rows every column has.
calls() {
    local col="$1" out history
    out="$(run "$col" --scenario list_rooms --connections 64 --seconds "$seconds" --warmup "$warmup")"; note "$out"
    cell[list_rooms,$col]="$(summary "$out")"
    for history in 100 1000 10000; do
        out="$(run "$col" --scenario poll --history "$history" --connections 16 --seconds "$seconds" --warmup "$warmup")"
        note "$out"
        cell[poll$history,$col]="$(summary "$out")"
    done
    out="$(run "$col" --scenario chat --senders 8 --rate 10 --poll-interval 2 --seconds "$((seconds + 1))" --warmup "$warmup")"
    note "$out"
    cell[chatpoll,$col]="$(delivery "$out")"
}
chat_wait() {
    local out
    out="$(run "$1" --scenario chat --senders 8 --rate 10 --listener wait --seconds "$((seconds + 1))" --warmup "$warmup")"
    note "$out"
    cell[chatwait,$1]="$(delivery "$out")"
}
crowds() {
    local col="$1" gc="$RUN_DIR/$1-server-1-gc.log" from out listener
    for listener in wait poll; do
        from="$(gc_lines "$gc")"
        out="$(run "$col" --scenario crowd --clients "$clients" --rooms "$crowd_rooms" --listener "$listener" \
            --poll-interval 2 --seconds "$crowd_seconds" --warmup 5)"
        note "$out"
        cell[crowd$listener,$col]="$(crowd "$out"); $(heap_after_gc "$gc" "$from" "$(gc_lines "$gc")")"
    done
}
cross_server() {
    local out
    out="$("$JAVA_CMD" -cp "$BENCH_JAR" chat.bench.CrossServer --binder-port "${binder_port[$1]}" \
        --rate 20 --messages "$((20 * seconds))" --warmup "$warmup" 2>&1 | tee -a "$RUN_DIR/results.log" || true)"
    note "$out"
    cell[cross,$1]="$(cross "$out")"
}

load_before="$(uptime | sed -E 's/.*load average: //')"
note "logs, GC logs and result lines go to $RUN_DIR"

if [[ -n "$baseline_dir" ]]; then
    jars="$RUN_DIR/baseline"
    note "== baseline ($baseline_dir), standalone"
    start_java base_alone 1 --standalone
    cell[join,base_alone]="no cluster to join (its own start: $STARTED_TIMES)"
    resting_rss base_alone
    warm_up base_alone
    idle base_alone
    calls base_alone
    chat_wait base_alone
    stop_column base_alone

    note "== baseline ($baseline_dir), clustered, 1 server"
    start_java base_one 1
    resting_rss base_one
    join base_one 1
    warm_up base_one
    idle base_one
    calls base_one
    chat_wait base_one
    stop_column base_one
    jars="$RUN_DIR"
fi

note "== Java, standalone"
start_java alone 1 --standalone
cell[join,alone]="no cluster to join (its own start: $STARTED_TIMES)"
resting_rss alone
warm_up alone
idle alone
calls alone
chat_wait alone
crowds alone
stop_column alone

note "== Java, clustered, 1 server"
start_java one 1
resting_rss one
join one 1
warm_up one
idle one
calls one
chat_wait one
crowds one
stop_column one

note "== Java, 3 clustered servers"
start_java three 3
bench_options[three]="--spread"
resting_rss three
join three 3
warm_up three
idle three
calls three
chat_wait three
cross_server three
stop_column three

if [[ -n "$python_dir" ]]; then
    note "== Python original"
    launch python-binder 'porta 5000' python3 -u "$python_dir/binder.py"
    binder_pid[python]="$STARTED_PID"
    binder_port[python]=5000
    bench_options[python]="--binder-host localhost" # the original's Binder, whatever $CHAT_BINDER_HOST says
    launch python-server 'Servidor executando' python3 -u "$python_dir/server.py"
    server_pids[python]="$STARTED_PID"
    resting_rss python
    idle python
    calls python
    stop_column python
fi
load_after="$(uptime | sed -E 's/.*load average: //')"

absent="not measured (no --python-dir)"
# row TITLE KEY [ALONE ONE THREE PYTHON]: one table row; a cell not measured says why, in the text given
# for its column (empty: the cell measured under KEY; the baseline's columns take the text of this build's
# matching ones). A measured cell with a '?' (a figure its measurement did not print, or no measurement at
# all) is counted in unmeasured.
unmeasured=0
row() {
    local title="$1" key="$2" text out col
    shift 2
    local -A given=([alone]="${1:-}" [one]="${2:-}" [three]="${3:-}" [python]="${4:-}")
    given[base_alone]="${given[alone]}"
    given[base_one]="${given[one]}"
    out="| $title |"
    for col in "${columns[@]}"; do
        text="${given[$col]}"
        if [[ "$col" == python && -z "$python_dir" ]]; then
            text="$absent"
        elif [[ "$col" == base_* && "$key" == crowd* && -z "$text" ]]; then
            text="not measured for the baseline"
        elif [[ -z "$text" ]]; then
            text="${cell[$key,$col]:-?}"
            [[ "$text" == *'?'* ]] && unmeasured=$((unmeasured + 1))
        fi
        out+=" $text |"
    done
    printf '%s\n' "$out"
}
one_server="one server: nothing to cross"
crowd_three="not run: the crowd drives one server"
printf '\n%s; %s, %s cores, load average %s before, %s after\n\n' "$command_line" "$(date -u '+%Y-%m-%d %H:%M UTC')" \
    "$(nproc 2>/dev/null || echo '?')" "$load_before" "$load_after"
declare -A heading=([base_alone]='baseline, standalone' [base_one]='baseline, clustered, 1 server'
    [alone]='Java, standalone' [one]='Java, clustered, 1 server' [three]='Java, 3 clustered servers'
    [python]='Python original')
header='| scenario |'
rule='|---|'
for col in "${columns[@]}"; do
    header+=" ${heading[$col]} |"
    rule+='---|'
done
printf '%s\n%s\n' "$header" "$rule"
row '`list_rooms`, 64 connections' list_rooms
row 'poll, 100 messages of history, 16 connections' poll100
row 'poll, 1,000 messages of history, 16 connections' poll1000
row 'poll, 10,000 messages of history, 16 connections' poll10000
row 'chat, 8 senders x 10/s, listener polls every 2 s' chatpoll
row 'chat, 8 senders x 10/s, listener long-polls' chatwait '' '' '' 'no long-poll in the original'
row "sender on one server, long-polling listener on another, 20 messages/s, $((20 * seconds)) measured" cross \
    "$one_server" "$one_server" '' 'no cluster in the original'
row "$clients users at once, long-polling, $crowd_rooms rooms, 8 senders x 10/s, $crowd_seconds s" crowdwait '' '' \
    "$crowd_three" 'not run: the original serves one connection at a time, no long-poll'
row "$clients users at once, polling every 2 s, $crowd_rooms rooms, 8 senders x 10/s, $crowd_seconds s" crowdpoll '' '' \
    "$crowd_three" 'not run: the original serves one connection at a time (HTTP/1.0)'
row "idle server, warmed up: CPU over $idle_seconds s" idlecpu
row 'idle server, just started: resident memory (RSS)' rss
row 'a joining server: process start to its ready line' join '' '' '' 'no cluster in the original'
printf '\n3 clustered servers: the connections spread over the three, the CPU per call is the three processes'"'"' together.\n'
printf 'Every result line: %s/results.log; logs and each Java server'"'"'s GC log: %s\n' "$RUN_DIR" "$RUN_DIR"

# A measurement that printed no result (a '?' in its cell) fails the run, so a broken generator or
# server never passes for a table.
if ((unmeasured > 0)); then
    note "$unmeasured measurement(s) printed no result: the '?' cells above (see $RUN_DIR/results.log)"
    exit 1
fi
