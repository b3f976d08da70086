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
    /// Oldest first; undated articles last.
    Oldest,
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

/// Whether a word the index does not know well also matches its near
/// spellings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "snake_case")]
pub enum Typo {
    /// A word in no article, or far rarer than a near spelling, also
    /// matches its likeliest near spellings (the default).
    #[default]
    Auto,
    /// Words match as typed only; a likelier spelling is only suggested.
    Off,
}

impl Typo {
    /// The choice as a parameter writes it (`auto`, `off`).
    pub fn as_str(self) -> &'static str {
        match self {
            Typo::Auto => "auto",
            Typo::Off => "off",
        }
    }
}

impl FromStr for Typo {
    type Err = SearchError;

    fn from_str(value: &str) -> Result<Typo, SearchError> {
        choice("typo", value, &[("auto", Typo::Auto), ("off", Typo::Off)])
    }
}

/// Whether copies of one story show as one hit.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "snake_case")]
pub enum Collapse {
    /// One hit per story: its best-ranked copy (by date, its first), with
    /// the number of copies (the default).
    #[default]
    On,
    /// Every copy is a hit of its own.
    Off,
}

impl Collapse {
    /// The choice as a parameter writes it (`on`, `off`).
    pub fn as_str(self) -> &'static str {
        match self {
            Collapse::On => "on",
            Collapse::Off => "off",
        }
    }
}

impl FromStr for Collapse {
    type Err = SearchError;

    fn from_str(value: &str) -> Result<Collapse, SearchError> {
        choice(
            "collapse",
            value,
            &[("on", Collapse::On), ("off", Collapse::Off)],
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
            let names = match names.split_last() {
                Some((last, [])) => last.to_string(),
                Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
                None => String::new(),
            };
            SearchError::parameter(format!("{name} must be {names}, not {value:?}"))
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
            SortOrder::Oldest => "oldest",
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
                ("oldest", SortOrder::Oldest),
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
    /// Whether misspelled words also match their near spellings.
    #[serde(default)]
    pub typo: Typo,
    /// Whether copies of one story show as one hit.
    #[serde(default)]
    pub collapse: Collapse,
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
            typo: Typo::Auto,
            collapse: Collapse::On,
            page: 1,
            per_page: 10,
        }
    }

    /// Whether the request only browses: no words, only filters (the
    /// matching articles are listed by date).
    pub fn is_browse(&self) -> bool {
        self.query.trim().is_empty()
    }

    /// Whether a language, outlet or date filter is set.
    pub fn has_filters(&self) -> bool {
        self.lang.is_some() || self.source.is_some() || self.from.is_some() || self.to.is_some()
    }

    /// The order hits come in: by date, newest first, when browsing.
    pub fn order(&self) -> SortOrder {
        if self.is_browse() && self.sort == SortOrder::Relevance {
            SortOrder::Date
        } else {
            self.sort
        }
    }

    /// Checks the options (not the query text, which the parser checks).
    pub fn validate(&self) -> Result<(), SearchError> {
        let bad = |m: String| Err(SearchError::InvalidParameter(m));
        if self.is_browse() && !self.has_filters() {
            return bad("q is required (the words to search for), unless a filter (lang, source, from, to) is set".to_string());
        }
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
            "sort must be relevance, date or oldest, not \"random\""
        );
    }
}
