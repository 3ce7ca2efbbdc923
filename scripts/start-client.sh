#!/usr/bin/env bash
# Runs the terminal client in the foreground.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
    cat <<USAGE
Usage: scripts/start-client.sh [CLIENT OPTIONS...]

Runs the chat client (client/target/client.jar) in the foreground, in place of this script
(exec), with every option passed to it as it is. The client finds its server through the
Binder. Its options:
  --binder-host H          the Binder's address (default: \$CHAT_BINDER_HOST, else localhost)
  --binder-port P          the Binder's port (default: \$CHAT_BINDER_PORT, else 5000)
  --poll-interval SECONDS  how often to fetch new messages inside a room
  --lang pt|en             the language of menus and messages
  --version                print the client's version
Its standard input may be a terminal or a file of keystrokes (a username line, then the menu
keys c/e/l/s; inside a room m/l/s).

This help: -h or --help. The client's own help: scripts/start-client.sh --client-help
USAGE
}

case "${1:-}" in
    -h | --help) usage; exit 0 ;;
    --client-help) set -- --help ;;
esac

require_java
require_jar "$CLIENT_JAR"
exec "$JAVA_CMD" -jar "$CLIENT_JAR" "$@"
