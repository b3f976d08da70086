//! `warta-bench`: one run measures Warta against bare Tantivy on the same
//! articles (index builds in child processes, search latency, in-process and
//! HTTP throughput, `warta serve` start-up and memory, incremental updates)
//! and writes a Markdown and a JSON report.

use anyhow::{bail, Context, Result};
use clap::{Args, Parser, Subcommand, ValueEnum};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};
use warta_bench::baseline::{Baseline, Extras};
use warta_bench::corpus::{corpus_files, Replicated};
use warta_bench::http::Conn;
use warta_bench::queries::{generate, sample_corpus, BenchQuery};
use warta_bench::stats::{median, percentile, Latency};
use warta_bench::wrk::{Wrk, WrkRun};
use warta_bench::{baseline, procfs, warta};
use warta_search::{SearchBackend, SearchRequest, TantivyEngine};

#[derive(Parser)]
#[command(name = "warta-bench", about = "Measures Warta against bare Tantivy")]
struct Cli {
    #[command(subcommand)]
    command: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// The whole benchmark: builds, search latency, throughput, serve, incremental.
    Run(RunArgs),
    /// One index build, measured in this process (the run spawns it as a child).
    Build(BuildArgs),
    /// Runs the query set on an existing Warta index for a while (for `perf`).
    Profile(ProfileArgs),
    /// Analysis alone: Warta's analyzer against Tantivy's default tokenizer
    /// over the same texts held in memory, passes alternated.
    Analysis(AnalysisArgs),
}

#[derive(Args)]
struct AnalysisArgs {
    /// Directory of the corpus's `.jsonl.gz` files.
    #[arg(long, default_value = "../shared/corpus")]
    corpus: PathBuf,
    /// Articles to hold in memory (from the start of the corpus).
    #[arg(long, default_value_t = 20_000)]
    articles: u64,
    /// Timed passes per analyzer (medians are reported).
    #[arg(long, default_value_t = 5)]
    passes: usize,
}

#[derive(Args)]
struct ProfileArgs {
    /// The Warta index.
    #[arg(long)]
    index: PathBuf,
    /// Directory of the corpus's `.jsonl.gz` files (for the query set).
    #[arg(long, default_value = "../shared/corpus")]
    corpus: PathBuf,
    /// Seconds to run.
    #[arg(long, default_value_t = 20.0)]
    seconds: f64,
    /// Queries in the set.
    #[arg(long, default_value_t = 400)]
    queries: usize,
    /// Seed of the query generator.
    #[arg(long, default_value_t = 20_240_601)]
    seed: u64,
    /// Only the queries whose kind contains this: a kind is `1w`, `2w`,
    /// `3w` or `phrase`, then any of `+lang`, `+year`, `+bydate` (e.g.
    /// `phrase`, `+lang`, `2w+year`).
    #[arg(long)]
    kind: Option<String>,
    /// Only the queries whose text is this (to profile one query; with
    /// `--kind`, both must match).
    #[arg(long)]
    text: Option<String>,
    /// Threads searching at once (each takes the next query in turn).
    #[arg(long, default_value_t = 1)]
    concurrency: usize,
}

#[derive(Args, Clone)]
struct Common {
    /// Directory of the corpus's `.jsonl.gz` files.
    #[arg(long, default_value = "../shared/corpus")]
    corpus: PathBuf,
    /// Articles to index: default the corpus as is; more replicates it with
    /// fresh ids (`<id>#r<k>`).
    #[arg(long)]
    articles: Option<u64>,
    /// Indexing threads, for both engines.
    #[arg(long, default_value_t = 2)]
    threads: usize,
    /// Writer memory budget in MB shared by the threads, for both engines.
    #[arg(long, default_value_t = 256)]
    memory_budget: usize,
    /// Commit every N articles, for both engines (Warta's default).
    #[arg(long, default_value_t = 50_000)]
    commit_every: usize,
    /// Doc-store block size of the baseline index, in bytes: Tantivy's
    /// default unless set (Warta's indexes use 4096), to see what Warta's
    /// smaller blocks would give bare Tantivy.
    #[arg(long)]
    baseline_docstore_block: Option<usize>,
}

#[derive(Args)]
struct RunArgs {
    #[command(flatten)]
    common: Common,
    /// Where the two indexes are built (replaced).
    #[arg(long, default_value = "target/bench/data")]
    work_dir: PathBuf,
    /// Where `scale-<N>.md` and `scale-<N>.json` are written.
    #[arg(long, default_value = "target/bench")]
    out_dir: PathBuf,
    /// Queries in the set (at least 300 for the report).
    #[arg(long, default_value_t = 400)]
    queries: usize,
    /// Timed passes over the query set (medians are reported).
    #[arg(long, default_value_t = 3)]
    passes: usize,
    /// Seed of the query generator.
    #[arg(long, default_value_t = 20_240_601)]
    seed: u64,
    /// Seconds per throughput measurement.
    #[arg(long, default_value_t = 3.0)]
    duration: f64,
    /// Concurrency levels for the throughput tests.
    #[arg(long, value_delimiter = ',', default_value = "1,2,4,8,16")]
    concurrency: Vec<usize>,
    /// The `warta` binary (default: next to this one).
    #[arg(long)]
    warta_bin: Option<PathBuf>,
    /// Skip the `warta serve` part.
    #[arg(long)]
    skip_http: bool,
    /// Threads of the wrk load generator (each drives its share of the
    /// connections; on two cores one leaves the most to the server).
    #[arg(long, default_value_t = 1)]
    wrk_threads: usize,
    /// A memory cgroup directory (v1 or v2) to put the measured `warta
    /// serve` in after it starts, e.g. one whose limit is 300 MB, to see the
    /// server work within that memory.
    #[arg(long)]
    serve_cgroup: Option<PathBuf>,
    /// Keep indexes already built by an earlier run of the same size and take
    /// their build figures from its `scale-<N>.json` (for re-measuring search;
    /// the incremental test grows a copy, so the kept indexes stay as built).
    #[arg(long)]
    reuse_indexes: bool,
    /// Build each index this many times, Warta and Tantivy alternated, and
    /// report the run of median wall time of each (a 5 s build varies by
    /// ±10 % on a shared machine). Default: 3 up to 200,000 articles, 1
    /// above.
    #[arg(long)]
    build_passes: Option<usize>,
    /// New articles added in the incremental test.
    #[arg(long, default_value_t = 1_000)]
    incremental_add: u64,
    /// Unchanged articles re-indexed in the incremental test.
    #[arg(long, default_value_t = 10_000)]
    incremental_unchanged: u64,
}

