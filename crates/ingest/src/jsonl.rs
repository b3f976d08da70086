//! JSON Lines records (`id, lang, title, body, date, source, url`), read
//! line by line with a bounded reader so huge lines and gzip bombs cannot
//! exhaust memory.

use std::io::BufRead;

use serde::Deserialize;
use warta_analysis::langid::{self, Lang};

use crate::article::{check_id, content_id, Article, Item, Skip, SkipReason};
use crate::boilerplate;
use crate::dates;
use crate::lines::{BoundedLines, Line};
use crate::MAX_BYTES;

/// The record shape; every field optional, unknown fields ignored.
#[derive(Debug, Deserialize)]
struct Record {
    #[serde(default)]
    id: Option<serde_json::Value>,
    #[serde(default)]
    lang: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    body: Option<String>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    url: Option<String>,
}

/// Cleans a body from a data file: removes ad/scroll markers and
/// related-article prompt paragraphs, and normalises paragraph breaks to
/// `"\n\n"`. Lighter than the page cleaner: data files are already
/// extracted text.
pub fn clean_body(body: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    for para in body.split('\n') {
        let p = para.trim();
        if p.is_empty() {
            continue;
        }
        let lower_start: String = p.chars().take(20).collect::<String>().to_lowercase();
        let prompt = [
            "baca juga",
            "lihat juga",
            "simak video",
            "simak juga",
            "read next",
            "read more",
        ]
        .iter()
        .any(|k| lower_start.starts_with(k));
        if prompt && p.len() < 300 {
            continue;
        }
        let c = if p.contains("SCROLL TO CONTINUE") || p.contains("ADVERTISEMENT") {
            boilerplate::clean_inline(p)
        } else {
            p.split_whitespace().collect::<Vec<_>>().join(" ")
        };
        if !c.is_empty() {
            out.push(c);
        }
    }
    out.join("\n\n")
}

fn record_to_item(path: &str, line_no: usize, bytes: &[u8]) -> Option<Item> {
    let loc = format!("{path}:{line_no}");
    let text = String::from_utf8_lossy(bytes);
    if text.trim().is_empty() {
        return None; // blank lines are not records
    }
    let rec: Record = match serde_json::from_str(&text) {
        Ok(r) => r,
        Err(e) => return Some(Skip::new(loc, SkipReason::MalformedJson, e.to_string()).into()),
    };
    let title = rec
        .title
        .unwrap_or_default()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let body = clean_body(&rec.body.unwrap_or_default());
    if title.is_empty() && body.is_empty() {
        return Some(
            Skip::new(
                loc,
                SkipReason::MissingText,
                "record has neither title nor body",
            )
            .into(),
        );
    }
    let given_id = match rec.id {
        Some(serde_json::Value::String(s)) if !s.is_empty() => Some(s),
        Some(serde_json::Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let id = match given_id {
        Some(id) => {
            if let Err(e) = check_id(&id) {
                return Some(Skip::new(loc, SkipReason::BadId, e).into());
            }
            id
        }
        None => content_id(&title, &body),
    };
    let lang = rec
        .lang
        .as_deref()
        .and_then(Lang::from_code)
        .unwrap_or_else(|| langid::detect(&format!("{title}\n\n{body}")));
    let nonempty = |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    Some(Item::Article(Box::new(Article {
        id,
        title,
        body,
        original: None,
        date: rec.date.as_deref().and_then(dates::parse_iso),
        source: nonempty(rec.source),
        url: nonempty(rec.url),
        lang,
        path: loc,
    })))
}

/// Streams the records of one JSON Lines source. Blank lines are ignored;
/// a source with no records at all yields one `Empty` skip; a read error
/// (corrupt or truncated gzip) yields one `Decompression`/`Unreadable` skip
/// after the records before the damage.
pub struct JsonlIter<R> {
    path: String,
    lines: BoundedLines<R>,
    line_no: usize,
    produced: bool,
    finished: bool,
    gz: bool,
}

impl<R: BufRead> JsonlIter<R> {
    /// Reads records from `reader`; `path` labels items, `gz` selects the
    /// skip reason for read errors.
    pub fn new(path: String, reader: R, gz: bool) -> Self {
        JsonlIter {
            path,
            lines: BoundedLines::new(reader, MAX_BYTES),
            line_no: 0,
            produced: false,
            finished: false,
            gz,
        }
    }
}

impl<R: BufRead> Iterator for JsonlIter<R> {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        if self.finished {
            return None;
        }
        loop {
            match self.lines.next() {
                None => {
                    self.finished = true;
                    if !self.produced {
                        return Some(
                            Skip::new(self.path.clone(), SkipReason::Empty, "no records").into(),
                        );
                    }
                    return None;
                }
                Some(Line::Err(e)) => {
                    self.finished = true;
                    let reason = if self.gz {
                        SkipReason::Decompression
                    } else {
                        SkipReason::Unreadable
                    };
                    return Some(
                        Skip::new(
                            format!("{}:{}", self.path, self.line_no + 1),
                            reason,
                            e.to_string(),
                        )
                        .into(),
                    );
                }
                Some(Line::TooLong(n)) => {
                    self.line_no += 1;
                    self.produced = true;
                    return Some(
                        Skip::new(
                            format!("{}:{}", self.path, self.line_no),
                            SkipReason::TooLarge,
                            format!("line of {n} bytes exceeds the {MAX_BYTES}-byte limit"),
                        )
                        .into(),
                    );
                }
                Some(Line::Ok(bytes)) => {
                    self.line_no += 1;
                    if let Some(item) = record_to_item(&self.path, self.line_no, &bytes) {
                        self.produced = true;
                        return Some(item);
                    }
                }
            }
        }
    }
}
