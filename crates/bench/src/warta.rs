//! Warta's side: building through the real indexer, searching through the
//! real engine.

use anyhow::{Context, Result};
use std::path::Path;
use std::sync::Arc;
use warta_analysis::Analyzer;
use warta_indexer::{IndexStats, Indexer, IndexerOptions};
use warta_ingest::Article;

/// The analyzer `warta serve` and `warta search` use (no stemming exceptions).
pub fn analyzer() -> Arc<Analyzer> {
    Arc::new(Analyzer::new(
        warta_analysis::stem_id::IndonesianStemmer::new(),
    ))
}

/// Adds `articles` to the Warta index in `dir` (created if missing) through
/// [`Indexer`], exactly as `warta index` does; returns the indexer's counts
/// and (articles read, bytes of text).
pub fn build(
    dir: &Path,
    articles: impl Iterator<Item = Article>,
    threads: usize,
    memory_budget: usize,
    commit_every: usize,
) -> Result<(IndexStats, u64, u64)> {
    let options = IndexerOptions {
        memory_budget,
        threads: Some(threads),
        commit_every,
    };
    let mut indexer = Indexer::open(dir, analyzer(), &options)
        .with_context(|| format!("opening the Warta index at {}", dir.display()))?;
    let (mut count, mut bytes) = (0u64, 0u64);
    for article in articles {
        count += 1;
        bytes += crate::corpus::text_bytes(&article);
        indexer.add(&article)?;
    }
    let stats = indexer.finish()?;
    Ok((stats, count, bytes))
}
