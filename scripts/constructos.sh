#!/usr/bin/env bash
# Runs the constructos binary (building it first when needed) with the project's settings.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$here"
cargo build --quiet -p constructos
exec "$CONSTRUCTOS_BIN" "$@"
