//! API errors: a stable code for clients, with its HTTP status and type
//! chosen in one table ([`error_codes!`]), as Meilisearch does.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use warta_search::SearchError;

/// Whether an error is the caller's to fix or Warta's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ErrorType {
    /// The request was wrong: change it and try again.
    User,
    /// Warta (or its backend) failed: the request was fine.
    Internal,
}

/// Declares every error code once, with its status, type and the README
/// section that explains it (if any).
macro_rules! error_codes {
    ($($(#[$doc:meta])* $code:ident => $status:ident, $kind:ident, $link:expr;)+) => {
        /// Every error code the API returns. Clients match on these, never on messages.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
        #[serde(rename_all = "snake_case")]
        pub enum ErrorCode {
            $($(#[$doc])* $code,)+
        }

        impl ErrorCode {
            /// The HTTP status for this code: the one place statuses are chosen.
            pub fn status(self) -> StatusCode {
                match self {
                    $(ErrorCode::$code => StatusCode::$status,)+
                }
            }

            /// Whose mistake it is.
            pub fn kind(self) -> ErrorType {
                match self {
                    $(ErrorCode::$code => ErrorType::$kind,)+
                }
            }

            /// Where the README explains what to do, if it does.
            pub fn link(self) -> Option<&'static str> {
                match self {
                    $(ErrorCode::$code => $link,)+
                }
            }
        }
    };
}

/// The README's section on the query language.
const QUERY_LANGUAGE: Option<&str> = Some("README.md#query-language");
/// The README's section on the HTTP API.
const HTTP_API: Option<&str> = Some("README.md#http-api");

error_codes! {
    /// The query text does not parse.
    InvalidQuery => BAD_REQUEST, User, QUERY_LANGUAGE;
    /// A parameter is missing, malformed or out of range.
    InvalidParameter => BAD_REQUEST, User, HTTP_API;
    /// No such article or page.
    NotFound => NOT_FOUND, User, None;
    /// The request line or body is larger than allowed.
    TooLarge => PAYLOAD_TOO_LARGE, User, HTTP_API;
    /// The search took longer than allowed.
    Timeout => SERVICE_UNAVAILABLE, Internal, None;
    /// The search backend (a remote cluster) cannot be reached.
    Unavailable => SERVICE_UNAVAILABLE, Internal, None;
    /// Warta failed; the request was fine.
    Internal => INTERNAL_SERVER_ERROR, Internal, None;
}

/// An error as the API reports it:
/// `{"error": {"code", "message", "type", "link"?}}`.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ApiError {
    /// Stable code.
    pub code: ErrorCode,
    /// What went wrong, for people.
    pub message: String,
    /// Whose mistake it is.
    #[serde(rename = "type")]
    pub kind: ErrorType,
    /// Where the documentation says more.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<&'static str>,
}

/// The JSON body of every error response.
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
            kind: code.kind(),
            link: code.link(),
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

    /// The HTTP status of this error.
    pub fn status(&self) -> StatusCode {
        self.code.status()
    }
}

impl From<SearchError> for ApiError {
    fn from(err: SearchError) -> ApiError {
        let code = match &err {
            SearchError::Syntax { .. } => ErrorCode::InvalidQuery,
            SearchError::InvalidParameter(_) => ErrorCode::InvalidParameter,
            SearchError::NotFound(_) => ErrorCode::NotFound,
            SearchError::Unavailable(_) => ErrorCode::Unavailable,
            SearchError::Index(_) | SearchError::Internal(_) => ErrorCode::Internal,
        };
        ApiError::new(code, err.to_string())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if self.kind == ErrorType::Internal {
            tracing::error!("{:?}: {}", self.code, self.message);
        }
        (self.status(), Json(ErrorBody { error: self })).into_response()
    }
}
