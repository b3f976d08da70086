//! `warta-bench run`: the whole benchmark on one set of articles. Each step
//! is a module that returns its part of the [`Report`]: [`builds`], search
//! [`latency`], [`serve`] start-up, [`throughput`] (in-process and HTTP
//! interleaved) and [`incremental`]; [`run`] puts them together and writes
//! `scale-<N>.md` and `scale-<N>.json`.

mod builds;
mod incremental;
mod latency;
mod serve;
mod throughput;

use crate::markdown::markdown;
use crate::report::{Machine, Report};
use crate::RunArgs;
use anyhow::Result;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;
use warta_bench::baseline::Baseline;
use warta_bench::corpus::corpus_files;
use warta_bench::{procfs, warta};
use warta_search::TantivyEngine;

/// Where a run keeps its indexes: `<work-dir>/<label>/`.
struct Dirs {
    /// The run's directory (logs, wrk's files, the incremental copy).
    work: PathBuf,
    /// The Warta index.
    warta: PathBuf,
    /// The bare Tantivy index.
    tantivy: PathBuf,
}

/// Runs every step in turn, then writes the report (and prints its Markdown).
pub fn run(args: &RunArgs) -> Result<()> {
    let c = &args.common;
    let files = corpus_files(&c.corpus)?;
    let label = c.articles.map_or("corpus".to_string(), |n| n.to_string());
    let work = args.work_dir.join(&label);
    std::fs::create_dir_all(&work)?;
    std::fs::create_dir_all(&args.out_dir)?;
    let dirs = Dirs {
        warta: work.join("warta"),
        tantivy: work.join("tantivy"),
        work,
    };
    let machine = machine();
    let started = chrono::Utc::now().to_rfc3339();

    let previous = args.out_dir.join(format!("scale-{label}.json"));
    let (build, build_reused_from) = builds::builds(args, &dirs, &previous)?;

    let queries = latency::query_set(&files, args.queries, args.seed);
    let engine = TantivyEngine::open(&dirs.warta, warta::analyzer())?;
    let base = Baseline::open(&dirs.tantivy)?;
    let set = latency::warm(&engine, &base, &queries);
    let search = latency::measure(&engine, &base, &set, args.passes)?;

    let server = if args.skip_http {
        None
    } else {
        Some(serve::start(args, &dirs.work, &dirs.warta, &set.valid)?)
    };
    let load = throughput::Load {
        engine: &engine,
        base: &base,
        set: &set,
        server: server.as_ref(),
        duration: Duration::from_secs_f64(args.duration),
        passes: args.passes,
    };
    let levels = load.levels(&args.concurrency)?;
    let (serve, load_generator, serve_cgroup) = match server {
        Some(server) => {
            let (serve, load_generator, cgroup) = server.finish();
            (Some(serve), Some(load_generator), cgroup)
        }
        None => (None, None, None),
    };
    drop(engine);
    drop(base);
    let throughput_best = throughput::best(&levels);

    let incremental = incremental::measure(args, &files, &dirs, &build.warta)?;
    let report = Report {
        articles_requested: c.articles,
        threads: c.threads,
        memory_budget_mb: c.memory_budget,
        commit_every: c.commit_every,
        duration_s: args.duration,
        machine,
        started,
        build,
        build_reused_from,
        search,
        serve,
        serve_cgroup,
        load_generator,
        throughput: levels,
        throughput_best,
        incremental,
        finished: chrono::Utc::now().to_rfc3339(),
    };
    write(&report, &label, &args.out_dir)
}

/// Prints the Markdown and writes `scale-<label>.{md,json}` into `out_dir`.
fn write(report: &Report, label: &str, out_dir: &Path) -> Result<()> {
    let md = markdown(report, label);
    print!("{md}");
    std::fs::write(out_dir.join(format!("scale-{label}.md")), &md)?;
    std::fs::write(
        out_dir.join(format!("scale-{label}.json")),
        serde_json::to_string_pretty(report)?,
    )?;
    eprintln!(
        "[bench] wrote {}/scale-{label}.{{md,json}}",
        out_dir.display()
    );
    Ok(())
}

/// The machine as the run starts: cores, CPU model, memory, load, commit.
fn machine() -> Machine {
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
    // Only where /proc answers for this process too.
    let memory_gib = procfs::status_kb("self", "VmRSS:")
        .and_then(|_| {
            let meminfo = std::fs::read_to_string("/proc/meminfo").ok()?;
            let total = meminfo.lines().next()?.split_whitespace().nth(1)?;
            total.parse::<f64>().ok()
        })
        .map(|kb| (kb / 1024.0 / 1024.0).round());
    Machine {
        cores: std::thread::available_parallelism().map_or(1, |n| n.get()),
        cpu,
        loadavg_at_start: load.trim().to_string(),
        git_commit: commit,
        memory_gib,
    }
}
