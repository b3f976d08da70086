//! The server-rendered search page (being written).

use crate::state::AppState;
use axum::Router;

/// The page's routes.
pub fn routes() -> Router<AppState> {
    Router::new()
}
