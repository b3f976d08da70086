//! Searching a Warta index: user query text → Warta's own query tree
//! ([`QueryNode`], serialisable for saved searches, export and explanations)
//! → a Tantivy query, run with ranking, filters, facets and snippets.

mod analyze;
mod date_filter;
mod date_order;
mod engine;
mod error;
mod facets;
mod forms;
mod parse;
mod passage_finder;
mod plan;
mod request;
mod results;
mod snippet;
mod stem_index;
mod tree;

pub use analyze::{analyze_report, AnalyzeReport, AnalyzedToken, FieldTokens};
pub use engine::{escape_html, SearchEngine};
pub use error::SearchError;
pub use facets::{year_span, FacetCache, FacetCollector, SegmentFacets};
pub use parse::parse_query;
pub use plan::Tuning;
pub use request::{
    parse_date, MatchMode, SearchRequest, SortOrder, MAX_PAGE_WINDOW, MAX_PER_PAGE, MAX_QUERY_CHARS,
};
pub use results::{snippet_as_text, Facets, Hit, SearchResults};
pub use tree::{QueryNode, TextScope};
