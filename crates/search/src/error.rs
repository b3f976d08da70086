//! Errors of searching, split into the user's mistakes and Warta's own.

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
    /// No article has this id.
    #[error("no article with id {0:?}")]
    NotFound(String),
    /// Opening the index failed.
    #[error(transparent)]
    Index(#[from] warta_indexer::IndexError),
    /// Tantivy failed while searching.
    #[error("search failed: {0}")]
    Internal(#[from] tantivy::TantivyError),
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
}
