//! What a search returns: the JSON shape of the API and `warta search --json`.

use crate::highlight::Highlighted;
use crate::query::{QueryNode, Rewrites};
use serde::{Serialize, Serializer};
use std::collections::BTreeMap;
use warta_analysis::langid::Lang;

/// One page of results with facet counts over the whole result set.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SearchResults {
    /// The query as typed.
    pub query: String,
    /// The parsed query tree (what Warta understood).
    #[schema(value_type = Object)]
    pub parsed: QueryNode,
    /// What rewrite passes changed in the query.
    #[serde(flatten)]
    pub rewrites: Rewrites,
    /// Articles matching, over all pages.
    pub total: usize,
    /// Distinct stories among them (copies of one story count once).
    pub stories: usize,
    /// Whether copies of one story show as one hit.
    pub collapsed: bool,
    /// Time spent searching, in milliseconds.
    pub took_ms: f64,
    /// This page's number, from 1.
    pub page: usize,
    /// Hits per page.
    pub per_page: usize,
    /// The hits of this page.
    pub hits: Vec<Hit>,
    /// Counts by language, source and year over all matching articles.
    pub facets: Facets,
    /// When every word matched too few articles, how the search widened
    /// to articles with most of the words (ranked below those with all).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relaxed: Option<Relaxation>,
}

/// An all-words search widened because it found few articles.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Relaxation {
    /// Articles with every word (ranked first).
    pub all_words: usize,
    /// Fewest of the words an article now matches.
    pub min_words: usize,
    /// The query's words, as each hit's `missing` names them.
    pub words: Vec<String>,
}

/// One matching article.
#[derive(Debug, Clone, Serialize, PartialEq, utoipa::ToSchema)]
pub struct Hit {
    /// Article id (for `/api/articles/{id}`).
    pub id: String,
    /// Headline.
    pub title: String,
    /// Publication date, ISO 8601, when known.
    pub date: Option<String>,
    /// Outlet as the source wrote it.
    pub source: Option<String>,
    /// The outlet's name as Warta shows it.
    pub outlet: Option<String>,
    /// Address of the article.
    pub url: Option<String>,
    /// Language code.
    #[schema(value_type = String)]
    pub lang: Lang,
    /// Relevance score (absent when sorted by date).
    pub score: Option<f32>,
    /// A passage of the body with its matches marked; in JSON, HTML-escaped
    /// with matches wrapped in `<mark>`.
    #[serde(serialize_with = "as_html")]
    #[schema(value_type = String)]
    pub snippet: Highlighted,
    /// Words of the query this article lacks (only in a widened search).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<String>,
    /// The story the article belongs to (for `/api/stories/{story}`).
    pub story: String,
    /// Copies of the story in the archive, this one included (1 when it
    /// has no copies).
    pub copies: u32,
    /// Where and when some of the story's other copies ran, earliest
    /// first (`/api/stories/{story}` lists every copy in full).
    pub other_copies: Vec<CopySeen>,
}

/// Where and when a copy of a story ran, as a hit lists it (from the
/// index's fast fields: no stored article is read).
#[derive(Debug, Clone, Serialize, PartialEq, utoipa::ToSchema)]
pub struct CopySeen {
    /// The outlet's name.
    pub outlet: Option<String>,
    /// Publication date, ISO 8601, when known.
    pub date: Option<String>,
    /// Language code.
    #[schema(value_type = String)]
    pub lang: Lang,
}

/// A copy of a story: where and when it ran.
#[derive(Debug, Clone, Serialize, PartialEq, utoipa::ToSchema)]
pub struct Copy {
    /// Article id.
    pub id: String,
    /// Headline.
    pub title: String,
    /// The outlet's name.
    pub outlet: Option<String>,
    /// Publication date, ISO 8601, when known.
    pub date: Option<String>,
    /// Address of the article.
    pub url: Option<String>,
    /// Language code.
    #[schema(value_type = String)]
    pub lang: Lang,
}

/// A snippet as the API has always sent it: escaped HTML with `<mark>`s.
fn as_html<S: Serializer>(snippet: &Highlighted, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&snippet.to_html())
}

/// Facet counts, each sorted by key.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq, utoipa::ToSchema)]
pub struct Facets {
    /// Articles per language code.
    pub lang: BTreeMap<String, u64>,
    /// Articles per outlet, by the outlet's key (`source=` takes it).
    pub source: BTreeMap<String, u64>,
    /// Each counted outlet's name, by its key.
    pub outlet_names: BTreeMap<String, String>,
    /// Articles per publication year.
    pub year: BTreeMap<String, u64>,
}

impl Facets {
    /// The counts of several parts (segments) added up: what every facet
    /// collector's `merge_fruits` does.
    pub fn sum(parts: Vec<Facets>) -> Facets {
        let mut all = Facets::default();
        for part in parts {
            for (target, counts) in [
                (&mut all.lang, part.lang),
                (&mut all.source, part.source),
                (&mut all.year, part.year),
            ] {
                for (key, count) in counts {
                    *target.entry(key).or_default() += count;
                }
            }
            all.outlet_names.extend(part.outlet_names);
        }
        all
    }
}
