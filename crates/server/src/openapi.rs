//! The OpenAPI document, generated from the handlers' annotations.

use crate::state::AppState;
use axum::routing::get;
use axum::{Json, Router};
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Warta",
        description = "Bilingual (Indonesian + English) news search API."
    ),
    paths(
        crate::api::healthz,
        crate::api::search,
        crate::export::csv,
        crate::export::json,
        crate::api::article,
        crate::api::story,
        crate::api::analyze,
        crate::api::suggest,
        crate::timeline::timeline,
        crate::timeline::timeline_csv
    )
)]
struct ApiDoc;

/// The document's route.
pub(crate) fn routes() -> Router<AppState> {
    Router::new().route("/api/openapi.json", get(document))
}

/// `GET /api/openapi.json`.
async fn document() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
