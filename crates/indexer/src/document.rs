//! Converting ingest's `Article` into a Tantivy document (the search
//! crate reads documents back).

use crate::schema::Fields;
use chrono::NaiveDateTime;
use std::hash::{Hash, Hasher};
use tantivy::TantivyDocument;
use warta_ingest::fingerprint::Fingerprint;
use warta_ingest::outlet::{outlet_key, outlet_name};
use warta_ingest::Article;

/// A fingerprint of everything stored about an article, so that a re-run
/// can tell an unchanged article from an updated one. It uses std's
/// `DefaultHasher`, whose algorithm a Rust release may change: the cost of
/// that is one re-run that rewrites unchanged articles, never a wrong skip
/// of a changed one within one build.
pub(crate) fn content_hash(article: &Article) -> u64 {
    let mut hasher = rustc_hash::FxHasher::default();
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

/// An id hashed (FNV-1a), stable from build to build.
pub(crate) fn id_key(id: &str) -> u64 {
    id.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The Tantivy timestamp for a wall-clock date (kept as if UTC, so the
/// date reads back as the page stated it).
pub(crate) fn to_tantivy_date(date: &NaiveDateTime) -> tantivy::DateTime {
    tantivy::DateTime::from_timestamp_secs(date.and_utc().timestamp())
}

/// The document of `article`, with its content `hash`, copy fingerprint
/// and `story`.
pub(crate) fn to_document(
    article: &Article,
    fields: &Fields,
    hash: u64,
    print: &Fingerprint,
    story: &str,
) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_text(fields.id, &article.id);
    doc.add_u64(fields.id_key, id_key(&article.id));
    doc.add_text(fields.title, &article.title);
    doc.add_text(fields.body, &article.body);
    if let Some(original) = &article.original {
        doc.add_text(fields.original, original);
    }
    if let Some(date) = &article.date {
        doc.add_date(fields.date, to_tantivy_date(date));
    }
    if let Some(source) = &article.source {
        let key = outlet_key(source);
        if !key.is_empty() {
            doc.add_text(fields.source, key);
            doc.add_text(fields.outlet, outlet_name(source));
        }
        doc.add_text(fields.source_display, source);
    }
    doc.add_text(fields.lang, article.lang.code());
    if let Some(url) = &article.url {
        doc.add_text(fields.url, url);
    }
    doc.add_text(fields.path, &article.path);
    doc.add_u64(fields.hash, hash);
    doc.add_text(fields.story, story);
    if let Some(url) = print.url {
        doc.add_u64(fields.copy_url, url);
    }
    if let Some(text) = print.text {
        doc.add_u64(fields.copy_text, text);
    }
    for sample in &print.sample {
        doc.add_u64(fields.copy_sample, *sample);
    }
    doc
}
