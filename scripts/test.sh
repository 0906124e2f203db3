#!/usr/bin/env bash
# make test: every test, against the real PostgreSQL and the real broker. Starts the
# broker when none is running and stops it again afterwards.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$here"

ensure_postgres
broker_state="$(scripts/broker.sh start)"
echo "broker: $broker_state"
if [ "$broker_state" = "started" ]; then
  trap 'scripts/broker.sh stop >/dev/null' EXIT
fi

if cargo nextest --version >/dev/null 2>&1; then
  cargo nextest run --workspace --no-fail-fast "$@"
else
  cargo test --workspace --no-fail-fast "$@"
fi