#[derive(Args)]
struct BuildArgs {
    /// Which build.
    #[arg(long, value_enum)]
    engine: Engine,
    /// Index directory (must not exist yet).
    #[arg(long)]
    dir: PathBuf,
    #[command(flatten)]
    common: Common,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq, Debug)]
enum Engine {
    /// Warta's indexer with its full analysis.
    Warta,
    /// Bare Tantivy with its default tokenizer.
    Tantivy,
    /// Reading the articles only (the share of both builds spent in ingest).
    Ingest,
}

fn main() -> Result<()> {
    match Cli::parse().command {
        Cmd::Build(args) => build_child(&args),
        Cmd::Run(args) => run(&args),
        Cmd::Profile(args) => profile(&args),
        Cmd::Analysis(args) => warta_bench::analysis::run(&args.corpus, args.articles, args.passes),
    }
}

fn profile(args: &ProfileArgs) -> Result<()> {
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

/// The child side of a build: builds, then prints one JSON line with its own
/// wall time, CPU time and peak RSS.
fn build_child(args: &BuildArgs) -> Result<()> {
    let c = &args.common;
    let files = corpus_files(&c.corpus)?;
    let stream = Replicated::new(&files, c.articles, "r");
    let budget = c.memory_budget.max(16) * 1024 * 1024;
    let started = Instant::now();
    let (articles, bytes, extra) = match args.engine {
        Engine::Warta => {
            let (stats, n, b) = warta::build(&args.dir, stream, c.threads, budget, c.commit_every)?;
            (
                n,
                b,
                json!({"added": stats.added, "commits": stats.commits, "total_docs": stats.total_docs}),
            )
        }
        Engine::Tantivy => {
            let (n, b) = baseline::build(
                &args.dir,
                stream,
                c.threads,
                budget,
                c.commit_every,
                c.baseline_docstore_block,
            )?;
            (n, b, json!({}))
        }
        Engine::Ingest => {
            let (mut n, mut b) = (0u64, 0u64);
            for a in stream {
                n += 1;
                b += warta_bench::corpus::text_bytes(&a);
            }
            (n, b, json!({}))
        }
    };
    let wall = started.elapsed().as_secs_f64();
    let out = json!({
        "articles": articles,
        "bytes": bytes,
        "wall_s": wall,
        "cpu_s": procfs::self_cpu_secs(),
        "peak_rss_kb": procfs::status_kb("self", "VmHWM:"),
        "extra": extra,
    });
    println!("{out}");
    Ok(())
}

fn spawn_build(engine: Engine, dir: &Path, c: &Common) -> Result<Value> {
    if dir.exists() {
        std::fs::remove_dir_all(dir)?;
    }
    let exe = std::env::current_exe()?;
    let name = format!("{engine:?}").to_lowercase();
    let mut cmd = Command::new(exe);
    cmd.arg("build")
        .args(["--engine", &name])
        .arg("--dir")
        .arg(dir)
        .arg("--corpus")
        .arg(&c.corpus)
        .args(["--threads", &c.threads.to_string()])
        .args(["--memory-budget", &c.memory_budget.to_string()])
        .args(["--commit-every", &c.commit_every.to_string()]);
    if let Some(n) = c.articles {
        cmd.args(["--articles", &n.to_string()]);
    }
    if let Some(bytes) = c.baseline_docstore_block {
        cmd.args(["--baseline-docstore-block", &bytes.to_string()]);
    }
    eprintln!("[bench] building: {name}");
    let output = cmd.stderr(Stdio::inherit()).output()?;
    if !output.status.success() {
        bail!("the {name} build failed: {}", output.status);
    }
    let text = String::from_utf8_lossy(&output.stdout);
    let line = text.lines().last().context("the build printed nothing")?;
    let mut value: Value = serde_json::from_str(line)?;
    value["index_bytes"] = json!(procfs::dir_size(dir));
    eprintln!("[bench] {name}: {value}");
    Ok(value)
}

/// The build of median wall time among `runs` (the slower of the middle
/// two when even), so every figure reported comes from one real build.
fn median_run(mut runs: Vec<Value>) -> Value {
    runs.sort_by(|a, b| f(&a["wall_s"]).total_cmp(&f(&b["wall_s"])));
    let middle = runs.len() / 2;
    runs.into_iter().nth(middle).unwrap_or(Value::Null)
}

/// Runs `work` from `concurrency` threads for `duration`; each thread owns
/// the state `make` gives it. Returns requests/s and per-request latencies (ms).
fn throughput<S, M, W>(
    concurrency: usize,
    duration: Duration,
    make: M,
    work: W,
) -> Result<(f64, Vec<f64>)>
where
    M: Fn() -> Result<S> + Sync,
    W: Fn(&mut S, usize) -> Result<()> + Sync,
{
    let next = AtomicUsize::new(0);
    let samples = Mutex::new(Vec::new());
    let started = Instant::now();
    let errors: Mutex<Vec<anyhow::Error>> = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..concurrency {
            scope.spawn(|| {
                let mut local = Vec::new();
                let mut state = match make() {
                    Ok(s) => s,
                    Err(e) => {
                        errors.lock().unwrap_or_else(|p| p.into_inner()).push(e);
                        return;
                    }
                };
                while started.elapsed() < duration {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let t = Instant::now();
                    if let Err(e) = work(&mut state, i) {
                        errors.lock().unwrap_or_else(|p| p.into_inner()).push(e);
                        return;
                    }
                    local.push(t.elapsed().as_secs_f64() * 1000.0);
                }
                samples
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .extend(local);
            });
        }
    });
    let elapsed = started.elapsed().as_secs_f64();
    if let Some(e) = errors.into_inner().unwrap_or_else(|p| p.into_inner()).pop() {
        return Err(e);
    }
    let samples = samples.into_inner().unwrap_or_else(|p| p.into_inner());
    Ok((samples.len() as f64 / elapsed, samples))
}

