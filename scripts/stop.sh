#!/usr/bin/env bash
# Stops what start-binder.sh, start-servers.sh and chat.sh started, by their recorded PIDs.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
    cat <<USAGE
Usage: scripts/stop.sh [--run-dir DIR] [--timeout SECONDS] [NAME...]

Stops the Binder and servers whose PID files are in the run directory (all of them, or only the
NAMEs given, e.g. 'binder' or 'server-2'): sends TERM to every server at once, waits up to the
timeout for them to exit (KILL for any still running), then does the same for the Binders, so
servers never lose their Binder while they run. Removes their PID files (logs are kept) and says
what it stopped. A PID that is no longer one of these programs is never signalled; its stale
PID file is just removed. Safe to run twice: the second run has nothing to stop.

Options:
  --run-dir DIR      the run directory the scripts used (default: \$CHAT_RUN_DIR, else run/ at
                     the repository root)
  --timeout SECONDS  how long to wait after TERM before KILL (default: \$CHAT_STOP_TIMEOUT, else 10)
  -h, --help         show this help and exit
USAGE
}

names=()
while (($#)); do
    case "$1" in
        -h | --help) usage; exit 0 ;;
        --run-dir) need_value "$@"; RUN_DIR="$2"; shift 2 ;;
        --run-dir=*) RUN_DIR="${1#*=}"; shift ;;
        --timeout) need_value "$@"; STOP_TIMEOUT="$2"; shift 2 ;;
        --timeout=*) STOP_TIMEOUT="${1#*=}"; shift ;;
        -*) die "unknown option '$1' (see --help)" ;;
        *) names+=("${1%.pid}"); shift ;;
    esac
done
check_seconds --timeout "$STOP_TIMEOUT"

if [[ ! -d "$RUN_DIR" ]]; then
    echo "Nothing to stop: no run directory $RUN_DIR"
    exit 0
fi
RUN_DIR="$(cd -- "$RUN_DIR" && pwd)"

if ((${#names[@]} == 0)); then
    while IFS= read -r name; do names+=("$name"); done < <(recorded_names)
    if ((${#names[@]} == 0)); then
        echo "Nothing to stop: no PID files in $RUN_DIR"
        exit 0
    fi
fi

recorded=()
for name in "${names[@]}"; do
    if [[ -f "$(pid_file "$name")" ]]; then
        recorded+=("$name")
    else
        echo "$name: no PID file in $RUN_DIR (not started here, or already stopped)"
    fi
done
# All the servers at once, then the Binders once the servers have exited.
((${#recorded[@]} == 0)) || stop_servers_then_binders "${recorded[@]}"
