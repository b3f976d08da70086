//! The report as Markdown, the text `scale-<N>.md` holds and BENCHMARKS.md
//! quotes: indexing, search latency, throughput, CPU per request, `warta
//! serve`, incremental.

use crate::report::{ratio, BuildRun, Builds, Report, Search};
use serde::Serialize;
use std::fmt::Write;

/// Renders `r`, a run over `label` articles (a count, or `corpus`).
pub fn markdown(r: &Report, label: &str) -> String {
    let mut s = String::new();
    let w = &r.build.warta;
    let _ = writeln!(
        s,
        "## Scale benchmark: {label} ({} articles, {:.0} MB of text)\n",
        w.articles as f64,
        w.bytes as f64 / 1e6
    );
    let m = &r.machine;
    let _ = writeln!(s, "Machine: {} cores ({}), {} GiB; load average at start {}; commit {}. Threads {}, memory budget {} MB, commit every {}.\n",
        m.cores, m.cpu, json(&m.memory_gib), m.loadavg_at_start,
        m.git_commit, r.threads, r.memory_budget_mb, r.commit_every);
    indexing(&mut s, &r.build, r.build_reused_from.as_deref());
    latency(&mut s, &r.search);
    throughput(&mut s, r);
    cpu_table(&mut s, r);
    serve(&mut s, r);
    incremental(&mut s, r);
    s
}

/// A value as the report's JSON spells it (`3.0`, `null`).
fn json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// A figure the report may lack (`null`), NaN when it does.
fn or_nan(value: Option<f64>) -> f64 {
    value.unwrap_or(f64::NAN)
}

/// A count of bytes or kB the report may lack, as a figure (NaN if so).
fn or_nan_u64(value: Option<u64>) -> f64 {
    value.map_or(f64::NAN, |v| v as f64)
}

