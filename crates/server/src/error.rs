//! API errors: a stable code for clients, mapped to an HTTP status in one place.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use warta_search::SearchError;

/// Every error code the API returns. Clients match on these, never on messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The query text does not parse.
    InvalidQuery,
    /// A parameter is missing, malformed or out of range.
    InvalidParameter,
    /// No such article or page.
    NotFound,
    /// The request line or body is larger than allowed.
    TooLarge,
    /// The search took longer than allowed.
    Timeout,
    /// Warta failed; the request was fine.
    Internal,
}

impl ErrorCode {
    /// The HTTP status for this code: the one table where statuses are chosen.
    pub fn status(self) -> StatusCode {
        match self {
            ErrorCode::InvalidQuery | ErrorCode::InvalidParameter => StatusCode::BAD_REQUEST,
            ErrorCode::NotFound => StatusCode::NOT_FOUND,
            ErrorCode::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ErrorCode::Timeout => StatusCode::SERVICE_UNAVAILABLE,
            ErrorCode::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

/// An error as the API reports it: `{"error": {"code", "message"}}`.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ApiError {
    /// Stable code.
    pub code: ErrorCode,
    /// What went wrong, for people.
    pub message: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct ErrorBody {
    pub(crate) error: ApiError,
}

impl ApiError {
    /// An error with a code and message.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> ApiError {
        ApiError {
            code,
            message: message.into(),
        }
    }

    /// An internal failure (logged; the client sees a 500).
    pub fn internal(message: impl Into<String>) -> ApiError {
        ApiError::new(ErrorCode::Internal, message)
    }

    /// A bad parameter.
    pub fn parameter(message: impl Into<String>) -> ApiError {
        ApiError::new(ErrorCode::InvalidParameter, message)
    }
}

impl From<SearchError> for ApiError {
    fn from(err: SearchError) -> ApiError {
        let code = match &err {
            SearchError::Syntax { .. } => ErrorCode::InvalidQuery,
            SearchError::InvalidParameter(_) => ErrorCode::InvalidParameter,
            SearchError::NotFound(_) => ErrorCode::NotFound,
            SearchError::Index(_) | SearchError::Internal(_) => ErrorCode::Internal,
        };
        ApiError::new(code, err.to_string())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if self.code == ErrorCode::Internal {
            tracing::error!("internal error: {}", self.message);
        }
        (self.code.status(), Json(ErrorBody { error: self })).into_response()
    }
}
