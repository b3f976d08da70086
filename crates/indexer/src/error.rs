//! Errors of opening and writing an index.

use std::path::PathBuf;

/// What can go wrong opening or writing a Warta index.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    /// No index exists at the given directory.
    #[error("no Warta index at {0}: build one with `warta index`")]
    Missing(PathBuf),
    /// Another process holds the index writer lock.
    #[error("the index at {0} is busy: another `warta index` is writing to it")]
    Busy(PathBuf),
    /// The index was built by a Warta with another schema.
    #[error("the index at {path} has schema version {found}, this Warta needs {expected}: rebuild it into a new directory")]
    SchemaVersion {
        /// The index directory.
        path: PathBuf,
        /// The version recorded in the index.
        found: String,
        /// The version this build writes and reads.
        expected: u32,
    },
    /// The index was built with other analysis settings than this run's.
    #[error("the index at {path} cannot be used with these analysis settings: {difference}")]
    Analysis {
        /// The index directory.
        path: PathBuf,
        /// How the settings differ.
        difference: String,
    },
    /// A file-system error outside Tantivy (creating the directory, say).
    #[error("{context}: {source}")]
    Io {
        /// What Warta was doing.
        context: String,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// An error reported by Tantivy.
    #[error("index error: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
}
