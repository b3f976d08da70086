//! The report of one run, written to `scale-<N>.json` and rendered by
//! [`crate::markdown`]. Scripts and readers of BENCHMARKS.md read the JSON by
//! these keys, so the field names are the file's format.
//!
//! Fields are declared in alphabetical order: serde writes them in the order
//! declared, and the file's keys have always come sorted. serde_json writes a
//! NaN (a ratio over zero, a CPU time that could not be read) as `null`; the
//! fields that can hold one read `null` back as NaN.

use serde::{Deserialize, Deserializer, Serialize};
use std::collections::BTreeMap;
use warta_bench::stats::Latency;

/// Everything one `warta-bench run` measured, with the settings it ran with.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Report {
    /// `--articles`: articles asked for; `null` for the corpus as is.
    pub articles_requested: Option<u64>,
    /// The index builds (with `--reuse-indexes`, those of an earlier run).
    pub build: Builds,
    /// With `--reuse-indexes`: when the run that made the builds started
    /// (followed back through runs that reused them too).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub build_reused_from: Option<String>,
    /// `--commit-every`: articles per commit, both engines.
    pub commit_every: usize,
    /// `--duration`: seconds per throughput measurement.
    pub duration_s: f64,
    /// When the run ended (RFC 3339).
    pub finished: String,
    /// New and unchanged articles added to a copy of the Warta index.
    pub incremental: Incremental,
    /// The HTTP load generator; absent with `--skip-http`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub load_generator: Option<LoadGenerator>,
    /// The machine the run was on.
    pub machine: Machine,
    /// `--memory-budget`: writer memory in MB, both engines.
    pub memory_budget_mb: usize,
    /// Sequential search latency of both engines.
    pub search: Search,
    /// `warta serve` start-up and memory; absent with `--skip-http`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub serve: Option<Serve>,
    /// `--serve-cgroup`, when the measured server ran in it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub serve_cgroup: Option<String>,
    /// When the run started (RFC 3339).
    pub started: String,
    /// `--threads`: indexing threads, both engines.
    pub threads: usize,
    /// Throughput at each `--concurrency` level, in the order given.
    pub throughput: Vec<Level>,
    /// Best HTTP against best in-process throughput; `null` when no level
    /// has a figure for both.
    pub throughput_best: Option<Best>,
}

/// What a run reads back from an earlier report with `--reuse-indexes`:
/// its builds, and where they came from.
#[derive(Debug, Deserialize)]
pub struct PreviousRun {
    /// The earlier run's builds, reported again as they are.
    pub build: Builds,
    /// Set when the earlier run reused its builds in turn.
    #[serde(default)]
    pub build_reused_from: Option<String>,
    /// When the earlier run started.
    #[serde(default)]
    pub started: Option<String>,
}

/// The index builds, each in its own child process.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Builds {
    /// Reading the articles alone, the share of both builds spent in ingest.
    pub ingest_only: BuildRun,
    /// Warta's wall time over Tantivy's, pass by pass.
    #[serde(default, deserialize_with = "nans_if_null")]
    pub pair_wall_ratios: Vec<f64>,
    /// Builds of each engine (Warta and Tantivy alternated).
    #[serde(default = "one")]
    pub passes: usize,
    /// The bare Tantivy build of median wall time.
    pub tantivy: BuildRun,
    /// Wall time of every Tantivy build, in seconds.
    #[serde(default)]
    pub tantivy_wall_s_passes: Vec<f64>,
    /// The Warta build of median wall time.
    pub warta: BuildRun,
    /// Wall time of every Warta build, in seconds.
    #[serde(default)]
    pub warta_wall_s_passes: Vec<f64>,
}

/// Reports older than `--build-passes` built each index once.
fn one() -> usize {
    1
}

