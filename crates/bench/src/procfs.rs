//! Process measurements read from `/proc`: peak and current RSS, CPU time
//! (this process's, another's, and its waited-for children's).

/// A `kB` value from a `/proc/<pid>/status` line such as `VmHWM:`, in kB.
pub fn status_kb(pid: &str, key: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find(|l| l.starts_with(key))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

/// CPU seconds (user + system, all threads, living and exited) this process used.
pub fn self_cpu_secs() -> Option<f64> {
    pid_cpu_secs("self")
}

/// CPU seconds process `pid` has used: `warta serve`'s share of an HTTP
/// measurement, read while it runs.
pub fn pid_cpu_secs(pid: &str) -> Option<f64> {
    stat_clock_ticks(pid, 11, 12)
}

/// CPU seconds of this process's children that have exited and been waited
/// for (the load generator's share of an HTTP measurement, once wrk ends).
pub fn children_cpu_secs() -> Option<f64> {
    stat_clock_ticks("self", 13, 14)
}

/// The sum of two clock-tick fields of `/proc/<pid>/stat`, in seconds;
/// `first` and `second` count from the field after the command name.
fn stat_clock_ticks(pid: &str, first: usize, second: usize) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the command name (which may hold spaces) start at ')'.
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // utime, stime, cutime and cstime are fields 14 to 17 of the whole
    // line: 11 to 14 here. The kernel counts them in ticks of 1/100 s.
    let a: f64 = fields.get(first)?.parse().ok()?;
    let b: f64 = fields.get(second)?.parse().ok()?;
    Some((a + b) / 100.0)
}

/// Total size of the files under `dir`, in bytes.
pub fn dir_size(dir: &std::path::Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .filter_map(Result::ok)
        .map(|e| match e.metadata() {
            Ok(m) if m.is_dir() => dir_size(&e.path()),
            Ok(m) => m.len(),
            Err(_) => 0,
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::{children_cpu_secs, pid_cpu_secs, self_cpu_secs};

    #[test]
    fn cpu_time_grows_with_work_and_children_count_once_waited_for() {
        // Spin until the kernel has counted at least five ticks of this
        // process's CPU (however busy the machine is), within a bound.
        let before = self_cpu_secs().expect("own CPU time");
        let started = std::time::Instant::now();
        let mut x = 0u64;
        let mut after = before;
        while after - before < 0.05 && started.elapsed() < std::time::Duration::from_secs(20) {
            for _ in 0..100_000 {
                x = x.wrapping_mul(6364136223846793005).wrapping_add(1);
            }
            after = self_cpu_secs().expect("own CPU time");
        }
        assert!(x != 7, "keeps the loop");
        assert!(after - before >= 0.05, "{before} -> {after}");
        let own = std::process::id().to_string();
        assert!(pid_cpu_secs(&own).expect("by pid") >= after);

        // A busy child's time shows once it has been waited for; a child
        // too short for one tick is run again, a bounded number of times.
        let children = children_cpu_secs().expect("children's CPU time");
        let mut grown = 0.0;
        for _ in 0..20 {
            let status = std::process::Command::new("sh")
                .arg("-c")
                .arg("i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done")
                .status()
                .expect("sh");
            assert!(status.success());
            grown = children_cpu_secs().expect("children's CPU time") - children;
            if grown > 0.0 {
                break;
            }
        }
        assert!(grown > 0.0, "a waited-for child's CPU time counts: {grown}");
    }
}