/// The indexing section: the builds side by side, and the reading alone.
fn indexing(s: &mut String, b: &Builds, reused_from: Option<&str>) {
    let (w, t, ing) = (&b.warta, &b.tantivy, &b.ingest_only);
    if b.passes > 1 {
        let list = |v: &[f64]| {
            v.iter()
                .map(|x| format!("{x:.2}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let passes = b.passes;
        let _ = writeln!(s, "### Indexing (each build in its own child process; the build of median wall time of {passes}, Warta and Tantivy alternated)\n");
        let _ = writeln!(
            s,
            "Wall times (s): Warta {}; Tantivy {}; pair by pair, Warta/Tantivy {}.\n",
            list(&b.warta_wall_s_passes),
            list(&b.tantivy_wall_s_passes),
            list(&b.pair_wall_ratios)
        );
    } else {
        let _ = writeln!(s, "### Indexing (each build in its own child process)\n");
    }
    if let Some(started) = reused_from {
        let _ = writeln!(
            s,
            "Not built in this run (`--reuse-indexes`): these are the builds of the run started {started}.\n"
        );
    }
    build_table(s, w, t);
    let _ = writeln!(s, "\nBoth builds include reading the gzip JSONL (decompress, parse, clean): reading alone took {:.1} s ({:.0} articles/s, peak RSS {:.0} MB).\n",
        ing.wall_s, ing.articles as f64 / ing.wall_s, or_nan_u64(ing.peak_rss_kb) / 1024.0);
}

/// Warta's build and Tantivy's side by side, with Warta over Tantivy.
fn build_table(s: &mut String, w: &BuildRun, t: &BuildRun) {
    let _ = writeln!(
        s,
        "| | Warta | bare Tantivy | Warta/Tantivy |\n|---|---:|---:|---:|"
    );
    let mut row = |name: &str, digits: usize, figure: &dyn Fn(&BuildRun) -> f64| {
        let (a, b) = (figure(w), figure(t));
        let _ = writeln!(
            s,
            "| {name} | {a:.digits$} | {b:.digits$} | {:.2} |",
            ratio(a, b)
        );
    };
    row("wall time (s)", 1, &|r| r.wall_s);
    row("articles/s", 0, &|r| r.articles as f64 / r.wall_s);
    row("MB of text/s", 2, &|r| r.bytes as f64 / 1e6 / r.wall_s);
    row("index size (MB)", 0, &|r| or_nan_u64(r.index_bytes) / 1e6);
    row("peak RSS (MB)", 0, &|r| or_nan_u64(r.peak_rss_kb) / 1024.0);
    row("CPU time (s)", 1, &|r| or_nan(r.cpu_s));
    row("cores used (CPU/wall)", 2, &|r| or_nan(r.cpu_s) / r.wall_s);
}

/// The search latency section: the four engines' percentiles, then by kind.
fn latency(s: &mut String, sr: &Search) {
    let _ = writeln!(
        s,
        "### Search latency ({} queries, sequential, warm, median of {} passes)\n",
        sr.queries, sr.passes
    );
    let _ = writeln!(
        s,
        "| | Warta | bare Tantivy | Warta/Tantivy | Tantivy + snippets | Warta/that | Tantivy + snippets + Warta's facet cache | Warta/that |\n|---|---:|---:|---:|---:|---:|---:|---:|"
    );
    let figures = [
        &sr.warta,
        &sr.tantivy,
        &sr.tantivy_snippets,
        &sr.tantivy_snippets_facet_cache,
    ];
    let rows = [
        ("p50 (ms)", figures.map(|l| l.p50_ms)),
        ("p95 (ms)", figures.map(|l| l.p95_ms)),
        ("p99 (ms)", figures.map(|l| l.p99_ms)),
        ("queries/s", figures.map(|l| l.qps)),
    ];
    for (name, [w, t, sn, sc]) in rows {
        let p = if name == "queries/s" { 0 } else { 3 };
        let _ = writeln!(
            s,
            "| {name} | {w:.p$} | {t:.p$} | {:.2} | {sn:.p$} | {:.2} | {sc:.p$} | {:.2} |",
            ratio(w, t),
            ratio(w, sn),
            ratio(w, sc)
        );
    }
    let _ = writeln!(s, "\nWarta makes a highlighted snippet for each of the 10 hits and counts facets from per-segment tables it keeps (`FacetCache`). Bare Tantivy reads the facet fast fields for every match and makes no snippets; the next column adds its own `SnippetGenerator` on the stored body, the last also Warta's facet tables: the same job as Warta, so that ratio is the cost of Warta's analysis alone.");
    let _ = writeln!(s, "\nTotal hits over the set: Warta {}, Tantivy {} (analysis differs: stemming, folding, stopwords).\n", sr.warta_total_hits, sr.tantivy_total_hits);
    let _ = writeln!(s, "| query kind (first pass) | n | Warta p50 | Tantivy p50 | Warta p99 | Tantivy p99 |\n|---|---:|---:|---:|---:|---:|");
    for (k, v) in &sr.by_kind {
        let _ = writeln!(
            s,
            "| {k} | {} | {:.3} | {:.3} | {:.3} | {:.3} |",
            v.n, v.warta_p50_ms, v.tantivy_p50_ms, v.warta_p99_ms, v.tantivy_p99_ms
        );
    }
}

/// The throughput section: every level, then the best HTTP against the best
/// in-process.
fn throughput(s: &mut String, r: &Report) {
    let wrk_threads = r.load_generator.as_ref().map(|g| g.threads);
    let _ = writeln!(s, "\n### Throughput (requests/s; {} s per measurement, median of {} rounds; in-process, HTTP and Tantivy interleaved per level; same queries; HTTP load from wrk with {} thread(s) and as many keep-alive connections as the concurrency)\n", json(&r.duration_s), r.search.passes, json(&wrk_threads));
    let _ = writeln!(s, "| concurrency | in-process Warta | in-process Tantivy | Warta/Tantivy | HTTP `warta serve` | HTTP/in-process | HTTP p50 (ms) | HTTP p99 (ms) |\n|---:|---:|---:|---:|---:|---:|---:|---:|");
    for l in &r.throughput {
        let _ = writeln!(
            s,
            "| {} | {:.0} | {:.0} | {:.2} | {:.0} | {:.2} | {:.2} | {:.2} |",
            l.concurrency,
            l.inproc_warta_rps,
            l.inproc_tantivy_rps,
            ratio(l.inproc_warta_rps, l.inproc_tantivy_rps),
            l.http_rps,
            l.http_vs_inproc,
            l.http_p50_ms,
            l.http_p99_ms
        );
    }
    if let Some(best) = &r.throughput_best {
        let _ = writeln!(s, "\nBest HTTP: {:.0} req/s at c={}, **{:.2}** of the best in-process ({:.0} req/s at c={}); {:.2} of in-process at c={}.",
            best.http_rps, best.http_concurrency, best.http_vs_best_inproc,
            best.inproc_rps, best.inproc_concurrency, best.http_vs_inproc_same_level, best.http_concurrency);
    }
}

/// The CPU each request cost, by whom: with both cores busy, throughput is
/// two cores' time over this, so in-process CPU over HTTP's total says
/// about what HTTP/in-process throughput can reach. Only with HTTP figures.
fn cpu_table(s: &mut String, r: &Report) {
    let levels = &r.throughput;
    if !levels.iter().any(|l| l.http_server_cpu_us > 0.0) {
        return;
    }
    let _ = writeln!(s, "\nCPU per request (µs, user + system, all threads; median of the rounds). In-process: this process while it searched. HTTP: `warta serve` (hyper workers, search threads, kernel networking on their behalf) and wrk, which shares the two cores.\n");
    let _ = writeln!(s, "| concurrency | in-process Warta | HTTP: `warta serve` | HTTP: wrk | HTTP total | in-process ÷ HTTP total |\n|---:|---:|---:|---:|---:|---:|");
    for l in levels {
        let (inproc, server, wrk) = (
            l.inproc_warta_cpu_us,
            l.http_server_cpu_us,
            l.http_wrk_cpu_us,
        );
        let _ = writeln!(
            s,
            "| {} | {inproc:.0} | {server:.0} | {wrk:.0} | {:.0} | {:.2} |",
            l.concurrency,
            server + wrk,
            ratio(inproc, server + wrk)
        );
    }
}

/// `warta serve`'s start-up and memory, when the run had HTTP.
fn serve(s: &mut String, r: &Report) {
    let Some(sv) = &r.serve else {
        return;
    };
    let mb = |kb: Option<u64>| or_nan_u64(kb) / 1024.0;
    let _ = writeln!(s, "\n`warta serve`: ready in {:.0} ms (median of {} starts, spawn → first 200 on /healthz); RSS {:.0} MB idle, {:.0} MB after the load test (peak {:.0} MB), of which {:.0} MB anonymous (heap) and {:.0} MB mapped file pages (the binary and the mapped index files: term dictionaries, postings, fast fields, norms; positions and stored articles are read, not mapped).\n",
        sv.ready_ms_median, sv.ready_ms.len(), mb(sv.rss_idle_kb), mb(sv.rss_after_load_kb), mb(sv.peak_rss_kb),
        mb(sv.rss_anon_after_load_kb), mb(sv.rss_file_after_load_kb));
    if let Some(cgroup) = &r.serve_cgroup {
        let _ = writeln!(
            s,
            "The measured server ran in the memory cgroup `{cgroup}` (see its limit).\n"
        );
    }
}

/// The incremental section, against the full Warta build.
fn incremental(s: &mut String, r: &Report) {
    let inc = &r.incremental;
    let _ = writeln!(
        s,
        "### Incremental\n\nOn a copy of the Warta index, which this run then deletes: the kept index stays as built.\n\n| | articles | time (s) | vs full build |\n|---|---:|---:|---:|"
    );
    let _ = writeln!(
        s,
        "| add new articles | {} | {:.2} | {:.4} |",
        inc.add_articles, inc.add_s, inc.add_fraction_of_full_build
    );
    let _ = writeln!(
        s,
        "| re-index unchanged articles | {} (written: {}) | {:.2} | {:.4} |",
        inc.unchanged_articles,
        inc.unchanged_written,
        inc.unchanged_s,
        ratio(inc.unchanged_s, r.build.warta.wall_s)
    );
    let _ = writeln!(
        s,
        "| (reading those articles only) | {} | {:.2} | |\n",
        inc.read_only_articles, inc.unchanged_read_only_s
    );
}

#[cfg(test)]
mod tests {
    use super::markdown;
    use crate::report::{Level, Report};

    #[test]
    fn a_report_says_when_its_builds_come_from_an_earlier_run() {
        let mut built = Report::default();
        built.build.warta.wall_s = 5.0;
        built.build.tantivy.wall_s = 4.0;
        assert!(!markdown(&built, "100000").contains("Not built in this run"));
        let mut reused = built.clone();
        reused.build_reused_from = Some("2026-12-01T14:12:09Z".into());
        let text = markdown(&reused, "100000");
        assert!(
            text.contains("these are the builds of the run started 2026-12-01T14:12:09Z"),
            "{text}"
        );
    }

    #[test]
    fn the_cpu_table_appears_only_with_http_figures() {
        let level = |server: f64| Level {
            concurrency: 8,
            inproc_warta_cpu_us: 400.0,
            http_server_cpu_us: server,
            http_wrk_cpu_us: 20.0,
            ..Level::default()
        };
        let without = Report {
            throughput: vec![level(0.0)],
            ..Report::default()
        };
        assert!(!markdown(&without, "1").contains("CPU per request"));
        let with = Report {
            throughput: vec![level(480.0)],
            ..Report::default()
        };
        let text = markdown(&with, "1");
        assert!(
            text.contains("| 8 | 400 | 480 | 20 | 500 | 0.80 |"),
            "{text}"
        );
    }
}