/// One build as its child process measured it; the child prints this as a
/// JSON line (without `index_bytes`, which the parent adds).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct BuildRun {
    /// Articles read.
    pub articles: u64,
    /// Bytes of article text (titles and bodies) read.
    pub bytes: u64,
    /// CPU seconds of the child, all threads; `null` if unreadable.
    pub cpu_s: Option<f64>,
    /// The indexer's own counts (Warta only; `{}` for the others).
    pub extra: IndexerCounts,
    /// Size of the index directory in bytes, measured by the parent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index_bytes: Option<u64>,
    /// The child's peak RSS (`VmHWM`) in kB; `null` if unreadable.
    pub peak_rss_kb: Option<u64>,
    /// Wall time of the build, in seconds.
    pub wall_s: f64,
}

/// Warta's indexer counts after a build, to check it indexed every article.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct IndexerCounts {
    /// Articles written as new.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub added: Option<u64>,
    /// Commits made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commits: Option<u64>,
    /// Documents in the index after the last commit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_docs: Option<u64>,
}

/// Sequential, warm search latency over the query set.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Search {
    /// First-pass latency by kind of query (see `base_kind`), sorted by kind.
    pub by_kind: BTreeMap<String, KindLatency>,
    /// The first queries of the set, to show what it holds.
    pub examples: Vec<Example>,
    /// `--passes`: timed passes over the set.
    pub passes: usize,
    /// Queries in the set that both engines accepted.
    pub queries: usize,
    /// Bare Tantivy (median of the passes).
    pub tantivy: LatencyFigures,
    /// Tantivy's p50 of every pass, in ms.
    pub tantivy_pass_p50_ms: Vec<f64>,
    /// Tantivy with its own snippets.
    pub tantivy_snippets: LatencyFigures,
    /// Tantivy with its own snippets and Warta's facet tables.
    pub tantivy_snippets_facet_cache: LatencyFigures,
    /// Matches Tantivy found over the set.
    pub tantivy_total_hits: usize,
    /// Warta (median of the passes).
    pub warta: LatencyFigures,
    /// Warta's p50 of every pass, in ms.
    pub warta_pass_p50_ms: Vec<f64>,
    /// Matches Warta found over the set.
    pub warta_total_hits: usize,
}

/// One engine's latency summary, in the report's units.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize)]
pub struct LatencyFigures {
    /// Median latency, ms.
    pub p50_ms: f64,
    /// 95th percentile latency, ms.
    pub p95_ms: f64,
    /// 99th percentile latency, ms.
    pub p99_ms: f64,
    /// Queries per second, one at a time.
    pub qps: f64,
}

impl From<Latency> for LatencyFigures {
    fn from(l: Latency) -> LatencyFigures {
        LatencyFigures {
            p50_ms: l.p50,
            p95_ms: l.p95,
            p99_ms: l.p99,
            qps: l.qps,
        }
    }
}

/// Both engines' first-pass latency over the queries of one kind.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize)]
pub struct KindLatency {
    /// Queries of this kind.
    pub n: usize,
    /// Tantivy's median, ms.
    pub tantivy_p50_ms: f64,
    /// Tantivy's 99th percentile, ms.
    pub tantivy_p99_ms: f64,
    /// Warta's median, ms.
    pub warta_p50_ms: f64,
    /// Warta's 99th percentile, ms.
    pub warta_p99_ms: f64,
}

/// One query of the set.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Example {
    /// Its `/api/search` path, as `warta serve` is asked it.
    pub api: String,
    /// Its kind, as `profile --kind` matches it (`2w+lang`).
    pub kind: String,
}

/// Throughput at one level of concurrency: the median over the rounds of
/// each figure (in-process Warta, HTTP and in-process Tantivy interleaved).
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize)]
pub struct Level {
    /// Searches running at once (threads in process, connections over HTTP).
    pub concurrency: usize,
    /// HTTP median latency, ms (0 with `--skip-http`).
    pub http_p50_ms: f64,
    /// HTTP 95th percentile latency, ms.
    pub http_p95_ms: f64,
    /// HTTP 99th percentile latency, ms.
    pub http_p99_ms: f64,
    /// HTTP requests per second (0 with `--skip-http`).
    pub http_rps: f64,
    /// `warta serve`'s CPU per request, µs.
    #[serde(deserialize_with = "nan_if_null")]
    pub http_server_cpu_us: f64,
    /// HTTP over in-process Warta requests per second.
    #[serde(deserialize_with = "nan_if_null")]
    pub http_vs_inproc: f64,
    /// wrk's CPU per request, µs.
    #[serde(deserialize_with = "nan_if_null")]
    pub http_wrk_cpu_us: f64,
    /// In-process Tantivy searches per second.
    pub inproc_tantivy_rps: f64,
    /// In-process Warta's CPU per search, µs (this process, all threads).
    #[serde(deserialize_with = "nan_if_null")]
    pub inproc_warta_cpu_us: f64,
    /// In-process Warta's median latency over all rounds, ms.
    pub inproc_warta_p50_ms: f64,
    /// In-process Warta's 99th percentile over all rounds, ms.
    pub inproc_warta_p99_ms: f64,
    /// In-process Warta searches per second.
    pub inproc_warta_rps: f64,
}

