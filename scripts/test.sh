#!/usr/bin/env bash
# The test command: formatting, lints, then every test of the workspace
# (unit, golden, property, HTTP on loopback, the warta binary, faults, the
# real browser), then the CJK analysis with a lindera dictionary built from
# Debian's mecab-ipadic (scripts/build-cjk-dict.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo fmt --all -- --check
cargo clippy --workspace --all-targets -- -D warnings
cargo test --workspace
bash scripts/build-cjk-dict.sh
cargo test -p warta-analysis --features cjk
