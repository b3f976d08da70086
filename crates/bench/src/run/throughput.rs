//! Step 3b: throughput at each level of concurrency. At each level,
//! in-process Warta, HTTP and in-process Tantivy run back to back (so the
//! three share the machine's load at that moment), repeated; medians are
//! reported.

use super::latency::QuerySet;
use super::serve::Server;
use crate::load::throughput;
use crate::report::{ratio, Best, Level};
use anyhow::Result;
use std::time::Duration;
use warta_bench::baseline::Baseline;
use warta_bench::procfs;
use warta_bench::stats::{median, percentile};
use warta_bench::wrk::WrkRun;
use warta_search::{SearchBackend, TantivyEngine};

/// What the throughput test loads, and for how long.
pub struct Load<'a> {
    /// Warta, in process.
    pub engine: &'a TantivyEngine,
    /// Bare Tantivy, in process.
    pub base: &'a Baseline,
    /// The queries, each engine's requests taken in turn.
    pub set: &'a QuerySet,
    /// `warta serve` and its wrk; `None` with `--skip-http`.
    pub server: Option<&'a Server>,
    /// Length of one measurement.
    pub duration: Duration,
    /// Rounds at each level.
    pub passes: usize,
}

/// One level's figures, round by round.
#[derive(Default)]
struct Rounds {
    /// In-process Warta searches per second.
    warta_rps: Vec<f64>,
    /// In-process Warta's latency of every search, all rounds, ms.
    warta_latency: Vec<f64>,
    /// In-process Warta's CPU per search, µs.
    warta_cpu: Vec<f64>,
    /// In-process Tantivy searches per second.
    tantivy_rps: Vec<f64>,
    /// HTTP requests per second.
    http_rps: Vec<f64>,
    /// The wrk runs (their own latency percentiles).
    http_runs: Vec<WrkRun>,
    /// `warta serve`'s CPU per request, µs.
    server_cpu: Vec<f64>,
    /// wrk's CPU per request, µs.
    wrk_cpu: Vec<f64>,
}

impl Load<'_> {
    /// Every level of `concurrency`, in turn.
    pub fn levels(&self, concurrency: &[usize]) -> Result<Vec<Level>> {
        concurrency.iter().map(|&conc| self.level(conc)).collect()
    }

    /// One level: `passes` rounds of in-process Warta, HTTP, in-process
    /// Tantivy.
    fn level(&self, conc: usize) -> Result<Level> {
        let mut r = Rounds::default();
        for _ in 0..self.passes.max(1) {
            let (rps, latency, cpu) = self.inproc_warta(conc)?;
            r.warta_cpu.push(cpu);
            r.warta_rps.push(rps);
            r.warta_latency.extend(latency);
            if let Some(server) = self.server {
                let (run, server_cpu, wrk_cpu) = http(server, conc, self.duration)?;
                r.server_cpu.push(server_cpu);
                r.wrk_cpu.push(wrk_cpu);
                r.http_rps.push(run.rps);
                r.http_runs.push(run);
            }
            r.tantivy_rps.push(self.inproc_tantivy(conc)?);
        }
        let (w, t, h) = (
            median(&r.warta_rps),
            median(&r.tantivy_rps),
            median(&r.http_rps),
        );
        eprintln!("[bench] c={conc}: in-process warta {w:.0}/s, tantivy {t:.0}/s; HTTP {h:.0}/s");
        Ok(Level {
            concurrency: conc,
            inproc_warta_rps: w,
            inproc_tantivy_rps: t,
            inproc_warta_p50_ms: percentile(&r.warta_latency, 50.0),
            inproc_warta_p99_ms: percentile(&r.warta_latency, 99.0),
            http_rps: h,
            http_vs_inproc: ratio(h, w),
            http_p50_ms: median_of(&r.http_runs, |run| run.p50_ms),
            http_p95_ms: median_of(&r.http_runs, |run| run.p95_ms),
            http_p99_ms: median_of(&r.http_runs, |run| run.p99_ms),
            inproc_warta_cpu_us: median(&r.warta_cpu),
            http_server_cpu_us: median(&r.server_cpu),
            http_wrk_cpu_us: median(&r.wrk_cpu),
        })
    }

    /// In-process Warta from `conc` threads: searches/s, each search's
    /// latency (ms), and this process's CPU per search (µs, all threads).
    fn inproc_warta(&self, conc: usize) -> Result<(f64, Vec<f64>, f64)> {
        let (requests, n) = (&self.set.requests, self.set.valid.len().max(1));
        let cpu_before = procfs::self_cpu_secs();
        let (rps, latency) = throughput(
            conc,
            self.duration,
            || Ok(()),
            |_, i| {
                self.engine
                    .search(&requests[i % n])
                    .map(|_| ())
                    .map_err(Into::into)
            },
        )?;
        let cpu = cpu_us_per_request(cpu_before, procfs::self_cpu_secs(), latency.len() as f64);
        Ok((rps, latency, cpu))
    }

    /// In-process bare Tantivy from `conc` threads: searches/s.
    fn inproc_tantivy(&self, conc: usize) -> Result<f64> {
        let (queries, n) = (&self.set.valid, self.set.valid.len().max(1));
        let (rps, _) = throughput(
            conc,
            self.duration,
            || Ok(()),
            |_, i| self.base.search(&queries[i % n]).map(|_| ()),
        )?;
        Ok(rps)
    }
}

