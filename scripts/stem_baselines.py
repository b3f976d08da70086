#!/usr/bin/env python3
"""Baseline Indonesian stemmers on the stemming gold files.

Usage: stem_baselines.py GOLD.tsv [GOLD2.tsv ...]

Stemmers: PySastrawi (`pysastrawi`) and Snowball Indonesian (`pystemmer`,
algorithm 'indonesian'). Gold preparation and output format are identical to
`cargo run --release -p warta-analysis --example stem_eval`: drop PROPN, keep
for each form the lemma with the highest total count (ties: alphabetically
first lemma), accuracy overall / affixed (form != lemma) / unaffixed
(form == lemma), and words/s as the median of five runs of at least one
second each, stemming every form repeatedly (no caching: PySastrawi's own
cache is bypassed by calling its uncached stemmer).
"""

import os
import sys
import time
from collections import defaultdict


def load_gold(path):
    counts = defaultdict(lambda: defaultdict(int))
    with open(path, encoding="utf-8") as f:
        next(f)
        for line in f:
            line = line.rstrip("\n")
            if not line:
                continue
            cols = line.split("\t")
            form, lemma, upos, count = cols[0], cols[1], cols[2], int(cols[4])
            if upos == "PROPN":
                continue
            counts[form][lemma] += count
    gold = []
    for form, lemmas in counts.items():
        best = min(lemmas.items(), key=lambda kv: (-kv[1], kv[0]))[0]
        gold.append((form, best))
    gold.sort()
    return gold


def words_per_second(fn, forms):
    rates = []
    for _ in range(5):
        start = time.perf_counter()
        n = 0
        while time.perf_counter() - start < 1.0:
            for w in forms:
                fn(w)
            n += len(forms)
        rates.append(n / (time.perf_counter() - start))
    rates.sort()
    return rates[len(rates) // 2]


def pct(ok, n):
    return 100.0 * ok / n if n else 0.0


def evaluate(name, gold_name, fn, gold):
    n_aff = ok_aff = n_un = ok_un = 0
    for form, lemma in gold:
        ok = fn(form) == lemma
        if form == lemma:
            n_un += 1
            ok_un += ok
        else:
            n_aff += 1
            ok_aff += ok
    wps = words_per_second(fn, [f for f, _ in gold])
    n_all, ok_all = n_aff + n_un, ok_aff + ok_un
    print(
        f"{gold_name}  {name}  all {pct(ok_all, n_all):.2f}% (N={n_all})  "
        f"affixed {pct(ok_aff, n_aff):.2f}% (N={n_aff})  "
        f"unaffixed {pct(ok_un, n_un):.2f}% (N={n_un})  {wps:.0f} words/s"
    )
    print(
        f"RESULT\t{gold_name}\t{name}\t{pct(ok_all, n_all):.2f}\t{pct(ok_aff, n_aff):.2f}\t"
        f"{pct(ok_un, n_un):.2f}\t{n_all}\t{n_aff}\t{n_un}\t{wps:.0f}",
        flush=True,
    )


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    import Stemmer  # pystemmer
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    sastrawi = StemmerFactory().create_stemmer(False)  # uncached
    snowball = Stemmer.Stemmer("indonesian")
    stemmers = [
        ("pysastrawi", sastrawi.stem),
        ("snowball-id", snowball.stemWord),
    ]
    for path in sys.argv[1:]:
        gold = load_gold(path)
        for name, fn in stemmers:
            evaluate(name, os.path.basename(path), fn, gold)


if __name__ == "__main__":
    main()
