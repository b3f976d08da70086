//! Exports: a search's hits from the first, handed one at a time to a
//! writer, so the server can stream them as they come.

use crate::backend::SearchBackend;
use crate::error::SearchError;
use crate::request::{SearchRequest, MAX_PAGE_WINDOW, MAX_PER_PAGE};
use crate::results::Hit;

/// Most rows one export returns. At the bound an export holds the ranked
/// addresses of its hits (about 2 MB with the matches fetched to skip
/// copies) and one batch of a hundred hits at a time.
pub const MAX_EXPORT_ROWS: usize = 50_000;
/// Rows an export returns when the caller does not say.
pub const DEFAULT_EXPORT_ROWS: usize = 1_000;
/// Hits read from the index at a time while exporting.
pub const EXPORT_BATCH: usize = 100;

/// One exported hit, with its article's whole body when asked for.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportRow {
    /// The hit, as a search returns it.
    pub hit: Hit,
    /// The article's body, when the export asked for bodies.
    pub body: Option<String>,
}

/// Where an export's rows go, in rank order; `false` stops the export
/// (the client went away).
pub type ExportSink<'a> = dyn FnMut(ExportRow) -> bool + 'a;

/// Checks an export's row count: between 1 and [`MAX_EXPORT_ROWS`].
pub fn check_rows(rows: usize) -> Result<(), SearchError> {
    if (1..=MAX_EXPORT_ROWS).contains(&rows) {
        Ok(())
    } else {
        Err(SearchError::parameter(format!(
            "rows must be between 1 and {MAX_EXPORT_ROWS} for an export, not {rows}"
        )))
    }
}

/// An export through [`SearchBackend::search`], page after page: what a
/// backend without a cheaper way gives (it reaches the deepest page a
/// search reaches, [`MAX_PAGE_WINDOW`] hits).
pub fn export_by_pages<B: SearchBackend + ?Sized>(
    backend: &B,
    request: &SearchRequest,
    rows: usize,
    bodies: bool,
    sink: &mut ExportSink<'_>,
) -> Result<usize, SearchError> {
    check_rows(rows)?;
    let rows = rows.min(MAX_PAGE_WINDOW);
    let mut page = SearchRequest {
        page: 1,
        per_page: MAX_PER_PAGE.min(rows),
        ..request.clone()
    };
    let mut written = 0;
    while written < rows {
        let results = backend.search(&page)?;
        let last = results.hits.len() < page.per_page;
        for hit in results.hits.into_iter().take(rows - written) {
            let body = if bodies {
                Some(backend.article(&hit.id)?.body)
            } else {
                None
            };
            if !sink(ExportRow { hit, body }) {
                return Ok(written);
            }
            written += 1;
        }
        if last || page.page * page.per_page >= MAX_PAGE_WINDOW {
            break;
        }
        page.page += 1;
    }
    Ok(written)
}
