//! In-process load: a closure run from several threads for a set time, for
//! the run's throughput levels and for `profile`.

use anyhow::Result;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Runs `work` from `concurrency` threads for `duration`; each thread owns
/// the state `make` gives it, and `work` gets the next request number in
/// turn. Returns requests/s and per-request latencies (ms).
pub fn throughput<S, M, W>(
    concurrency: usize,
    duration: Duration,
    make: M,
    work: W,
) -> Result<(f64, Vec<f64>)>
where
    M: Fn() -> Result<S> + Sync,
    W: Fn(&mut S, usize) -> Result<()> + Sync,
{
    let next = AtomicUsize::new(0);
    let samples = Mutex::new(Vec::new());
    let started = Instant::now();
    let errors: Mutex<Vec<anyhow::Error>> = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..concurrency {
            scope.spawn(|| {
                let mut local = Vec::new();
                let mut state = match make() {
                    Ok(s) => s,
                    Err(e) => {
                        errors.lock().unwrap_or_else(|p| p.into_inner()).push(e);
                        return;
                    }
                };
                while started.elapsed() < duration {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let t = Instant::now();
                    if let Err(e) = work(&mut state, i) {
                        errors.lock().unwrap_or_else(|p| p.into_inner()).push(e);
                        return;
                    }
                    local.push(t.elapsed().as_secs_f64() * 1000.0);
                }
                samples
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .extend(local);
            });
        }
    });
    let elapsed = started.elapsed().as_secs_f64();
    if let Some(e) = errors.into_inner().unwrap_or_else(|p| p.into_inner()).pop() {
        return Err(e);
    }
    let samples = samples.into_inner().unwrap_or_else(|p| p.into_inner());
    Ok((samples.len() as f64 / elapsed, samples))
}
