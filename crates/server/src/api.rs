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
    AnalyzeReport, Copy, Lang, SearchResults, StoredArticle, Suggestion, DEFAULT_SUGGESTIONS,
};

/// Longest text `/api/analyze` accepts, in bytes.
const MAX_ANALYZE_BYTES: usize = 20_000;

/// The API's routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/api/search", get(search))
        .route("/api/search.csv", get(crate::export::csv))
        .route("/api/search.json", get(crate::export::json))
        .route("/api/articles/{id}", get(article))
        .route("/api/stories/{story}", get(story))
        .route("/api/analyze", get(analyze))
        .route("/api/suggest", get(suggest))
        .route("/api/timeline", get(crate::timeline::timeline))
        .route("/api/timeline.csv", get(crate::timeline::timeline_csv))
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

/// A story's copies.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Story {
    /// The story's id (its first article's id).
    pub story: String,
    /// Its copies, earliest first (at most 200).
    pub copies: Vec<Copy>,
}

/// Every copy of one story, earliest first.
#[utoipa::path(get, path = "/api/stories/{story}", params(("story" = String, Path, description = "Story id (a hit's `story`)")),
    responses((status = 200, body = Story), (status = 404, body = ErrorBody)))]
pub async fn story(
    State(state): State<AppState>,
    story: Result<Path<String>, PathRejection>,
) -> Result<Json<Story>, ApiError> {
    let Path(story) = story.map_err(|rejection| ApiError::parameter(rejection.body_text()))?;
    let copies = state
        .blocking({
            let story = story.clone();
            move |backend| backend.story(&story)
        })
        .await?;
    Ok(Json(Story { story, copies }))
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

/// Parameters of `/api/suggest`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SuggestParams {
    /// The query as typed so far; its last word is completed.
    #[serde(default)]
    pub q: Option<String>,
    /// Most suggestions, 1 to 20 (default 8).
    #[serde(default, deserialize_with = "optional")]
    pub limit: Option<usize>,
}

/// Suggestions for a query being typed.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Suggestions {
    /// The query as typed.
    pub query: String,
    /// Completed queries, headline words first, then outlets.
    pub suggestions: Vec<Suggestion>,
}

/// Completions of the word being typed from the archive's headlines, and
/// outlets by name (what the search box offers as one types).
#[utoipa::path(get, path = "/api/suggest", params(SuggestParams),
    responses((status = 200, body = Suggestions), (status = 400, body = ErrorBody)))]
pub async fn suggest(
    State(state): State<AppState>,
    Params(p): Params<SuggestParams>,
) -> Result<Json<Suggestions>, ApiError> {
    let query = p.q.unwrap_or_default();
    let limit = p.limit.unwrap_or(DEFAULT_SUGGESTIONS);
    let typed = query.clone();
    let suggestions = state
        .blocking(move |backend| backend.suggest(&typed, limit))
        .await?;
    Ok(Json(Suggestions { query, suggestions }))
}
