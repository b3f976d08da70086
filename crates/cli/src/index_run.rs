//! `warta index`: read sources, write the index, report what happened.

use crate::{DEFAULT_ARTICLES, DEFAULT_INDEX};
use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressStyle};
use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};
use warta_analysis::Analyzer;
use warta_indexer::{Indexer, IndexerOptions};
use warta_ingest::{read_sources, Item};

/// Options of `warta index`.
#[derive(clap::Args)]
pub struct IndexArgs {
    /// Files or directories to read (.txt, .html, .jsonl, .jsonl.gz); default: the bundled set.
    paths: Vec<PathBuf>,
    /// Index directory (created if missing).
    #[arg(long, env = "WARTA_INDEX", default_value = DEFAULT_INDEX)]
    index: PathBuf,
    /// Indexing threads (default: all cores).
    #[arg(long)]
    threads: Option<usize>,
    /// Writer memory budget in MB, shared by all threads.
    #[arg(long, default_value_t = 256)]
    memory_budget: usize,
    /// Commit every N added or updated articles (a killed run keeps what was committed).
    #[arg(long, default_value_t = 50_000)]
    commit_every: usize,
}

impl IndexArgs {
    /// The arguments `warta serve` uses to build a missing index.
    pub fn bundled(articles: PathBuf, index: PathBuf) -> IndexArgs {
        IndexArgs {
            paths: vec![articles],
            index,
            threads: None,
            memory_budget: 256,
            commit_every: 50_000,
        }
    }
}

/// Runs `warta index`.
pub fn run(args: &IndexArgs, analyzer: Arc<Analyzer>) -> Result<()> {
    let started = Instant::now();
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(DEFAULT_ARTICLES)]
    } else {
        args.paths.clone()
    };
    for path in &paths {
        if !path.exists() {
            anyhow::bail!("{} does not exist", path.display());
        }
    }
    let options = IndexerOptions {
        memory_budget: args.memory_budget.max(16) * 1024 * 1024,
        threads: args.threads,
        commit_every: args.commit_every,
    };
    let mut indexer = Indexer::open(&args.index, analyzer, &options)
        .with_context(|| format!("opening the index at {}", args.index.display()))?;
    let progress = Progress::new();
    let mut read = 0u64;
    let mut bytes = 0u64;
    let mut skipped: BTreeMap<&'static str, u64> = BTreeMap::new();
    for item in read_sources(&paths) {
        match item {
            Item::Article(article) => {
                read += 1;
                bytes += (article.title.len() + article.body.len()) as u64;
                indexer
                    .add(&article)
                    .with_context(|| format!("indexing {}", article.path))?;
            }
            Item::Skipped(skip) => {
                progress.warn(&format!(
                    "skipped {} ({}): {}",
                    skip.path,
                    skip.reason.as_str(),
                    skip.detail
                ));
                *skipped.entry(skip.reason.as_str()).or_default() += 1;
            }
        }
        progress.tick(read, bytes);
    }
    progress.finish();
    let stats = indexer.finish().context("committing the index")?;
    let secs = started.elapsed().as_secs_f64();
    let skipped_total: u64 = skipped.values().sum();
    let reasons = skipped
        .iter()
        .map(|(reason, n)| format!("{reason} {n}"))
        .collect::<Vec<_>>()
        .join(", ");
    eprintln!(
        "read {read}, added {}, updated {}, unchanged {}, skipped {skipped_total}{}; {} articles in {} ({:.1}s, {:.0} articles/s)",
        stats.added,
        stats.updated,
        stats.unchanged,
        if reasons.is_empty() { String::new() } else { format!(" ({reasons})") },
        stats.total_docs,
        args.index.display(),
        secs,
        read as f64 / secs.max(1e-9),
    );
    Ok(())
}

/// A progress bar on a terminal, plain lines otherwise.
struct Progress {
    bar: Option<ProgressBar>,
    started: Instant,
    last_line: std::cell::Cell<Instant>,
}

impl Progress {
    fn new() -> Progress {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = ProgressBar::new_spinner();
            bar.set_style(
                ProgressStyle::with_template(
                    "{spinner} {pos} articles  {per_sec}  {msg}  [{elapsed_precise}]",
                )
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            bar.enable_steady_tick(Duration::from_millis(200));
            bar
        });
        Progress {
            bar,
            started: Instant::now(),
            last_line: std::cell::Cell::new(Instant::now()),
        }
    }

    fn tick(&self, read: u64, bytes: u64) {
        match &self.bar {
            Some(bar) => {
                bar.set_position(read);
                if read.is_multiple_of(1000) {
                    bar.set_message(format!("{:.1} MB of text", bytes as f64 / 1e6));
                }
            }
            None => {
                if self.last_line.get().elapsed() >= Duration::from_secs(5) {
                    self.last_line.set(Instant::now());
                    let secs = self.started.elapsed().as_secs_f64();
                    eprintln!(
                        "indexed {read} articles ({:.1} MB of text) in {secs:.0}s, {:.0} articles/s",
                        bytes as f64 / 1e6,
                        read as f64 / secs.max(1e-9)
                    );
                }
            }
        }
    }

    fn warn(&self, message: &str) {
        match &self.bar {
            Some(bar) => bar.println(format!("warning: {message}")),
            None => eprintln!("warning: {message}"),
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
