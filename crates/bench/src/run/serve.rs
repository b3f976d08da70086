//! Step 3a: `warta serve` on the Warta index: how fast it starts (several
//! starts), its memory idle and after the load test, and the wrk that loads
//! it.

use crate::report::{LoadGenerator, Serve};
use crate::RunArgs;
use anyhow::{bail, Context, Result};
use std::net::{SocketAddr, TcpListener};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use warta_bench::http::Conn;
use warta_bench::procfs;
use warta_bench::queries::BenchQuery;
use warta_bench::stats::median;
use warta_bench::wrk::Wrk;

/// The measured `warta serve`, started and warmed, with wrk set up for it.
pub struct Server {
    /// The server process.
    child: Child,
    /// Its pid, to read its CPU time and memory from `/proc`.
    pub pid: String,
    /// wrk over the query set's paths, aimed at this server.
    pub wrk: Wrk,
    /// Every start's time to the first 200 on /healthz, ms.
    ready_ms: Vec<f64>,
    /// RSS once started, before any search, kB.
    rss_idle_kb: Option<u64>,
    /// The cgroup it was moved into (`--serve-cgroup`).
    cgroup: Option<String>,
}

/// Starts and stops `warta serve` three times for its start-up time, then
/// starts the one the load test measures: moved into `--serve-cgroup` if
/// given, and warmed by one untimed pass over HTTP, so that the server is
/// as warm as the engine was.
pub fn start(args: &RunArgs, work: &Path, index: &Path, queries: &[BenchQuery]) -> Result<Server> {
    let bin = match &args.warta_bin {
        Some(b) => b.clone(),
        None => std::env::current_exe()?
            .parent()
            .context("no directory for the bench binary")?
            .join("warta"),
    };
    let log = work.join("serve.log");
    let mut ready_ms = Vec::new();
    for _ in 0..3 {
        let (child, _, secs) = spawn_serve(&bin, index, &log)?;
        ready_ms.push(secs * 1000.0);
        stop(child);
    }
    let (child, addr, secs) = spawn_serve(&bin, index, &log)?;
    ready_ms.push(secs * 1000.0);
    let pid = child.id().to_string();
    let mut cgroup = None;
    if let Some(dir) = &args.serve_cgroup {
        std::fs::write(dir.join("cgroup.procs"), &pid)
            .with_context(|| format!("moving warta serve into {}", dir.display()))?;
        cgroup = Some(dir.display().to_string());
    }
    let rss_idle_kb = procfs::status_kb(&pid, "VmRSS:");
    let paths: Vec<String> = queries.iter().map(BenchQuery::api_path).collect();
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
    let wrk = Wrk::new(work, addr, &paths, args.wrk_threads)?;
    Ok(Server {
        child,
        pid,
        wrk,
        ready_ms,
        rss_idle_kb,
        cgroup,
    })
}

impl Server {
    /// After the load test: reads the server's memory and stops it. Returns
    /// the report's `serve`, `load_generator` and `serve_cgroup`.
    pub fn finish(self) -> (Serve, LoadGenerator, Option<String>) {
        let pid = &self.pid;
        let serve = Serve {
            ready_ms_median: median(&self.ready_ms),
            ready_ms: self.ready_ms,
            rss_idle_kb: self.rss_idle_kb,
            rss_after_load_kb: procfs::status_kb(pid, "VmRSS:"),
            peak_rss_kb: procfs::status_kb(pid, "VmHWM:"),
            rss_anon_after_load_kb: procfs::status_kb(pid, "RssAnon:"),
            rss_file_after_load_kb: procfs::status_kb(pid, "RssFile:"),
        };
        let load_generator = LoadGenerator {
            tool: "wrk".to_string(),
            threads: self.wrk.threads(),
        };
        stop(self.child);
        (serve, load_generator, self.cgroup)
    }
}

/// A loopback address with a port free at the moment.
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

/// Kills a server and waits for it.
fn stop(mut child: Child) {
    let _ = child.kill();
    let _ = child.wait();
}
