//! Step 4: incremental updates, new articles then unchanged ones, on a copy
//! of the Warta index, so that a later `--reuse-indexes` run searches the
//! index as built and not one grown by small segments of every run's
//! additions.

use super::Dirs;
use crate::report::{ratio, BuildRun, Incremental};
use crate::RunArgs;
use anyhow::{Context, Result};
use std::path::PathBuf;
use std::time::Instant;
use warta_bench::corpus::Replicated;
use warta_bench::warta;

/// Adds `--incremental-add` new articles to a copy of the Warta index, then
/// re-indexes `--incremental-unchanged` of its own (at most the `full`
/// build's count), and times reading that many articles alone.
pub fn measure(
    args: &RunArgs,
    files: &[PathBuf],
    dirs: &Dirs,
    full: &BuildRun,
) -> Result<Incremental> {
    let c = &args.common;
    let budget = c.memory_budget.max(16) * 1024 * 1024;
    let scratch = dirs.work.join("warta-incremental");
    warta::copy_index(&dirs.warta, &scratch)?;
    let t0 = Instant::now();
    let (added, _, _) = warta::build(
        &scratch,
        Replicated::fresh(
            files,
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
            files,
            Some(args.incremental_unchanged.min(full.articles)),
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
    let read = Replicated::new(files, Some(args.incremental_unchanged), "r").count();
    let read_s = t0.elapsed().as_secs_f64();
    Ok(Incremental {
        add_articles: added.added,
        add_s,
        add_fraction_of_full_build: ratio(add_s, full.wall_s),
        unchanged_articles: same.unchanged,
        unchanged_written: same.added + same.updated,
        unchanged_s: same_s,
        unchanged_read_only_s: read_s,
        read_only_articles: read,
        total_docs_after: same.total_docs,
    })
}
