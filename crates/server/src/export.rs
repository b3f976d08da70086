//! Exports of a search as CSV and JSON, streamed: rows are written on a
//! search thread a batch at a time and sent as they are ready, so a long
//! export neither waits to finish nor holds all its rows in memory.

use crate::error::{ApiError, ErrorBody};
use crate::params::{optional, ParamValue, Params, SearchParams};
use crate::state::AppState;
use axum::body::{Body, Bytes};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use warta_search::{check_rows, parse_query, ExportRow, DEFAULT_EXPORT_ROWS};

/// Bytes gathered before they are sent.
const CHUNK_BYTES: usize = 64 * 1024;
/// Chunks written ahead of the client (bounds an export's memory when the
/// client reads slowly).
const CHUNKS_AHEAD: usize = 8;

/// What an export adds to a search's parameters.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportParams {
    /// Rows, from the first hit: 1 to 50,000, default 1,000 (`page` and
    /// `per_page` do not apply to an export).
    #[serde(default, deserialize_with = "optional")]
    pub rows: Option<usize>,
    /// `true` adds each article's whole body (CSV column `body`, JSON field `body`).
    #[serde(default, deserialize_with = "optional")]
    #[param(value_type = Option<bool>)]
    pub body: Option<Flag>,
    /// `true` starts the CSV with a UTF-8 byte-order mark, so that Excel
    /// reads Indonesian text correctly (CSV only).
    #[serde(default, deserialize_with = "optional")]
    #[param(value_type = Option<bool>)]
    pub bom: Option<Flag>,
}

/// A yes-or-no parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Flag(pub bool);

impl ParamValue for Flag {
    const EXPECTED: &'static str = "true or false";
    fn read(text: &str) -> Option<Flag> {
        match text.to_ascii_lowercase().as_str() {
            "true" | "1" | "yes" | "on" => Some(Flag(true)),
            "false" | "0" | "no" | "off" => Some(Flag(false)),
            _ => None,
        }
    }
}

/// The CSV export's columns (`body` last, when asked for).
const CSV_HEADER: [&str; 11] = [
    "id", "title", "date", "outlet", "source", "url", "lang", "score", "story", "copies", "snippet",
];

