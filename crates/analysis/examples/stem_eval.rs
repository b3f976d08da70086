//! Accuracy and speed of Warta's Indonesian stemmer on stemming gold files.
//!
//! ```text
//! cargo run --release -p warta-analysis --example stem_eval -- GOLD.tsv [GOLD2.tsv …] [--errors N]
//! ```
//!
//! Gold preparation (identical in `scripts/stem_baselines.py`): read the TSV
//! (`form, lemma, upos, kind, count, treebanks`), drop `upos == PROPN`, and
//! for each form keep the lemma with the highest total count (ties: the
//! alphabetically first lemma). Accuracy is reported overall, on affixed
//! forms (form ≠ lemma) and on unaffixed forms (form = lemma). Speed: all
//! forms are stemmed repeatedly for at least one second; the median of five
//! runs is reported. The output used for accuracy is `stem(w).unwrap_or(w)`.
//!
//! Besides the human-readable lines, one machine-readable line per gold file:
//! `RESULT<TAB>gold<TAB>stemmer<TAB>acc_all<TAB>acc_affixed<TAB>acc_unaffixed<TAB>n_all<TAB>n_affixed<TAB>n_unaffixed<TAB>words_per_s`.

use std::collections::HashMap;
use std::time::Instant;

use warta_analysis::stem_id::IndonesianStemmer;

/// (form, lemma) pairs after gold preparation, sorted by form.
fn load_gold(path: &str) -> Result<Vec<(String, String)>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let mut counts: HashMap<String, HashMap<String, u64>> = HashMap::new();
    for (i, line) in text.lines().enumerate() {
        if i == 0 || line.is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 5 {
            return Err(format!("{path}:{}: expected 6 columns", i + 1));
        }
        if f[2] == "PROPN" {
            continue;
        }
        let n: u64 = f[4]
            .parse()
            .map_err(|_| format!("{path}:{}: bad count", i + 1))?;
        *counts
            .entry(f[0].to_string())
            .or_default()
            .entry(f[1].to_string())
            .or_default() += n;
    }
    let mut gold: Vec<(String, String)> = counts
        .into_iter()
        .map(|(form, lemmas)| {
            let best = lemmas
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
                .map(|(l, _)| l)
                .unwrap_or_default();
            (form, best)
        })
        .collect();
    gold.sort();
    Ok(gold)
}

fn words_per_second(stemmer: &IndonesianStemmer, forms: &[&str]) -> f64 {
    let mut rates = Vec::new();
    for _ in 0..5 {
        let start = Instant::now();
        let mut n = 0u64;
        let mut sink = 0usize;
        while start.elapsed().as_secs_f64() < 1.0 {
            for w in forms {
                sink = sink.wrapping_add(stemmer.stem(w).map_or(0, |s| s.len()));
            }
            n += forms.len() as u64;
        }
        std::hint::black_box(sink);
        rates.push(n as f64 / start.elapsed().as_secs_f64());
    }
    rates.sort_by(f64::total_cmp);
    rates[rates.len() / 2]
}

fn pct(ok: usize, n: usize) -> f64 {
    if n == 0 {
        0.0
    } else {
        100.0 * ok as f64 / n as f64
    }
}

fn main() {
    let mut files = Vec::new();
    let mut show_errors = 0usize;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--errors" {
            show_errors = args.next().and_then(|n| n.parse().ok()).unwrap_or(50);
        } else {
            files.push(a);
        }
    }
    if files.is_empty() {
        eprintln!("usage: stem_eval GOLD.tsv [GOLD2.tsv …] [--errors N]");
        std::process::exit(2);
    }
    let stemmer = IndonesianStemmer::new();
    for path in &files {
        let gold = match load_gold(path) {
            Ok(g) => g,
            Err(e) => {
                eprintln!("error: {e}");
                std::process::exit(1);
            }
        };
        let name = std::path::Path::new(path)
            .file_name()
            .map_or(path.clone(), |n| n.to_string_lossy().into_owned());
        let (mut n_aff, mut ok_aff, mut n_un, mut ok_un) = (0, 0, 0, 0);
        let mut errors = Vec::new();
        for (form, lemma) in &gold {
            let out = stemmer.stem(form).unwrap_or_else(|| form.clone());
            let ok = &out == lemma;
            if form == lemma {
                n_un += 1;
                ok_un += usize::from(ok);
            } else {
                n_aff += 1;
                ok_aff += usize::from(ok);
            }
            if !ok {
                errors.push((form, lemma, out));
            }
        }
        let forms: Vec<&str> = gold.iter().map(|(f, _)| f.as_str()).collect();
        let wps = words_per_second(&stemmer, &forms);
        let (n_all, ok_all) = (n_aff + n_un, ok_aff + ok_un);
        println!(
            "{name}  warta  all {:.2}% (N={n_all})  affixed {:.2}% (N={n_aff})  unaffixed {:.2}% (N={n_un})  {:.0} words/s",
            pct(ok_all, n_all),
            pct(ok_aff, n_aff),
            pct(ok_un, n_un),
            wps
        );
        println!(
            "RESULT\t{name}\twarta\t{:.2}\t{:.2}\t{:.2}\t{n_all}\t{n_aff}\t{n_un}\t{:.0}",
            pct(ok_all, n_all),
            pct(ok_aff, n_aff),
            pct(ok_un, n_un),
            wps
        );
        for (form, lemma, out) in errors.iter().take(show_errors) {
            println!("ERR\t{form}\t{lemma}\t{out}");
        }
    }
}
