//! Query-string parameters, typed: each is read into its own type (an
//! untouched form field, an empty string, means "not given"), and the
//! [`Params`] extractor's rejection is Warta's JSON error naming the
//! parameter, so handlers never parse by hand.

use crate::error::ApiError;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use chrono::NaiveDate;
use serde::de::{DeserializeOwned, Deserializer, Error as _};
use serde::{Deserialize, Serialize};
use std::str::FromStr;
use warta_search::{Collapse, Lang, MatchMode, SearchRequest, SortOrder, Translate, Typo};

/// Hits per page when the caller does not say.
pub(crate) const DEFAULT_PER_PAGE: usize = 10;

/// Query-string parameters of type `T`, or a 400 naming the one that is wrong.
pub struct Params<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Params<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, ApiError> {
        parse_query(parts.uri.query().unwrap_or_default()).map(Params)
    }
}

/// Reads a query string into `T`; the error names the parameter.
pub(crate) fn parse_query<T: DeserializeOwned>(query: &str) -> Result<T, ApiError> {
    let deserializer =
        serde_urlencoded::Deserializer::new(form_urlencoded::parse(query.as_bytes()));
    serde_path_to_error::deserialize(deserializer).map_err(|err| {
        let path = err.path().to_string();
        let inner = err.into_inner();
        if path == "." {
            ApiError::parameter(format!("the query string cannot be read: {inner}"))
        } else {
            ApiError::parameter(format!("{path} {inner}"))
        }
    })
}

/// A value read from one parameter, with what it must look like.
pub(crate) trait ParamValue: Sized {
    /// What a valid value looks like, for the error message.
    const EXPECTED: &'static str;
    /// The value `text` stands for, if valid.
    fn read(text: &str) -> Option<Self>;
}

impl ParamValue for String {
    const EXPECTED: &'static str = "text";
    fn read(text: &str) -> Option<String> {
        Some(text.to_string())
    }
}

impl ParamValue for usize {
    const EXPECTED: &'static str = "a whole number";
    fn read(text: &str) -> Option<usize> {
        text.parse().ok()
    }
}

impl ParamValue for NaiveDate {
    const EXPECTED: &'static str = "a date like 2015-12-31";
    fn read(text: &str) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
    }
}

impl ParamValue for Lang {
    const EXPECTED: &'static str = "id, en or other (or indonesian, english, inggris…)";
    fn read(text: &str) -> Option<Lang> {
        Lang::from_str(text).ok()
    }
}

impl ParamValue for MatchMode {
    const EXPECTED: &'static str = "all or any";
    fn read(text: &str) -> Option<MatchMode> {
        MatchMode::from_str(text).ok()
    }
}

impl ParamValue for Translate {
    const EXPECTED: &'static str = "auto or off";
    fn read(text: &str) -> Option<Translate> {
        Translate::from_str(text).ok()
    }
}

impl ParamValue for Typo {
    const EXPECTED: &'static str = "auto or off";
    fn read(text: &str) -> Option<Typo> {
        Typo::from_str(text).ok()
    }
}

impl ParamValue for Collapse {
    const EXPECTED: &'static str = "on or off";
    fn read(text: &str) -> Option<Collapse> {
        Collapse::from_str(text).ok()
    }
}

impl ParamValue for SortOrder {
    const EXPECTED: &'static str = "relevance, date or oldest";
    fn read(text: &str) -> Option<SortOrder> {
        SortOrder::from_str(text).ok()
    }
}

/// A parameter that may be absent or blank (both mean "not given").
pub(crate) fn optional<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: ParamValue,
{
    let text: Option<String> = Option::deserialize(deserializer)?;
    match text.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(value) => T::read(value)
            .map(Some)
            .ok_or_else(|| D::Error::custom(format!("must be {}, not {value:?}", T::EXPECTED))),
    }
}

