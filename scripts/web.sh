#!/usr/bin/env bash
# The web front end (web/): build it, check it, and test it in a real browser.
#
#   scripts/web.sh build   npm ci when the lockfile changed, then the production build (web/dist)
#   scripts/web.sh check   npm ci, codegen, tsc (strict), eslint, Vitest, production build, size budget
#   scripts/web.sh e2e     Debian's chromium (installed when missing) driven by playwright-core
#                          against a stack of its own: its own databases (ct_e2e<id>_*), topic
#                          namespace, data directory and free ports, the real broker
#                          (CONSTRUCTOS_KAFKA_BROKERS); screenshots in web/test-results/
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
WEB="$here/web"

need_node() {
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    echo "web: Node.js 20.19+ and npm are needed (apt-get install nodejs npm, or see docs/web.md)" >&2
    exit 1
  fi
  local version major minor
  version="$(node --version | tr -d v)"
  major="${version%%.*}"
  minor="$(echo "$version" | cut -d. -f2)"
  if [ "$major" -lt 20 ] || { [ "$major" -eq 20 ] && [ "$minor" -lt 19 ]; }; then
    echo "web: Node.js $version is too old; 20.19 or newer is needed" >&2
    exit 1
  fi
}

# npm ci when node_modules is missing or older than the lockfile.
install_if_needed() {
  if [ ! -f "$WEB/node_modules/.package-lock.json" ] || [ "$WEB/package-lock.json" -nt "$WEB/node_modules/.package-lock.json" ]; then
    (cd "$WEB" && npm ci --no-audit --no-fund)
  fi
}

build() {
  need_node
  install_if_needed
  (cd "$WEB" && npm run typecheck --silent >/dev/null && npx vite build --logLevel warn)
}

check() {
  need_node
  cd "$WEB"
  echo "==> web: npm ci"
  npm ci --no-audit --no-fund
  echo "==> web: codegen + tsc --strict"
  npm run typecheck --silent
  echo "==> web: eslint"
  npm run lint --silent
  echo "==> web: vitest"
  npx vitest run
  echo "==> web: production build"
  npx vite build --logLevel warn
  node scripts/size.mjs
}

ensure_chromium() {
  if [ -x "${CHROMIUM:-/usr/bin/chromium}" ]; then return 0; fi
  echo "==> web: installing Debian's chromium"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

e2e() {
  need_node
  ensure_chromium
  install_if_needed
  [ -f "$WEB/dist/index.html" ] || build
  ensure_postgres
  cargo build --quiet -p constructos
  local id data log gateway issuer url status=0
  id="$(head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  data="$(mktemp -d -t constructos-e2e.XXXXXX)"
  log="$data/constructos.log"
  gateway="127.0.0.1:$(free_port)"
  issuer="127.0.0.1:$(free_port)"
  echo "==> web e2e: stack ct_e2e${id} on http://$gateway (log $log)"
  CONSTRUCTOS_DB_PREFIX="ct_e2e${id}" \
  CONSTRUCTOS_TOPIC_NAMESPACE="e2e.${id}." \
  CONSTRUCTOS_DATA_DIR="$data" \
  CONSTRUCTOS_GATEWAY_ADDR="$gateway" \
  CONSTRUCTOS_DEV_ISSUER_ADDR="$issuer" \
  CONSTRUCTOS_WEB_DIST="$WEB/dist" \
  CONSTRUCTOS_DEV=true \
  CONSTRUCTOS_ENTRA_TENANT_IDS= \
  CONSTRUCTOS_AUTH_ISSUER= \
    "$CONSTRUCTOS_BIN" up >"$log" 2>&1 &
  E2E_PID=$!
  E2E_PREFIX="ct_e2e${id}"
  trap stop_e2e_stack EXIT
  url="http://$gateway"
  for _ in $(seq 1 900); do
    if curl -fsS "$url/readyz" >/dev/null 2>&1; then break; fi
    if ! kill -0 "$E2E_PID" 2>/dev/null; then
      echo "web e2e: the stack exited; the end of its log:" >&2
      tail -30 "$log" >&2
      return 1
    fi
    sleep 0.2
  done
  curl -fsS "$url/readyz" >/dev/null || { echo "web e2e: the stack was not ready in 180s" >&2; tail -30 "$log" >&2; return 1; }
  (cd "$WEB" && BASE_URL="$url" node e2e/run.mjs) || status=$?
  if [ "$status" -ne 0 ]; then
    echo "web e2e: failed; the end of the stack's log:" >&2
    tail -20 "$log" >&2
  fi
  return "$status"
}

# Stops the e2e stack (SIGTERM, then SIGKILL after 10 s) and drops its databases.
stop_e2e_stack() {
  if [ -n "${E2E_PID:-}" ]; then
    kill "$E2E_PID" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$E2E_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$E2E_PID" 2>/dev/null || true
  fi
  [ -z "${E2E_PREFIX:-}" ] || drop_databases "$E2E_PREFIX"
}

drop_databases() {
  command -v psql >/dev/null || return 0
  local prefix="$1" server="${CONSTRUCTOS_DATABASE_URL:-postgres://postgres@127.0.0.1:5432}"
  psql "$server/postgres" -Atq -c "SELECT datname FROM pg_database WHERE datname LIKE '${prefix}\_%'" 2>/dev/null |
    while read -r db; do
      psql "$server/postgres" -qc "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" >/dev/null 2>&1 || true
    done
}

case "${1:-}" in
  build) build ;;
  check) check ;;
  e2e) e2e ;;
  *) echo "usage: $0 build|check|e2e" >&2; exit 2 ;;
esac
