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
       scripts/bench.sh --compare [--python-dir DIR] ...   (the Java server standalone, clustered alone
                                                            and as three clustered servers, and the Python
                                                            original, side by side as a Markdown table;
                                                            --compare --help)

Measures a chat server found through a Binder: calls per second, latency percentiles, errors and,
with --server-pid PID, the server's CPU time per call (the steadiest figure on a shared machine).

  --binder-host H / --binder-port P   where the Binder is (default $CHAT_BINDER_HOST and $CHAT_BINDER_PORT,
                                      else localhost:5000)
  --connections N                     concurrent keep-alive connections (default 64)
  --seconds S / --warmup S            measured time and warm-up (default 10 and 2)
  --history H                         poll: messages in the room before polling (default 100)
  --senders K --rate R                chat: K senders, R messages a second each (default 8 and 10)
  --poll-interval S                   chat, crowd: the polling interval (default 2)
  --listener poll|wait                chat, crowd: poll receive_messages, or long-poll wait_messages (default poll)
  --clients N --rooms M               crowd: N users connected at once over M rooms (default 2000 and 50)
  --spread                            list_rooms, poll, chat: spread the connections over every server the
                                      Binder lists (lookup_endpoints), as clients at many addresses would be;
                                      without it they all go to the one server the Binder gives this caller
  --server-pid PID[,PID...]           the server's process id; several (a cluster's servers, with --spread):
                                      the CPU time per call is theirs together
  --label NAME                        a name printed with the result line

Delivery from a sender on one clustered server to a long-polling listener on another (the first two
servers the Binder lists; every message must arrive once):
  java -cp bench/target/bench.jar chat.bench.CrossServer --binder-port P --messages 300 --rate 20 --warmup 5

Example, the Java server and the Python original side by side (each behind its own Binder; the
original's is always on port 5000):
  scripts/bench.sh --binder-port 5999 --scenario list_rooms --server-pid "$(pgrep -f server.jar)" --label java
  scripts/bench.sh --binder-port 5000 --scenario list_rooms --server-pid "$(pgrep -f 'python3 server.py')" --label python
USAGE
  exit 0
fi
# shellcheck source=scripts/lib.sh
source "$here/lib.sh"
require_java
build_jars_if_stale
exec "$JAVA_CMD" -jar "$BENCH_JAR" "$@"
