#!/usr/bin/env bash
# make down: stop the stack and the broker that `make up` started.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$here"
PID_FILE="$CONSTRUCTOS_DATA_DIR/constructos.pid"
if [ -f "$PID_FILE" ]; then
  pid="$(cat "$PID_FILE")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -f "$PID_FILE"
  echo "stack stopped"
fi
scripts/broker.sh stop
