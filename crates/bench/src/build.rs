//! One index build measured in a child process, so that its wall time, CPU
//! time and peak RSS are the build's alone: [`child`] is the `build`
//! subcommand, [`spawn`] the run's side that starts it and reads its line.

use crate::report::{BuildRun, IndexerCounts};
use crate::{BuildArgs, Common, Engine};
use anyhow::{bail, Context, Result};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;
use warta_bench::corpus::{corpus_files, Replicated};
use warta_bench::{baseline, procfs, warta};

/// The child side of a build: builds, then prints one JSON line with its own
/// wall time, CPU time and peak RSS.
pub fn child(args: &BuildArgs) -> Result<()> {
    let c = &args.common;
    let files = corpus_files(&c.corpus)?;
    let stream = Replicated::new(&files, c.articles, "r");
    let budget = c.memory_budget.max(16) * 1024 * 1024;
    let started = Instant::now();
    let (articles, bytes, extra) = match args.engine {
        Engine::Warta => {
            let (stats, n, b) = warta::build(&args.dir, stream, c.threads, budget, c.commit_every)?;
            let counts = IndexerCounts {
                added: Some(stats.added),
                commits: Some(stats.commits),
                total_docs: Some(stats.total_docs),
            };
            (n, b, counts)
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
            (n, b, IndexerCounts::default())
        }
        Engine::Ingest => {
            let (mut n, mut b) = (0u64, 0u64);
            for a in stream {
                n += 1;
                b += warta_bench::corpus::text_bytes(&a);
            }
            (n, b, IndexerCounts::default())
        }
    };
    let wall = started.elapsed().as_secs_f64();
    let out = BuildRun {
        articles,
        bytes,
        wall_s: wall,
        cpu_s: procfs::self_cpu_secs(),
        peak_rss_kb: procfs::status_kb("self", "VmHWM:"),
        extra,
        index_bytes: None,
    };
    println!("{}", serde_json::to_string(&out)?);
    Ok(())
}

/// Builds `engine`'s index in `dir` (replaced) in a child process of this
/// binary and returns its figures, with the size of the index it left.
pub fn spawn(engine: Engine, dir: &Path, c: &Common) -> Result<BuildRun> {
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
    let mut run: BuildRun = serde_json::from_str(line)?;
    run.index_bytes = Some(procfs::dir_size(dir));
    eprintln!("[bench] {name}: {}", serde_json::to_string(&run)?);
    Ok(run)
}
