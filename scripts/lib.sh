# shellcheck shell=bash
# Functions shared by the scripts in this folder: paths, the run directory, starting a program in
# the background and waiting for its start line, PID files, and one XML-RPC call to a Binder.
# Sourced, never run; the scripts set `set -euo pipefail` themselves.

# The repository root, whatever the caller's working directory.
CHAT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly CHAT_ROOT

# The runnable jars `mvn -q -DskipTests package` builds.
BINDER_JAR="$CHAT_ROOT/binder/target/binder.jar"
SERVER_JAR="$CHAT_ROOT/server/target/server.jar"
CLIENT_JAR="$CHAT_ROOT/client/target/client.jar"
BENCH_JAR="$CHAT_ROOT/bench/target/bench.jar"
# shellcheck disable=SC2034 # each is used by some of the scripts that source this file
readonly BINDER_JAR SERVER_JAR CLIENT_JAR BENCH_JAR

# The java launcher: $JAVA, else $JAVA_HOME/bin/java, else java on the PATH.
JAVA_CMD="${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/}java}"

# Where PID files and logs go: --run-dir, else $CHAT_RUN_DIR, else run/ at the repository root.
RUN_DIR="${CHAT_RUN_DIR:-$CHAT_ROOT/run}"

# How long a program may take to print its start line, in seconds: --timeout, else $CHAT_START_TIMEOUT.
START_TIMEOUT="${CHAT_START_TIMEOUT:-30}"

# How long stop waits after TERM before it sends KILL, in seconds: --timeout, else $CHAT_STOP_TIMEOUT.
STOP_TIMEOUT="${CHAT_STOP_TIMEOUT:-10}"

SCRIPT_NAME="$(basename "$0")"

die() {
    printf '%s: %s\n' "$SCRIPT_NAME" "$*" >&2
    exit 1
}

# Prints progress on stderr, so stdout carries only the results (addresses, ports).
note() {
    printf '%s\n' "$*" >&2
}

