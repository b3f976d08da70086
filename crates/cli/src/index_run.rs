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
use warta_ingest::{read_sources_counted, Item, ReadProgress};

/// Options of `warta index`.
#[derive(clap::Args)]
pub struct IndexArgs {
    /// Files or directories to read (.txt, .html, .jsonl, .jsonl.gz); default: the bundled set.
    paths: Vec<PathBuf>,
    /// Index directory (created if missing).
    #[arg(long, env = "WARTA_INDEX", default_value = DEFAULT_INDEX)]
    index: PathBuf,
    /// Indexing threads (default: all cores, at most 8).
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
    let (items, read_progress) = read_sources_counted(&paths);
    let progress = Progress::new(read_progress);
    let mut read = 0u64;
    let mut bytes = 0u64;
    let mut skipped: BTreeMap<&'static str, u64> = BTreeMap::new();
    for item in items {
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

/// A progress bar on a terminal, plain lines otherwise; both give the
/// rate and, from the share of the input files read, the time left.
struct Progress {
    bar: Option<ProgressBar>,
    input: ReadProgress,
    started: Instant,
    last_line: std::cell::Cell<Instant>,
}

/// How often a plain progress line is printed when stderr is not a terminal.
const LINE_EVERY: Duration = Duration::from_secs(5);

impl Progress {
    fn new(input: ReadProgress) -> Progress {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = ProgressBar::new(input.total_bytes.max(1));
            bar.set_style(
                ProgressStyle::with_template(
                    "{bar:30} {percent:>3}%  {msg}  [{elapsed_precise}, ETA {eta}]",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            bar.enable_steady_tick(Duration::from_millis(200));
            bar
        });
        Progress {
            bar,
            input,
            started: Instant::now(),
            last_line: std::cell::Cell::new(Instant::now()),
        }
    }

    fn tick(&self, read: u64, bytes: u64) {
        match &self.bar {
            Some(bar) => {
                bar.set_position(self.input.read_bytes());
                if read.is_multiple_of(500) {
                    let secs = self.started.elapsed().as_secs_f64();
                    bar.set_message(format!(
                        "{read} articles, {:.0}/s, {:.1} MB of text",
                        read as f64 / secs.max(1e-9),
                        bytes as f64 / 1e6
                    ));
                }
            }
            None => {
                if self.last_line.get().elapsed() >= LINE_EVERY {
                    self.last_line.set(Instant::now());
                    eprintln!(
                        "{}",
                        progress_line(
                            read,
                            bytes,
                            self.input.read_bytes(),
                            self.input.total_bytes,
                            self.started.elapsed()
                        )
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

/// One plain progress line: articles, text, rate, share of the input read
/// and the time left at the rate so far.
fn progress_line(
    read: u64,
    text_bytes: u64,
    input_read: u64,
    input_total: u64,
    elapsed: Duration,
) -> String {
    let secs = elapsed.as_secs_f64().max(1e-9);
    let share = if input_total == 0 {
        1.0
    } else {
        (input_read as f64 / input_total as f64).min(1.0)
    };
    let eta = if share > 0.0 {
        format!("{:.0}s", secs * (1.0 - share) / share)
    } else {
        "unknown".to_string()
    };
    format!(
        "indexed {read} articles ({:.1} MB of text) in {secs:.0}s, {:.0} articles/s, {:.0}% of the input read, ETA {eta}",
        text_bytes as f64 / 1e6,
        read as f64 / secs,
        share * 100.0,
    )
}

#[cfg(test)]
mod tests {
    use super::progress_line;
    use std::time::Duration;

    #[test]
    fn progress_line_gives_rate_share_and_time_left() {
        let line = progress_line(4_000, 6_000_000, 250, 1_000, Duration::from_secs(10));
        assert_eq!(
            line,
            "indexed 4000 articles (6.0 MB of text) in 10s, 400 articles/s, 25% of the input read, ETA 30s"
        );
    }

    #[test]
    fn progress_line_copes_with_nothing_read_and_empty_inputs() {
        let none = progress_line(0, 0, 0, 1_000, Duration::ZERO);
        assert!(
            none.ends_with("0% of the input read, ETA unknown"),
            "{none}"
        );
        let empty = progress_line(0, 0, 0, 0, Duration::from_secs(1));
        assert!(empty.ends_with("100% of the input read, ETA 0s"), "{empty}");
    }
}
