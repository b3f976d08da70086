//! What every response gets: request size and time bounds, security
//! headers and request logging.

use crate::error::{ApiError, ErrorCode};
use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use std::time::Duration;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

/// Longest request target (path and query string) accepted, in bytes.
pub const MAX_URI_BYTES: usize = 8 * 1024;
/// Largest request body accepted; the API takes no bodies, so this is small.
pub const MAX_BODY_BYTES: usize = 16 * 1024;
/// Longest a request may take before the client gets a 503.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// Content-Security-Policy for every response: nothing inline, nothing from
/// elsewhere; the page's one script and stylesheet come from this origin.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// Wraps the routes in the limits and headers.
pub(crate) fn apply(router: Router) -> Router {
    router
        .layer(middleware::from_fn(refuse_long_uris))
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            REQUEST_TIMEOUT,
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .layer(TraceLayer::new_for_http())
}

async fn refuse_long_uris(request: Request, next: Next) -> Response {
    let length = request
        .uri()
        .path_and_query()
        .map_or(0, |pq| pq.as_str().len());
    if length > MAX_URI_BYTES {
        return ApiError::new(
            ErrorCode::TooLarge,
            format!("the request target is {length} bytes; the limit is {MAX_URI_BYTES}"),
        )
        .into_response();
    }
    next.run(request).await
}
