//! Searching Warta's articles: user query text → Warta's own query tree
//! ([`QueryNode`], serialisable for saved searches, exports and
//! explanations) → rewrite passes → a backend's engine query, run with
//! ranking, filters, facets and highlighted snippets.
//!
//! The front ends hold a [`SearchBackend`]; [`TantivyEngine`] is the
//! embedded one.
//!
//! ```no_run
//! use std::sync::Arc;
//! use warta_search::{SearchBackend, SearchRequest, TantivyEngine};
//!
//! let analyzer = Arc::new(warta_analysis::Analyzer::default());
//! let engine = TantivyEngine::open("index/warta-v4".as_ref(), analyzer)?;
//! let results = engine.search(&SearchRequest::new("banjir jakarta"))?;
//! for hit in &results.hits {
//!     println!("{}: {}", hit.title, hit.snippet.to_text("[", "]"));
//! }
//! # Ok::<(), warta_search::SearchError>(())
//! ```

mod analyze;
mod article;
mod backend;
mod engine;
mod error;
mod export;
pub mod highlight;
pub mod query;
mod request;
mod results;
mod suggest;
mod timeline;

pub use analyze::{analyze_report, AnalyzeReport, AnalyzedToken, FieldTokens};
pub use article::StoredArticle;
pub use backend::{MarkedArticle, SearchBackend, MAX_STORY_COPIES};
#[cfg(feature = "internals")]
pub use engine::{year_span, FacetCache, FacetCollector, SegmentFacets};
pub use engine::{TantivyEngine, Tuning};
pub use error::SearchError;
pub use export::{
    check_rows, export_by_pages, ExportRow, ExportSink, DEFAULT_EXPORT_ROWS, EXPORT_BATCH,
    MAX_EXPORT_ROWS,
};
pub use highlight::{escape_html, Highlighted};
pub use query::{parse_query, QueryNode, TextScope};
pub use request::{
    parse_date, Collapse, MatchMode, SearchRequest, SortOrder, Translate, Typo, MAX_PAGE_WINDOW,
    MAX_PER_PAGE, MAX_QUERY_CHARS,
};
pub use results::{Copy, CopySeen, Facets, Hit, Relaxation, SearchResults};
pub use suggest::{Suggestion, SuggestionKind, DEFAULT_SUGGESTIONS, MAX_SUGGESTIONS};
pub use timeline::{
    Bucket, Comparison, DayCounts, Interval, IntervalChoice, Series, Timeline, MAX_BUCKETS,
    MAX_COMPARED,
};
pub use warta_analysis::langid::Lang;
pub use warta_ingest::outlet::{outlet_key, outlet_name};
