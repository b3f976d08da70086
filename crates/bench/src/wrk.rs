//! Drives `warta serve` with wrk (Debian's `wrk` package), an event-driven
//! load generator, over the query set's API paths: one wrk run per
//! measurement, bounded in time, read back as JSON.
//!
//! wrk's Lua script hands the paths out in turn to a wrk thread's
//! connections (each thread from a different start), and prints the totals
//! and latency percentiles as one JSON line when the run ends.

use anyhow::{bail, Context, Result};
use serde_json::Value;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

/// The Lua script: `init` reads the paths file (the script's one argument)
/// and formats every request once; `request` hands them out in turn;
/// `done` prints the summary.
const SCRIPT: &str = r#"
local requests, next_request = {}, 1
local started = 0

function setup(thread)
  started = started + 1
  thread:set("offset", started)
end

function init(args)
  for path in io.lines(args[1]) do
    requests[#requests + 1] = wrk.format("GET", path, { Accept = "application/json" })
  end
  next_request = ((offset or 1) * 97) % #requests + 1
end

function request()
  local r = requests[next_request]
  next_request = next_request % #requests + 1
  return r
end

function done(summary, latency, _)
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"duration_us":%d,"connect_errors":%d,"read_errors":%d,' ..
    '"write_errors":%d,"status_errors":%d,"timeouts":%d,' ..
    '"p50_us":%d,"p95_us":%d,"p99_us":%d,"max_us":%d}\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status,
    e.timeout, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max))
end
"#;

/// One wrk measurement's figures.
#[derive(Debug, Clone, Copy)]
pub struct WrkRun {
    /// Completed requests.
    pub requests: f64,
    /// Completed requests per second.
    pub rps: f64,
    /// Latency percentiles, in milliseconds.
    pub p50_ms: f64,
    /// 95th percentile latency, ms.
    pub p95_ms: f64,
    /// 99th percentile latency, ms.
    pub p99_ms: f64,
}

/// A wrk set up for one server and query set.
pub struct Wrk {
    script: PathBuf,
    paths: PathBuf,
    threads: usize,
    url: String,
}

impl Wrk {
    /// Writes the script and the paths (one per line) into `dir`, and checks
    /// that wrk is installed.
    pub fn new(dir: &Path, addr: SocketAddr, paths: &[String], threads: usize) -> Result<Wrk> {
        let version = Command::new("wrk").arg("--version").output();
        if version.is_err() {
            bail!(
                "wrk is not installed (Debian package `wrk`; scripts/bench-scale.sh installs it)"
            );
        }
        if paths.is_empty() {
            bail!("no request paths for wrk");
        }
        let script = dir.join("wrk-paths.lua");
        std::fs::write(&script, SCRIPT)?;
        let list = dir.join("wrk-paths.txt");
        std::fs::write(&list, paths.join("\n") + "\n")?;
        Ok(Wrk {
            script,
            paths: list,
            threads: threads.max(1),
            url: format!("http://{addr}"),
        })
    }

    /// wrk's threads (each drives its share of the connections).
    pub fn threads(&self) -> usize {
        self.threads
    }

    /// Runs wrk with `connections` keep-alive connections for `duration`;
    /// fails if any request failed or got a status other than 2xx.
    pub fn run(&self, connections: usize, duration: Duration) -> Result<WrkRun> {
        let connections = connections.max(1);
        let threads = self.threads.min(connections);
        let seconds = duration.as_secs_f64().ceil().max(1.0) as u64;
        let output = Command::new("wrk")
            .arg(format!("-t{threads}"))
            .arg(format!("-c{connections}"))
            .arg(format!("-d{seconds}s"))
            .arg("--timeout")
            .arg("10s")
            .arg("-s")
            .arg(&self.script)
            .arg(&self.url)
            .arg("--")
            .arg(&self.paths)
            .output()
            .context("running wrk")?;
        let stdout = String::from_utf8_lossy(&output.stdout);
        if !output.status.success() {
            bail!(
                "wrk failed ({}): {stdout}{}",
                output.status,
                String::from_utf8_lossy(&output.stderr)
            );
        }
        let line = stdout
            .lines()
            .rev()
            .find(|l| l.starts_with('{'))
            .with_context(|| format!("no summary in wrk's output: {stdout}"))?;
        parse_summary(line)
    }
}

/// Reads the script's summary line; any failed request fails the run.
fn parse_summary(line: &str) -> Result<WrkRun> {
    let v: Value = serde_json::from_str(line).with_context(|| format!("wrk summary {line:?}"))?;
    let n = |k: &str| v[k].as_f64().unwrap_or(f64::NAN);
    let failed: f64 = [
        "connect_errors",
        "read_errors",
        "write_errors",
        "status_errors",
        "timeouts",
    ]
    .iter()
    .map(|k| n(k))
    .sum();
    if failed != 0.0 {
        bail!("wrk saw failed requests: {line}");
    }
    let requests = n("requests");
    let seconds = n("duration_us") / 1e6;
    if !(requests > 0.0 && seconds > 0.0) {
        bail!("wrk completed no requests: {line}");
    }
    Ok(WrkRun {
        requests,
        rps: requests / seconds,
        p50_ms: n("p50_us") / 1000.0,
        p95_ms: n("p95_us") / 1000.0,
        p99_ms: n("p99_us") / 1000.0,
    })
}

#[cfg(test)]
mod tests {
    use super::parse_summary;

    #[test]
    fn reads_a_summary_and_refuses_failures() {
        let ok = r#"{"requests":3000,"duration_us":2000000,"connect_errors":0,"read_errors":0,"write_errors":0,"status_errors":0,"timeouts":0,"p50_us":500,"p95_us":900,"p99_us":1500,"max_us":3000}"#;
        let run = parse_summary(ok).expect("a clean run");
        assert_eq!(run.requests, 3000.0);
        assert_eq!(run.rps, 1500.0);
        assert_eq!(run.p50_ms, 0.5);
        assert_eq!(run.p99_ms, 1.5);
        let bad = ok.replace(r#""status_errors":0"#, r#""status_errors":2"#);
        assert!(parse_summary(&bad).is_err());
        let none = ok.replace(r#""requests":3000"#, r#""requests":0"#);
        assert!(parse_summary(&none).is_err());
    }
}
