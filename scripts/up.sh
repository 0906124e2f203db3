#!/usr/bin/env bash
# make up: build the web app and the binary, start the broker, then run `constructos up`
# (migrate all eight databases, create topics, serve the dev issuer, relays, projections,
# seed, gateway — which also serves the web app) in the background, and wait until the
# gateway is ready.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$here"
started=$(date +%s)
mkdir -p "$CONSTRUCTOS_DATA_DIR/logs"
PID_FILE="$CONSTRUCTOS_DATA_DIR/constructos.pid"
LOG_FILE="$CONSTRUCTOS_DATA_DIR/logs/constructos.log"
GATEWAY_ADDR="${CONSTRUCTOS_GATEWAY_ADDR:-127.0.0.1:8080}"

ensure_postgres
echo "==> building the web app (web/dist)"
scripts/web.sh build
export CONSTRUCTOS_WEB_DIST="${CONSTRUCTOS_WEB_DIST:-$here/web/dist}"
echo "==> broker"
scripts/broker.sh start
echo "==> building constructos"
cargo build -p constructos

if [ -f "$PID_FILE" ] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null; then
  echo "==> stopping the previous stack (pid $(cat "$PID_FILE"))"
  kill "$(cat "$PID_FILE")"
  for _ in $(seq 1 50); do kill -0 "$(cat "$PID_FILE")" 2>/dev/null || break; sleep 0.1; done
fi

echo "==> starting the stack (log: $LOG_FILE)"
nohup "$CONSTRUCTOS_BIN" up >>"$LOG_FILE" 2>&1 &
echo $! >"$PID_FILE"

for _ in $(seq 1 600); do
  if curl -fsS "http://$GATEWAY_ADDR/readyz" >/dev/null 2>&1; then
    token_cmd="scripts/constructos.sh dev-token --sub alice --roles Sales_Rep,Finance_User"
    cat <<INFO

ConstructOS is up ($(( $(date +%s) - started ))s).
  Web app:   http://$GATEWAY_ADDR/   (development sign-in: pick any demo person and role)
  Gateway:   http://$GATEWAY_ADDR/graphql
  GraphiQL:  http://$GATEWAY_ADDR/graphql   (open in a browser; add the Authorization header)
  Health:    http://$GATEWAY_ADDR/readyz
  Logs:      $LOG_FILE     Stop: make down

Mint a development token:
  TOKEN=\$($token_cmd)

Then call the API:
  curl -s http://$GATEWAY_ADDR/graphql -H "Authorization: Bearer \$TOKEN" -H 'content-type: application/json' \\
    -d '{"query":"{ me { subject roles } accounts(first: 5) { nodes { id name kind status } } }"}'
INFO
    exit 0
  fi
  if ! kill -0 "$(cat "$PID_FILE")" 2>/dev/null; then
    echo "constructos exited; the end of its log:" >&2
    tail -30 "$LOG_FILE" >&2
    exit 1
  fi
  sleep 0.2
done
echo "the gateway was not ready within 120s; see $LOG_FILE" >&2
exit 1
