#!/usr/bin/env bash
# Builds Warta's CJK (Japanese) dictionary in lindera's format from Debian's
# mecab-ipadic sources, with lindera's own dictionary builder (the example
# crates/analysis/examples/build_cjk_dict.rs, behind the `cjk` feature).
#
#   scripts/build-cjk-dict.sh [OUT_DIR]        # default: index/cjk-dict
#
# Idempotent: does nothing when OUT_DIR holds a complete dictionary built by
# the same lindera version. The dictionary is written to a temporary
# directory and renamed into place, so an interrupted run never leaves a
# half-written dictionary behind.
#
# Environment:
#   WARTA_IPADIC_SRC  mecab-ipadic source directory
#                     (default /usr/share/mecab/dic/ipadic, from the Debian
#                     package mecab-ipadic, installed here when missing)
#   CARGO_TARGET_DIR  as for cargo
#   CJK_DICT_PROFILE  cargo profile for the builder (default dev: it shares
#                     the build of `cargo test --features cjk`; the build
#                     takes ~30 s unoptimised, ~4 s with `release`)
#
# From scratch (2 shared cores): compiling lindera ~2-3 min (shared with the
# tests), building the dictionary ~30 s (dev) / ~4 s (release); ~46 MB on disk.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$root/index/cjk-dict}"
src="${WARTA_IPADIC_SRC:-/usr/share/mecab/dic/ipadic}"
profile="${CJK_DICT_PROFILE:-dev}"
files=(metadata.json char_def.bin unk.bin dict.trie dict.vals dict.valsidx dict.words dict.wordsidx matrix.mtx)

lindera_version() {
    # The version Cargo.lock resolved, which decides the on-disk format.
    awk '/^name = "lindera"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$root/Cargo.lock"
}
stamp="lindera $(lindera_version) mecab-ipadic"

complete() {
    local f
    for f in "${files[@]}"; do
        [[ -s "$1/$f" ]] || return 1
    done
    [[ "$(cat "$1/.complete" 2>/dev/null)" == "$stamp" ]]
}

if complete "$out"; then
    echo "build-cjk-dict: $out is complete ($stamp); nothing to do"
    exit 0
fi

started=$SECONDS

# 1. The sources: EUC-JP CSV lexicon, matrix.def, char.def, unk.def.
#    They come with Debian's mecab-ipadic (mecab-ipadic-utf8 holds only
#    MeCab's compiled binary dictionary, which lindera cannot read).
if [[ ! -f "$src/matrix.def" ]]; then
    if [[ -n "${WARTA_IPADIC_SRC:-}" ]]; then
        echo "build-cjk-dict: no matrix.def in WARTA_IPADIC_SRC=$src" >&2
        exit 1
    fi
    if [[ "$(id -u)" == 0 ]]; then
        echo "build-cjk-dict: installing Debian's mecab-ipadic"
        export DEBIAN_FRONTEND=noninteractive
        apt-get install -y --no-install-recommends mecab-ipadic >/dev/null ||
            { apt-get update >/dev/null && apt-get install -y --no-install-recommends mecab-ipadic >/dev/null; }
    else
        # Without root: unpack the package into index/ instead of installing it.
        cache="$root/index/mecab-ipadic-src"
        if [[ ! -f "$cache/usr/share/mecab/dic/ipadic/matrix.def" ]]; then
            echo "build-cjk-dict: not root; unpacking Debian's mecab-ipadic into $cache"
            mkdir -p "$cache"
            (cd "$cache" && apt-get download mecab-ipadic >/dev/null && dpkg-deb -x mecab-ipadic_*.deb . && rm -f mecab-ipadic_*.deb)
        fi
        src="$cache/usr/share/mecab/dic/ipadic"
    fi
    [[ -f "$src/matrix.def" ]] || { echo "build-cjk-dict: no mecab-ipadic sources at $src" >&2; exit 1; }
fi

# 2. lindera's builder.
tmp="$out.tmp.$$"
trap 'rm -rf "$tmp"' EXIT
rm -rf "$tmp"
mkdir -p "$(dirname "$out")"
(cd "$root" && cargo run --quiet --profile "$profile" -p warta-analysis --features cjk \
    --example build_cjk_dict -- "$src" "$tmp")
echo "$stamp" >"$tmp/.complete"
complete "$tmp" || { echo "build-cjk-dict: the build left $tmp incomplete" >&2; exit 1; }

rm -rf "$out"
mv "$tmp" "$out"
trap - EXIT
echo "build-cjk-dict: $out ($(du -sh "$out" | cut -f1)) in $((SECONDS - started)) s"
