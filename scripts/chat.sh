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
  4. when the client exits (Ctrl-C included), stops what step 2 started, and nothing else.

What it starts is recorded in the run directory (\$CHAT_RUN_DIR, else run/ at the repository root)
as chat-binder and chat-server (chat-<pid>-... while another chat.sh holds those names), with
their logs; scripts/stop.sh also stops them if this script was killed before it could.
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
require_jar "$BINDER_JAR"
require_jar "$SERVER_JAR"
require_jar "$CLIENT_JAR"

# On exit, stop what this run started (servers before the Binder), and nothing else.
started=()
# shellcheck disable=SC2317 # run by the EXIT trap
cleanup() {
    local status=$? name i
    trap - EXIT INT TERM HUP
    for ((i = ${#started[@]} - 1; i >= 0; i--)); do
        name="${started[i]}"
        stop_named "$name" >&2 || true
    done
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
    if ! wait_for_line "$name" "$STARTED_PID" "$regex"; then
        note "$SCRIPT_NAME: $hint"
        exit 1
    fi
}

# 2. A Binder and a live server, unless they are there already. One real call tells both: the
# Binder's answer to lookup_procedure("register_user") (no answer: no Binder; nil or a fault: no
# server), then the registered server's answer to list_rooms (a server that died stays registered).
prepare_run_dir
# Names for what this run starts: chat-binder and chat-server, unless another chat.sh holds them.
prefix="chat"
if running_pid chat-binder >/dev/null || running_pid chat-server >/dev/null; then
    prefix="chat-$$"
fi
lookup=0
server="$(binder_lookup "$binder_host" "$binder_port" register_user)" || lookup=$?
if ((lookup == 2)); then
    start_and_wait "$prefix-binder" "$BINDER_JAR" \
        "no Binder answered at $binder_host:$binder_port and none could be started there; if the port is taken by another program, choose another with --binder-port P (or CHAT_BINDER_PORT)" \
        '^Binder executando na porta [0-9]+' \
        --host "$binder_host" --port "$binder_port"
    note "Started a Binder at $binder_host:$binder_port (log: $(log_file "$prefix-binder"))."
else
    note "A Binder is answering at $binder_host:$binder_port."
fi
if ((lookup == 0)) && answers_xmlrpc "${server% *}" "${server#* }" list_rooms; then
    note "A chat server is registered with it and answering at ${server% *}:${server#* }."
else
    start_and_wait "$prefix-server" "$SERVER_JAR" \
        "could not start a chat server registered with the Binder at $binder_host:$binder_port" \
        '^Servidor executando na porta [0-9]+' \
        --binder-host "$binder_host" --binder-port "$binder_port"
    read -r _ _ _ _ port _ <<<"$READY_LINE"
    note "Started a chat server on port $port (log: $(log_file "$prefix-server"))."
fi
if ((${#started[@]} > 0)); then
    note "They stop when the client exits."
fi

# 3. The client, in the foreground; its exit status is this script's.
status=0
"$JAVA_CMD" -jar "$CLIENT_JAR" "$@" || status=$?
exit "$status"