# Dies unless $2 (the value of option $1) is present.
need_value() {
    [[ $# -ge 2 && -n "$2" ]] || die "option $1 needs a value (see --help)"
}

is_uint() {
    [[ "$1" =~ ^[0-9]+$ ]]
}

# Dies unless $2 (the value of option $1) is a whole number of seconds, at least 1.
check_seconds() {
    if ! is_uint "$2" || ((10#$2 < 1)); then
        die "$1 needs a whole number of seconds (1 or more), got '$2'"
    fi
}

# Whether MODULE's JAR is missing or older than its inputs: the poms, and the main sources of common
# and of the jar's own module (tests do not go into the jars).
jar_stale() { # MODULE JAR
    [[ -f "$2" ]] || return 0
    [[ -n "$(find "$CHAT_ROOT/pom.xml" "$CHAT_ROOT/common/pom.xml" "$CHAT_ROOT/common/src/main" \
        "$CHAT_ROOT/$1/pom.xml" "$CHAT_ROOT/$1/src/main" -newer "$2" -print -quit 2>/dev/null)" ]]
}

# Builds the jars (mvn -q -B -DskipTests package) when one is missing or older than its sources,
# so no script runs a jar that predates the code beside it. The build's log goes to $1 (default: a
# temporary file, removed after a good build); on failure its end is shown and the script dies.
build_jars_if_stale() {
    if ! jar_stale binder "$BINDER_JAR" && ! jar_stale server "$SERVER_JAR" && ! jar_stale client "$CLIENT_JAR" \
        && ! jar_stale bench "$BENCH_JAR"; then
        return 0
    fi
    command -v mvn >/dev/null 2>&1 || die "the jars need building and 'mvn' is not installed: install Maven 3.6.3 or newer"
    local build_log="${1:-}" keep_log=1 build_start jar
    if [[ -z "$build_log" ]]; then
        build_log="$(mktemp "${TMPDIR:-/tmp}/chat-build.XXXXXX")" || die "cannot create a temporary file"
        keep_log=0
    fi
    build_start="$build_log.start"
    note "Building the jars (mvn -q -B -DskipTests package, log: $build_log)..."
    : >"$build_start"
    if ! (cd "$CHAT_ROOT" && mvn -q -B -DskipTests package) </dev/null >"$build_log" 2>&1; then
        rm -f -- "$build_start"
        tail -n 40 -- "$build_log" >&2
        die "the build failed (the lines above are the end of $build_log)"
    fi
    # Maven leaves a jar untouched when its content would not change (a pom edit that does not
    # affect it); date such jars from the build's start, so they are not rebuilt on every run.
    for jar in "$BINDER_JAR" "$SERVER_JAR" "$CLIENT_JAR" "$BENCH_JAR"; do
        if [[ -f "$jar" && "$build_start" -nt "$jar" ]]; then
            touch -r "$build_start" -- "$jar"
        fi
    done
    rm -f -- "$build_start"
    ((keep_log)) || rm -f -- "$build_log"
}

# Dies unless the jar exists, naming the command that builds it.
# require_jar JAR...: each JAR must exist.
require_jar() {
    local jar
    for jar in "$@"; do
        [[ -f "$jar" ]] || die "$jar not found: build it with 'mvn -q -DskipTests package' at $CHAT_ROOT (or run scripts/chat.sh, which builds what is missing)"
    done
}

# require_python3 WHAT_FOR: python3 must be installed; WHAT_FOR completes "python3 is needed ...".
require_python3() {
    command -v python3 >/dev/null 2>&1 || die "python3 is needed $1"
}

require_java() {
    command -v "$JAVA_CMD" >/dev/null 2>&1 || die "'$JAVA_CMD' not found: install a JDK 17 or newer, or set JAVA_HOME"
}

# Creates the run directory and makes RUN_DIR absolute, so PID files mean the same from anywhere.
# The servers started from here keep their chats in its data/ ($CHAT_DATA_DIR when set).
prepare_run_dir() {
    mkdir -p -- "$RUN_DIR" || die "cannot create the run directory $RUN_DIR"
    RUN_DIR="$(cd -- "$RUN_DIR" && pwd)"
    export CHAT_DATA_DIR="${CHAT_DATA_DIR:-$RUN_DIR/data}"
}

# lock_run_dir NAME: waits for the lock NAME.lock in the run directory and holds it until
# unlock_run_dir or the end of this process, however it ends: flock(1) on file descriptor 9 where
# flock exists, else a directory made by mkdir, taken over when its owner is dead. It waits at most
# $CHAT_LOCK_WAIT seconds, by default long enough for a holder to start two programs and stop two.
LOCK_DIR=""
lock_run_dir() {
    local file="$RUN_DIR/$1.lock" deadline owner
    local limit="${CHAT_LOCK_WAIT:-$((2 * START_TIMEOUT + 2 * STOP_TIMEOUT + 10))}"
    if command -v flock >/dev/null 2>&1; then
        exec 9>>"$file" || die "cannot open the lock file $file"
        flock -w "$limit" 9 || die "waited ${limit}s for the lock $file, which another script holds"
        return 0
    fi
    deadline=$(($(date +%s) + limit))
    until mkdir -- "$file.d" 2>/dev/null; do
        owner="$(cat -- "$file.d/pid" 2>/dev/null || true)"
        if is_uint "$owner" && ! kill -0 "$owner" 2>/dev/null; then
            rm -rf -- "$file.d"
            continue
        fi
        (($(date +%s) < deadline)) || die "waited ${limit}s for the lock $file.d, which PID ${owner:-?} holds"
        sleep 0.1
    done
    printf '%s\n' "$$" >"$file.d/pid"
    LOCK_DIR="$file.d"
}

unlock_run_dir() {
    if [[ -n "$LOCK_DIR" ]]; then
        rm -rf -- "$LOCK_DIR"
        LOCK_DIR=""
    else
        exec 9>&-
    fi
}

pid_file() { printf '%s/%s.pid\n' "$RUN_DIR" "$1"; }
log_file() { printf '%s/%s.log\n' "$RUN_DIR" "$1"; }

# The private copy of its jar that the program recorded under NAME runs from (see start_background).
jar_copy() { printf '%s/%s.jar\n' "$RUN_DIR" "$1"; }

# True when PID is alive and runs the jar copy of NAME, so a PID that the system has since given to
# another process is never signalled.
is_our_process() {
    local name="$1" pid="$2" cmdline
    is_uint "$pid" || return 1
    kill -0 "$pid" 2>/dev/null || return 1
    if [[ -r "/proc/$pid/cmdline" ]]; then
        cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" || return 1
    else
        cmdline="$(ps -p "$pid" -o args= 2>/dev/null)" || return 1
    fi
    [[ "$cmdline" == *"-jar $(jar_copy "$name") "* || "$cmdline" == *"-jar $(jar_copy "$name")" ]]
}

# Removes what the scripts keep for NAME while it runs (PID file, jar copy); the log stays.
forget() {
    rm -f -- "$(pid_file "$1")" "$(jar_copy "$1")"
}

# Prints the PID recorded under NAME if that process is still running; otherwise forgets NAME (a
# stale PID file) and fails.
running_pid() {
    local file pid
    file="$(pid_file "$1")"
    [[ -f "$file" ]] || return 1
    pid="$(head -n 1 -- "$file" 2>/dev/null || true)"
    if is_our_process "$1" "$pid"; then
        printf '%s\n' "$pid"
        return 0
    fi
    forget "$1"
    return 1
}

# start_background NAME JAR [ARGS...]: starts `java -jar JAR ARGS...` detached from the terminal
# (stdin from /dev/null, hang-ups ignored), stdout and stderr to NAME.log, its PID in NAME.pid.
# It runs from a copy of JAR (NAME.jar in the run directory): a JVM whose jar is rewritten under
# it, as `mvn package` does, fails on its next class load. Sets STARTED_PID.
start_background() {
    local name="$1" jar="$2" log copy
    shift 2
    log="$(log_file "$name")"
    copy="$(jar_copy "$name")"
    cp -f -- "$jar" "$copy" || die "cannot copy $jar to $copy"
    : >"$log"
    # A background job of a non-interactive shell ignores SIGINT, so Ctrl-C in the terminal reaches
    # only the foreground program; these are stopped by stop.sh (or chat.sh's trap) with TERM.
    # File descriptor 9 is closed for it: a lock held there (lock_run_dir) must not outlive this script.
    nohup "$JAVA_CMD" -jar "$copy" "$@" </dev/null >>"$log" 2>&1 9>&- &
    STARTED_PID=$!
    printf '%s\n' "$STARTED_PID" >"$(pid_file "$name")"
}

# wait_for_line NAME PID REGEX: polls NAME.log until a line matches the extended REGEX, for at most
# START_TIMEOUT seconds, and sets READY_LINE to that line. Call it in the shell that started PID
# (not in a $(...) subshell), so it can collect the exit status. Fails (with the log's last lines on stderr) if
# the process exits first or the deadline passes; the PID file is removed then.
wait_for_line() {
    local name="$1" pid="$2" regex="$3" log deadline line
    log="$(log_file "$name")"
    deadline=$(($(date +%s) + START_TIMEOUT))
    while :; do
        if line="$(grep -E -m 1 -- "$regex" "$log" 2>/dev/null)"; then
            # shellcheck disable=SC2034 # read by the scripts that call this
            READY_LINE="$line"
            return 0
        fi
        if ! kill -0 "$pid" 2>/dev/null; then
            local status=0
            wait "$pid" 2>/dev/null || status=$?
            forget "$name"
            note "$SCRIPT_NAME: $name (PID $pid) exited with status $status before it was ready; $log says:"
            tail -n 20 -- "$log" | sed 's/^/    /' >&2
            return 1
        fi
        if (($(date +%s) >= deadline)); then
            note "$SCRIPT_NAME: $name (PID $pid) did not print its start line within ${START_TIMEOUT}s (raise --timeout?); last lines of $log:"
            tail -n 20 -- "$log" | sed 's/^/    /' >&2
            stop_named "$name" >&2
            return 1
        fi
        sleep 0.1
    done
}

# stop_named NAME: stops the process recorded under NAME; see stop_together.
stop_named() {
    stop_together "$1"
}

# stop_together NAME...: stops the processes recorded under the NAMEs at once: TERM to each, then
# waits until all have exited, for at most STOP_TIMEOUT seconds, and sends KILL to any still
# running. Prints one line per NAME saying what it did, removes the PID files, and does nothing
# for a missing file (a stale one is removed with a line saying so).
stop_together() {
    local name pid deadline i alive
    local -a names=() pids=()
    for name in "$@"; do
        [[ -f "$(pid_file "$name")" ]] || continue
        if ! pid="$(running_pid "$name")"; then
            printf '%s: was not running (removed its stale PID file)\n' "$name"
            continue
        fi
        kill -TERM "$pid" 2>/dev/null || true
        names+=("$name")
        pids+=("$pid")
    done
    ((${#pids[@]} > 0)) || return 0
    # Exited means no longer running its jar: a process that has exited but that its parent (another
    # chat.sh's, or init) has not reaped yet still answers kill -0.
    deadline=$(($(date +%s) + STOP_TIMEOUT))
    while :; do
        alive=0
        for i in "${!names[@]}"; do
            if is_our_process "${names[i]}" "${pids[i]}"; then alive=1; break; fi
        done
        ((alive)) && (($(date +%s) < deadline)) || break
        sleep 0.1
    done
    for i in "${!names[@]}"; do
        name="${names[i]}"
        pid="${pids[i]}"
        if is_our_process "$name" "$pid"; then
            kill -KILL "$pid" 2>/dev/null || true
            printf '%s: stopped (PID %s; killed: it did not exit within %ss of TERM)\n' "$name" "$pid" "$STOP_TIMEOUT"
        else
            printf '%s: stopped (PID %s)\n' "$name" "$pid"
        fi
        # Reap it if it is our own child, so no zombie stays behind.
        wait "$pid" 2>/dev/null || true
        forget "$name"
    done
}

# Whether NAME is a Binder's: 'binder', or ending in '-binder' (chat.sh's).
is_binder_name() {
    [[ "$1" == binder || "$1" == *-binder ]]
}

# stop_servers_then_binders NAME...: stops the servers among the NAMEs together, then the Binders
# together, so servers never lose their Binder while they run.
stop_servers_then_binders() {
    local name
    local -a servers=() binders=()
    for name in "$@"; do
        if is_binder_name "$name"; then binders+=("$name"); else servers+=("$name"); fi
    done
    ((${#servers[@]} == 0)) || stop_together "${servers[@]}"
    ((${#binders[@]} == 0)) || stop_together "${binders[@]}"
}

# Names (PID file names without .pid) in the run directory.
recorded_names() {
    local file
    [[ -d "$RUN_DIR" ]] || return 0
    for file in "$RUN_DIR"/*.pid; do
        [[ -e "$file" ]] || continue
        basename -- "$file" .pid
    done
}

# xmlrpc_call HOST PORT METHOD [STRING_ARG...]: posts one XML-RPC call with string arguments and
# prints the raw response body. Uses curl, or python3 where curl is missing. Fails if nothing
# answers over HTTP within 5 seconds.
xmlrpc_call() {
    local host="$1" port="$2" method="$3" body arg
    shift 3
    body="<?xml version=\"1.0\"?><methodCall><methodName>$method</methodName><params>"
    for arg in "$@"; do
        body+="<param><value><string>$arg</string></value></param>"
    done
    body+="</params></methodCall>"
    [[ "$host" == *:* && "$host" != \[* ]] && host="[$host]"
    if command -v curl >/dev/null 2>&1; then
        curl --silent --show-error --fail --max-time 5 --noproxy '*' \
            -H 'Content-Type: text/xml' --data-binary "$body" "http://$host:$port/" 2>/dev/null
    elif command -v python3 >/dev/null 2>&1; then
        python3 - "http://$host:$port/" "$body" <<'EOF' 2>/dev/null
import sys, urllib.request
request = urllib.request.Request(sys.argv[1], data=sys.argv[2].encode(), headers={"Content-Type": "text/xml"})
opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
with opener.open(request, timeout=5) as response:
    sys.stdout.write(response.read().decode("utf-8", "replace"))
EOF
    else
        die "cannot check for a running Binder: neither curl nor python3 is installed"
    fi
}

# answers_xmlrpc HOST PORT METHOD [STRING_ARG...]: true when an XML-RPC server at HOST:PORT answers
# the call (any methodResponse, a fault included).
answers_xmlrpc() {
    local response
    response="$(xmlrpc_call "$@")" || return 1
    [[ "$response" == *"<methodResponse"* ]]
}

# binder_lookup HOST PORT NAME: asks the Binder at HOST:PORT where NAME is served. Prints
# "ADDRESS PORT" when it is registered. Returns 1 when the Binder answers but nothing usable is
# registered (nil, the Python Binder's fault, or not [address, port]), 2 when nothing answers.
binder_lookup() {
    local response address port
    response="$(xmlrpc_call "$1" "$2" lookup_procedure "$3")" || return 2
    [[ "$response" == *"<methodResponse"* ]] || return 2
    [[ "$response" == *"<array>"* && "$response" != *"<fault>"* ]] || return 1
    # The answer is <array><data><value>ADDRESS</value><value><int>PORT</int></value></data></array>
    # (the address with or without <string>): cut at each </value>, drop the tags, keep the texts.
    { read -r address && read -r port; } < <(printf '%s' "$response" | awk -v RS='</value>' '
        { gsub(/<[^>]*>/, ""); gsub(/^[ \t\r\n]+|[ \t\r\n]+$/, ""); if ($0 != "") print }') || return 1
    [[ -n "$address" ]] && is_uint "$port" || return 1
    printf '%s %s\n' "$address" "$port"
}

# --- for the out-of-process checks (failover-check.sh, restart-check.sh) ---------------------------------------
# bot_lines K MESSAGES INTERVAL: the lines bot K types: once $RUN_DIR/go exists, MESSAGES numbered lines
# (botK-0001, ...), one every INTERVAL seconds; nothing more once $RUN_DIR/abort exists.
bot_lines() {
    local k="$1" messages="$2" interval="$3" i
    while [[ ! -e "$RUN_DIR/go" ]]; do
        [[ -e "$RUN_DIR/abort" ]] && return 0
        sleep 0.05
    done
    for ((i = 1; i <= messages; i++)); do
        [[ -e "$RUN_DIR/abort" ]] && return 0
        printf 'bot%d-%04d\n' "$k" "$i"
        sleep "$interval"
    done
}
# stamped: each line of standard input, stamped with the time it was read (seconds since the epoch; bash's
# clock, no fork per line).
stamped() {
    local line
    while IFS= read -r line; do
        printf '%s %s\n' "$EPOCHREALTIME" "$line"
    done
}
# start_bots BINDERS ROOM N MESSAGES INTERVAL LINGER: N clients, looking up in the Binders BINDERS
# (HOST:PORT[,HOST:PORT...]), in the non-interactive mode (--user botK
# --room ROOM --json --linger LINGER) typing bot_lines; their output to $RUN_DIR/client-K.out, their standard
# error, stamped, to client-K.err; their PIDs appended to client_pids.
start_bots() {
    local binders="$1" room="$2" count="$3" messages="$4" interval="$5" linger="$6" k
    for ((k = 1; k <= count; k++)); do
        "$JAVA_CMD" -jar "$CLIENT_JAR" --binder "$binders" --lang en --user "bot$k" --room "$room" --json \
            --linger "$linger" < <(bot_lines "$k" "$messages" "$interval") >"$RUN_DIR/client-$k.out" \
            2> >(stamped >"$RUN_DIR/client-$k.err") &
        client_pids+=("$!")
    done
}

# The out-of-process checks (failover-check.sh, restart-check.sh) share what follows.

# begin_check: a check's fresh start in $RUN_DIR: what runs there is stopped, the files of an earlier check and its
# chat are removed, client_pids starts empty, and everything the check starts is stopped when it exits (Ctrl-C
# and errors included).
begin_check() {
    "$CHAT_ROOT/scripts/stop.sh" --run-dir "$RUN_DIR" >/dev/null 2>&1 || true
    rm -f -- "$RUN_DIR"/*.log "$RUN_DIR"/client-* "$RUN_DIR"/python-* "$RUN_DIR"/go "$RUN_DIR"/abort \
        "$RUN_DIR"/kill-time "$RUN_DIR"/serving-time "$RUN_DIR"/victim
    rm -rf -- "$RUN_DIR/data" # each check starts a chat of its own
    client_pids=()
    trap end_check EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
}

# end_check: the line writers ended, the clients killed, everything in $RUN_DIR stopped.
end_check() {
    local pid
    touch "$RUN_DIR/abort" # ends the line writers
    for pid in ${client_pids[@]+"${client_pids[@]}"}; do
        kill "$pid" 2>/dev/null || true
    done
    "$CHAT_ROOT/scripts/stop.sh" --run-dir "$RUN_DIR" >/dev/null 2>&1 || true
}

# start_check_servers N BINDERS [SERVER OPTIONS...]: N servers registered with BINDERS (HOST:PORT[,HOST:PORT...]);
# their ports into the array ports, and the PID of each port into pid_of_port.
start_check_servers() {
    local count="$1" binders="$2" k
    shift 2
    mapfile -t ports < <("$CHAT_ROOT/scripts/start-servers.sh" -n "$count" --binder "$binders" --run-dir "$RUN_DIR" \
        --timeout "$START_TIMEOUT" "$@")
    ((${#ports[@]} == count)) || die "expected $count server ports, got: ${ports[*]}"
    declare -gA pid_of_port=()
    for ((k = 1; k <= count; k++)); do
        pid_of_port[${ports[k - 1]}]="$(running_pid "server-$k")" || die "server-$k is not running"
    done
    note "servers on ports ${ports[*]}"
}

# await_in_room ROOM N NAMES ONE_CHAT: waits until N users whose names match the ERE NAMES are in ROOM, asking the
# servers on the ports in ports: with ONE_CHAT 1 any server knows every member; with 0 (separate chats) each
# server's members are added up. Dies after $START_TIMEOUT seconds.
await_in_room() {
    local room="$1" expected="$2" names="$3" one_chat="$4" deadline in_room port answer n
    note "waiting for the $expected clients to be in the room..."
    deadline=$(($(date +%s) + START_TIMEOUT))
    while :; do
        in_room=0
        for port in "${ports[@]}"; do
            answer="$(xmlrpc_call localhost "$port" list_users "$room" 2>/dev/null || true)"
            n="$( (grep -oE ">($names)<" <<<"$answer" || true) | sort -u | wc -l)"
            if ((one_chat)); then in_room=$n; break; fi
            in_room=$((in_room + n))
        done
        ((in_room >= expected)) && return 0
        (($(date +%s) < deadline)) || die "only $in_room of $expected clients entered the room within ${START_TIMEOUT}s (see the .err files in $RUN_DIR)"
        sleep 0.2
    done
}

# collect_statuses: waits for every client in client_pids; their exit statuses, in order, into the array statuses.
collect_statuses() {
    local pid status
    statuses=()
    for pid in ${client_pids[@]+"${client_pids[@]}"}; do
        status=0
        wait "$pid" || status=$?
        statuses+=("$status")
    done
    client_pids=()
}
