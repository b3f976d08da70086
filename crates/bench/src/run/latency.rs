//! Step 2: the query set from the corpus's own words, and its latency on
//! both engines (and on Tantivy doing Warta's extra work), sequential and
//! warm.

use crate::report::{Example, KindLatency, Search};
use anyhow::Result;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Instant;
use warta_bench::baseline::{Baseline, Extras};
use warta_bench::corpus::Replicated;
use warta_bench::queries::{generate, sample_corpus, BenchQuery};
use warta_bench::stats::{percentile, Latency};
use warta_search::{SearchBackend, SearchRequest, TantivyEngine};

/// `count` queries drawn with `seed` from every 40th article of the corpus.
pub fn query_set(files: &[PathBuf], count: usize, seed: u64) -> Vec<BenchQuery> {
    let samples = sample_corpus(Replicated::new(files, None, "r"), 40);
    generate(&samples, count, seed)
}

/// The queries both engines accepted, in the form each is asked them.
pub struct QuerySet {
    /// The queries (Tantivy's form; the HTTP paths come from these).
    pub valid: Vec<BenchQuery>,
    /// The same queries as Warta requests.
    pub requests: Vec<SearchRequest>,
    /// Matches Warta found over the set.
    warta_hits: usize,
    /// Matches Tantivy found over the set.
    base_hits: usize,
}

/// The untimed warm pass over `queries`; a query either engine refuses is
/// dropped from both.
pub fn warm(engine: &TantivyEngine, base: &Baseline, queries: &[BenchQuery]) -> QuerySet {
    let mut valid: Vec<BenchQuery> = Vec::new();
    let (mut warta_hits, mut base_hits) = (0usize, 0usize);
    for q in queries {
        match (engine.search(&q.request()), base.search(q)) {
            (Ok(a), Ok(b)) => {
                warta_hits += a.total;
                base_hits += b.total;
                valid.push(q.clone());
            }
            (a, b) => eprintln!(
                "[bench] dropped query {:?}: warta {:?} tantivy {:?}",
                q.text,
                a.err().map(|e| e.to_string()),
                b.err().map(|e| e.to_string())
            ),
        }
    }
    let requests = valid.iter().map(BenchQuery::request).collect();
    QuerySet {
        valid,
        requests,
        warta_hits,
        base_hits,
    }
}

/// Each pass's latency summary, by engine.
#[derive(Default)]
struct Passes {
    /// Warta.
    warta: Vec<Latency>,
    /// Bare Tantivy.
    tantivy: Vec<Latency>,
    /// Tantivy with snippets.
    snippets: Vec<Latency>,
    /// Tantivy with snippets and Warta's facet tables.
    facet_cache: Vec<Latency>,
}

/// Times `passes` passes over the set, each engine's queries one after the
/// other; per kind of query from the first pass.
pub fn measure(
    engine: &TantivyEngine,
    base: &Baseline,
    set: &QuerySet,
    passes: usize,
) -> Result<Search> {
    eprintln!(
        "[bench] {} queries; timing {} passes",
        set.valid.len(),
        passes
    );
    let mut p = Passes::default();
    let mut by_kind: BTreeMap<String, (Vec<f64>, Vec<f64>)> = BTreeMap::new();
    for pass in 0..passes.max(1) {
        let ws = timed(&set.requests, |r| {
            engine.search(r).map(drop).map_err(Into::into)
        })?;
        let ts = timed(&set.valid, |q| base.search(q).map(drop))?;
        if pass == 0 {
            for (q, (&w, &t)) in set.valid.iter().zip(ws.iter().zip(&ts)) {
                let (warta, tantivy) = by_kind.entry(base_kind(q)).or_default();
                warta.push(w);
                tantivy.push(t);
            }
        }
        let with = |extras: Extras| -> Result<Latency> {
            let times = timed(&set.valid, |q| base.search_with(q, extras).map(drop))?;
            Ok(Latency::of(&times))
        };
        p.snippets.push(with(Extras {
            snippets: true,
            facet_cache: false,
        })?);
        p.facet_cache.push(with(Extras {
            snippets: true,
            facet_cache: true,
        })?);
        p.warta.push(Latency::of(&ws));
        p.tantivy.push(Latency::of(&ts));
    }
    Ok(summary(set, passes, &p, &by_kind))
}

/// Runs `search` on each item in turn; returns each one's time in ms.
fn timed<T>(items: &[T], mut search: impl FnMut(&T) -> Result<()>) -> Result<Vec<f64>> {
    let mut times = Vec::with_capacity(items.len());
    for item in items {
        let t0 = Instant::now();
        search(item)?;
        times.push(t0.elapsed().as_secs_f64() * 1000.0);
    }
    Ok(times)
}

/// The report's search part: medians of the passes, per-kind percentiles.
fn summary(
    set: &QuerySet,
    passes: usize,
    p: &Passes,
    by_kind: &BTreeMap<String, (Vec<f64>, Vec<f64>)>,
) -> Search {
    let p50s = |passes: &[Latency]| passes.iter().map(|l| l.p50).collect();
    Search {
        queries: set.valid.len(),
        passes,
        warta: Latency::median_of(&p.warta).into(),
        tantivy: Latency::median_of(&p.tantivy).into(),
        tantivy_snippets: Latency::median_of(&p.snippets).into(),
        tantivy_snippets_facet_cache: Latency::median_of(&p.facet_cache).into(),
        warta_pass_p50_ms: p50s(&p.warta),
        tantivy_pass_p50_ms: p50s(&p.tantivy),
        warta_total_hits: set.warta_hits,
        tantivy_total_hits: set.base_hits,
        by_kind: by_kind
            .iter()
            .map(|(k, (w, t))| {
                let figures = KindLatency {
                    n: w.len(),
                    warta_p50_ms: percentile(w, 50.0),
                    tantivy_p50_ms: percentile(t, 50.0),
                    warta_p99_ms: percentile(w, 99.0),
                    tantivy_p99_ms: percentile(t, 99.0),
                };
                (k.clone(), figures)
            })
            .collect(),
        examples: set
            .valid
            .iter()
            .take(12)
            .map(|q| Example {
                kind: q.kind(),
                api: q.api_path(),
            })
            .collect(),
    }
}

/// The kind of a query as the report's per-kind table names it: words or
/// phrase, then whether sorted by date and whether filtered.
fn base_kind(q: &BenchQuery) -> String {
    let mut k = if q.phrase {
        "phrase".to_string()
    } else {
        format!("{} word(s)", q.text.split_whitespace().count())
    };
    if q.by_date {
        k.push_str(", by date");
    }
    if q.lang.is_some() || q.year.is_some() {
        k.push_str(", filtered");
    }
    k
}
