//! `warta-bench profile`: the query set (or part of it) searched on an
//! existing Warta index for a while, so that `perf` can watch one workload.

use crate::load::throughput;
use crate::ProfileArgs;
use anyhow::{bail, Result};
use std::time::{Duration, Instant};
use warta_bench::corpus::{corpus_files, Replicated};
use warta_bench::queries::{generate, sample_corpus, BenchQuery};
use warta_bench::stats::percentile;
use warta_bench::{procfs, warta};
use warta_search::{SearchBackend, SearchRequest, TantivyEngine};

/// Searches the chosen queries from `--concurrency` threads for
/// `--seconds`, then prints the rate, percentiles and cores busy.
pub fn profile(args: &ProfileArgs) -> Result<()> {
    let files = corpus_files(&args.corpus)?;
    let samples = sample_corpus(Replicated::new(&files, None, "r"), 40);
    let queries = generate(&samples, args.queries, args.seed);
    let requests: Vec<SearchRequest> = queries
        .iter()
        .filter(|q| {
            args.kind
                .as_ref()
                .is_none_or(|kind| q.kind().contains(kind.as_str()))
                && args.text.as_ref().is_none_or(|text| &q.text == text)
        })
        .map(BenchQuery::request)
        .collect();
    if requests.is_empty() {
        bail!(
            "no query of kind {:?} and text {:?} in the set",
            args.kind,
            args.text
        );
    }
    let engine = TantivyEngine::open(&args.index, warta::analyzer())?;
    // A warm-up pass; with DUMP_SNIPPETS set, it also prints each hit's
    // snippet (query, id, HTML) to look at what highlighting makes.
    for r in &requests {
        if std::env::var_os("DUMP_SNIPPETS").is_some() {
            if let Ok(x) = engine.search(r) {
                for h in x.hits {
                    println!("{}\t{}\t{}", r.query, h.id, h.snippet.to_html());
                }
            }
        }
        let _ = engine.search(r);
    }
    let cpu_before = procfs::self_cpu_secs();
    let started = Instant::now();
    let (rps, times) = throughput(
        args.concurrency.max(1),
        Duration::from_secs_f64(args.seconds),
        || Ok(()),
        |_, i| {
            let _ = engine.search(&requests[i % requests.len()]);
            Ok(())
        },
    )?;
    let wall = started.elapsed().as_secs_f64();
    let cpu = match (cpu_before, procfs::self_cpu_secs()) {
        (Some(before), Some(after)) => format!(", {:.2} cores busy", (after - before) / wall),
        _ => String::new(),
    };
    eprintln!(
        "{} searches, {rps:.0}/s, p50 {:.3} ms, p95 {:.3} ms, p99 {:.3} ms{cpu}",
        times.len(),
        percentile(&times, 50.0),
        percentile(&times, 95.0),
        percentile(&times, 99.0)
    );
    Ok(())
}
