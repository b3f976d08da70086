//! The analysis settings every command shares. Index and query must be
//! analysed alike, so `index`, `search`, `serve` and `analyze` all take the
//! same flags (or environment variables).

use anyhow::{Context, Result};
use std::path::PathBuf;
use std::sync::Arc;
use warta_analysis::cjk::CjkSegmenter;
use warta_analysis::stem_id::IndonesianStemmer;
use warta_analysis::Analyzer;

/// Flags that change how text is analysed.
#[derive(clap::Args)]
pub struct AnalysisArgs {
    /// A file of Indonesian stemming exceptions (`word<TAB>root`, or `word`
    /// to keep it whole). Use the same file when indexing and searching.
    #[arg(long, global = true, env = "WARTA_STEM_EXCEPTIONS")]
    stem_exceptions: Option<PathBuf>,
    /// A lindera dictionary directory (see scripts/build-cjk-dict.sh) for
    /// segmenting Chinese and Japanese; without it CJK text is indexed as
    /// character bigrams. Needs a build with the `cjk` feature.
    #[arg(long, global = true, env = "WARTA_CJK_DICT")]
    cjk_dict: Option<PathBuf>,
}

impl AnalysisArgs {
    /// The analyzer these settings describe.
    pub fn analyzer(&self) -> Result<Arc<Analyzer>> {
        let mut stemmer = IndonesianStemmer::new();
        if let Some(path) = &self.stem_exceptions {
            let n = stemmer
                .load_exceptions(path)
                .with_context(|| format!("reading stemming exceptions from {}", path.display()))?;
            eprintln!("loaded {n} stemming exceptions from {}", path.display());
        }
        let mut analyzer = Analyzer::new(stemmer);
        if let Some(dir) = &self.cjk_dict {
            let segmenter = CjkSegmenter::from_dir(dir)
                .with_context(|| format!("loading the CJK dictionary from {}", dir.display()))?;
            analyzer = analyzer.with_cjk(segmenter);
        }
        Ok(Arc::new(analyzer))
    }
}
