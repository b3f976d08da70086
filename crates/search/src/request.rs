//! A search request: the query text plus the options a user sets beside it.
//! The CLI, the API and the page all build this one type.

use crate::error::SearchError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::str::FromStr;
use warta_analysis::langid::Lang;

/// Longest query accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 2_000;
/// Most hits on one page.
pub const MAX_PER_PAGE: usize = 100;
/// Deepest hit reachable by paging (page × per_page); deeper pages are
/// refused because each costs a top-k of that size.
pub const MAX_PAGE_WINDOW: usize = 10_000;

/// Whether every word must match, or any.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "snake_case")]
pub enum MatchMode {
    /// Every word must occur (the default, what a journalist expects).
    #[default]
    All,
    /// Any word may occur; more matching words rank higher (for long or pasted queries).
    Any,
}

/// How hits are ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "snake_case")]
pub enum SortOrder {
    /// Best match first (BM25, title boosted).
    #[default]
    Relevance,
    /// Newest first; undated articles last.
    Date,
}

/// Whether query words are also searched in the other language.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "snake_case")]
pub enum Translate {
    /// Translate the words the lexicon knows when the query's language is
    /// clear (the default).
    #[default]
    Auto,
    /// Search the words as typed only.
    Off,
}

impl Translate {
    /// The choice as a parameter writes it (`auto`, `off`).
    pub fn as_str(self) -> &'static str {
        match self {
            Translate::Auto => "auto",
            Translate::Off => "off",
        }
    }
}

impl FromStr for Translate {
    type Err = SearchError;

    fn from_str(value: &str) -> Result<Translate, SearchError> {
        choice(
            "xl",
            value,
            &[("auto", Translate::Auto), ("off", Translate::Off)],
        )
    }
}

/// A closed choice read from text (`match=any`, `sort=date`), whose error
/// names the choices.
fn choice<T: Copy>(name: &str, value: &str, choices: &[(&str, T)]) -> Result<T, SearchError> {
    let wanted = value.trim().to_ascii_lowercase();
    choices
        .iter()
        .find(|(text, _)| *text == wanted)
        .map(|(_, choice)| *choice)
        .ok_or_else(|| {
            let names: Vec<&str> = choices.iter().map(|(text, _)| *text).collect();
            SearchError::parameter(format!(
                "{name} must be {}, not {value:?}",
                names.join(" or ")
            ))
        })
}

impl MatchMode {
    /// The mode as a parameter writes it (`all`, `any`).
    pub fn as_str(self) -> &'static str {
        match self {
            MatchMode::All => "all",
            MatchMode::Any => "any",
        }
    }
}

impl SortOrder {
    /// The order as a parameter writes it (`relevance`, `date`).
    pub fn as_str(self) -> &'static str {
        match self {
            SortOrder::Relevance => "relevance",
            SortOrder::Date => "date",
        }
    }
}

impl FromStr for MatchMode {
    type Err = SearchError;

    fn from_str(value: &str) -> Result<MatchMode, SearchError> {
        choice(
            "match",
            value,
            &[("all", MatchMode::All), ("any", MatchMode::Any)],
        )
    }
}

impl FromStr for SortOrder {
    type Err = SearchError;

    fn from_str(value: &str) -> Result<SortOrder, SearchError> {
        choice(
            "sort",
            value,
            &[
                ("relevance", SortOrder::Relevance),
                ("date", SortOrder::Date),
            ],
        )
    }
}

/// Everything a search needs; the same for the CLI, the API and the page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchRequest {
    /// The query text in Warta's query language.
    pub query: String,
    /// All words or any word.
    #[serde(default)]
    pub match_mode: MatchMode,
    /// Only this language.
    #[serde(default)]
    pub lang: Option<Lang>,
    /// Only this outlet.
    #[serde(default)]
    pub source: Option<String>,
    /// Published on or after this day.
    #[serde(default)]
    pub from: Option<NaiveDate>,
    /// Published on or before this day.
    #[serde(default)]
    pub to: Option<NaiveDate>,
    /// Ordering.
    #[serde(default)]
    pub sort: SortOrder,
    /// Whether words are also searched in the other language.
    #[serde(default)]
    pub xl: Translate,
    /// 1-based page number.
    pub page: usize,
    /// Hits per page.
    pub per_page: usize,
}

impl SearchRequest {
    /// A request for the first page of `query` with the default options.
    pub fn new(query: impl Into<String>) -> Self {
        SearchRequest {
            query: query.into(),
            match_mode: MatchMode::All,
            lang: None,
            source: None,
            from: None,
            to: None,
            sort: SortOrder::Relevance,
            xl: Translate::Auto,
            page: 1,
            per_page: 10,
        }
    }

    /// Checks the options (not the query text, which the parser checks).
    pub fn validate(&self) -> Result<(), SearchError> {
        let bad = |m: String| Err(SearchError::InvalidParameter(m));
        if self.per_page == 0 || self.per_page > MAX_PER_PAGE {
            return bad(format!(
                "per_page must be between 1 and {MAX_PER_PAGE}, not {}",
                self.per_page
            ));
        }
        if self.page == 0 {
            return bad("page starts at 1".to_string());
        }
        if self.page.saturating_mul(self.per_page) > MAX_PAGE_WINDOW {
            return bad(format!(
                "results past the first {MAX_PAGE_WINDOW} cannot be paged to; narrow the query or filters"
            ));
        }
        if let (Some(from), Some(to)) = (self.from, self.to) {
            if from > to {
                return bad(format!("from ({from}) is after to ({to})"));
            }
        }
        Ok(())
    }

    /// The index of the first hit of this request's page.
    pub fn offset(&self) -> usize {
        (self.page - 1) * self.per_page
    }
}

/// Parses a `YYYY-MM-DD` date parameter, naming the parameter on error.
pub fn parse_date(name: &str, value: &str) -> Result<NaiveDate, SearchError> {
    NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d").map_err(|_| {
        SearchError::InvalidParameter(format!(
            "{name} must be a date like 2015-12-31, not {value:?}"
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choices_read_case_and_space_insensitively_and_name_themselves() {
        assert_eq!(" ANY ".parse::<MatchMode>().ok(), Some(MatchMode::Any));
        assert_eq!("date".parse::<SortOrder>().ok(), Some(SortOrder::Date));
        let err = "random".parse::<SortOrder>().map(|_| ()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "sort must be relevance or date, not \"random\""
        );
    }
}