/// The goal's comparison: HTTP at its best concurrency against in-process
/// search at its own best (and, beside it, in-process at HTTP's best level).
fn best_levels(levels: &[Value]) -> Value {
    let best = |key: &str| {
        levels
            .iter()
            .filter(|l| f(&l[key]).is_finite())
            .max_by(|a, b| f(&a[key]).total_cmp(&f(&b[key])))
    };
    let (Some(http), Some(inproc)) = (best("http_rps"), best("inproc_warta_rps")) else {
        return Value::Null;
    };
    json!({
        "http_rps": http["http_rps"], "http_concurrency": http["concurrency"],
        "inproc_rps": inproc["inproc_warta_rps"], "inproc_concurrency": inproc["concurrency"],
        "http_vs_best_inproc": ratio(f(&http["http_rps"]), f(&inproc["inproc_warta_rps"])),
        "http_vs_inproc_same_level": http["http_vs_inproc"],
    })
}

/// CPU microseconds per request between two readings of CPU seconds
/// (NaN when either reading failed or nothing was served).
fn cpu_us_per_request(before: Option<f64>, after: Option<f64>, requests: f64) -> f64 {
    match (before, after) {
        (Some(b), Some(a)) if requests > 0.0 => (a - b) * 1e6 / requests,
        _ => f64::NAN,
    }
}

/// The median over wrk runs of one of their figures (each run reports its
/// own percentiles; passes are summarised by their median).
fn median_of(runs: &[WrkRun], figure: impl Fn(&WrkRun) -> f64) -> f64 {
    median(&runs.iter().map(figure).collect::<Vec<_>>())
}

fn free_addr() -> Result<SocketAddr> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    Ok(listener.local_addr()?)
}

/// Spawns `warta serve` on a free loopback port; returns it once /healthz
/// answers 200, with the time that took.
fn spawn_serve(bin: &Path, index: &Path, log: &Path) -> Result<(Child, SocketAddr, f64)> {
    let addr = free_addr()?;
    let log_file = std::fs::File::create(log)?;
    let started = Instant::now();
    let mut child = Command::new(bin)
        .arg("serve")
        .arg("--index")
        .arg(index)
        .arg("--addr")
        .arg(addr.to_string())
        .env("RUST_LOG", "warn")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log_file)
        .spawn()
        .with_context(|| format!("starting {}", bin.display()))?;
    loop {
        if let Ok(mut conn) = Conn::connect(addr) {
            if let Ok((200, _)) = conn.get("/healthz") {
                return Ok((child, addr, started.elapsed().as_secs_f64()));
            }
        }
        if let Some(status) = child.try_wait()? {
            bail!("warta serve exited ({status}); see {}", log.display());
        }
        if started.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            bail!("warta serve not ready after 120 s");
        }
        std::thread::sleep(Duration::from_millis(2));
    }
}

fn stop(mut child: Child) {
    let _ = child.kill();
    let _ = child.wait();
}

fn ratio(a: f64, b: f64) -> f64 {
    if b > 0.0 {
        a / b
    } else {
        f64::NAN
    }
}

fn f(v: &Value) -> f64 {
    v.as_f64().unwrap_or(f64::NAN)
}

fn machine() -> Value {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, v)| v.trim().to_string())
        })
        .unwrap_or_default();
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let commit = std::env::var("WARTA_BENCH_COMMIT")
        .ok()
        .or_else(|| {
            Command::new("git")
                .args(["rev-parse", "--short", "HEAD"])
                .output()
                .ok()
                .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        })
        .unwrap_or_default();
    json!({
        "cores": std::thread::available_parallelism().map_or(1, |n| n.get()),
        "cpu": cpu,
        "loadavg_at_start": load.trim(),
        "git_commit": commit,
        "memory_gib": procfs::status_kb("self", "VmRSS:").map(|_| ()).and_then(|_| {
            std::fs::read_to_string("/proc/meminfo").ok().and_then(|m| {
                m.lines().next().and_then(|l| l.split_whitespace().nth(1)).and_then(|k| k.parse::<f64>().ok())
            })
        }).map(|kb| (kb / 1024.0 / 1024.0).round()),
    })
}

