//! An article as a backend hands it back: what the page and the API show.
//!
//! It lives here, beside the backend contract, because every backend (the
//! embedded Tantivy index, a remote cluster) produces it and the server
//! renders it without knowing which did.

use serde::Serialize;
use warta_analysis::langid::Lang;

/// An article as read back from an index, for display and the API.
#[derive(Debug, Clone, Serialize, PartialEq, utoipa::ToSchema)]
pub struct StoredArticle {
    /// The article id.
    pub id: String,
    /// Headline.
    pub title: String,
    /// Clean body, paragraphs separated by a blank line.
    pub body: String,
    /// Publication date as stated (local wall-clock time), ISO 8601.
    pub date: Option<String>,
    /// Outlet as written by the source.
    pub source: Option<String>,
    /// The outlet's name as Warta shows it ("Tribunnews" for
    /// `tribunnews.com`).
    pub outlet: Option<String>,
    /// The story the article belongs to: the id of the story's first
    /// article (its own id when it copies none).
    pub story: String,
    /// Address of the article.
    pub url: Option<String>,
    /// Language code.
    #[schema(value_type = String)]
    pub lang: Lang,
    /// Where it was read from.
    pub path: String,
    /// The raw source text, when the source was a page.
    pub original: Option<String>,
}
