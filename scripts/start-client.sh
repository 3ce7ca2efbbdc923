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
  --poll-interval SECONDS  how often a joined room is asked for new messages (default: 2;
                           decimals allowed)
  --lang pt|en             the language of menus and messages (default: pt on a Portuguese
                           system locale, else en)
  --version                print the client's version
Its standard input may be a terminal, or a file or pipe of keys: a username line, then the main
menu's c (create), e (enter), l (list rooms), s (quit); inside a room m (send: then the text line,
then the recipient or an empty line for everyone), l (list users), s (leave).

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
