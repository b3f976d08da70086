//! What every handler shares: the search engine over the index.

use crate::Engine;
use std::path::Path;
use std::sync::Arc;
use warta_analysis::Analyzer;
use warta_search::{SearchEngine, SearchError};

/// Shared state of the service.
#[derive(Clone)]
pub struct AppState {
    /// The read-only engine; it reloads on every commit of the index.
    pub engine: Engine,
}

impl AppState {
    /// Opens the index at `dir` with Warta's default analysis.
    pub fn open(dir: &Path) -> Result<AppState, SearchError> {
        Self::with_analyzer(dir, Arc::new(Analyzer::default()))
    }

    /// Opens the index at `dir` with the analysis it was built with
    /// (stemming exceptions, CJK dictionary).
    pub fn with_analyzer(dir: &Path, analyzer: Arc<Analyzer>) -> Result<AppState, SearchError> {
        let engine = SearchEngine::open(dir, analyzer)?;
        Ok(AppState {
            engine: Arc::new(engine),
        })
    }

    /// Runs blocking search work off the async threads. Work still queued
    /// for a thread when its request is dropped (the client went away, or
    /// the request timed out) is skipped rather than run for no one, so a
    /// burst that times out does not keep the cores busy after it.
    pub(crate) async fn blocking<T, F>(&self, work: F) -> Result<T, crate::error::ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&SearchEngine) -> Result<T, SearchError> + Send + 'static,
    {
        let engine = self.engine.clone();
        let (reply, answer) = tokio::sync::oneshot::channel();
        let task = tokio::task::spawn_blocking(move || {
            if !reply.is_closed() {
                // The receiver may go between the check and the send; the
                // result is then dropped, as nobody waits for it.
                let _ = reply.send(work(&engine));
            }
        });
        match answer.await {
            Ok(result) => result.map_err(Into::into),
            Err(_) => Err(crate::error::ApiError::internal(match task.await {
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

    #[test]
    fn work_abandoned_while_queued_is_skipped() {
        let dir = tempfile::tempdir().expect("tempdir");
        let index = dir.path().join("index");
        let options = IndexerOptions {
            threads: Some(1),
            memory_budget: 16 * 1024 * 1024,
            ..IndexerOptions::default()
        };
        Indexer::open(&index, Arc::new(Analyzer::default()), &options)
            .expect("writer")
            .finish()
            .expect("commit");
        let state = AppState::open(&index).expect("open");
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
                        .blocking(move |engine| {
                            let _ = started.send(());
                            let _ = held.recv();
                            engine.num_docs()
                        })
                        .await
                }
            });
            running.recv().expect("the first work runs");
            let queued = state.blocking({
                let ran = ran.clone();
                move |engine| {
                    ran.store(true, Ordering::SeqCst);
                    engine.num_docs()
                }
            });
            let timed_out = tokio::time::timeout(Duration::from_millis(50), queued).await;
            assert!(timed_out.is_err(), "the queued work cannot have run yet");
            release.send(()).expect("release");
            assert_eq!(first.await.expect("join").expect("first"), 0);
            // The queued task has had the thread by now, and skipped.
            let after = state.blocking(|engine| engine.num_docs()).await;
            assert_eq!(after.expect("after"), 0);
        });
        assert!(!ran.load(Ordering::SeqCst), "abandoned work ran");
    }
}
