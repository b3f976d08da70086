//! Converting between ingest's `Article` and Tantivy documents.

use crate::schema::Fields;
use chrono::{DateTime, NaiveDateTime};
use serde::Serialize;
use std::hash::{DefaultHasher, Hash, Hasher};
use tantivy::schema::Value;
use tantivy::TantivyDocument;
use warta_ingest::Article;

/// An article as read back from the index, for display and the API.
#[derive(Debug, Clone, Serialize, PartialEq, utoipa::ToSchema)]
pub struct StoredArticle {
    /// The article id.
    pub id: String,
    /// Headline.
    pub title: String,
    /// Clean body, paragraphs separated by a blank line.
    pub body: String,
    /// Publication date as stated (local wall-clock time), ISO 8601.
    pub date: Option<String>,
    /// Outlet as written by the source.
    pub source: Option<String>,
    /// Address of the article.
    pub url: Option<String>,
    /// Language code.
    pub lang: String,
    /// Where it was read from.
    pub path: String,
    /// The raw source text, when the source was a page.
    pub original: Option<String>,
}

/// A fingerprint of everything stored about an article, so that a re-run
/// can tell an unchanged article from an updated one. It uses std's
/// `DefaultHasher`, whose algorithm a Rust release may change: the cost of
/// that is one re-run that rewrites unchanged articles, never a wrong skip
/// of a changed one within one build.
pub(crate) fn fingerprint(article: &Article) -> u64 {
    let mut hasher = DefaultHasher::new();
    article.id.hash(&mut hasher);
    article.title.hash(&mut hasher);
    article.body.hash(&mut hasher);
    article.original.hash(&mut hasher);
    article.date.hash(&mut hasher);
    article.source.hash(&mut hasher);
    article.url.hash(&mut hasher);
    article.lang.code().hash(&mut hasher);
    article.path.hash(&mut hasher);
    hasher.finish()
}

/// The Tantivy timestamp for a wall-clock date (kept as if UTC, so the
/// date reads back as the page stated it).
pub(crate) fn to_tantivy_date(date: &NaiveDateTime) -> tantivy::DateTime {
    tantivy::DateTime::from_timestamp_secs(date.and_utc().timestamp())
}

pub(crate) fn to_document(article: &Article, fields: &Fields, hash: u64) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_text(fields.id, &article.id);
    doc.add_text(fields.title, &article.title);
    doc.add_text(fields.body, &article.body);
    if let Some(original) = &article.original {
        doc.add_text(fields.original, original);
    }
    if let Some(date) = &article.date {
        doc.add_date(fields.date, to_tantivy_date(date));
    }
    if let Some(source) = &article.source {
        doc.add_text(fields.source, source);
        doc.add_text(fields.source_display, source);
    }
    doc.add_text(fields.lang, article.lang.code());
    if let Some(url) = &article.url {
        doc.add_text(fields.url, url);
    }
    doc.add_text(fields.path, &article.path);
    doc.add_u64(fields.hash, hash);
    doc
}

impl StoredArticle {
    /// Reads an article back from a stored document.
    pub fn from_document(doc: &TantivyDocument, fields: &Fields) -> StoredArticle {
        let text = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .map(str::to_string)
        };
        let date = doc
            .get_first(fields.date)
            .and_then(|v| v.as_datetime())
            .and_then(|d| DateTime::from_timestamp(d.into_timestamp_secs(), 0))
            .map(|d| d.naive_utc().format("%Y-%m-%dT%H:%M:%S").to_string());
        StoredArticle {
            id: text(fields.id).unwrap_or_default(),
            title: text(fields.title).unwrap_or_default(),
            body: text(fields.body).unwrap_or_default(),
            date,
            source: text(fields.source_display),
            url: text(fields.url),
            lang: text(fields.lang).unwrap_or_else(|| "other".to_string()),
            path: text(fields.path).unwrap_or_default(),
            original: text(fields.original),
        }
    }
}
