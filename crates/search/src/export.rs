//! Exports: every hit of a search from the first, page after page, handed
//! to a writer one at a time, through any backend.

use crate::backend::SearchBackend;
use crate::error::SearchError;
use crate::request::{SearchRequest, MAX_PER_PAGE};
use crate::results::Hit;

/// Most rows one export returns.
pub const MAX_EXPORT_ROWS: usize = 1_000;
/// Rows an export returns when the caller does not say.
pub const DEFAULT_EXPORT_ROWS: usize = 100;

/// Runs `request` from its first hit and hands up to `rows` hits to
/// `write`, in rank order; stops early when `write` fails. `rows` must be
/// between 1 and [`MAX_EXPORT_ROWS`].
pub fn export<E>(
    backend: &dyn SearchBackend,
    request: &SearchRequest,
    rows: usize,
    mut write: impl FnMut(&Hit) -> Result<(), E>,
) -> Result<Result<usize, E>, SearchError> {
    if !(1..=MAX_EXPORT_ROWS).contains(&rows) {
        return Err(SearchError::parameter(format!(
            "an export returns between 1 and {MAX_EXPORT_ROWS} rows, not {rows}"
        )));
    }
    let mut page = SearchRequest {
        page: 1,
        per_page: MAX_PER_PAGE.min(rows),
        ..request.clone()
    };
    let mut written = 0;
    while written < rows {
        let results = backend.search(&page)?;
        let last = results.hits.len() < page.per_page;
        for hit in results.hits.iter().take(rows - written) {
            if let Err(err) = write(hit) {
                return Ok(Err(err));
            }
            written += 1;
        }
        if last {
            break;
        }
        page.page += 1;
    }
    Ok(Ok(written))
}
