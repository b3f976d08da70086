//! Percentiles and medians of timings.

/// The `p`-th percentile (0..=100) of `samples` by nearest rank; 0 when empty.
pub fn percentile(samples: &[f64], p: f64) -> f64 {
    if samples.is_empty() {
        return 0.0;
    }
    let mut sorted = samples.to_vec();
    sorted.sort_by(f64::total_cmp);
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// The median of `values`; 0 when empty.
pub fn median(values: &[f64]) -> f64 {
    percentile(values, 50.0)
}

/// Latency summary of one timed pass, in milliseconds.
#[derive(Debug, Clone, Copy, Default)]
pub struct Latency {
    /// Median.
    pub p50: f64,
    /// 95th percentile.
    pub p95: f64,
    /// 99th percentile.
    pub p99: f64,
    /// Queries per second, one query at a time.
    pub qps: f64,
}

impl Latency {
    /// Summarises per-query timings (ms) of one sequential pass.
    pub fn of(samples_ms: &[f64]) -> Latency {
        let total: f64 = samples_ms.iter().sum();
        Latency {
            p50: percentile(samples_ms, 50.0),
            p95: percentile(samples_ms, 95.0),
            p99: percentile(samples_ms, 99.0),
            qps: if total > 0.0 {
                samples_ms.len() as f64 * 1000.0 / total
            } else {
                0.0
            },
        }
    }

    /// The field-wise median of several passes.
    pub fn median_of(passes: &[Latency]) -> Latency {
        let pick = |f: fn(&Latency) -> f64| median(&passes.iter().map(f).collect::<Vec<_>>());
        Latency {
            p50: pick(|l| l.p50),
            p95: pick(|l| l.p95),
            p99: pick(|l| l.p99),
            qps: pick(|l| l.qps),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank() {
        let s: Vec<f64> = (1..=100).map(f64::from).collect();
        assert_eq!(percentile(&s, 50.0), 50.0);
        assert_eq!(percentile(&s, 99.0), 99.0);
        assert_eq!(percentile(&[], 50.0), 0.0);
        assert_eq!(median(&[3.0, 1.0, 2.0]), 2.0);
    }
}