fn run(args: &RunArgs) -> Result<()> {
    let c = &args.common;
    let files = corpus_files(&c.corpus)?;
    let label = c.articles.map_or("corpus".to_string(), |n| n.to_string());
    let work = args.work_dir.join(&label);
    std::fs::create_dir_all(&work)?;
    std::fs::create_dir_all(&args.out_dir)?;
    let warta_dir = work.join("warta");
    let tantivy_dir = work.join("tantivy");
    let mut report = json!({
        "articles_requested": c.articles,
        "threads": c.threads,
        "memory_budget_mb": c.memory_budget,
        "commit_every": c.commit_every,
        "duration_s": args.duration,
        "machine": machine(),
        "started": chrono::Utc::now().to_rfc3339(),
    });

    // 1. Builds, each in its own child process.
    let previous = args.out_dir.join(format!("scale-{label}.json"));
    if args.reuse_indexes
        && warta_dir.join("meta.json").is_file()
        && tantivy_dir.join("meta.json").is_file()
    {
        let old: Value = serde_json::from_str(
            &std::fs::read_to_string(&previous)
                .with_context(|| format!("reading {}", previous.display()))?,
        )?;
        report["build"] = old["build"].clone();
        // A run that reused indexes itself points back to the builds' run.
        report["build_reused_from"] = match &old["build_reused_from"] {
            Value::Null => old["started"].clone(),
            earlier => earlier.clone(),
        };
    } else {
        let ingest = spawn_build(Engine::Ingest, &work.join("ingest-none"), c)?;
        let passes = args.build_passes.unwrap_or(match c.articles {
            Some(n) if n > 200_000 => 1,
            _ => 3,
        });
        let (mut ws, mut ts) = (Vec::new(), Vec::new());
        for _ in 0..passes.max(1) {
            ws.push(spawn_build(Engine::Warta, &warta_dir, c)?);
            ts.push(spawn_build(Engine::Tantivy, &tantivy_dir, c)?);
        }
        let walls = |runs: &[Value]| runs.iter().map(|r| f(&r["wall_s"])).collect::<Vec<_>>();
        let pairs: Vec<f64> = ws
            .iter()
            .zip(&ts)
            .map(|(w, t)| ratio(f(&w["wall_s"]), f(&t["wall_s"])))
            .collect();
        report["build"] = json!({"ingest_only": ingest, "passes": ws.len(),
            "warta_wall_s_passes": walls(&ws), "tantivy_wall_s_passes": walls(&ts),
            "pair_wall_ratios": pairs,
            "warta": median_run(ws), "tantivy": median_run(ts)});
    }
    let w = report["build"]["warta"].clone();

    // 2. Queries from the corpus's own words; latency, sequential and warm.
    let samples = sample_corpus(Replicated::new(&files, None, "r"), 40);
    let queries = generate(&samples, args.queries, args.seed);
    let engine = TantivyEngine::open(&warta_dir, warta::analyzer())?;
    let base = Baseline::open(&tantivy_dir)?;
    let mut valid: Vec<BenchQuery> = Vec::new();
    let (mut warta_hits, mut base_hits) = (0usize, 0usize);
    for q in &queries {
        // The untimed warm pass; a query either engine refuses is dropped from both.
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
    let requests: Vec<SearchRequest> = valid.iter().map(BenchQuery::request).collect();
    eprintln!(
        "[bench] {} queries; timing {} passes",
        valid.len(),
        args.passes
    );
    let (mut wp, mut tp, mut sp, mut cp) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut by_kind: BTreeMap<String, (Vec<f64>, Vec<f64>)> = BTreeMap::new();
    for pass in 0..args.passes.max(1) {
        let mut ws = Vec::with_capacity(valid.len());
        for (q, r) in valid.iter().zip(&requests) {
            let t0 = Instant::now();
            engine.search(r)?;
            let ms = t0.elapsed().as_secs_f64() * 1000.0;
            ws.push(ms);
            if pass == 0 {
                by_kind.entry(base_kind(q)).or_default().0.push(ms);
            }
        }
        let mut ts = Vec::with_capacity(valid.len());
        for q in &valid {
            let t0 = Instant::now();
            base.search(q)?;
            let ms = t0.elapsed().as_secs_f64() * 1000.0;
            ts.push(ms);
            if pass == 0 {
                by_kind.entry(base_kind(q)).or_default().1.push(ms);
            }
        }
        let timed_extras = |extras: Extras| -> Result<Latency> {
            let mut times = Vec::with_capacity(valid.len());
            for q in &valid {
                let t0 = Instant::now();
                base.search_with(q, extras)?;
                times.push(t0.elapsed().as_secs_f64() * 1000.0);
            }
            Ok(Latency::of(&times))
        };
        sp.push(timed_extras(Extras {
            snippets: true,
            facet_cache: false,
        })?);
        cp.push(timed_extras(Extras {
            snippets: true,
            facet_cache: true,
        })?);
        wp.push(Latency::of(&ws));
        tp.push(Latency::of(&ts));
    }
    let (wl, tl, sl, cl) = (
        Latency::median_of(&wp),
        Latency::median_of(&tp),
        Latency::median_of(&sp),
        Latency::median_of(&cp),
    );
    let lat =
        |l: &Latency| json!({"p50_ms": l.p50, "p95_ms": l.p95, "p99_ms": l.p99, "qps": l.qps});
    report["search"] = json!({
        "queries": valid.len(),
        "passes": args.passes,
        "warta": lat(&wl),
        "tantivy": lat(&tl),
        "tantivy_snippets": lat(&sl),
        "tantivy_snippets_facet_cache": lat(&cl),
        "warta_pass_p50_ms": wp.iter().map(|l| l.p50).collect::<Vec<_>>(),
        "tantivy_pass_p50_ms": tp.iter().map(|l| l.p50).collect::<Vec<_>>(),
        "warta_total_hits": warta_hits,
        "tantivy_total_hits": base_hits,
        "by_kind": by_kind.iter().map(|(k, (w, t))| (k.clone(), json!({
            "n": w.len(), "warta_p50_ms": percentile(w, 50.0), "tantivy_p50_ms": percentile(t, 50.0),
            "warta_p99_ms": percentile(w, 99.0), "tantivy_p99_ms": percentile(t, 99.0),
        }))).collect::<serde_json::Map<_, _>>(),
        "examples": valid.iter().take(12).map(|q| json!({"kind": q.kind(), "api": q.api_path()})).collect::<Vec<_>>(),
    });

    // 3. `warta serve` start-up, then throughput: at each level, in-process
    // Warta, HTTP and in-process Tantivy back to back (so the three share the
    // machine's load at that moment), repeated; medians are reported.
    let duration = Duration::from_secs_f64(args.duration);
    let n = valid.len().max(1);
    let paths: Vec<String> = valid.iter().map(BenchQuery::api_path).collect();
    let mut server = None;
    if !args.skip_http {
        let bin = match &args.warta_bin {
            Some(b) => b.clone(),
            None => std::env::current_exe()?
                .parent()
                .context("no directory for the bench binary")?
                .join("warta"),
        };
        let log = work.join("serve.log");
        let mut ready = Vec::new();
        for _ in 0..3 {
            let (child, _, secs) = spawn_serve(&bin, &warta_dir, &log)?;
            ready.push(secs * 1000.0);
            stop(child);
        }
        let (child, addr, secs) = spawn_serve(&bin, &warta_dir, &log)?;
        ready.push(secs * 1000.0);
        let pid = child.id().to_string();
        if let Some(cgroup) = &args.serve_cgroup {
            std::fs::write(cgroup.join("cgroup.procs"), &pid)
                .with_context(|| format!("moving warta serve into {}", cgroup.display()))?;
            report["serve_cgroup"] = json!(cgroup.display().to_string());
        }
        report["serve"] = json!({
            "ready_ms_median": median(&ready), "ready_ms": ready,
            "rss_idle_kb": procfs::status_kb(&pid, "VmRSS:"),
        });
        // One untimed pass over HTTP, so the server is as warm as the engine was.
        let mut warm = Conn::connect(addr)?;
        for p in &paths {
            let (status, _) = warm.get(p)?;
            if status != 200 {
                bail!(
                    "GET {p}: {status}: {}",
                    String::from_utf8_lossy(warm.body())
                );
            }
        }
        let wrk = Wrk::new(&work, addr, &paths, args.wrk_threads)?;
        report["load_generator"] = json!({"tool": "wrk", "threads": wrk.threads()});
        server = Some((child, wrk, pid));
    }
    let mut levels = Vec::new();
    for &conc in &args.concurrency {
        let (mut w_rps, mut t_rps, mut h_rps) = (Vec::new(), Vec::new(), Vec::new());
        let (mut w_lat, mut h_lat) = (Vec::new(), Vec::new());
        // CPU per request, all threads: in-process Warta; `warta serve`
        // and wrk over HTTP. They say where HTTP's extra time goes.
        let (mut w_cpu, mut server_cpu, mut wrk_cpu) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..args.passes.max(1) {
            let cpu_before = procfs::self_cpu_secs();
            let (rps, lat) = throughput(
                conc,
                duration,
                || Ok(()),
                |_, i| {
                    engine
                        .search(&requests[i % n])
                        .map(|_| ())
                        .map_err(Into::into)
                },
            )?;
            w_cpu.push(cpu_us_per_request(
                cpu_before,
                procfs::self_cpu_secs(),
                lat.len() as f64,
            ));
            w_rps.push(rps);
            w_lat.extend(lat);
            if let Some((_, wrk, pid)) = &server {
                let (server_before, wrk_before) =
                    (procfs::pid_cpu_secs(pid), procfs::children_cpu_secs());
                let run = wrk.run(conc, duration)?;
                server_cpu.push(cpu_us_per_request(
                    server_before,
                    procfs::pid_cpu_secs(pid),
                    run.requests,
                ));
                wrk_cpu.push(cpu_us_per_request(
                    wrk_before,
                    procfs::children_cpu_secs(),
                    run.requests,
                ));
                h_rps.push(run.rps);
                h_lat.push(run);
            }
            let (rps, _) = throughput(
                conc,
                duration,
                || Ok(()),
                |_, i| base.search(&valid[i % n]).map(|_| ()),
            )?;
            t_rps.push(rps);
        }
        let (w, t, h) = (median(&w_rps), median(&t_rps), median(&h_rps));
        eprintln!("[bench] c={conc}: in-process warta {w:.0}/s, tantivy {t:.0}/s; HTTP {h:.0}/s");
        levels.push(json!({"concurrency": conc, "inproc_warta_rps": w, "inproc_tantivy_rps": t,
            "inproc_warta_p50_ms": percentile(&w_lat, 50.0), "inproc_warta_p99_ms": percentile(&w_lat, 99.0),
            "http_rps": h, "http_vs_inproc": ratio(h, w),
            "http_p50_ms": median_of(&h_lat, |r| r.p50_ms), "http_p95_ms": median_of(&h_lat, |r| r.p95_ms),
            "http_p99_ms": median_of(&h_lat, |r| r.p99_ms),
            "inproc_warta_cpu_us": median(&w_cpu), "http_server_cpu_us": median(&server_cpu),
            "http_wrk_cpu_us": median(&wrk_cpu)}));
    }
    if let Some((child, _, pid)) = server {
        report["serve"]["rss_after_load_kb"] = json!(procfs::status_kb(&pid, "VmRSS:"));
        report["serve"]["peak_rss_kb"] = json!(procfs::status_kb(&pid, "VmHWM:"));
        // Anonymous memory (heap) vs mapped file pages (the binary and the
        // index files search keeps mapped), which the kernel can drop.
        report["serve"]["rss_anon_after_load_kb"] = json!(procfs::status_kb(&pid, "RssAnon:"));
        report["serve"]["rss_file_after_load_kb"] = json!(procfs::status_kb(&pid, "RssFile:"));
        stop(child);
    }
    drop(engine);
    drop(base);
    report["throughput_best"] = best_levels(&levels);
    report["throughput"] = json!(levels);

    // 4. Incremental: new articles, then unchanged ones, on a copy of the
    // index, so that a later `--reuse-indexes` run searches the index as
    // built and not one grown by small segments of every run's additions.
    let budget = c.memory_budget.max(16) * 1024 * 1024;
    let scratch = work.join("warta-incremental");
    warta::copy_index(&warta_dir, &scratch)?;
    let t0 = Instant::now();
    let (added, _, _) = warta::build(
        &scratch,
        Replicated::fresh(
            &files,
            args.incremental_add,
            &format!("add{}", chrono::Utc::now().timestamp()),
        ),
        c.threads,
        budget,
        c.commit_every,
    )?;
    let add_s = t0.elapsed().as_secs_f64();
    let t0 = Instant::now();
    let (same, _, _) = warta::build(
        &scratch,
        Replicated::new(
            &files,
            Some(
                args.incremental_unchanged
                    .min(w["articles"].as_u64().unwrap_or(0)),
            ),
            "r",
        ),
        c.threads,
        budget,
        c.commit_every,
    )?;
    let same_s = t0.elapsed().as_secs_f64();
    std::fs::remove_dir_all(&scratch).with_context(|| format!("removing {}", scratch.display()))?;
    // The reading share of the unchanged run, for comparison.
    let t0 = Instant::now();
    let read = Replicated::new(&files, Some(args.incremental_unchanged), "r").count();
    let read_s = t0.elapsed().as_secs_f64();
    report["incremental"] = json!({
        "add_articles": added.added, "add_s": add_s,
        "add_fraction_of_full_build": ratio(add_s, f(&w["wall_s"])),
        "unchanged_articles": same.unchanged, "unchanged_written": same.added + same.updated,
        "unchanged_s": same_s, "unchanged_read_only_s": read_s, "read_only_articles": read,
        "total_docs_after": same.total_docs,
    });
    report["finished"] = json!(chrono::Utc::now().to_rfc3339());

    let md = markdown(&report, &label);
    print!("{md}");
    std::fs::write(args.out_dir.join(format!("scale-{label}.md")), &md)?;
    std::fs::write(
        args.out_dir.join(format!("scale-{label}.json")),
        serde_json::to_string_pretty(&report)?,
    )?;
    eprintln!(
        "[bench] wrote {}/scale-{label}.{{md,json}}",
        args.out_dir.display()
    );
    Ok(())
}

/// The CPU each request cost, by whom: with both cores busy, throughput is
/// two cores' time over this, so in-process CPU over HTTP's total says
/// about what HTTP/in-process throughput can reach.
fn cpu_table(s: &mut String, r: &Value) {
    use std::fmt::Write;
    let Some(levels) = r["throughput"].as_array() else {
        return;
    };
    if !levels.iter().any(|l| f(&l["http_server_cpu_us"]) > 0.0) {
        return;
    }
    let _ = writeln!(s, "\nCPU per request (µs, user + system, all threads; median of the rounds). In-process: this process while it searched. HTTP: `warta serve` (hyper workers, search threads, kernel networking on their behalf) and wrk, which shares the two cores.\n");
    let _ = writeln!(s, "| concurrency | in-process Warta | HTTP: `warta serve` | HTTP: wrk | HTTP total | in-process ÷ HTTP total |\n|---:|---:|---:|---:|---:|---:|");
    for l in levels {
        let (inproc, server, wrk) = (
            f(&l["inproc_warta_cpu_us"]),
            f(&l["http_server_cpu_us"]),
            f(&l["http_wrk_cpu_us"]),
        );
        let _ = writeln!(
            s,
            "| {} | {inproc:.0} | {server:.0} | {wrk:.0} | {:.0} | {:.2} |",
            l["concurrency"],
            server + wrk,
            ratio(inproc, server + wrk)
        );
    }
}

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

fn markdown(r: &Value, label: &str) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    let b = &r["build"];
    let (w, t, ing) = (&b["warta"], &b["tantivy"], &b["ingest_only"]);
    let mb = |v: &Value| f(v) / 1e6;
    let articles = f(&w["articles"]);
    let _ = writeln!(
        s,
        "## Scale benchmark: {label} ({} articles, {:.0} MB of text)\n",
        articles,
        mb(&w["bytes"])
    );
    let m = &r["machine"];
    let _ = writeln!(s, "Machine: {} cores ({}), {} GiB; load average at start {}; commit {}. Threads {}, memory budget {} MB, commit every {}.\n",
        m["cores"], m["cpu"].as_str().unwrap_or(""), m["memory_gib"], m["loadavg_at_start"].as_str().unwrap_or(""),
        m["git_commit"].as_str().unwrap_or(""), r["threads"], r["memory_budget_mb"], r["commit_every"]);
    let passes = b["passes"].as_u64().unwrap_or(1);
    if passes > 1 {
        let list = |key: &str| {
            b[key]
                .as_array()
                .map(|v| {
                    v.iter()
                        .map(|x| format!("{:.2}", f(x)))
                        .collect::<Vec<_>>()
                        .join(", ")
                })
                .unwrap_or_default()
        };
        let _ = writeln!(s, "### Indexing (each build in its own child process; the build of median wall time of {passes}, Warta and Tantivy alternated)\n");
        let _ = writeln!(
            s,
            "Wall times (s): Warta {}; Tantivy {}; pair by pair, Warta/Tantivy {}.\n",
            list("warta_wall_s_passes"),
            list("tantivy_wall_s_passes"),
            list("pair_wall_ratios")
        );
    } else {
        let _ = writeln!(s, "### Indexing (each build in its own child process)\n");
    }
    if let Some(started) = r["build_reused_from"].as_str() {
        let _ = writeln!(
            s,
            "Not built in this run (`--reuse-indexes`): these are the builds of the run started {started}.\n"
        );
    }
    let _ = writeln!(
        s,
        "| | Warta | bare Tantivy | Warta/Tantivy |\n|---|---:|---:|---:|"
    );
    let row = |s: &mut String, name: &str, a: f64, b: f64, digits: usize| {
        let _ = writeln!(
            s,
            "| {name} | {a:.digits$} | {b:.digits$} | {:.2} |",
            ratio(a, b)
        );
    };
    row(&mut s, "wall time (s)", f(&w["wall_s"]), f(&t["wall_s"]), 1);
    row(
        &mut s,
        "articles/s",
        articles / f(&w["wall_s"]),
        f(&t["articles"]) / f(&t["wall_s"]),
        0,
    );
    row(
        &mut s,
        "MB of text/s",
        mb(&w["bytes"]) / f(&w["wall_s"]),
        mb(&t["bytes"]) / f(&t["wall_s"]),
        2,
    );
    row(
        &mut s,
        "index size (MB)",
        mb(&w["index_bytes"]),
        mb(&t["index_bytes"]),
        0,
    );
    row(
        &mut s,
        "peak RSS (MB)",
        f(&w["peak_rss_kb"]) / 1024.0,
        f(&t["peak_rss_kb"]) / 1024.0,
        0,
    );
    row(&mut s, "CPU time (s)", f(&w["cpu_s"]), f(&t["cpu_s"]), 1);
    row(
        &mut s,
        "cores used (CPU/wall)",
        f(&w["cpu_s"]) / f(&w["wall_s"]),
        f(&t["cpu_s"]) / f(&t["wall_s"]),
        2,
    );
    let _ = writeln!(s, "\nBoth builds include reading the gzip JSONL (decompress, parse, clean): reading alone took {:.1} s ({:.0} articles/s, peak RSS {:.0} MB).\n",
        f(&ing["wall_s"]), f(&ing["articles"]) / f(&ing["wall_s"]), f(&ing["peak_rss_kb"]) / 1024.0);

    let sr = &r["search"];
    let _ = writeln!(
        s,
        "### Search latency ({} queries, sequential, warm, median of {} passes)\n",
        sr["queries"], sr["passes"]
    );
    let _ = writeln!(
        s,
        "| | Warta | bare Tantivy | Warta/Tantivy | Tantivy + snippets | Warta/that | Tantivy + snippets + Warta's facet cache | Warta/that |\n|---|---:|---:|---:|---:|---:|---:|---:|"
    );
    for (name, key) in [
        ("p50 (ms)", "p50_ms"),
        ("p95 (ms)", "p95_ms"),
        ("p99 (ms)", "p99_ms"),
        ("queries/s", "qps"),
    ] {
        let (w, t, sn, sc) = (
            f(&sr["warta"][key]),
            f(&sr["tantivy"][key]),
            f(&sr["tantivy_snippets"][key]),
            f(&sr["tantivy_snippets_facet_cache"][key]),
        );
        let p = if key == "qps" { 0 } else { 3 };
        let _ = writeln!(
            s,
            "| {name} | {w:.p$} | {t:.p$} | {:.2} | {sn:.p$} | {:.2} | {sc:.p$} | {:.2} |",
            ratio(w, t),
            ratio(w, sn),
            ratio(w, sc)
        );
    }
    let _ = writeln!(s, "\nWarta makes a highlighted snippet for each of the 10 hits and counts facets from per-segment tables it keeps (`FacetCache`). Bare Tantivy reads the facet fast fields for every match and makes no snippets; the next column adds its own `SnippetGenerator` on the stored body, the last also Warta's facet tables: the same job as Warta, so that ratio is the cost of Warta's analysis alone.");
    let _ = writeln!(s, "\nTotal hits over the set: Warta {}, Tantivy {} (analysis differs: stemming, folding, stopwords).\n", sr["warta_total_hits"], sr["tantivy_total_hits"]);
    let _ = writeln!(s, "| query kind (first pass) | n | Warta p50 | Tantivy p50 | Warta p99 | Tantivy p99 |\n|---|---:|---:|---:|---:|---:|");
    if let Some(kinds) = sr["by_kind"].as_object() {
        for (k, v) in kinds {
            let _ = writeln!(
                s,
                "| {k} | {} | {:.3} | {:.3} | {:.3} | {:.3} |",
                v["n"],
                f(&v["warta_p50_ms"]),
                f(&v["tantivy_p50_ms"]),
                f(&v["warta_p99_ms"]),
                f(&v["tantivy_p99_ms"])
            );
        }
    }
    let _ = writeln!(s, "\n### Throughput (requests/s; {} s per measurement, median of {} rounds; in-process, HTTP and Tantivy interleaved per level; same queries; HTTP load from wrk with {} thread(s) and as many keep-alive connections as the concurrency)\n", r["duration_s"], r["search"]["passes"], r["load_generator"]["threads"]);
    let _ = writeln!(s, "| concurrency | in-process Warta | in-process Tantivy | Warta/Tantivy | HTTP `warta serve` | HTTP/in-process | HTTP p50 (ms) | HTTP p99 (ms) |\n|---:|---:|---:|---:|---:|---:|---:|---:|");
    if let Some(levels) = r["throughput"].as_array() {
        for l in levels {
            let _ = writeln!(
                s,
                "| {} | {:.0} | {:.0} | {:.2} | {:.0} | {:.2} | {:.2} | {:.2} |",
                l["concurrency"],
                f(&l["inproc_warta_rps"]),
                f(&l["inproc_tantivy_rps"]),
                ratio(f(&l["inproc_warta_rps"]), f(&l["inproc_tantivy_rps"])),
                f(&l["http_rps"]),
                f(&l["http_vs_inproc"]),
                f(&l["http_p50_ms"]),
                f(&l["http_p99_ms"])
            );
        }
    }
    let best = &r["throughput_best"];
    if !best.is_null() {
        let _ = writeln!(s, "\nBest HTTP: {:.0} req/s at c={}, **{:.2}** of the best in-process ({:.0} req/s at c={}); {:.2} of in-process at c={}.",
            f(&best["http_rps"]), best["http_concurrency"], f(&best["http_vs_best_inproc"]),
            f(&best["inproc_rps"]), best["inproc_concurrency"], f(&best["http_vs_inproc_same_level"]), best["http_concurrency"]);
    }
    cpu_table(&mut s, r);
    let sv = &r["serve"];
    if !sv.is_null() {
        let _ = writeln!(s, "\n`warta serve`: ready in {:.0} ms (median of {} starts, spawn → first 200 on /healthz); RSS {:.0} MB idle, {:.0} MB after the load test (peak {:.0} MB), of which {:.0} MB anonymous (heap) and {:.0} MB mapped file pages (the binary and the mapped index files: term dictionaries, postings, fast fields, norms; positions and stored articles are read, not mapped).\n",
            f(&sv["ready_ms_median"]), sv["ready_ms"].as_array().map_or(0, Vec::len), f(&sv["rss_idle_kb"]) / 1024.0, f(&sv["rss_after_load_kb"]) / 1024.0, f(&sv["peak_rss_kb"]) / 1024.0,
            f(&sv["rss_anon_after_load_kb"]) / 1024.0, f(&sv["rss_file_after_load_kb"]) / 1024.0);
        if let Some(cgroup) = r["serve_cgroup"].as_str() {
            let _ = writeln!(
                s,
                "The measured server ran in the memory cgroup `{cgroup}` (see its limit).\n"
            );
        }
    }
    let inc = &r["incremental"];
    let _ = writeln!(
        s,
        "### Incremental\n\nOn a copy of the Warta index, which this run then deletes: the kept index stays as built.\n\n| | articles | time (s) | vs full build |\n|---|---:|---:|---:|"
    );
    let _ = writeln!(
        s,
        "| add new articles | {} | {:.2} | {:.4} |",
        inc["add_articles"],
        f(&inc["add_s"]),
        f(&inc["add_fraction_of_full_build"])
    );
    let _ = writeln!(
        s,
        "| re-index unchanged articles | {} (written: {}) | {:.2} | {:.4} |",
        inc["unchanged_articles"],
        inc["unchanged_written"],
        f(&inc["unchanged_s"]),
        ratio(f(&inc["unchanged_s"]), f(&w["wall_s"]))
    );
    let _ = writeln!(
        s,
        "| (reading those articles only) | {} | {:.2} | |\n",
        inc["read_only_articles"],
        f(&inc["unchanged_read_only_s"])
    );
    s
}

