//! `warta serve`'s threads as batch work for the Linux scheduler.
//!
//! Under load every thread of the server is CPU-bound, and with the normal
//! policy each wake-up (a search handing its answer to the async worker,
//! the worker handing a request to a search thread) pre-empts whatever runs
//! on that core, so a request paid for two or three context switches, each
//! dear on a VM. `SCHED_BATCH` threads do not pre-empt on waking: they run
//! when a core frees up or at the next tick, and a woken thread on an idle
//! core still runs at once (what it saves is measured in BENCHMARKS.md,
//! "Figures behind the code").

/// Puts the calling thread, and so every thread it creates from now on
/// (they inherit the policy), under `SCHED_BATCH` at nice 0.
/// Failing is not fatal: the server only runs with the normal policy.
#[cfg(target_os = "linux")]
pub fn enter() {
    use thread_priority::{
        set_thread_priority_and_policy, thread_native_id, NormalThreadSchedulePolicy,
        ThreadPriority, ThreadPriorityOsValue, ThreadSchedulePolicy,
    };
    let batch = ThreadSchedulePolicy::Normal(NormalThreadSchedulePolicy::Batch);
    // The crate sets the nice value with the policy: the OS value 0 is nice 0.
    let nice_zero = ThreadPriority::Os(ThreadPriorityOsValue::default());
    if let Err(err) = set_thread_priority_and_policy(thread_native_id(), nice_zero, batch) {
        tracing::warn!("could not run the server's threads as SCHED_BATCH: {err:?}");
    }
}

/// Other systems have no batch policy; their scheduler is left as it is.
#[cfg(not(target_os = "linux"))]
pub fn enter() {}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use thread_priority::{
        thread_schedule_policy, NormalThreadSchedulePolicy, ThreadSchedulePolicy,
    };

    #[test]
    fn the_thread_and_those_it_spawns_run_as_batch() {
        let policies = std::thread::spawn(|| {
            super::enter();
            let own = thread_schedule_policy().expect("own policy");
            let child = std::thread::spawn(|| thread_schedule_policy().expect("child policy"))
                .join()
                .expect("join");
            (own, child)
        })
        .join()
        .expect("join");
        let batch = ThreadSchedulePolicy::Normal(NormalThreadSchedulePolicy::Batch);
        assert_eq!(policies, (batch, batch));
    }
}
