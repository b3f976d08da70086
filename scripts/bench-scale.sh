#!/usr/bin/env bash
# Warta vs bare Tantivy at scale: index builds, search latency, HTTP
# throughput, `warta serve` start-up and memory, incremental updates.
#
#   scripts/bench-scale.sh                     # the corpus as is (~47.7k articles)
#   scripts/bench-scale.sh --articles 100000   # replicated with fresh ids (#r<k>)
#   scripts/bench-scale.sh --articles 1000000
#
# Any other warta-bench option passes through (see `warta-bench run --help`):
# --threads, --memory-budget, --queries, --passes, --duration, --concurrency...
# Writes target/bench/scale-<N>.{md,json}; the indexes go to
# target/bench/data/<N>/ (1M articles needs about 10 GB there).
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${WARTA_CORPUS:-../shared/corpus}
if [ ! -d "$corpus" ]; then
    echo "no corpus at $corpus (set WARTA_CORPUS)" >&2
    exit 1
fi
cargo build --release -p warta-cli -p warta-bench
target=${CARGO_TARGET_DIR:-target}
exec "$target/release/warta-bench" run --corpus "$corpus" --warta-bin "$target/release/warta" "$@"
