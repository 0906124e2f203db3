#!/usr/bin/env bash
# make test: every test, against the real PostgreSQL and the real broker. Starts the
# broker when none is running and stops it again afterwards. Without arguments it also
# checks the web front end (npm ci, tsc, eslint, Vitest, build and size) and runs its
# end-to-end tests in chromium against a stack of their own (scripts/web.sh); with
# arguments (a nextest filter) only the Rust tests run. WEB_TESTS=0 skips the web.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$here"

ensure_postgres

# Each test makes its own databases (ct_<run>_<domain>) and drops them when it passes; a
# test that fails mid-way leaves them for inspection. Sweep those older than six hours.
sweep_stale_test_databases() {
  command -v psql >/dev/null || return 0
  local url="${CONSTRUCTOS_DATABASE_URL:-postgres://postgres@127.0.0.1:5432}"
  psql "$url/postgres" -Atq -c "
    SELECT datname FROM pg_database
     WHERE datname LIKE 'ct\_%'
       AND (pg_stat_file('base/' || oid || '/PG_VERSION')).modification
           < now() - interval '6 hours'" 2>/dev/null |
    while read -r db; do
      psql "$url/postgres" -qc "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" >/dev/null 2>&1 &&
        echo "dropped stale test database $db"
    done
  return 0
}
sweep_stale_test_databases
broker_state="$(scripts/broker.sh start)"
echo "broker: $broker_state"
if [ "$broker_state" = "started" ]; then
  trap 'scripts/broker.sh stop >/dev/null' EXIT
fi

web="${WEB_TESTS:-1}"
[ "$#" -eq 0 ] || web=0
if [ "$web" = "1" ]; then
  scripts/web.sh check
fi

if cargo nextest --version >/dev/null 2>&1; then
  cargo nextest run --workspace --no-fail-fast "$@"
else
  cargo test --workspace --no-fail-fast "$@"
fi

if [ "$web" = "1" ]; then
  scripts/web.sh e2e
fi
