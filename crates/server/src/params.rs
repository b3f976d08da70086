//! Query-string parameters of the search endpoints and page, turned into a
//! [`SearchRequest`] with errors that name the parameter.

use crate::error::ApiError;
use serde::{Deserialize, Serialize};
use warta_search::{parse_date, MatchMode, SearchRequest, SortOrder};

/// Hits per page when the caller does not say.
pub(crate) const DEFAULT_PER_PAGE: usize = 10;

/// Parameters of `/api/search`, `/api/search.csv`, `/api/search.json` and `/search`.
/// Every field is text so that a malformed value gets Warta's own error
/// naming the parameter, not a generic rejection.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// The query, in Warta's query language.
    pub q: Option<String>,
    /// `all` (default) or `any`.
    #[serde(rename = "match")]
    #[param(rename = "match")]
    pub match_mode: Option<String>,
    /// Language filter: `id`, `en` or `other`.
    pub lang: Option<String>,
    /// Outlet filter.
    pub source: Option<String>,
    /// Earliest publication day, `YYYY-MM-DD`.
    pub from: Option<String>,
    /// Latest publication day, `YYYY-MM-DD`.
    pub to: Option<String>,
    /// `relevance` (default) or `date`.
    pub sort: Option<String>,
    /// Page number, from 1.
    pub page: Option<String>,
    /// Hits per page, 1 to 100.
    pub per_page: Option<String>,
    /// Interface language of the HTML page: `id` or `en`.
    pub ui: Option<String>,
}

/// Empty strings (an untouched form field) mean "not given".
fn given(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

fn number(name: &str, value: Option<&str>, default: usize) -> Result<usize, ApiError> {
    match value {
        None => Ok(default),
        Some(v) => v
            .parse::<usize>()
            .map_err(|_| ApiError::parameter(format!("{name} must be a whole number, not {v:?}"))),
    }
}

impl SearchParams {
    /// The query text, or an error when there is none.
    pub(crate) fn query(&self) -> Option<&str> {
        given(&self.q)
    }

    /// The search request these parameters describe.
    pub(crate) fn to_request(&self) -> Result<SearchRequest, ApiError> {
        let query = self
            .query()
            .ok_or_else(|| ApiError::parameter("q is required: the words to search for"))?;
        let match_mode = match given(&self.match_mode) {
            None | Some("all") => MatchMode::All,
            Some("any") => MatchMode::Any,
            Some(other) => {
                return Err(ApiError::parameter(format!(
                    "match must be all or any, not {other:?}"
                )))
            }
        };
        let sort = match given(&self.sort) {
            None | Some("relevance") => SortOrder::Relevance,
            Some("date") => SortOrder::Date,
            Some(other) => {
                return Err(ApiError::parameter(format!(
                    "sort must be relevance or date, not {other:?}"
                )))
            }
        };
        let request = SearchRequest {
            query: query.to_string(),
            match_mode,
            lang: given(&self.lang).map(str::to_lowercase),
            source: given(&self.source).map(str::to_string),
            from: given(&self.from)
                .map(|d| parse_date("from", d))
                .transpose()?,
            to: given(&self.to).map(|d| parse_date("to", d)).transpose()?,
            sort,
            page: number("page", given(&self.page), 1)?,
            per_page: number("per_page", given(&self.per_page), DEFAULT_PER_PAGE)?,
        };
        request.validate()?;
        Ok(request)
    }
}
