//! Opening (or creating) an index with Warta's analysis registered and its
//! schema version checked.

use crate::error::IndexError;
use crate::read_directory::ReadOnDemandDirectory;
use crate::schema::{self, Fields, RAW_LOWER};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tantivy::tokenizer::{LowerCaser, RawTokenizer, TextAnalyzer};
use tantivy::Index;
use warta_analysis::{AnalysisSettings, Analyzer, WartaTokenizer, TOKENIZER_NAME};

/// Version of the schema and analysis this build writes. Bump it whenever
/// either changes: Tantivy cannot evolve a schema, and terms analysed by
/// an older analyzer would silently stop matching. (2: surface forms are
/// indexed beside stems; 3: words are indexed as forms alone, their stems
/// filed in the stem table; 4: story ids and copy fingerprints, outlets
/// filed by key, `pemilu` kept whole.)
pub const SCHEMA_VERSION: u32 = 4;

/// Bytes of stored articles compressed together. Every hit shown loads its
/// article, which decompresses its whole block, so blocks smaller than
/// Tantivy's default (16 KiB) make searches faster for a slightly larger
/// index. Indexes keep the block size they were created with, so this
/// needs no schema version.
const DOCSTORE_BLOCK_BYTES: usize = 4096;

/// File in the index directory that records the schema version.
const VERSION_FILE: &str = "warta-schema-version";

/// File in the index directory that records the analysis settings it was
/// built with (stemming exceptions, CJK dictionary).
const ANALYSIS_FILE: &str = "warta-analysis-settings";

/// An open index with its field handles and the analyzer it was built with.
#[derive(Clone)]
pub struct IndexHandle {
    /// The Tantivy index.
    pub index: Index,
    /// Handles to the schema's fields.
    pub fields: Fields,
    /// The analyzer registered for the text fields, shared with the query planner.
    pub analyzer: Arc<Analyzer>,
    /// Where the index lives.
    pub dir: PathBuf,
}

/// Opens the index at `dir`; creates it first when `create` is true and no
/// index exists there yet.
pub fn open_index(
    dir: &Path,
    analyzer: Arc<Analyzer>,
    create: bool,
) -> Result<IndexHandle, IndexError> {
    let exists = dir.join("meta.json").is_file();
    let mut index = if exists {
        check_version(dir)?;
        if !check_analysis(dir, &analyzer)? {
            // An index from before the settings were recorded: they are
            // taken to be this run's from now on.
            write_analysis(dir, &analyzer)?;
        }
        Index::open_in_dir(dir)?
    } else if create {
        std::fs::create_dir_all(dir).map_err(|source| IndexError::Io {
            context: format!("creating {}", dir.display()),
            source,
        })?;
        // The version file goes first: `meta.json` is what marks an index
        // as existing, so a crash between the two must not leave a
        // `meta.json` without a version (which every later run refuses).
        std::fs::write(dir.join(VERSION_FILE), SCHEMA_VERSION.to_string()).map_err(|source| {
            IndexError::Io {
                context: format!("writing the schema version into {}", dir.display()),
                source,
            }
        })?;
        write_analysis(dir, &analyzer)?;
        let (schema, _) = schema::build();
        Index::builder()
            .schema(schema)
            .settings(tantivy::IndexSettings {
                docstore_blocksize: DOCSTORE_BLOCK_BYTES,
                ..Default::default()
            })
            .create_in_dir(dir)?
    } else {
        return Err(IndexError::Missing(dir.to_path_buf()));
    };
    // Writers compress stored articles on the indexing thread that filled
    // the block, not on a compressor thread of their own: with small blocks
    // the hand-off costs two context switches a block, and with every core
    // indexing the extra thread buys no parallelism. The setting decides
    // how segments are written, never what they hold, so it applies to
    // indexes made before it too.
    index.settings_mut().docstore_compress_dedicated_thread = false;
    finish_opening(index, analyzer, dir)
}

/// Opens the existing index at `dir` for searching only. Postings,
/// positions and stored documents are read on demand rather than mapped
/// (see [`ReadOnDemandDirectory`]), so a long-running server's resident
/// memory stays near what its searches use.
pub fn open_index_for_search(
    dir: &Path,
    analyzer: Arc<Analyzer>,
) -> Result<IndexHandle, IndexError> {
    if !dir.join("meta.json").is_file() {
        return Err(IndexError::Missing(dir.to_path_buf()));
    }
    check_version(dir)?;
    if !check_analysis(dir, &analyzer)? {
        tracing::warn!(
            "the index at {} does not record the analysis it was built with: \
             search it with the same --stem-exceptions and --cjk-dict as when it was built",
            dir.display()
        );
    }
    let directory = ReadOnDemandDirectory::open(dir).map_err(tantivy::TantivyError::from)?;
    let index = Index::open(directory)?;
    finish_opening(index, analyzer, dir)
}

