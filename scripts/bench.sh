#!/usr/bin/env bash
# Runs the load generator against any chat server registered with a Binder (the Python original too).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if [[ "${1:-}" == "--compare" ]]; then
  shift
  exec "$here/bench-compare.sh" "$@"
fi
if [[ "${1:-}" == "--help" || "${1:-}" == "-h" ]]; then
  cat <<'USAGE'
Usage: scripts/bench.sh --scenario list_rooms|poll|chat|crowd [options]
       scripts/bench.sh --compare [--python-dir DIR] ...   (the Java server and the Python original side by
                                                            side, as a Markdown table; --compare --help)

Measures a chat server found through a Binder: calls per second, latency percentiles, errors and,
with --server-pid PID, the server's CPU time per call (the steadiest figure on a shared machine).

  --binder-host H / --binder-port P   where the Binder is (default localhost:5000)
  --connections N                     concurrent keep-alive connections (default 64)
  --seconds S / --warmup S            measured time and warm-up (default 10 and 2)
  --history H                         poll: messages in the room before polling (default 100)
  --senders K --rate R                chat: K senders, R messages a second each (default 8 and 10)
  --poll-interval S                   chat, crowd: the polling interval (default 2)
  --listener poll|wait                chat, crowd: poll receive_messages, or long-poll wait_messages (default poll)
  --clients N --rooms M               crowd: N users connected at once over M rooms (default 2000 and 50)
  --label NAME                        a name printed with the result line

Example, the Java server and the Python original side by side (each behind its own Binder):
  scripts/bench.sh --binder-port 5000 --scenario list_rooms --server-pid "$(pgrep -f server.jar)" --label java
  scripts/bench.sh --binder-port 5999 --scenario list_rooms --server-pid "$(pgrep -f 'python3 server.py')" --label python
USAGE
  exit 0
fi
# shellcheck source=scripts/lib.sh
source "$here/lib.sh"
require_java
build_jars_if_stale
exec "$JAVA_CMD" -cp "$CLIENT_JAR" chat.client.bench.Bench "$@"
