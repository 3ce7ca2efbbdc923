#!/usr/bin/env bash
# The one command for a fresh machine: build what is missing, start a Binder and a server if none
# is answering, run the client, and stop on exit only what this run started.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
    cat <<USAGE
Usage: scripts/chat.sh [CLIENT OPTIONS...]

Runs the chat on this machine in one command:
  1. builds the jars (mvn -q -B -DskipTests package) if one is missing or older than the sources;
  2. asks the Binder at the client's Binder address (--binder-host/--binder-port if given, else
     \$CHAT_BINDER_HOST/\$CHAT_BINDER_PORT, else localhost:5000) a real XML-RPC question
     (lookup_procedure); if nothing answers it starts a Binder there, and if no live chat server
     is registered with it, it starts one server (servers share one chat by default, so one
     started later for the same Binder, e.g. with scripts/start-servers.sh, joins its chat);
  3. runs the client in the foreground with every option given here passed to it as it is
     (see scripts/start-client.sh --help);
  4. when the client exits (Ctrl-C included): if another chat.sh is still using what a chat.sh
     started for the same Binder address, leaves it running and says so; if this was the last
     one, stops it (the server, then the Binder). What chat.sh did not start is never stopped.

A chat.sh that finds a Binder and a server that another chat.sh started says so ("Joined the chat
started by chat.sh PID N at TIME") and counts as one of their users. What chat.sh starts is
recorded in the run directory (\$CHAT_RUN_DIR, else run/ at the repository root) as
chat-PORT-binder and chat-PORT-server (chat-HOST-PORT-... for a Binder on another host), with their
logs, and the chat.sh processes using them in chat-PORT.users. A chat.sh killed with kill -9 cannot
do step 4: it is dropped from the list, the next chat.sh for that address takes its programs over,
and scripts/stop.sh stops them at any time.
Needs a JDK 17+, Maven 3.6.3+ (only to build), and curl or python3 (for the Binder check).

Options: -h, --help  show this help and exit; anything else goes to the client.
USAGE
}

case "${1:-}" in
    -h | --help) usage; exit 0 ;;
esac

# The Binder the client will use: the same options, environment and defaults the client reads.
binder_host="${CHAT_BINDER_HOST:-localhost}"
binder_port="${CHAT_BINDER_PORT:-5000}"
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
    case "${args[i]}" in
        --binder-host) binder_host="${args[i + 1]:-}" ;;
        --binder-host=*) binder_host="${args[i]#*=}" ;;
        --binder-port) binder_port="${args[i + 1]:-}" ;;
        --binder-port=*) binder_port="${args[i]#*=}" ;;
    esac
done
[[ -n "$binder_host" ]] || die "--binder-host needs a value"
is_uint "$binder_port" || die "--binder-port needs a port number, got '$binder_port'"

require_java

# 1. Build when a jar is missing or older than its inputs (the log in the run directory).
if jar_stale binder "$BINDER_JAR" || jar_stale server "$SERVER_JAR" || jar_stale client "$CLIENT_JAR"; then
    prepare_run_dir
    build_jars_if_stale "$RUN_DIR/build.log"
fi
require_jar "$BINDER_JAR" "$SERVER_JAR" "$CLIENT_JAR"

# What chat.sh starts for one Binder address is shared by every chat.sh using that address: the
# programs are recorded as GROUP-binder and GROUP-server, and the chat.sh processes using them in
# GROUP.users, one "PID TIME" line each, read and written only under the lock GROUP.lock. They stop
# when the last chat.sh in that list quits. A PID that is no longer a running chat.sh (one killed
# with kill -9) is dropped whenever the list is read, so it never keeps them running.
case "$binder_host" in
    localhost | 127.0.0.1 | ::1 | '[::1]') group="chat-$binder_port" ;;
    *) group="chat-${binder_host//[^A-Za-z0-9.]/_}-$binder_port" ;;
esac
prepare_run_dir
users_file="$RUN_DIR/$group.users"

# Whether PID is a running chat.sh (not a PID the system has since given to another program).
is_chat_script() {
    local cmdline
    is_uint "$1" && kill -0 "$1" 2>/dev/null || return 1
    if [[ -r "/proc/$1/cmdline" ]]; then
        cmdline="$(tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null)" || return 1
    else
        cmdline="$(ps -p "$1" -o args= 2>/dev/null)" || return 1
    fi
    [[ "$cmdline" == *chat.sh* ]]
}

# Sets OTHERS to the list's lines of the other chat.sh processes still running. Under the lock.
read_users() {
    local pid since
    OTHERS=()
    [[ -f "$users_file" ]] || return 0
    while read -r pid since; do
        if [[ "$pid" != "$$" ]] && is_chat_script "$pid"; then
            OTHERS+=("$pid $since")
        fi
    done <"$users_file"
}