#[cfg(test)]
mod tests {
    use super::markdown;
    use serde_json::json;

    #[test]
    fn a_report_says_when_its_builds_come_from_an_earlier_run() {
        let built = json!({"build": {"warta": {"wall_s": 5.0}, "tantivy": {"wall_s": 4.0}}});
        assert!(!markdown(&built, "100000").contains("Not built in this run"));
        let mut reused = built.clone();
        reused["build_reused_from"] = json!("2026-12-01T14:12:09Z");
        let text = markdown(&reused, "100000");
        assert!(
            text.contains("these are the builds of the run started 2026-12-01T14:12:09Z"),
            "{text}"
        );
    }

    #[test]
    fn the_cpu_table_appears_only_with_http_figures() {
        let level = |server: f64| {
            json!({"concurrency": 8, "inproc_warta_cpu_us": 400.0,
                "http_server_cpu_us": server, "http_wrk_cpu_us": 20.0})
        };
        let without = json!({"throughput": [level(0.0)]});
        assert!(!markdown(&without, "1").contains("CPU per request"));
        let with = json!({"throughput": [level(480.0)]});
        let text = markdown(&with, "1");
        assert!(
            text.contains("| 8 | 400 | 480 | 20 | 500 | 0.80 |"),
            "{text}"
        );
    }
}
