//! What every handler shares: the search backend.

use crate::error::ApiError;
use std::sync::Arc;
use warta_search::{SearchBackend, SearchError};

/// Shared state of the service.
#[derive(Clone)]
pub struct AppState {
    /// The backend every handler asks: the embedded index or a cluster.
    pub backend: Arc<dyn SearchBackend>,
}

impl AppState {
    /// State serving `backend`.
    pub fn new(backend: Arc<dyn SearchBackend>) -> AppState {
        AppState { backend }
    }

    /// Runs blocking search work off the async threads. Work still queued
    /// for a thread when its request is dropped (the client went away, or
    /// the request timed out) is skipped rather than run for no one, so a
    /// burst that times out does not keep the cores busy after it.
    pub(crate) async fn blocking<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&dyn SearchBackend) -> Result<T, SearchError> + Send + 'static,
    {
        let backend = Arc::clone(&self.backend);
        let (reply, answer) = tokio::sync::oneshot::channel();
        let task = tokio::task::spawn_blocking(move || {
            if !reply.is_closed() {
                // The receiver may go between the check and the send; the
                // result is then dropped, as nobody waits for it.
                let _ = reply.send(work(backend.as_ref()));
            }
        });
        match answer.await {
            Ok(result) => result.map_err(Into::into),
            Err(_) => Err(ApiError::internal(match task.await {
                Err(join) => format!("search task failed: {join}"),
                Ok(()) => "search task ended without an answer".to_string(),
            })),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::AppState;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::{mpsc, Arc};
    use std::time::Duration;
    use warta_analysis::Analyzer;
    use warta_indexer::{Indexer, IndexerOptions};
    use warta_search::TantivyEngine;

    #[test]
    fn work_abandoned_while_queued_is_skipped() {
        let dir = tempfile::tempdir().expect("tempdir");
        let index = dir.path().join("index");
        let options = IndexerOptions {
            threads: Some(1),
            memory_budget: 16 * 1024 * 1024,
            ..IndexerOptions::default()
        };
        let analyzer = Arc::new(Analyzer::default());
        Indexer::open(&index, Arc::clone(&analyzer), &options)
            .expect("writer")
            .finish()
            .expect("commit");
        let engine = TantivyEngine::open(&index, analyzer).expect("open");
        let state = AppState::new(Arc::new(engine));
        // One blocking thread, held by the first piece of work until the
        // second has been abandoned in the queue behind it.
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .max_blocking_threads(1)
            .enable_all()
            .build()
            .expect("runtime");
        let (release, held) = mpsc::channel::<()>();
        let (started, running) = mpsc::channel::<()>();
        let ran = Arc::new(AtomicBool::new(false));
        runtime.block_on(async {
            let first = tokio::spawn({
                let state = state.clone();
                async move {
                    state
                        .blocking(move |backend| {
                            let _ = started.send(());
                            let _ = held.recv();
                            backend.num_docs()
                        })
                        .await
                }
            });
            running.recv().expect("the first work runs");
            let queued = state.blocking({
                let ran = ran.clone();
                move |backend| {
                    ran.store(true, Ordering::SeqCst);
                    backend.num_docs()
                }
            });
            let timed_out = tokio::time::timeout(Duration::from_millis(50), queued).await;
            assert!(timed_out.is_err(), "the queued work cannot have run yet");
            release.send(()).expect("release");
            assert_eq!(first.await.expect("join").expect("first"), 0);
            // The queued task has had the thread by now, and skipped.
            let after = state.blocking(|backend| backend.num_docs()).await;
            assert_eq!(after.expect("after"), 0);
        });
        assert!(!ran.load(Ordering::SeqCst), "abandoned work ran");
    }
}