/// HTTP at its best level against in-process Warta at its own best.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize)]
pub struct Best {
    /// The level of the best HTTP throughput.
    pub http_concurrency: usize,
    /// The best HTTP requests per second.
    pub http_rps: f64,
    /// The best HTTP over the best in-process throughput.
    #[serde(deserialize_with = "nan_if_null")]
    pub http_vs_best_inproc: f64,
    /// HTTP over in-process throughput at HTTP's best level.
    #[serde(deserialize_with = "nan_if_null")]
    pub http_vs_inproc_same_level: f64,
    /// The level of the best in-process throughput.
    pub inproc_concurrency: usize,
    /// The best in-process searches per second.
    pub inproc_rps: f64,
}

/// `warta serve`: how fast it starts and how much memory it holds.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Serve {
    /// Peak RSS (`VmHWM`) after the load test, kB.
    pub peak_rss_kb: Option<u64>,
    /// Every start's time from spawn to the first 200 on /healthz, ms.
    pub ready_ms: Vec<f64>,
    /// The median of `ready_ms`.
    pub ready_ms_median: f64,
    /// RSS after the load test, kB.
    pub rss_after_load_kb: Option<u64>,
    /// Anonymous memory (heap) after the load test, kB.
    pub rss_anon_after_load_kb: Option<u64>,
    /// Mapped file pages (the binary and the index files search keeps
    /// mapped, which the kernel can drop) after the load test, kB.
    pub rss_file_after_load_kb: Option<u64>,
    /// RSS once started, before any search, kB.
    pub rss_idle_kb: Option<u64>,
}

/// The tool that made the HTTP load.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct LoadGenerator {
    /// wrk's threads.
    pub threads: usize,
    /// `wrk`.
    pub tool: String,
}

/// The machine, to tell runs on different hardware or load apart.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Machine {
    /// Cores this process may use.
    pub cores: usize,
    /// The CPU's model name.
    pub cpu: String,
    /// `WARTA_BENCH_COMMIT`, else the short HEAD commit of the work tree.
    pub git_commit: String,
    /// `/proc/loadavg` as the run started.
    pub loadavg_at_start: String,
    /// Total memory, GiB rounded; `null` where `/proc` cannot tell.
    pub memory_gib: Option<f64>,
}

/// The incremental test, on a copy of the Warta index.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Incremental {
    /// New articles added.
    pub add_articles: u64,
    /// Time to add them over the full build's wall time.
    #[serde(deserialize_with = "nan_if_null")]
    pub add_fraction_of_full_build: f64,
    /// Seconds to add them.
    pub add_s: f64,
    /// Articles read in the reading-only run.
    pub read_only_articles: usize,
    /// Documents in the copy at the end.
    pub total_docs_after: u64,
    /// Already indexed articles the indexer found unchanged.
    pub unchanged_articles: u64,
    /// Seconds to read those articles alone, without indexing.
    pub unchanged_read_only_s: f64,
    /// Seconds to re-index the unchanged articles.
    pub unchanged_s: f64,
    /// Of those, articles written anyway (added or updated; 0 when the
    /// unchanged check works).
    pub unchanged_written: u64,
}

/// `a / b`, or NaN when `b` is not positive: the ratios the report holds
/// and shows.
pub fn ratio(a: f64, b: f64) -> f64 {
    if b > 0.0 {
        a / b
    } else {
        f64::NAN
    }
}

