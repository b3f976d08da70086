//! `warta-bench`: one run measures Warta against bare Tantivy on the same
//! articles (index builds in child processes, search latency, in-process and
//! HTTP throughput, `warta serve` start-up and memory, incremental updates)
//! and writes a Markdown and a JSON report.
//!
//! This file is the command line. [`run`] drives the whole benchmark and
//! returns a [`report::Report`], which [`markdown`] renders; [`build`] is
//! both sides of a build measured in a child process, [`profile`] the
//! `profile` subcommand, [`load`] the threads that drive in-process load.

mod build;
mod load;
mod markdown;
mod profile;
mod report;
mod run;

use anyhow::Result;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// The command line: one subcommand.
#[derive(Parser)]
#[command(name = "warta-bench", about = "Measures Warta against bare Tantivy")]
struct Cli {
    #[command(subcommand)]
    command: Cmd,
}

/// What `warta-bench` can do.
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

/// Options of `analysis`.
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

/// Options of `profile`.
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

/// Options of `run` that each `build` child gets too, so both engines
/// build the same articles the same way.
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

/// Options of `run`.
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

/// Options of `build`.
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

/// The build a `build` child makes.
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
        Cmd::Build(args) => build::child(&args),
        Cmd::Run(args) => run::run(&args),
        Cmd::Profile(args) => profile::profile(&args),
        Cmd::Analysis(args) => warta_bench::analysis::run(&args.corpus, args.articles, args.passes),
    }
}
