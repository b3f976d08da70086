//! The stylesheet and script, compiled into the binary and served with long
//! cache lifetimes; their addresses carry a content hash so that a new
//! build is never hidden by a cached old file.

use axum::http::header;
use axum::response::{IntoResponse, Response};
use std::sync::LazyLock;

/// The page's stylesheet.
pub const STYLE_CSS: &str = include_str!("../../../../web/static/style.css");
/// The page's script (enhancements only; the page works without it).
pub const APP_JS: &str = include_str!("../../../../web/static/app.js");

/// Browsers may keep the files a year: their addresses change with them.
const CACHE_FOREVER: &str = "public, max-age=31536000, immutable";

/// FNV-1a, enough to tell one build's file from another's.
const fn fingerprint(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < bytes.len() {
        hash ^= bytes[i] as u64;
        hash = hash.wrapping_mul(0x0100_0000_01b3);
        i += 1;
    }
    hash
}

static CSS_URL: LazyLock<String> = LazyLock::new(|| {
    format!(
        "/static/style.css?v={:08x}",
        fingerprint(STYLE_CSS.as_bytes()) as u32
    )
});
static JS_URL: LazyLock<String> = LazyLock::new(|| {
    format!(
        "/static/app.js?v={:08x}",
        fingerprint(APP_JS.as_bytes()) as u32
    )
});

/// The stylesheet's address, with its version.
pub fn css_url() -> &'static str {
    CSS_URL.as_str()
}

/// The script's address, with its version.
pub fn js_url() -> &'static str {
    JS_URL.as_str()
}

/// `GET /static/style.css`.
pub async fn style() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, CACHE_FOREVER),
        ],
        STYLE_CSS,
    )
        .into_response()
}

/// `GET /static/app.js`.
pub async fn script() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, CACHE_FOREVER),
        ],
        APP_JS,
    )
        .into_response()
}
