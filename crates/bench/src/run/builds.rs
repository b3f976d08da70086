//! Step 1: both index builds, each in its own child process, or with
//! `--reuse-indexes` the builds of the earlier run that left the indexes.

use super::Dirs;
use crate::build;
use crate::report::{ratio, BuildRun, Builds, PreviousRun};
use crate::{Engine, RunArgs};
use anyhow::{Context, Result};
use std::path::Path;

/// The run's builds, and with `--reuse-indexes` (when both indexes are
/// there) when the run that made them started, read from `previous`, the
/// earlier report of the same size.
pub fn builds(args: &RunArgs, dirs: &Dirs, previous: &Path) -> Result<(Builds, Option<String>)> {
    if args.reuse_indexes
        && dirs.warta.join("meta.json").is_file()
        && dirs.tantivy.join("meta.json").is_file()
    {
        let text = std::fs::read_to_string(previous)
            .with_context(|| format!("reading {}", previous.display()))?;
        let old: PreviousRun = serde_json::from_str(&text)
            .with_context(|| format!("reading the builds in {}", previous.display()))?;
        // A run that reused indexes itself points back to the builds' run.
        return Ok((old.build, old.build_reused_from.or(old.started)));
    }
    Ok((build_all(args, dirs)?, None))
}

/// Reads the articles alone once, then builds each index `--build-passes`
/// times, Warta and Tantivy alternated.
fn build_all(args: &RunArgs, dirs: &Dirs) -> Result<Builds> {
    let c = &args.common;
    let ingest = build::spawn(Engine::Ingest, &dirs.work.join("ingest-none"), c)?;
    let passes = args.build_passes.unwrap_or(match c.articles {
        Some(n) if n > 200_000 => 1,
        _ => 3,
    });
    let (mut ws, mut ts) = (Vec::new(), Vec::new());
    for _ in 0..passes.max(1) {
        ws.push(build::spawn(Engine::Warta, &dirs.warta, c)?);
        ts.push(build::spawn(Engine::Tantivy, &dirs.tantivy, c)?);
    }
    let walls = |runs: &[BuildRun]| runs.iter().map(|r| r.wall_s).collect::<Vec<_>>();
    let pairs = ws
        .iter()
        .zip(&ts)
        .map(|(w, t)| ratio(w.wall_s, t.wall_s))
        .collect();
    Ok(Builds {
        ingest_only: ingest,
        passes: ws.len(),
        warta_wall_s_passes: walls(&ws),
        tantivy_wall_s_passes: walls(&ts),
        pair_wall_ratios: pairs,
        warta: median_run(ws)?,
        tantivy: median_run(ts)?,
    })
}

/// The build of median wall time among `runs` (the slower of the middle
/// two when even), so every figure reported comes from one real build.
fn median_run(mut runs: Vec<BuildRun>) -> Result<BuildRun> {
    runs.sort_by(|a, b| a.wall_s.total_cmp(&b.wall_s));
    let middle = runs.len() / 2;
    runs.into_iter()
        .nth(middle)
        .context("no build to pick from")
}

#[cfg(test)]
mod tests {
    use super::median_run;
    use crate::report::BuildRun;

    #[test]
    fn the_median_build_is_one_real_build_the_slower_middle_one_when_even() {
        let runs = |walls: &[f64]| {
            walls
                .iter()
                .map(|&wall_s| BuildRun {
                    wall_s,
                    articles: (wall_s * 10.0) as u64,
                    ..BuildRun::default()
                })
                .collect::<Vec<_>>()
        };
        let odd = median_run(runs(&[5.0, 3.0, 4.0])).unwrap();
        assert_eq!((odd.wall_s, odd.articles), (4.0, 40));
        assert_eq!(median_run(runs(&[5.0, 3.0, 4.0, 6.0])).unwrap().wall_s, 5.0);
        assert!(median_run(Vec::new()).is_err());
    }
}
