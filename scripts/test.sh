#!/usr/bin/env bash
# The test command: formatting, lints, then every test of the workspace
# (unit, golden, HTTP on loopback, the warta binary, and the real browser).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo fmt --all -- --check
cargo clippy --workspace --all-targets -- -D warnings
cargo test --workspace