fn finish_opening(
    index: Index,
    analyzer: Arc<Analyzer>,
    dir: &Path,
) -> Result<IndexHandle, IndexError> {
    register_tokenizers(&index, analyzer.clone());
    let fields = Fields::from_schema(&index.schema())?;
    Ok(IndexHandle {
        index,
        fields,
        analyzer,
        dir: dir.to_path_buf(),
    })
}

fn check_version(dir: &Path) -> Result<(), IndexError> {
    let found = std::fs::read_to_string(dir.join(VERSION_FILE))
        .map(|s| s.trim().to_string())
        .unwrap_or_else(|_| "none".to_string());
    if found == SCHEMA_VERSION.to_string() {
        Ok(())
    } else {
        Err(IndexError::SchemaVersion {
            path: dir.to_path_buf(),
            found,
            expected: SCHEMA_VERSION,
        })
    }
}

/// Whether the index at `dir` records its analysis settings (an error when
/// they differ from `analyzer`'s).
fn check_analysis(dir: &Path, analyzer: &Analyzer) -> Result<bool, IndexError> {
    let Ok(text) = std::fs::read_to_string(dir.join(ANALYSIS_FILE)) else {
        return Ok(false);
    };
    let recorded = AnalysisSettings::from_lines(&text).ok_or_else(|| IndexError::Analysis {
        path: dir.to_path_buf(),
        difference: format!("its {ANALYSIS_FILE} file cannot be read"),
    })?;
    match recorded.difference(&analyzer.settings()) {
        None => Ok(true),
        Some(difference) => Err(IndexError::Analysis {
            path: dir.to_path_buf(),
            difference,
        }),
    }
}

fn write_analysis(dir: &Path, analyzer: &Analyzer) -> Result<(), IndexError> {
    std::fs::write(dir.join(ANALYSIS_FILE), analyzer.settings().to_lines()).map_err(|source| {
        IndexError::Io {
            context: format!("writing the analysis settings into {}", dir.display()),
            source,
        }
    })
}

fn register_tokenizers(index: &Index, analyzer: Arc<Analyzer>) {
    index
        .tokenizers()
        .register(TOKENIZER_NAME, WartaTokenizer::new(analyzer));
    let raw_lower = || {
        TextAnalyzer::builder(RawTokenizer::default())
            .filter(LowerCaser)
            .build()
    };
    index.tokenizers().register(RAW_LOWER, raw_lower());
    index
        .fast_field_tokenizer()
        .register(RAW_LOWER, raw_lower());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_indexes_compress_stored_articles_in_small_blocks(
    ) -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let handle = open_index(
            &dir.path().join("index"),
            Arc::new(Analyzer::default()),
            true,
        )?;
        assert_eq!(
            handle.index.settings().docstore_blocksize,
            DOCSTORE_BLOCK_BYTES
        );
        assert!(!handle.index.settings().docstore_compress_dedicated_thread);
        Ok(())
    }

    #[test]
    fn an_index_refuses_other_analysis_settings_than_it_was_built_with(
    ) -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let index = dir.path().join("index");
        drop(open_index(&index, Arc::new(Analyzer::default()), true)?);
        let mut stemmer = warta_analysis::stem_id::IndonesianStemmer::new();
        stemmer.add_exception("jokowi", None);
        let other = Arc::new(Analyzer::new(stemmer));
        for result in [
            open_index(&index, Arc::clone(&other), true).map(drop),
            open_index_for_search(&index, other).map(drop),
        ] {
            match result {
                Err(IndexError::Analysis { difference, .. }) => {
                    assert!(difference.contains("this run has 1"), "{difference}")
                }
                other => panic!("expected a refusal, got {:?}", other.map(|_| ())),
            }
        }
        // The same settings open it, and so does an index that predates them.
        drop(open_index(&index, Arc::new(Analyzer::default()), true)?);
        std::fs::remove_file(index.join(ANALYSIS_FILE))?;
        drop(open_index_for_search(
            &index,
            Arc::new(Analyzer::default()),
        )?);
        Ok(())
    }
}
