#!/usr/bin/env bash
# Shows what a running Binder knows of the deployment: every chat server, alive or dead, and what each says.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
    cat <<USAGE
Usage: scripts/status.sh [--binder LIST | --binder-host H --binder-port P] [--json] [--timeout SECONDS]

Asks the Binder for every registration (list_registrations), groups them by address, counts
the chat servers (those that registered chat procedures), marks each alive or dead (the
Binder's probes), and asks each live Java chat server for its users, rooms, members in rooms,
waiting calls, store and cluster membership (server_status); a Python server shows as
"original, no status". The other registrations follow, apart: a clustered server's member
address (chat.cluster.member) is not a server of its own. Runs
"java -jar binder/target/binder.jar status" with these options:
  --binder LIST       the Binders, HOST:PORT[,HOST:PORT...]: the first that answers is asked
                      (default: \$CHAT_BINDER, else --binder-host and --binder-port)
  --binder-host H     the Binder's address (default: \$CHAT_BINDER_HOST, else localhost)
  --binder-port P     the Binder's port (default: \$CHAT_BINDER_PORT, else 5000)
  --json              one JSON object instead of lines for a person
  --timeout SECONDS   how long the Binder and each server may take to answer (default: 2)
Exit status: 0 when the Binder answered, 1 when it cannot be reached or cannot list its
registrations (a Python Binder), 2 for wrong options.

This help: -h or --help.
USAGE
}

case "${1:-}" in
    -h | --help) usage; exit 0 ;;
esac

require_java
require_jar "$BINDER_JAR"
exec "$JAVA_CMD" -jar "$BINDER_JAR" status "$@"
