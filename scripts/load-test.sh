#!/usr/bin/env bash
# Load test on loopback: a `warta serve` over id_detik_2025 + en_bbc_2005
# from ../shared/corpus answers mixed real queries from 4 keep-alive clients
# for SECS seconds (default 60) while `warta index` adds en_reuters21578 and
# id_clickid_2019 to the same index, committing every 2,000 articles. Prints the figures
# (requests, errors, req/s, latency percentiles, server RSS) and fails on
# any error. Then the long crash tests, unless LOAD_ONLY=1.
#
#   scripts/load-test.sh            # 60 s load + 120 SIGKILLs + 1 GiB zip bomb
#   SECS=300 LOAD_ONLY=1 scripts/load-test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export WARTA_LOAD_SECS="${SECS:-60}"
filter=load_long
if [ "${LOAD_ONLY:-0}" != 1 ]; then filter=""; fi
cargo test -p warta-cli --release --test faults -- --ignored --nocapture --test-threads 1 $filter 2>&1 \
  | grep -E "FIGURES|seed|SKIPPED|test result|panicked|FAILED|^test "
