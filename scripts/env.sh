# Shared settings for the project's scripts (sourced, not run).
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CONSTRUCTOS_CACHE="${CONSTRUCTOS_CACHE:-$HOME/.cache/constructos}"
# Build output lives outside the clone so a fresh clone does not rebuild the world.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$CONSTRUCTOS_CACHE/target}"
export CONSTRUCTOS_DATA_DIR="${CONSTRUCTOS_DATA_DIR:-$here/.data}"
export PATH="$HOME/.cargo/bin:$PATH"
CONSTRUCTOS_BIN="$CARGO_TARGET_DIR/debug/constructos"

# Waits until PostgreSQL answers on 127.0.0.1:5432, starting the machine's cluster if needed.
ensure_postgres() {
  if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then return 0; fi
  if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
  fi
  for _ in $(seq 1 50); do
    pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null && return 0
    sleep 0.2
  done
  echo "PostgreSQL does not answer on 127.0.0.1:5432" >&2
  return 1
}
