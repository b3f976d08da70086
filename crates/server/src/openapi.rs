//! The OpenAPI document, generated from the handlers' annotations.

use axum::Json;
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
        crate::api::export_csv,
        crate::api::export_json,
        crate::api::article,
        crate::api::analyze
    )
)]
struct ApiDoc;

/// `GET /api/openapi.json`.
pub(crate) async fn document() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
