//! Errors of searching, split into the user's mistakes and Warta's own.
//!
//! The public shape names no engine: a backend's own failure (Tantivy's, a
//! cluster's) is carried as an opaque source, so the server maps errors to
//! statuses without knowing which backend answered.

use std::error::Error as StdError;

/// What can go wrong answering a search.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// The query text cannot be parsed; `position` is a character offset.
    #[error("{message} (at character {position})")]
    Syntax {
        /// What is wrong.
        message: String,
        /// Where, counted in characters from the start of the query.
        position: usize,
    },
    /// A parameter is out of range or malformed (per_page, page, dates…).
    #[error("{0}")]
    InvalidParameter(String),
    /// No article (or story) has this id.
    #[error("no article with id {0:?}")]
    NotFound(String),
    /// The index cannot be opened or was built with other analysis settings.
    #[error("{0}")]
    Index(#[source] Box<dyn StdError + Send + Sync>),
    /// The backend cannot be reached or did not answer in time (a remote
    /// cluster down or overloaded): the request may succeed later.
    #[error("the search backend is unavailable: {0}")]
    Unavailable(String),
    /// The backend failed while searching.
    #[error("search failed: {0}")]
    Internal(#[source] Box<dyn StdError + Send + Sync>),
}

impl SearchError {
    /// True when the error is the caller's to fix (a 4xx), false when it is Warta's (a 5xx).
    pub fn is_user_error(&self) -> bool {
        matches!(
            self,
            SearchError::Syntax { .. }
                | SearchError::InvalidParameter(_)
                | SearchError::NotFound(_)
        )
    }

    /// A backend's own failure, kept as the source.
    pub fn internal(err: impl Into<Box<dyn StdError + Send + Sync>>) -> SearchError {
        SearchError::Internal(err.into())
    }

    /// A parameter error with this message.
    pub fn parameter(message: impl Into<String>) -> SearchError {
        SearchError::InvalidParameter(message.into())
    }
}

impl From<tantivy::TantivyError> for SearchError {
    fn from(err: tantivy::TantivyError) -> SearchError {
        SearchError::internal(err)
    }
}

impl From<warta_indexer::IndexError> for SearchError {
    fn from(err: warta_indexer::IndexError) -> SearchError {
        SearchError::Index(Box::new(err))
    }
}
