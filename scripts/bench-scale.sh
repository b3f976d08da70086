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
# The HTTP load comes from wrk (Debian's package), installed here if missing.
if ! command -v wrk >/dev/null 2>&1 && [[ " $* " != *" --skip-http "* ]]; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "wrk is needed for the HTTP load: apt-get install wrk (or pass --skip-http)" >&2
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends wrk >/dev/null
fi
cargo build --release -p warta-cli -p warta-bench
target=${CARGO_TARGET_DIR:-target}
exec "$target/release/warta-bench" run --corpus "$corpus" --warta-bin "$target/release/warta" "$@"
