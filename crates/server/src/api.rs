//! The JSON API: search, export, articles, analysis, health and OpenAPI.

use crate::error::{ApiError, ErrorBody};
use crate::params::SearchParams;
use crate::state::AppState;
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use warta_analysis::langid::{detect, Lang};
use warta_search::{
    analyze_report, snippet_as_text, AnalyzeReport, Hit, SearchResults, MAX_PER_PAGE,
};

/// Most rows one export returns.
pub const MAX_EXPORT_ROWS: usize = 1_000;
/// Longest text `/api/analyze` accepts, in bytes.
const MAX_ANALYZE_BYTES: usize = 20_000;

/// The API's routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/api/search", get(search))
        .route("/api/search.csv", get(export_csv))
        .route("/api/search.json", get(export_json))
        .route("/api/articles/{id}", get(article))
        .route("/api/analyze", get(analyze))
        .route("/api/openapi.json", get(crate::openapi::document))
}

/// Turns axum's query-string rejection into Warta's JSON error.
fn params<T>(query: Result<Query<T>, QueryRejection>) -> Result<T, ApiError> {
    query
        .map(|Query(p)| p)
        .map_err(|rejection| ApiError::parameter(rejection.body_text()))
}

/// Liveness and index size.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Health {
    /// Always `ok` when the service answers.
    pub status: &'static str,
    /// Articles in the index.
    pub articles: u64,
}

/// Liveness check with the number of indexed articles.
#[utoipa::path(get, path = "/healthz", responses((status = 200, body = Health)))]
pub async fn healthz(State(state): State<AppState>) -> Result<Json<Health>, ApiError> {
    let articles = state.blocking(|engine| engine.num_docs()).await?;
    Ok(Json(Health {
        status: "ok",
        articles,
    }))
}

/// Searches the archive.
#[utoipa::path(get, path = "/api/search", params(SearchParams),
    responses((status = 200, body = SearchResults), (status = 400, body = ErrorBody)))]
pub async fn search(
    State(state): State<AppState>,
    query: Result<Query<SearchParams>, QueryRejection>,
) -> Result<Response, ApiError> {
    let request = params(query)?.to_request()?;
    // The JSON is written on the search thread, so the results are freed
    // by the thread that allocated them, and the async thread only sends
    // bytes (about 4 % more searches a second over HTTP at 100k articles).
    // The buffer is allocated here, on the thread that frees it once sent.
    let mut body = Vec::with_capacity(SEARCH_JSON_BYTES);
    let body = state
        .blocking(move |engine| {
            let results = engine.search(&request)?;
            Ok(serde_json::to_writer(&mut body, &results).map(|()| body))
        })
        .await?
        .map_err(|e| ApiError::internal(format!("writing JSON: {e}")))?;
    Ok(([(header::CONTENT_TYPE, "application/json")], body).into_response())
}

/// Room first made for a page of results as JSON: ten hits with their
/// snippets and the facets take 5 to 7 kB.
const SEARCH_JSON_BYTES: usize = 8 * 1024;

/// Runs the export's search, up to [`MAX_EXPORT_ROWS`] hits from the start
/// (`per_page` sets how many, default 100), and renders them with `render`
/// on the search thread, so a long export does not hold up the async
/// thread that serves every connection.
async fn export<R>(state: &AppState, params: SearchParams, render: R) -> Result<Vec<u8>, ApiError>
where
    R: FnOnce(&[Hit]) -> Result<Vec<u8>, String> + Send + 'static,
{
    let wanted = match params
        .per_page
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty())
    {
        None => 100,
        Some(v) => v
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=MAX_EXPORT_ROWS).contains(n))
            .ok_or_else(|| {
                ApiError::parameter(format!(
                    "per_page must be between 1 and {MAX_EXPORT_ROWS} for an export, not {v:?}"
                ))
            })?,
    };
    let mut request = SearchParams {
        per_page: None,
        page: None,
        ..params
    }
    .to_request()?;
    request.per_page = MAX_PER_PAGE.min(wanted);
    state
        .blocking(move |engine| {
            let mut hits = Vec::new();
            while hits.len() < wanted {
                let page = engine.search(&request)?;
                let done = page.hits.len() < request.per_page;
                hits.extend(page.hits);
                if done {
                    break;
                }
                request.page += 1;
            }
            hits.truncate(wanted);
            Ok(render(&hits))
        })
        .await?
        .map_err(ApiError::internal)
}

