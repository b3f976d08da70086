//! The JSON API: search, export, articles, analysis and health.

use crate::error::{ApiError, ErrorBody};
use crate::params::{optional, Params, SearchParams};
use crate::state::AppState;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use warta_search::{
    export, AnalyzeReport, Hit, Lang, SearchResults, StoredArticle, DEFAULT_EXPORT_ROWS,
    MAX_EXPORT_ROWS,
};

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
    let articles = state.blocking(|backend| backend.num_docs()).await?;
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
    Params(params): Params<SearchParams>,
) -> Result<Response, ApiError> {
    let request = params.to_request()?;
    // The JSON is written on the search thread, so the results are freed
    // by the thread that allocated them, and the async thread only sends
    // bytes. The buffer is allocated here, on the thread that frees it
    // once sent.
    let mut body = Vec::with_capacity(SEARCH_JSON_BYTES);
    let body = state
        .blocking(move |backend| {
            let results = backend.search(&request)?;
            Ok(serde_json::to_writer(&mut body, &results).map(|()| body))
        })
        .await?
        .map_err(|e| ApiError::internal(format!("writing JSON: {e}")))?;
    Ok(([(header::CONTENT_TYPE, "application/json")], body).into_response())
}

/// Room first made for a page of results as JSON: ten hits with their
/// snippets and the facets take 5 to 7 kB.
const SEARCH_JSON_BYTES: usize = 8 * 1024;

/// Runs the export's search from its first hit, `per_page` rows of it
/// ([`DEFAULT_EXPORT_ROWS`] unless given, at most [`MAX_EXPORT_ROWS`]),
/// each written by `write` on the search thread, so a long export does not
/// hold up the async thread that serves every connection.
async fn export_rows<W>(
    state: &AppState,
    params: SearchParams,
    mut body: Vec<u8>,
    mut write: W,
) -> Result<Vec<u8>, ApiError>
where
    W: FnMut(&mut Vec<u8>, &Hit) -> Result<(), String> + Send + 'static,
{
    let rows = params.per_page.unwrap_or(DEFAULT_EXPORT_ROWS);
    if !(1..=MAX_EXPORT_ROWS).contains(&rows) {
        return Err(ApiError::parameter(format!(
            "per_page must be between 1 and {MAX_EXPORT_ROWS} for an export, not {rows}"
        )));
    }
    let request = SearchParams {
        per_page: None,
        page: None,
        ..params
    }
    .to_request()?;
    state
        .blocking(move |backend| {
            let written = export(backend, &request, rows, |hit| write(&mut body, hit))?;
            Ok(written.map(|_| body))
        })
        .await?
        .map_err(ApiError::internal)
}

/// Exports a result set as CSV (bounded), for spreadsheets.
#[utoipa::path(get, path = "/api/search.csv", params(SearchParams),
    responses((status = 200, content_type = "text/csv", body = String), (status = 400, body = ErrorBody)))]
pub async fn export_csv(
    State(state): State<AppState>,
    Params(params): Params<SearchParams>,
) -> Result<Response, ApiError> {
    let mut header = Vec::new();
    csv_row(&mut header, &CSV_HEADER).map_err(ApiError::internal)?;
    let body = export_rows(&state, params, header, |body, hit| {
        csv_row(body, &csv_record(hit))
    })
    .await?;
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

/// The CSV export's columns.
const CSV_HEADER: [&str; 8] = [
    "id", "title", "date", "source", "url", "lang", "score", "snippet",
];

/// One hit as CSV cells, texts guarded against spreadsheet formulas.
fn csv_record(hit: &Hit) -> [String; 8] {
    [
        hit.id.clone(),
        spreadsheet_safe(&hit.title),
        hit.date.clone().unwrap_or_default(),
        spreadsheet_safe(hit.source.as_deref().unwrap_or("")),
        hit.url.clone().unwrap_or_default(),
        hit.lang.code().to_string(),
        hit.score.map(|s| s.to_string()).unwrap_or_default(),
        spreadsheet_safe(&hit.snippet.to_text("", "")),
    ]
}

/// Appends one CSV row to `body`.
fn csv_row<T: AsRef<[u8]>>(body: &mut Vec<u8>, cells: &[T]) -> Result<(), String> {
    let mut writer = csv::Writer::from_writer(body);
    writer
        .write_record(cells)
        .and_then(|()| writer.flush().map_err(csv::Error::from))
        .map_err(|e| format!("writing CSV: {e}"))
}

/// Exports a result set as a JSON array of hits (bounded).
#[utoipa::path(get, path = "/api/search.json", params(SearchParams),
    responses((status = 200, body = Vec<Hit>), (status = 400, body = ErrorBody)))]
pub async fn export_json(
    State(state): State<AppState>,
    Params(params): Params<SearchParams>,
) -> Result<Response, ApiError> {
    let mut body = export_rows(&state, params, b"[".to_vec(), |body, hit| {
        if body.len() > 1 {
            body.push(b',');
        }
        serde_json::to_writer(body, hit).map_err(|e| format!("writing JSON: {e}"))
    })
    .await?;
    body.push(b']');
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
    responses((status = 200, body = StoredArticle), (status = 404, body = ErrorBody)))]
pub async fn article(
    State(state): State<AppState>,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<StoredArticle>, ApiError> {
    // A malformed id (invalid UTF-8 after percent-decoding) is a JSON 400
    // like every other bad parameter, not axum's plain-text rejection.
    let Path(id) = id.map_err(|rejection| ApiError::parameter(rejection.body_text()))?;
    Ok(Json(
        state.blocking(move |backend| backend.article(&id)).await?,
    ))
}

/// Parameters of `/api/analyze`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AnalyzeParams {
    /// The text to analyse.
    #[serde(default, deserialize_with = "optional")]
    pub text: Option<String>,
    /// `id`, `en` or `auto` (default: detected).
    #[serde(default, deserialize_with = "optional")]
    #[param(value_type = Option<String>)]
    pub lang: Option<AnalyzeLang>,
}

/// The language `/api/analyze` reports: given, or detected (`auto`).
#[derive(Debug, Clone, Copy)]
pub struct AnalyzeLang(Option<Lang>);

impl crate::params::ParamValue for AnalyzeLang {
    const EXPECTED: &'static str = "id, en or auto";
    fn read(text: &str) -> Option<AnalyzeLang> {
        if text.eq_ignore_ascii_case("auto") {
            return Some(AnalyzeLang(None));
        }
        text.parse().ok().map(|lang| AnalyzeLang(Some(lang)))
    }
}

/// The tokens each analysed field gets for a text (like Elasticsearch's `_analyze`).
#[utoipa::path(get, path = "/api/analyze", params(AnalyzeParams),
    responses((status = 200, body = AnalyzeReport), (status = 400, body = ErrorBody)))]
pub async fn analyze(
    State(state): State<AppState>,
    Params(p): Params<AnalyzeParams>,
) -> Result<Json<AnalyzeReport>, ApiError> {
    let text = p
        .text
        .ok_or_else(|| ApiError::parameter("text is required"))?;
    if text.len() > MAX_ANALYZE_BYTES {
        return Err(ApiError::parameter(format!(
            "text is {} bytes; the limit is {MAX_ANALYZE_BYTES}",
            text.len()
        )));
    }
    let lang = p.lang.and_then(|AnalyzeLang(lang)| lang);
    // Analysing up to 20 kB is CPU work: it runs where searches do.
    let report = state
        .blocking(move |backend| Ok(backend.analyze(&text, lang)))
        .await?;
    Ok(Json(report))
}
