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

/// Copies the index in `from` to `to` (replacing whatever is there), so the
/// incremental test can grow a copy and leave the measured index as built.
/// Tantivy's lock files are left behind: a copy starts unlocked.
pub fn copy_index(from: &Path, to: &Path) -> Result<()> {
    if to.exists() {
        std::fs::remove_dir_all(to).with_context(|| format!("removing {}", to.display()))?;
    }
    std::fs::create_dir_all(to).with_context(|| format!("creating {}", to.display()))?;
    for entry in std::fs::read_dir(from).with_context(|| format!("reading {}", from.display()))? {
        let entry = entry?;
        let name = entry.file_name();
        if name.to_string_lossy().ends_with(".lock") || !entry.file_type()?.is_file() {
            continue;
        }
        std::fs::copy(entry.path(), to.join(&name))
            .with_context(|| format!("copying {}", entry.path().display()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{build, copy_index};
    use warta_analysis::langid::Lang;
    use warta_ingest::Article;

    fn article(id: &str) -> Article {
        Article {
            id: id.to_string(),
            title: format!("Berita {id}"),
            body: "Pengguna menggunakan aplikasi untuk berkomunikasi.".to_string(),
            original: None,
            date: None,
            source: None,
            url: None,
            lang: Lang::Id,
            path: format!("test:{id}"),
        }
    }

    fn docs(dir: &std::path::Path) -> u64 {
        let engine = warta_search::TantivyEngine::open(dir, super::analyzer()).expect("open");
        warta_search::SearchBackend::num_docs(&engine).expect("count")
    }

    #[test]
    fn growing_a_copy_leaves_the_index_as_built() {
        let root = tempfile::tempdir().expect("tempdir");
        let (index, copy) = (root.path().join("warta"), root.path().join("copy"));
        let budget = 16 * 1024 * 1024;
        build(&index, ["a", "b"].map(article).into_iter(), 1, budget, 100).expect("build");
        copy_index(&index, &copy).expect("copy");
        build(&copy, ["c"].map(article).into_iter(), 1, budget, 100).expect("add");
        assert_eq!(docs(&index), 2);
        assert_eq!(docs(&copy), 3);
        // A second copy replaces the first, grown one.
        copy_index(&index, &copy).expect("copy again");
        assert_eq!(docs(&copy), 2);
        // Tantivy leaves its lock files in the index; the copy has none.
        assert!(index.join(".tantivy-writer.lock").exists());
        assert!(!copy.join(".tantivy-writer.lock").exists());
    }
}