/// Exports a result set as CSV (bounded), for spreadsheets.
#[utoipa::path(get, path = "/api/search.csv", params(SearchParams),
    responses((status = 200, content_type = "text/csv", body = String), (status = 400, body = ErrorBody)))]
pub async fn export_csv(
    State(state): State<AppState>,
    query: Result<Query<SearchParams>, QueryRejection>,
) -> Result<Response, ApiError> {
    let body = export(&state, params(query)?, csv_of).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"warta-results.csv\"",
            ),
        ],
        body,
    )
        .into_response())
}

/// The hits as CSV rows under a header row.
fn csv_of(hits: &[Hit]) -> Result<Vec<u8>, String> {
    let csv_error = |e: csv::Error| format!("writing CSV: {e}");
    let mut writer = csv::Writer::from_writer(Vec::new());
    let header = [
        "id", "title", "date", "source", "url", "lang", "score", "snippet",
    ];
    writer.write_record(header).map_err(csv_error)?;
    for hit in hits {
        writer
            .write_record([
                hit.id.as_str(),
                &spreadsheet_safe(&hit.title),
                hit.date.as_deref().unwrap_or(""),
                &spreadsheet_safe(hit.source.as_deref().unwrap_or("")),
                hit.url.as_deref().unwrap_or(""),
                hit.lang.as_str(),
                &hit.score.map(|s| s.to_string()).unwrap_or_default(),
                &spreadsheet_safe(&snippet_as_text(&hit.snippet, "", "")),
            ])
            .map_err(csv_error)?;
    }
    writer.into_inner().map_err(|e| format!("writing CSV: {e}"))
}

/// Exports a result set as a JSON array of hits (bounded).
#[utoipa::path(get, path = "/api/search.json", params(SearchParams),
    responses((status = 200, body = Vec<Hit>), (status = 400, body = ErrorBody)))]
pub async fn export_json(
    State(state): State<AppState>,
    query: Result<Query<SearchParams>, QueryRejection>,
) -> Result<Response, ApiError> {
    let body = export(&state, params(query)?, |hits| {
        serde_json::to_vec(hits).map_err(|e| format!("writing JSON: {e}"))
    })
    .await?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/json"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"warta-results.json\"",
            ),
        ],
        body,
    )
        .into_response())
}

/// Keeps a spreadsheet from running a cell as a formula (CSV injection).
fn spreadsheet_safe(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// One whole article.
#[utoipa::path(get, path = "/api/articles/{id}", params(("id" = String, Path, description = "Article id")),
    responses((status = 200, body = warta_indexer::StoredArticle), (status = 404, body = ErrorBody)))]
pub async fn article(
    State(state): State<AppState>,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<warta_indexer::StoredArticle>, ApiError> {
    // A malformed id (invalid UTF-8 after percent-decoding) is a JSON 400
    // like every other bad parameter, not axum's plain-text rejection.
    let Path(id) = id.map_err(|rejection| ApiError::parameter(rejection.body_text()))?;
    Ok(Json(
        state.blocking(move |engine| engine.article(&id)).await?,
    ))
}

/// Parameters of `/api/analyze`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AnalyzeParams {
    /// The text to analyse.
    pub text: Option<String>,
    /// `id`, `en` or `auto` (default).
    pub lang: Option<String>,
}

/// The tokens each analysed field gets for a text (like Elasticsearch's `_analyze`).
#[utoipa::path(get, path = "/api/analyze", params(AnalyzeParams),
    responses((status = 200, body = AnalyzeReport), (status = 400, body = ErrorBody)))]
pub async fn analyze(
    State(state): State<AppState>,
    query: Result<Query<AnalyzeParams>, QueryRejection>,
) -> Result<Json<AnalyzeReport>, ApiError> {
    let p = params(query)?;
    let text = p
        .text
        .filter(|t| !t.is_empty())
        .ok_or_else(|| ApiError::parameter("text is required"))?;
    if text.len() > MAX_ANALYZE_BYTES {
        return Err(ApiError::parameter(format!(
            "text is {} bytes; the limit is {MAX_ANALYZE_BYTES}",
            text.len()
        )));
    }
    let lang = match p.lang.as_deref().unwrap_or("auto") {
        "auto" | "" => detect(&text),
        code => Lang::from_code(code).ok_or_else(|| {
            ApiError::parameter(format!("lang must be id, en or auto, not {code:?}"))
        })?,
    };
    // Analysing up to 20 kB is CPU work: it runs where searches do.
    let report = state
        .blocking(move |engine| Ok(analyze_report(&engine.handle().analyzer, &text, lang)))
        .await?;
    Ok(Json(report))
}
