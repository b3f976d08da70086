//! Coverage over time in the API: `/api/timeline` answers one search's
//! matches per period, or with `q` repeated (up to four) several searches
//! over the same periods; `/api/timeline.csv` gives the same as rows.

use crate::error::{ApiError, ErrorBody};
use crate::export::{csv_row, spreadsheet_safe, Flag};
use crate::params::{optional, parse_query, ParamValue, SearchParams};
use crate::state::AppState;
use axum::extract::{RawQuery, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use std::str::FromStr;
use warta_search::{Comparison, IntervalChoice, SearchRequest, Series, MAX_COMPARED};

impl ParamValue for IntervalChoice {
    const EXPECTED: &'static str = "auto, day, week, month or year";
    fn read(text: &str) -> Option<IntervalChoice> {
        IntervalChoice::from_str(text).ok()
    }
}

/// What a timeline adds to a search's parameters (`q` may be repeated).
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TimelineParams {
    /// `auto` (default: the interval that suits the span of the dates),
    /// `day`, `week` (Monday to Sunday), `month` or `year`. At most 5,000
    /// periods.
    #[serde(default, deserialize_with = "optional")]
    #[param(value_type = Option<String>)]
    pub interval: Option<IntervalChoice>,
    /// `true` adds each period's `share`: its count over all the archive's
    /// articles of the period that the filters let through.
    #[serde(default, deserialize_with = "optional")]
    #[param(value_type = Option<bool>)]
    pub normalise: Option<Flag>,
}

/// A timeline request read from a query string.
pub(crate) struct TimelineQuery {
    /// The search parameters, `q` left out.
    pub(crate) params: SearchParams,
    /// Each `q` given (none: the filters alone).
    pub(crate) queries: Vec<String>,
    /// The interval asked for.
    pub(crate) interval: IntervalChoice,
    /// Whether shares of the archive are asked for.
    pub(crate) normalised: bool,
}

impl TimelineQuery {
    /// Reads `raw`: every `q` (blank ones ignored), then the rest as a
    /// search's and a timeline's parameters.
    pub(crate) fn read(raw: &str) -> Result<TimelineQuery, ApiError> {
        let mut queries = Vec::new();
        let mut rest = form_urlencoded::Serializer::new(String::new());
        for (key, value) in form_urlencoded::parse(raw.as_bytes()) {
            if key == "q" {
                if !value.trim().is_empty() {
                    queries.push(value.trim().to_string());
                }
            } else {
                rest.append_pair(&key, &value);
            }
        }
        if queries.len() > MAX_COMPARED {
            return Err(ApiError::parameter(format!(
                "at most {MAX_COMPARED} queries (q) can be compared, not {}",
                queries.len()
            )));
        }
        let rest = rest.finish();
        let params: SearchParams = parse_query(&rest)?;
        let extra: TimelineParams = parse_query(&rest)?;
        Ok(TimelineQuery {
            params,
            queries,
            interval: extra.interval.unwrap_or_default(),
            normalised: extra.normalise.is_some_and(|f| f.0),
        })
    }

    /// The search of each query, checked (the filters alone when no `q`).
    pub(crate) fn requests(&self) -> Result<Vec<SearchRequest>, ApiError> {
        if self.queries.is_empty() {
            return Ok(vec![self.params.to_request()?]);
        }
        self.queries
            .iter()
            .map(|q| {
                SearchParams {
                    q: Some(q.clone()),
                    ..self.params.clone()
                }
                .to_request()
            })
            .collect()
    }
}

/// The comparison (or single timeline, as one series) `query` asks for.
async fn compared(state: &AppState, query: &TimelineQuery) -> Result<Comparison, ApiError> {
    let requests = query.requests()?;
    let (interval, normalised) = (query.interval, query.normalised);
    state
        .blocking(move |backend| backend.compare(&requests, interval, normalised))
        .await
}

/// Matching articles per day, week, month or year: with one `q`, a
/// `Timeline`; with `q` repeated (2 to 4), a `Comparison` whose series
/// share their periods.
#[utoipa::path(get, path = "/api/timeline", params(SearchParams, TimelineParams),
    responses((status = 200, body = warta_search::Timeline,
        description = "One search; with q repeated, a Comparison instead"),
        (status = 400, body = ErrorBody)))]
pub async fn timeline(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let query = TimelineQuery::read(raw.as_deref().unwrap_or_default())?;
    if query.queries.len() > 1 {
        return Ok(Json(compared(&state, &query).await?).into_response());
    }
    let request = query.requests()?.remove(0);
    let (interval, normalised) = (query.interval, query.normalised);
    let timeline = state
        .blocking(move |backend| backend.timeline(&request, interval, normalised))
        .await?;
    Ok(Json(timeline).into_response())
}

/// The CSV columns of a timeline.
const CSV_HEADER: [&str; 7] = [
    "query", "interval", "start", "end", "articles", "stories", "share",
];

/// The rows of `series`: one per period, then its undated matches (`start`
/// and `end` empty, `interval` `undated`).
fn series_rows(interval: &str, series: &Series) -> Vec<[String; 7]> {
    let mut rows: Vec<[String; 7]> = series
        .buckets
        .iter()
        .map(|b| {
            [
                spreadsheet_safe(&series.q),
                interval.to_string(),
                b.start.to_string(),
                b.end.to_string(),
                b.count.to_string(),
                b.stories.to_string(),
                b.share.map(|s| format!("{s:.6}")).unwrap_or_default(),
            ]
        })
        .collect();
    if series.undated > 0 {
        rows.push([
            spreadsheet_safe(&series.q),
            "undated".to_string(),
            String::new(),
            String::new(),
            series.undated.to_string(),
            String::new(),
            String::new(),
        ]);
    }
    rows
}

/// The timeline (or comparison) as CSV: `query, interval, start, end,
/// articles, stories, share`, a row per period and series, and a row of
/// each series' undated matches.
#[utoipa::path(get, path = "/api/timeline.csv", params(SearchParams, TimelineParams),
    responses((status = 200, content_type = "text/csv", body = String),
        (status = 400, body = ErrorBody)))]
pub async fn timeline_csv(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let query = TimelineQuery::read(raw.as_deref().unwrap_or_default())?;
    let comparison = compared(&state, &query).await?;
    let mut written = Vec::new();
    csv_row(&mut written, &CSV_HEADER);
    for series in &comparison.series {
        for row in series_rows(comparison.interval.as_str(), series) {
            csv_row(&mut written, &row);
        }
    }
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"warta-timeline.csv\"",
            ),
        ],
        written,
    )
        .into_response())
}