# write_users [LINE]: rewrites the list as OTHERS and LINE; removes it when that is nothing. Under the lock.
write_users() {
    local -a lines=(${OTHERS[@]+"${OTHERS[@]}"} "$@")
    if ((${#lines[@]} == 0)); then
        rm -f -- "$users_file"
    else
        printf '%s\n' "${lines[@]}" >"$users_file.$$"
        mv -f -- "$users_file.$$" "$users_file"
    fi
}

# The PIDs of OTHERS, separated by commas.
other_pids() {
    local line pids=""
    for line in ${OTHERS[@]+"${OTHERS[@]}"}; do
        pids+="${pids:+, }${line%% *}"
    done
    printf '%s' "$pids"
}

# Describes the group's running programs, e.g. "the Binder (PID 41), the chat server (PID 57)";
# prints nothing when none runs.
group_programs() {
    local pid text=""
    if pid="$(running_pid "$group-binder")"; then text="the Binder (PID $pid)"; fi
    if pid="$(running_pid "$group-server")"; then text+="${text:+ and }the chat server (PID $pid)"; fi
    printf '%s' "$text"
}

# Who started the group's programs, e.g. "chat.sh PID 1234 at 2026-12-05 04:40:12", from the line
# start_and_wait adds to their PID files.
group_starter() {
    local name who pid since
    for name in "$group-binder" "$group-server"; do
        [[ -f "$(pid_file "$name")" ]] || continue
        if read -r who pid since < <(sed -n 2p -- "$(pid_file "$name")") && [[ "$who" == chat.sh ]]; then
            printf 'chat.sh PID %s at %s' "$pid" "$since"
            is_chat_script "$pid" || printf ' (it has quit since)'
            return 0
        fi
    done
    return 1
}

started=()
registered=0
locked=0
# On exit (Ctrl-C, TERM and hang-up included): leave this chat.sh out of the list and, if it was
# the last, stop the group's programs (servers before the Binder). Before it is on the list (a
# start that failed), stop only what this run started.
# shellcheck disable=SC2317 # run by the EXIT trap
cleanup() {
    local status=$?
    trap - EXIT
    # Nothing may interrupt the bookkeeping half-way, and a closed terminal must not end it early.
    trap '' INT TERM HUP
    set +e
    if ((registered)); then
        ((locked)) || lock_run_dir "$group"
        read_users
        write_users
        programs="$(group_programs)"
        if ((${#OTHERS[@]} > 0)); then
            [[ -z "$programs" ]] || note "Leaving $programs running for the other chat.sh using them (PID $(other_pids)); the last to quit stops them."
        else
            stop_servers_then_binders "$group-server" "$group-binder" >&2
        fi
    elif ((${#started[@]} > 0)); then
        stop_servers_then_binders "${started[@]}" >&2
    fi
    unlock_run_dir
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

start_and_wait() { # NAME JAR HINT REGEX ARGS...
    local name="$1" jar="$2" hint="$3" regex="$4"
    shift 4
    start_background "$name" "$jar" "$@"
    started+=("$name")
    printf 'chat.sh %s %s\n' "$$" "$(date '+%Y-%m-%d %H:%M:%S')" >>"$(pid_file "$name")"
    if ! wait_for_line "$name" "$STARTED_PID" "$regex"; then
        note "$SCRIPT_NAME: $hint"
        exit 1
    fi
}

# 2. A Binder and a live server, unless they are there already. One real call tells both: the
# Binder's answer to lookup_procedure("register_user") (no answer: no Binder; nil or a fault: no
# server), then the registered server's answer to list_rooms (a server that died stays registered).
# All under the lock, so two chat.sh starting at once start one Binder, and none starts while the
# last one to quit is stopping them.
lock_run_dir "$group"
locked=1
lookup=0
server="$(binder_lookup "$binder_host" "$binder_port" register_user)" || lookup=$?
if ((lookup == 2)); then
    if pid="$(running_pid "$group-binder")"; then
        die "the Binder chat.sh started for $binder_host:$binder_port (PID $pid) does not answer; see $(log_file "$group-binder"), or stop it with scripts/stop.sh $group-binder"
    fi
    start_and_wait "$group-binder" "$BINDER_JAR" \
        "no Binder answered at $binder_host:$binder_port and none could be started there; if the port is taken by another program, choose another with --binder-port P (or CHAT_BINDER_PORT)" \
        '^Binder executando na porta [0-9]+' \
        --host "$binder_host" --port "$binder_port"
    note "Started a Binder at $binder_host:$binder_port (log: $(log_file "$group-binder"))."
fi
if ((lookup == 0)) && answers_xmlrpc "${server% *}" "${server#* }" list_rooms; then
    server_found="${server% *}:${server#* }"
else
    server_found=""
    if pid="$(running_pid "$group-server")"; then
        note "The chat server chat.sh started (PID $pid) does not answer; starting another."
        stop_named "$group-server" >&2
    fi
    start_and_wait "$group-server" "$SERVER_JAR" \
        "could not start a chat server registered with the Binder at $binder_host:$binder_port" \
        '^Servidor executando na porta [0-9]+' \
        --binder-host "$binder_host" --binder-port "$binder_port"
    read -r _ _ _ _ port _ <<<"$READY_LINE"
    note "Started a chat server on port $port (log: $(log_file "$group-server"))."
fi
read_users
write_users "$$ $(date '+%Y-%m-%d %H:%M:%S')"
registered=1
programs="$(group_programs)"
if ((${#started[@]} == 0)); then
    if [[ -n "$programs" ]] && starter="$(group_starter)"; then
        note "Joined the chat started by $starter: $programs, for $binder_host:$binder_port."
    else
        note "A Binder is answering at $binder_host:$binder_port, and a chat server registered with it at $server_found."
    fi
fi
if [[ -n "$programs" ]]; then
    if ((${#OTHERS[@]} > 0)); then
        note "Other chat.sh using them: ${#OTHERS[@]} (PID $(other_pids)). The last chat.sh to quit stops them."
    else
        note "No other chat.sh uses them yet. The last chat.sh to quit stops them."
    fi
fi
unlock_run_dir
locked=0

# 3. The client, in the foreground; its exit status is this script's.
status=0
"$JAVA_CMD" -jar "$CLIENT_JAR" "$@" || status=$?
exit "$status"