/// One wrk run with `conc` connections, with the CPU per request of
/// `warta serve` and of wrk (µs): they say where HTTP's extra time goes.
fn http(server: &Server, conc: usize, duration: Duration) -> Result<(WrkRun, f64, f64)> {
    let pid = &server.pid;
    let (server_before, wrk_before) = (procfs::pid_cpu_secs(pid), procfs::children_cpu_secs());
    let run = server.wrk.run(conc, duration)?;
    let server_cpu = cpu_us_per_request(server_before, procfs::pid_cpu_secs(pid), run.requests);
    let wrk_cpu = cpu_us_per_request(wrk_before, procfs::children_cpu_secs(), run.requests);
    Ok((run, server_cpu, wrk_cpu))
}

/// The goal's comparison: HTTP at its best concurrency against in-process
/// search at its own best (and, beside it, in-process at HTTP's best level).
/// `None` when no level has a finite figure for both.
pub fn best(levels: &[Level]) -> Option<Best> {
    let best = |figure: fn(&Level) -> f64| {
        levels
            .iter()
            .filter(|l| figure(l).is_finite())
            .max_by(|a, b| figure(a).total_cmp(&figure(b)))
    };
    let (Some(http), Some(inproc)) = (best(|l| l.http_rps), best(|l| l.inproc_warta_rps)) else {
        return None;
    };
    Some(Best {
        http_rps: http.http_rps,
        http_concurrency: http.concurrency,
        inproc_rps: inproc.inproc_warta_rps,
        inproc_concurrency: inproc.concurrency,
        http_vs_best_inproc: ratio(http.http_rps, inproc.inproc_warta_rps),
        http_vs_inproc_same_level: http.http_vs_inproc,
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

#[cfg(test)]
mod tests {
    use super::{best, cpu_us_per_request};
    use crate::report::Level;

    #[test]
    fn the_best_levels_are_the_last_of_equals_and_skip_nan() {
        let level = |concurrency, http_rps, inproc_warta_rps| Level {
            concurrency,
            http_rps,
            inproc_warta_rps,
            http_vs_inproc: http_rps / inproc_warta_rps,
            ..Level::default()
        };
        let levels = [
            level(1, 5.0, 10.0),
            level(2, 5.0, f64::NAN),
            level(4, 4.0, 8.0),
        ];
        let b = best(&levels).unwrap();
        assert_eq!((b.http_concurrency, b.inproc_concurrency), (2, 1));
        assert_eq!(b.http_vs_best_inproc, 0.5);
        assert!(b.http_vs_inproc_same_level.is_nan());
        assert!(best(&[]).is_none());
    }

    #[test]
    fn cpu_per_request_needs_both_readings_and_a_request() {
        assert_eq!(cpu_us_per_request(Some(1.0), Some(1.5), 1000.0), 500.0);
        assert!(cpu_us_per_request(None, Some(1.5), 1000.0).is_nan());
        assert!(cpu_us_per_request(Some(1.0), Some(1.5), 0.0).is_nan());
    }
}
