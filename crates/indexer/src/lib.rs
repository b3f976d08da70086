//! The Tantivy side of Warta: the schema, opening an index with Warta's
//! analysis registered, and the one writer that adds and updates articles.
//!
//! This is the only crate that owns an `IndexWriter`. The server never
//! does, so `warta index` can run while `warta serve` answers searches.

mod document;
mod error;
mod open;
mod read_directory;
mod schema;
mod stem_table;
mod stories;
mod writer;

pub use error::IndexError;
pub use open::{open_index, open_index_for_search, IndexHandle, SCHEMA_VERSION};
pub use read_directory::ReadOnDemandDirectory;
pub use schema::{Fields, RAW_LOWER};
pub use stem_table::{StemGroup, StemTable};
pub use writer::{AddOutcome, IndexStats, Indexer, IndexerOptions};
