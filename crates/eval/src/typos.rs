//! Misspelled queries: the hand-written two- and three-word known-item
//! queries with one word spelled wrong the ways people spell words wrong
//! (a neighbouring key, a dropped or doubled letter, two letters swapped,
//! two edits, a spelling variant), each still aimed at its summarised
//! article; and the correctly spelled queries, which typo tolerance must
//! leave alone.
//!
//! `typo-set` writes the set (`data/typos/queries.tsv`) from
//! `data/known_item_queries.tsv` and `data/typos/variants.tsv`,
//! deterministically; `typos` measures it.

use crate::data::Shared;
use crate::known_item;
use crate::metrics::{recall, reciprocal_rank, Mean};
use crate::systems::build_warta;
use anyhow::{Context, Result};
use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;
use warta_analysis::stem_id::IndonesianStemmer;
use warta_analysis::stopwords::is_stopword;
use warta_analysis::Analyzer;
use warta_bench::corpus::{corpus_files, Replicated};
use warta_bench::queries::{generate, sample_corpus, BenchQuery, Rng};
use warta_bench::stats::percentile;
use warta_search::{MatchMode, SearchBackend, SearchRequest, SearchResults, TantivyEngine, Typo};

/// Results are cut off here.
const K: usize = 10;

/// The kinds of misspelling, made in turn (a query whose word allows no
/// misspelling of its turn's kind gets the next kind that fits).
const ERRORS: [&str; 6] = ["key", "drop", "double", "swap", "two", "variant"];

/// Shortest word misspelled: below five letters typo tolerance does not
/// respell (as Meilisearch), so shorter words would measure nothing.
const MIN_LETTERS: usize = 5;

/// Shortest word given two edits (typo tolerance allows two from nine).
const MIN_LETTERS_TWO: usize = 9;

/// The bench's query set, drawn as `warta-bench` draws it.
const BENCH_QUERIES: usize = 400;
const BENCH_SEED: u64 = 20_240_601;

/// The keyboard's letter rows, for neighbouring-key slips.
const ROWS: [&str; 3] = ["qwertyuiop", "asdfghjkl", "zxcvbnm"];

/// Letters next to `c` on a QWERTY keyboard (same row, and the rows above
/// and below at the same and the next place).
fn neighbours(c: char) -> Vec<char> {
    let mut out = Vec::new();
    for (r, row) in ROWS.iter().enumerate() {
        let Some(i) = row.find(c) else { continue };
        let row: Vec<char> = row.chars().collect();
        if i > 0 {
            out.push(row[i - 1]);
        }
        if let Some(&n) = row.get(i + 1) {
            out.push(n);
        }
        for other in [r.checked_sub(1), Some(r + 1)].into_iter().flatten() {
            if let Some(line) = ROWS.get(other) {
                let line: Vec<char> = line.chars().collect();
                for j in [i.checked_sub(1), Some(i), Some(i + 1)]
                    .into_iter()
                    .flatten()
                {
                    if let Some(&n) = line.get(j) {
                        out.push(n);
                    }
                }
            }
        }
    }
    out
}

/// A spelling variant rule: the first `from` in a word becomes `to`.
struct Variant {
    from: String,
    to: String,
}

fn variants(file: &Path) -> Result<Vec<Variant>> {
    let text = std::fs::read_to_string(file).with_context(|| file.display().to_string())?;
    Ok(text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split_once('\t'))
        .map(|(from, to)| Variant {
            from: from.trim().into(),
            to: to.trim().into(),
        })
        .collect())
}

/// `word` misspelled the `error` way, or `None` when that way does not
/// fit the word. Never the first letter, but for a spelling variant.
fn misspell(word: &str, error: &str, variants: &[Variant], rng: &mut Rng) -> Option<String> {
    let mut w: Vec<char> = word.chars().collect();
    let n = w.len();
    let inner = |rng: &mut Rng| 1 + rng.below(n - 1);
    match error {
        "key" => {
            let i = inner(rng);
            let keys = neighbours(w[i]);
            if keys.is_empty() {
                return None;
            }
            w[i] = keys[rng.below(keys.len())];
        }
        "drop" => {
            w.remove(inner(rng));
        }
        "double" => {
            let i = inner(rng);
            w.insert(i, w[i]);
        }
        "swap" => {
            let places: Vec<usize> = (1..n - 1).filter(|&i| w[i] != w[i + 1]).collect();
            if places.is_empty() {
                return None;
            }
            let i = places[rng.below(places.len())];
            w.swap(i, i + 1);
        }
        "two" => {
            if n < MIN_LETTERS_TWO {
                return None;
            }
            let once = misspell(word, "key", variants, rng)?;
            return misspell(&once, "drop", variants, rng);
        }
        _ => {
            let fitting: Vec<&Variant> = variants
                .iter()
                .filter(|v| word.contains(v.from.as_str()))
                .collect();
            if fitting.is_empty() {
                return None;
            }
            let v = fitting[rng.below(fitting.len())];
            return Some(word.replacen(v.from.as_str(), &v.to, 1));
        }
    }
    Some(w.into_iter().collect())
}

