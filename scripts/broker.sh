#!/usr/bin/env bash
# The Kafka-protocol broker (tansu) for a developer machine or CI.
#
#   scripts/broker.sh install   build tansu once into $CONSTRUCTOS_CACHE/bin (~15 min the first time)
#   scripts/broker.sh start     start it on $BROKER_ADDR unless something already listens there;
#                               prints "started" or "already-running"
#   scripts/broker.sh stop      stop the broker this script started (by its pid file): SIGTERM,
#                               SIGKILL after 15 s; says "broker stopped" or "...; killed"
#   scripts/broker.sh status
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
source "$(dirname "${BASH_SOURCE[0]}")/stop.sh"
DATA_DIR="$CONSTRUCTOS_DATA_DIR"
BROKER_ADDR="${BROKER_ADDR:-127.0.0.1:9092}"
TANSU_VERSION="0.6.0"
TANSU="$CONSTRUCTOS_CACHE/bin/tansu"
PID_FILE="$DATA_DIR/tansu.pid"
LOG_FILE="$DATA_DIR/logs/tansu.log"

listening() {
  local host="${BROKER_ADDR%:*}" port="${BROKER_ADDR##*:}"
  (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null
}

install() {
  if [ -x "$TANSU" ] && "$TANSU" --version 2>/dev/null | grep -q "$TANSU_VERSION"; then
    return 0
  fi
  echo "installing tansu $TANSU_VERSION into $CONSTRUCTOS_CACHE (first time only, ~15 minutes on 2 cores)..." >&2
  mkdir -p "$CONSTRUCTOS_CACHE"
  cargo install tansu --version "$TANSU_VERSION" --locked --features libsql --root "$CONSTRUCTOS_CACHE" >&2
}

start() {
  if listening; then
    echo "already-running"
    return 0
  fi
  install
  mkdir -p "$DATA_DIR/logs" "$DATA_DIR/tansu"
  # tansu reads a sqlite:// path relative to its working directory.
  (cd "$DATA_DIR/tansu" && exec nohup "$TANSU" broker \
    --listener-url "tcp://$BROKER_ADDR" \
    --advertised-listener-url "tcp://$BROKER_ADDR" \
    --storage-engine "sqlite://tansu.db" \
    >>"$LOG_FILE" 2>&1) &
  echo $! >"$PID_FILE"
  for _ in $(seq 1 100); do
    if listening; then
      echo "started"
      return 0
    fi
    if ! kill -0 "$(cat "$PID_FILE")" 2>/dev/null; then
      echo "tansu exited; see $LOG_FILE" >&2
      tail -20 "$LOG_FILE" >&2 || true
      return 1
    fi
    sleep 0.1
  done
  echo "tansu did not listen on $BROKER_ADDR within 10s; see $LOG_FILE" >&2
  return 1
}

stop() {
  if [ -f "$PID_FILE" ]; then
    local pid
    pid="$(cat "$PID_FILE")"
    stop_pid "$pid" "broker" || return 1
    rm -f "$PID_FILE"
  fi
}

case "${1:-}" in
  install) install ;;
  start) start ;;
  stop) stop ;;
  status) if listening; then echo "running on $BROKER_ADDR"; else echo "not running"; exit 1; fi ;;
  *) echo "usage: $0 install|start|stop|status" >&2; exit 2 ;;
esac
