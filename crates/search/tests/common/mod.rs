//! Building small test indexes from JSON Lines records, the way
//! `warta index` does.

use std::path::Path;
use std::sync::Arc;
use warta_analysis::Analyzer;
use warta_indexer::{Indexer, IndexerOptions};
use warta_ingest::{read_sources, Item};

/// Writes `records` to `name` beside `index` and indexes them into `index`
/// in one writer session (one commit, so at least one new segment).
pub fn index_records(index: &Path, name: &str, records: &[&str]) -> anyhow::Result<()> {
    let file = index.with_file_name(name);
    std::fs::write(&file, records.join("\n"))?;
    let mut indexer = Indexer::open(
        index,
        Arc::new(Analyzer::default()),
        &IndexerOptions::default(),
    )?;
    for item in read_sources(&[file]) {
        if let Item::Article(article) = item {
            indexer.add(&article)?;
        }
    }
    indexer.finish()?;
    Ok(())
}
