#!/usr/bin/env bash
# make down: stop the stack and the broker that `make up` started.
# Sends SIGTERM, waits up to STOP_TIMEOUT_SECS (15) for the process to be gone, then
# SIGKILLs it; says which it did, and "stopped" only once the process is gone.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
source "$here/scripts/stop.sh"
cd "$here"
PID_FILE="$CONSTRUCTOS_DATA_DIR/constructos.pid"
if [ -f "$PID_FILE" ]; then
  stop_pid "$(cat "$PID_FILE")" "stack" || exit 1
  rm -f "$PID_FILE"
fi
scripts/broker.sh stop
