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

    /// Runs blocking search work off the async threads.
    pub(crate) async fn blocking<T, F>(&self, work: F) -> Result<T, crate::error::ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&SearchEngine) -> Result<T, SearchError> + Send + 'static,
    {
        let engine = self.engine.clone();
        match tokio::task::spawn_blocking(move || work(&engine)).await {
            Ok(result) => result.map_err(Into::into),
            Err(join) => Err(crate::error::ApiError::internal(format!(
                "search task failed: {join}"
            ))),
        }
    }
}