/// Parameters of `/api/search`, the exports and `/search`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// The query, in Warta's query language.
    #[serde(default, deserialize_with = "optional")]
    pub q: Option<String>,
    /// `all` (default) or `any`.
    #[serde(rename = "match", default, deserialize_with = "optional")]
    #[param(rename = "match", value_type = Option<String>)]
    pub match_mode: Option<MatchMode>,
    /// Language filter: `id`, `en` or `other`.
    #[serde(default, deserialize_with = "optional")]
    #[param(value_type = Option<String>)]
    pub lang: Option<Lang>,
    /// Outlet filter.
    #[serde(default, deserialize_with = "optional")]
    pub source: Option<String>,
    /// Earliest publication day, `YYYY-MM-DD`.
    #[serde(default, deserialize_with = "optional")]
    #[param(value_type = Option<String>, format = Date)]
    pub from: Option<NaiveDate>,
    /// Latest publication day, `YYYY-MM-DD`.
    #[serde(default, deserialize_with = "optional")]
    #[param(value_type = Option<String>, format = Date)]
    pub to: Option<NaiveDate>,
    /// `relevance` (default; by date when there are no words), `date`
    /// (newest first) or `oldest`.
    #[serde(default, deserialize_with = "optional")]
    #[param(value_type = Option<String>)]
    pub sort: Option<SortOrder>,
    /// `on` (default: one hit per story, copies counted) or `off`.
    #[serde(default, deserialize_with = "optional")]
    #[param(value_type = Option<String>)]
    pub collapse: Option<Collapse>,
    /// `auto` (default: words the lexicon knows are searched in the other
    /// language too) or `off` (the words as typed only).
    #[serde(default, deserialize_with = "optional")]
    #[param(value_type = Option<String>)]
    pub xl: Option<Translate>,
    /// `auto` (default: a word no article holds, or one far rarer than a
    /// near spelling, also matches its likeliest near spellings) or `off`
    /// (the words as typed only; `suggestion` still offers a respelling).
    #[serde(default, deserialize_with = "optional")]
    #[param(value_type = Option<String>)]
    pub typo: Option<Typo>,
    /// Page number, from 1.
    #[serde(default, deserialize_with = "optional")]
    pub page: Option<usize>,
    /// Hits per page, 1 to 100 (for an export: rows, 1 to 1,000).
    #[serde(default, deserialize_with = "optional")]
    pub per_page: Option<usize>,
    /// Interface language of the HTML page: `id` or `en`.
    #[serde(default, deserialize_with = "optional")]
    pub ui: Option<String>,
}

impl SearchParams {
    /// Whether these parameters ask for a search: words, or a filter to
    /// list the articles it matches by date.
    pub(crate) fn is_search(&self) -> bool {
        self.q.is_some()
            || self.lang.is_some()
            || self.source.is_some()
            || self.from.is_some()
            || self.to.is_some()
    }

    /// The search request these parameters describe, checked.
    pub(crate) fn to_request(&self) -> Result<SearchRequest, ApiError> {
        let query = self.q.clone().unwrap_or_default();
        let request = SearchRequest {
            query,
            match_mode: self.match_mode.unwrap_or_default(),
            lang: self.lang,
            source: self.source.clone(),
            from: self.from,
            to: self.to,
            sort: self.sort.unwrap_or_default(),
            xl: self.xl.unwrap_or_default(),
            typo: self.typo.unwrap_or_default(),
            collapse: self.collapse.unwrap_or_default(),
            page: self.page.unwrap_or(1),
            per_page: self.per_page.unwrap_or(DEFAULT_PER_PAGE),
        };
        request.validate()?;
        Ok(request)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blanks_are_absent_and_values_are_typed() {
        let p: SearchParams =
            parse_query("q=+banjir+&match=&lang=Inggris&from=2019-09-01&page=2").expect("params");
        assert_eq!(p.q.as_deref(), Some("banjir"));
        assert_eq!(p.match_mode, None);
        assert_eq!(p.lang, Some(Lang::En));
        assert_eq!(p.from, NaiveDate::from_ymd_opt(2019, 9, 1));
        assert_eq!(p.page, Some(2));
    }

    #[test]
    fn errors_name_the_parameter_and_what_it_takes() {
        let cases = [
            (
                "per_page=abc",
                "per_page must be a whole number, not \"abc\"",
            ),
            (
                "from=yesterday",
                "from must be a date like 2015-12-31, not \"yesterday\"",
            ),
            ("match=some", "match must be all or any, not \"some\""),
            (
                "sort=random",
                "sort must be relevance, date or oldest, not \"random\"",
            ),
        ];
        for (query, message) in cases {
            let err = parse_query::<SearchParams>(query).expect_err(query);
            assert_eq!(err.message, message, "{query}");
        }
    }
}