/// Writes `data/typos/queries.tsv`; returns how many queries it holds.
pub fn make_set(data: &Path) -> Result<usize> {
    let variants = variants(&data.join("typos/variants.tsv"))?;
    let source = data.join("known_item_queries.tsv");
    let text = std::fs::read_to_string(&source).with_context(|| source.display().to_string())?;
    let mut lines = vec!["summary_id\tkind\terror\tquery\tcorrect".to_string()];
    let mut turn = 0usize;
    for line in text.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 3 || !matches!(cols[1], "2w" | "3w") {
            continue;
        }
        let correct = crate::systems::plain(cols[2]);
        let words: Vec<&str> = correct.split_whitespace().collect();
        let candidates: Vec<usize> = (0..words.len())
            .filter(|&i| {
                words[i].chars().count() >= MIN_LETTERS
                    && words[i].chars().all(|c| c.is_ascii_lowercase())
                    && !is_stopword(words[i])
            })
            .collect();
        if candidates.is_empty() {
            continue;
        }
        let mut rng = Rng::new(known_item::fnv(line));
        let at = candidates[rng.below(candidates.len())];
        let made = (0..ERRORS.len()).find_map(|step| {
            let error = ERRORS[(turn + step) % ERRORS.len()];
            misspell(words[at], error, &variants, &mut rng)
                .filter(|wrong| wrong != words[at])
                .map(|wrong| (error, wrong))
        });
        let Some((error, wrong)) = made else { continue };
        turn += 1;
        let mut typed: Vec<&str> = words.clone();
        typed[at] = &wrong;
        lines.push(format!(
            "{}\t{}\t{error}\t{}\t{correct}",
            cols[0],
            cols[1],
            typed.join(" ")
        ));
    }
    let out = data.join("typos/queries.tsv");
    std::fs::write(&out, lines.join("\n") + "\n").with_context(|| out.display().to_string())?;
    Ok(lines.len() - 1)
}

/// One misspelled query.
struct TypoQuery {
    error: String,
    typed: String,
    correct: String,
    relevant: HashSet<String>,
}

fn typo_queries(shared: &Shared, data: &Path) -> Result<Vec<TypoQuery>> {
    let copies = known_item::exact_copies(shared)?;
    let file = data.join("typos/queries.tsv");
    let text = std::fs::read_to_string(&file).with_context(|| file.display().to_string())?;
    Ok(text
        .lines()
        .skip(1)
        .filter_map(|line| {
            let cols: Vec<&str> = line.split('\t').collect();
            (cols.len() >= 5).then(|| {
                let mut relevant = HashSet::from([cols[0].to_string()]);
                relevant.extend(copies.get(cols[0]).cloned().unwrap_or_default());
                TypoQuery {
                    error: cols[2].into(),
                    typed: cols[3].into(),
                    correct: cols[4].into(),
                    relevant,
                }
            })
        })
        .collect())
}

/// A request as the page makes it (all words), with `typo`.
fn request(mut request: SearchRequest, typo: Typo) -> SearchRequest {
    request.typo = typo;
    request.per_page = K;
    request
}

/// One search's ids, what it rewrote, and how long it took (ms).
struct Answer {
    ids: Vec<String>,
    respelled: bool,
    suggestion: Option<String>,
    ms: f64,
}

fn answer(engine: &TantivyEngine, request: &SearchRequest) -> Answer {
    let started = Instant::now();
    let results: Option<SearchResults> = engine.search(request).ok();
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    match results {
        Some(r) => Answer {
            ids: r.hits.into_iter().map(|h| h.id).collect(),
            respelled: !r.rewrites.respellings.is_empty(),
            suggestion: r.rewrites.suggestion,
            ms,
        },
        None => Answer {
            ids: Vec::new(),
            respelled: false,
            suggestion: None,
            ms,
        },
    }
}

/// Each request answered with `typo=off` and with `typo=auto`, after a
/// warm-up pass of both.
fn both(engine: &TantivyEngine, requests: &[SearchRequest]) -> (Vec<Answer>, Vec<Answer>) {
    for r in requests {
        let _ = engine.search(&request(r.clone(), Typo::Off));
        let _ = engine.search(&request(r.clone(), Typo::Auto));
    }
    let off = requests
        .iter()
        .map(|r| answer(engine, &request(r.clone(), Typo::Off)))
        .collect();
    let auto = requests
        .iter()
        .map(|r| answer(engine, &request(r.clone(), Typo::Auto)))
        .collect();
    (off, auto)
}

fn plain_request(text: &str) -> SearchRequest {
    let mut r = SearchRequest::new(text);
    r.match_mode = MatchMode::All;
    r
}

