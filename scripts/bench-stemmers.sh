#!/usr/bin/env bash
# Indonesian stemmer benchmark: Warta vs PySastrawi vs Snowball Indonesian.
#
# Run from the repository root, with the shared data beside it (../shared):
#     scripts/bench-stemmers.sh
# Builds the `stem_eval` example in release mode, creates .venv-bench/ with
# pysastrawi and pystemmer, runs scripts/stem_baselines.py on the same gold
# files, and prints a Markdown table per gold file.
set -euo pipefail

DATA="${WARTA_EVAL_DATA:-../shared/eval-data}"
GOLDS=("$DATA/stem_gold_id_ud.tsv" "$DATA/stem_gold_id_aksara_informal.tsv")
for g in "${GOLDS[@]}"; do
    [[ -f "$g" ]] || { echo "missing gold file: $g (run from the repo root, ../shared beside it)" >&2; exit 1; }
done

OUT="$(mktemp)"
trap 'rm -f "$OUT"' EXIT

echo "== Warta (Rust, release) ==" >&2
cargo run --release -q -p warta-analysis --example stem_eval -- "${GOLDS[@]}" | tee -a "$OUT"

echo "== Baselines (Python) ==" >&2
if [[ ! -x .venv-bench/bin/python ]]; then
    python3 -m venv .venv-bench
fi
.venv-bench/bin/pip install -q --disable-pip-version-check pysastrawi pystemmer
.venv-bench/bin/python scripts/stem_baselines.py "${GOLDS[@]}" | tee -a "$OUT"

echo
for g in "${GOLDS[@]}"; do
    name="$(basename "$g")"
    echo "### $name"
    echo
    echo "| stemmer | accuracy all | affixed | unaffixed | words/s |"
    echo "|---|---:|---:|---:|---:|"
    awk -F'\t' -v g="$name" '$1 == "RESULT" && $2 == g {
        printf "| %s | %s%% (N=%s) | %s%% (N=%s) | %s%% (N=%s) | %\047d |\n", $3, $4, $7, $5, $8, $6, $9, $10
    }' "$OUT"
    echo
done
