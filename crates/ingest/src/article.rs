//! The record every source kind is turned into, and the skip report for
//! inputs that cannot become one.

use chrono::NaiveDateTime;
use sha2::{Digest, Sha256};
use warta_analysis::langid::Lang;

/// One clean news article, ready for the indexer. Every reader (text page,
/// HTML page, JSON Lines record) produces this same shape so the indexer
/// never needs to know where an article came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// Stable identifier: the id given by the source, else [`content_id`] of
    /// title and body, so re-indexing the same files updates instead of
    /// duplicating.
    pub id: String,
    /// Headline as a reader sees it (may be empty when only a body exists).
    pub title: String,
    /// Clean body text; paragraphs separated by `"\n\n"`.
    pub body: String,
    /// The raw source text for `.txt`/`.html` pages (shown as "original" and
    /// kept for re-processing); `None` for JSON Lines records.
    pub original: Option<String>,
    /// Publication date as the local wall-clock time stated by the source
    /// (offsets are dropped, not converted); date-only values are 00:00.
    pub date: Option<NaiveDateTime>,
    /// Outlet name or domain, when the source names it.
    pub source: Option<String>,
    /// Canonical URL, when known.
    pub url: Option<String>,
    /// Language of the article.
    pub lang: Lang,
    /// Where it came from: a file path, or `path:LINE` for JSON Lines.
    pub path: String,
}

/// What reading yields: an article, or a record of why something was
/// skipped. Skips are items (not errors) so that one bad file never stops a
/// run and callers can count and report them.
#[derive(Debug, Clone)]
pub enum Item {
    /// A successfully read article.
    Article(Box<Article>),
    /// An input (file or line) that was skipped.
    Skipped(Skip),
}

/// An input that produced no article, with enough detail to find and fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skip {
    /// File path, or `path:LINE` for a JSON Lines record.
    pub path: String,
    /// Category, for summaries.
    pub reason: SkipReason,
    /// Human-readable detail (I/O or parser error message, sizes, ...).
    pub detail: String,
}

/// Why an input was skipped; a closed set so summaries can count by kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, thiserror::Error)]
pub enum SkipReason {
    /// The file or directory could not be opened or read.
    #[error("unreadable")]
    Unreadable,
    /// The file holds nothing but whitespace.
    #[error("empty")]
    Empty,
    /// The file looks binary (NUL bytes in its first 8 KiB).
    #[error("binary")]
    Binary,
    /// A JSON Lines record that does not parse as the expected object.
    #[error("malformed-json")]
    MalformedJson,
    /// A record or page with neither a title nor body text.
    #[error("missing-text")]
    MissingText,
    /// A document or line over the 16 MiB limit.
    #[error("too-large")]
    TooLarge,
    /// An explicitly named file of a kind we do not read.
    #[error("unsupported")]
    Unsupported,
    /// Corrupt or truncated gzip data.
    #[error("decompression")]
    Decompression,
    /// A given id that is unusable (over 256 bytes or with control characters).
    #[error("bad-id")]
    BadId,
}

impl SkipReason {
    /// Stable lowercase name for summaries and logs.
    pub fn as_str(self) -> &'static str {
        match self {
            SkipReason::Unreadable => "unreadable",
            SkipReason::Empty => "empty",
            SkipReason::Binary => "binary",
            SkipReason::MalformedJson => "malformed-json",
            SkipReason::MissingText => "missing-text",
            SkipReason::TooLarge => "too-large",
            SkipReason::Unsupported => "unsupported",
            SkipReason::Decompression => "decompression",
            SkipReason::BadId => "bad-id",
        }
    }
}

impl Skip {
    pub(crate) fn new(
        path: impl Into<String>,
        reason: SkipReason,
        detail: impl Into<String>,
    ) -> Self {
        Skip {
            path: path.into(),
            reason,
            detail: detail.into(),
        }
    }
}

impl From<Skip> for Item {
    fn from(s: Skip) -> Self {
        Item::Skipped(s)
    }
}

/// Content-derived id: the first 16 hex characters of SHA-256 over the
/// normalised (whitespace-collapsed, lowercased) title, `"\n"`, and the
/// normalised body. Exists so sources without ids still get stable ids.
pub fn content_id(title: &str, body: &str) -> String {
    let mut h = Sha256::new();
    h.update(normalise(title).as_bytes());
    h.update(b"\n");
    h.update(normalise(body).as_bytes());
    let digest = h.finalize();
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

fn normalise(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Maximum length of a given id, in bytes.
pub const MAX_ID_BYTES: usize = 256;

/// Checks a given id: kept verbatim (escaping is the indexer's and server's
/// job) unless it is longer than [`MAX_ID_BYTES`] or holds control
/// characters, which would break logs, paths and URLs. Returns the reason text.
pub fn check_id(id: &str) -> Result<(), String> {
    if id.len() > MAX_ID_BYTES {
        return Err(format!("id is {} bytes, limit {MAX_ID_BYTES}", id.len()));
    }
    if id.chars().any(char::is_control) {
        return Err("id contains control characters".into());
    }
    Ok(())
}