/// Builds Warta over the corpus and prints the three tables.
pub fn run(shared: &Shared, data: &Path, work: &Path) -> Result<()> {
    let queries = typo_queries(shared, data)?;
    let articles = shared.corpus(None);
    eprintln!("building Warta over {} articles", articles.len());
    let analyzer = Arc::new(Analyzer::new(IndonesianStemmer::new()));
    let engine = build_warta(&work.join("warta"), analyzer, &articles)?;
    drop(articles);

    let typed: Vec<SearchRequest> = queries.iter().map(|q| plain_request(&q.typed)).collect();
    let correct: Vec<SearchRequest> = queries.iter().map(|q| plain_request(&q.correct)).collect();
    let (off, auto) = both(&engine, &typed);
    let (right_off, right) = both(&engine, &correct);

    println!(
        "\n### Misspelled known-item queries: {} queries, all words, top {K}\n",
        queries.len()
    );
    println!("| misspelling | queries | MRR@10 spelled right | MRR@10 typo=off | MRR@10 typo=auto | recall@10 typo=off | recall@10 typo=auto | did-you-mean is the right spelling |");
    println!("|---|---:|---:|---:|---:|---:|---:|---:|");
    let mut kinds: Vec<&str> = ERRORS.to_vec();
    kinds.push("all");
    for kind in kinds {
        let picked: Vec<usize> = (0..queries.len())
            .filter(|&i| kind == "all" || queries[i].error == kind)
            .collect();
        let mean =
            |f: &dyn Fn(usize) -> f64| Mean::of(&picked.iter().map(|&i| f(i)).collect::<Vec<_>>());
        let rr = |answers: &[Answer], i: usize| {
            reciprocal_rank(&answers[i].ids, &queries[i].relevant, K)
        };
        let rec = |answers: &[Answer], i: usize| recall(&answers[i].ids, &queries[i].relevant, K);
        let fixed = mean(&|i| {
            f64::from(u8::from(
                auto[i].suggestion.as_deref() == Some(queries[i].correct.as_str()),
            ))
        });
        println!(
            "| {kind} | {} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} | {:.0} % |",
            picked.len(),
            mean(&|i| rr(&right, i)).value,
            mean(&|i| rr(&off, i)).value,
            mean(&|i| rr(&auto, i)).value,
            mean(&|i| rec(&off, i)).value,
            mean(&|i| rec(&auto, i)).value,
            100.0 * fixed.value
        );
    }

    let known = known_item::queries(shared, &data.join("known_item_queries.tsv"))?;
    let known_requests: Vec<SearchRequest> = known.iter().map(|q| plain_request(&q.text)).collect();
    let files = corpus_files(&shared.root().join("corpus"))?;
    let samples = sample_corpus(Replicated::new(&files, None, "r"), 40);
    let bench_requests: Vec<SearchRequest> = generate(&samples, BENCH_QUERIES, BENCH_SEED)
        .iter()
        .map(BenchQuery::request)
        .collect();
    let (bench_off, bench_auto) = both(&engine, &bench_requests);
    let (known_off, known_auto) = both(&engine, &known_requests);

    println!("\n### Correctly spelled queries under typo=auto\n");
    println!("| set | queries | near spellings searched | did-you-mean offered | top 10 differs from typo=off |");
    println!("|---|---:|---:|---:|---:|");
    for (name, requests, off, auto) in [
        (
            "bench query set (drawn from article text)",
            &bench_requests,
            &bench_off,
            &bench_auto,
        ),
        (
            "known-item queries (hand-written)",
            &known_requests,
            &known_off,
            &known_auto,
        ),
        (
            "misspelled set, spelled right",
            &correct,
            &right_off,
            &right,
        ),
    ] {
        let count = |f: &dyn Fn(usize) -> bool| (0..auto.len()).filter(|&i| f(i)).count();
        for (i, a) in auto.iter().enumerate() {
            if let Some(suggestion) = a.suggestion.as_deref().filter(|_| a.respelled) {
                eprintln!(
                    "  {name}: respelled {:?} as {suggestion:?}",
                    requests[i].query
                );
            }
        }
        println!(
            "| {name} | {} | {} | {} | {} |",
            auto.len(),
            count(&|i| auto[i].respelled),
            count(&|i| auto[i].suggestion.is_some()),
            count(&|i| auto[i].ids != off[i].ids),
        );
    }

    println!("\n### What typo tolerance costs: in-process search, ms, one query at a time\n");
    println!("| query set | p50 typo=off | p50 typo=auto | ratio | p99 typo=off | p99 typo=auto | ratio |");
    println!("|---|---:|---:|---:|---:|---:|---:|");
    for (name, off, auto) in [
        ("bench query set", &bench_off, &bench_auto),
        ("known-item queries", &known_off, &known_auto),
        ("misspelled set", &off, &auto),
    ] {
        let ms = |a: &[Answer]| a.iter().map(|a| a.ms).collect::<Vec<_>>();
        let (o, a) = (ms(off), ms(auto));
        let (o50, a50, o99, a99) = (
            percentile(&o, 50.0),
            percentile(&a, 50.0),
            percentile(&o, 99.0),
            percentile(&a, 99.0),
        );
        println!(
            "| {name} | {o50:.3} | {a50:.3} | {:.2}× | {o99:.3} | {a99:.3} | {:.2}× |",
            a50 / o50.max(1e-9),
            a99 / o99.max(1e-9)
        );
    }
    Ok(())
}
