//! Highlighting: which words of a text a query matched, as data (a text
//! and its marked byte ranges, like Tantivy's `Snippet`), rendered to HTML
//! in one place.
//!
//! Every backend builds its snippets and marks its article pages with the
//! one [`Highlighter`] here, from the terms its planner looked up, so the
//! marks a hit's snippet shows are the marks its article page shows.
//! Plain-text consumers (CSV, the terminal) read [`Highlighted::to_text`]
//! and never un-escape HTML.

mod highlighter;
mod marks;
mod passage_finder;
mod window;

pub use highlighter::{DocFreqs, HighlightTerms, Highlighter};
pub use marks::{escape_html, Highlighted};
pub use window::SNIPPET_CHARS;
pub(crate) use window::{lead_of, snippet_source};