/// Keeps a spreadsheet from running a cell as a formula (CSV injection).
pub(crate) fn spreadsheet_safe(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// One row as CSV cells, texts guarded against spreadsheet formulas.
fn csv_record(row: &ExportRow) -> Vec<String> {
    let hit = &row.hit;
    let mut cells = vec![
        hit.id.clone(),
        spreadsheet_safe(&hit.title),
        hit.date.clone().unwrap_or_default(),
        spreadsheet_safe(hit.outlet.as_deref().unwrap_or("")),
        spreadsheet_safe(hit.source.as_deref().unwrap_or("")),
        spreadsheet_safe(hit.url.as_deref().unwrap_or("")),
        hit.lang.code().to_string(),
        hit.score.map(|s| s.to_string()).unwrap_or_default(),
        hit.story.clone(),
        hit.copies.to_string(),
        spreadsheet_safe(&hit.snippet.to_text("", "")),
    ];
    if let Some(body) = &row.body {
        cells.push(spreadsheet_safe(body));
    }
    cells
}

/// Appends one CSV row to `out`.
pub(crate) fn csv_row<T: AsRef<[u8]>>(out: &mut Vec<u8>, cells: &[T]) {
    let mut writer = csv::Writer::from_writer(out);
    // Writing to memory cannot fail.
    let _ = writer.write_record(cells);
    let _ = writer.flush();
}

/// One row as a JSON object: the hit, and its body when asked for.
fn json_record(row: &ExportRow, out: &mut Vec<u8>) {
    let mut value = serde_json::to_value(&row.hit).unwrap_or_default();
    if let (Some(body), Some(object)) = (&row.body, value.as_object_mut()) {
        object.insert("body".into(), body.clone().into());
    }
    // Writing to memory cannot fail.
    let _ = serde_json::to_writer(out, &value);
}

/// How an export is written.
#[derive(Clone, Copy)]
enum Format {
    Csv { bom: bool },
    Json,
}

/// Runs the export on a search thread and streams its bytes.
async fn stream(
    state: &AppState,
    params: SearchParams,
    options: ExportParams,
    format: Format,
) -> Result<Response, ApiError> {
    let rows = options.rows.unwrap_or(DEFAULT_EXPORT_ROWS);
    check_rows(rows)?;
    let request = SearchParams {
        per_page: None,
        page: None,
        ..params
    }
    .to_request()?;
    if !request.is_browse() {
        // A malformed query is a 400, not a stream cut short.
        parse_query(&request.query)?;
    }
    let bodies = options.body.is_some_and(|Flag(on)| on);
    let (sender, mut receiver) =
        tokio::sync::mpsc::channel::<Result<Bytes, std::io::Error>>(CHUNKS_AHEAD);
    let backend = state.backend.clone();
    tokio::task::spawn_blocking(move || {
        let mut chunk: Vec<u8> = Vec::with_capacity(CHUNK_BYTES);
        match format {
            Format::Csv { bom } => {
                if bom {
                    chunk.extend_from_slice("\u{feff}".as_bytes());
                }
                let mut header: Vec<&str> = CSV_HEADER.to_vec();
                if bodies {
                    header.push("body");
                }
                csv_row(&mut chunk, &header);
            }
            Format::Json => chunk.push(b'['),
        }
        let mut first = true;
        let send = |chunk: &mut Vec<u8>| {
            let full = std::mem::replace(chunk, Vec::with_capacity(CHUNK_BYTES));
            sender.blocking_send(Ok(Bytes::from(full))).is_ok()
        };
        let outcome = backend.export(&request, rows, bodies, &mut |row| {
            match format {
                Format::Csv { .. } => csv_row(&mut chunk, &csv_record(&row)),
                Format::Json => {
                    if !first {
                        chunk.push(b',');
                    }
                    json_record(&row, &mut chunk);
                }
            }
            first = false;
            chunk.len() < CHUNK_BYTES || send(&mut chunk)
        });
        match outcome {
            Ok(_) => {
                if let Format::Json = format {
                    chunk.push(b']');
                }
                send(&mut chunk);
            }
            Err(err) => {
                tracing::error!("export failed: {err}");
                let _ = sender.blocking_send(Err(std::io::Error::other(err.to_string())));
            }
        }
    });
    let body = Body::from_stream(futures_util::stream::poll_fn(move |cx| {
        receiver.poll_recv(cx)
    }));
    let (content_type, name) = match format {
        Format::Csv { .. } => ("text/csv; charset=utf-8", "warta-results.csv"),
        Format::Json => ("application/json", "warta-results.json"),
    };
    Ok((
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        body,
    )
        .into_response())
}

/// Exports a search as CSV (up to 50,000 rows, default 1,000), streamed.
#[utoipa::path(get, path = "/api/search.csv", params(SearchParams, ExportParams),
    responses((status = 200, content_type = "text/csv", body = String), (status = 400, body = ErrorBody)))]
pub async fn csv(
    axum::extract::State(state): axum::extract::State<AppState>,
    Params(params): Params<SearchParams>,
    Params(options): Params<ExportParams>,
) -> Result<Response, ApiError> {
    let bom = options.bom.is_some_and(|Flag(on)| on);
    stream(&state, params, options, Format::Csv { bom }).await
}

/// Exports a search as a JSON array of hits (up to 50,000, default
/// 1,000), streamed; with `body=true` each has its article's `body`.
#[utoipa::path(get, path = "/api/search.json", params(SearchParams, ExportParams),
    responses((status = 200, body = Vec<warta_search::Hit>), (status = 400, body = ErrorBody)))]
pub async fn json(
    axum::extract::State(state): axum::extract::State<AppState>,
    Params(params): Params<SearchParams>,
    Params(options): Params<ExportParams>,
) -> Result<Response, ApiError> {
    stream(&state, params, options, Format::Json).await
}
