#!/usr/bin/env bash
# Formatting and clippy with warnings as errors.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$here"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets -- -D warnings