/// Reads a figure that serde_json wrote as `null` because it was NaN.
fn nan_if_null<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    Ok(Option::<f64>::deserialize(d)?.unwrap_or(f64::NAN))
}

/// [`nan_if_null`] for a list of figures.
fn nans_if_null<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<f64>, D::Error> {
    let figures = Vec::<Option<f64>>::deserialize(d)?;
    Ok(figures.into_iter().map(|x| x.unwrap_or(f64::NAN)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    /// Every key path of `v` (`a.b`, array items as `a[]`), sorted.
    fn key_paths(v: &Value, prefix: &str, out: &mut Vec<String>) {
        match v {
            Value::Object(map) => {
                for (k, child) in map {
                    let path = if prefix.is_empty() {
                        k.clone()
                    } else {
                        format!("{prefix}.{k}")
                    };
                    out.push(path.clone());
                    key_paths(child, &path, out);
                }
            }
            Value::Array(items) => {
                for item in items {
                    key_paths(item, &format!("{prefix}[]"), out);
                }
            }
            _ => {}
        }
    }

    fn full() -> Report {
        let warta = BuildRun {
            extra: IndexerCounts {
                added: Some(3),
                commits: Some(1),
                total_docs: Some(3),
            },
            index_bytes: Some(10),
            ..BuildRun::default()
        };
        let mut search = Search {
            examples: vec![Example::default()],
            ..Search::default()
        };
        search
            .by_kind
            .insert("phrase".into(), KindLatency::default());
        Report {
            build: Builds {
                warta,
                ingest_only: BuildRun {
                    index_bytes: Some(0),
                    ..BuildRun::default()
                },
                tantivy: BuildRun {
                    index_bytes: Some(9),
                    ..BuildRun::default()
                },
                pair_wall_ratios: vec![1.0],
                ..Builds::default()
            },
            search,
            load_generator: Some(LoadGenerator::default()),
            serve: Some(Serve::default()),
            throughput: vec![Level::default()],
            throughput_best: Some(Best::default()),
            ..Report::default()
        }
    }

    #[test]
    fn the_json_has_the_keys_scripts_read() {
        let mut paths = Vec::new();
        key_paths(&serde_json::to_value(full()).unwrap(), "", &mut paths);
        let expected = "articles_requested build build.ingest_only build.ingest_only.articles build.ingest_only.bytes build.ingest_only.cpu_s build.ingest_only.extra build.ingest_only.index_bytes build.ingest_only.peak_rss_kb build.ingest_only.wall_s build.pair_wall_ratios build.passes build.tantivy build.tantivy.articles build.tantivy.bytes build.tantivy.cpu_s build.tantivy.extra build.tantivy.index_bytes build.tantivy.peak_rss_kb build.tantivy.wall_s build.tantivy_wall_s_passes build.warta build.warta.articles build.warta.bytes build.warta.cpu_s build.warta.extra build.warta.extra.added build.warta.extra.commits build.warta.extra.total_docs build.warta.index_bytes build.warta.peak_rss_kb build.warta.wall_s build.warta_wall_s_passes commit_every duration_s finished incremental incremental.add_articles incremental.add_fraction_of_full_build incremental.add_s incremental.read_only_articles incremental.total_docs_after incremental.unchanged_articles incremental.unchanged_read_only_s incremental.unchanged_s incremental.unchanged_written load_generator load_generator.threads load_generator.tool machine machine.cores machine.cpu machine.git_commit machine.loadavg_at_start machine.memory_gib memory_budget_mb search search.by_kind search.by_kind.phrase search.by_kind.phrase.n search.by_kind.phrase.tantivy_p50_ms search.by_kind.phrase.tantivy_p99_ms search.by_kind.phrase.warta_p50_ms search.by_kind.phrase.warta_p99_ms search.examples search.examples[].api search.examples[].kind search.passes search.queries search.tantivy search.tantivy.p50_ms search.tantivy.p95_ms search.tantivy.p99_ms search.tantivy.qps search.tantivy_pass_p50_ms search.tantivy_snippets search.tantivy_snippets.p50_ms search.tantivy_snippets.p95_ms search.tantivy_snippets.p99_ms search.tantivy_snippets.qps search.tantivy_snippets_facet_cache search.tantivy_snippets_facet_cache.p50_ms search.tantivy_snippets_facet_cache.p95_ms search.tantivy_snippets_facet_cache.p99_ms search.tantivy_snippets_facet_cache.qps search.tantivy_total_hits search.warta search.warta.p50_ms search.warta.p95_ms search.warta.p99_ms search.warta.qps search.warta_pass_p50_ms search.warta_total_hits serve serve.peak_rss_kb serve.ready_ms serve.ready_ms_median serve.rss_after_load_kb serve.rss_anon_after_load_kb serve.rss_file_after_load_kb serve.rss_idle_kb started threads throughput throughput[].concurrency throughput[].http_p50_ms throughput[].http_p95_ms throughput[].http_p99_ms throughput[].http_rps throughput[].http_server_cpu_us throughput[].http_vs_inproc throughput[].http_wrk_cpu_us throughput[].inproc_tantivy_rps throughput[].inproc_warta_cpu_us throughput[].inproc_warta_p50_ms throughput[].inproc_warta_p99_ms throughput[].inproc_warta_rps throughput_best throughput_best.http_concurrency throughput_best.http_rps throughput_best.http_vs_best_inproc throughput_best.http_vs_inproc_same_level throughput_best.inproc_concurrency throughput_best.inproc_rps";
        assert_eq!(paths.join(" "), expected);
    }

    #[test]
    fn the_keys_come_in_the_order_a_sorted_map_gives() {
        let text = serde_json::to_string(&full()).unwrap();
        let sorted = serde_json::to_string(&serde_json::to_value(full()).unwrap()).unwrap();
        assert_eq!(text, sorted);
    }

    #[test]
    fn a_nan_is_written_as_null_and_read_back_as_nan() {
        let mut report = full();
        report.throughput[0].http_vs_inproc = f64::NAN;
        report.build.pair_wall_ratios = vec![f64::NAN, 2.0];
        report.incremental.add_fraction_of_full_build = f64::NAN;
        let text = serde_json::to_string(&report).unwrap();
        assert!(text.contains(r#""http_vs_inproc":null"#), "{text}");
        let back: Report = serde_json::from_str(&text).unwrap();
        assert!(back.throughput[0].http_vs_inproc.is_nan());
        assert!(back.build.pair_wall_ratios[0].is_nan());
        assert_eq!(back.build.pair_wall_ratios[1], 2.0);
        assert!(back.incremental.add_fraction_of_full_build.is_nan());
    }

    #[test]
    fn a_build_line_has_no_index_size_and_empty_extras_for_tantivy() {
        let line = serde_json::to_string(&BuildRun::default()).unwrap();
        assert_eq!(
            line,
            r#"{"articles":0,"bytes":0,"cpu_s":null,"extra":{},"peak_rss_kb":null,"wall_s":0.0}"#
        );
    }

    #[test]
    fn an_earlier_report_without_build_passes_still_reads() {
        let old = r#"{"started": "2026-01-01T00:00:00Z", "build": {
            "ingest_only": {"articles": 1, "bytes": 2, "cpu_s": 0.1, "extra": {}, "index_bytes": 0, "peak_rss_kb": 5, "wall_s": 0.2},
            "warta": {"articles": 1, "bytes": 2, "cpu_s": null, "extra": {"added": 1, "commits": 1, "total_docs": 1}, "index_bytes": 7, "peak_rss_kb": null, "wall_s": 0.3},
            "tantivy": {"articles": 1, "bytes": 2, "cpu_s": 0.1, "extra": {}, "index_bytes": 6, "peak_rss_kb": 5, "wall_s": 0.2}}}"#;
        let previous: PreviousRun = serde_json::from_str(old).unwrap();
        assert_eq!(previous.build.passes, 1);
        assert!(previous.build.warta_wall_s_passes.is_empty());
        assert_eq!(previous.build.warta.extra.added, Some(1));
        assert_eq!(previous.started.as_deref(), Some("2026-01-01T00:00:00Z"));
        assert_eq!(previous.build_reused_from, None);
    }
}
