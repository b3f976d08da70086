//! Reading a stored Tantivy document back as the backend-neutral
//! [`StoredArticle`].

use crate::article::StoredArticle;
use chrono::DateTime;
use tantivy::schema::Value;
use tantivy::TantivyDocument;
use warta_analysis::langid::Lang;
use warta_indexer::Fields;
use warta_ingest::outlet::outlet_name;

/// The article a stored document holds.
pub(crate) fn stored_article(doc: &TantivyDocument, fields: &Fields) -> StoredArticle {
    let text = |field| {
        doc.get_first(field)
            .and_then(|v| v.as_str())
            .map(str::to_string)
    };
    let date = doc
        .get_first(fields.date)
        .and_then(|v| v.as_datetime())
        .and_then(|d| iso_date(d.into_timestamp_secs()));
    let id = text(fields.id).unwrap_or_default();
    let source = text(fields.source_display);
    StoredArticle {
        story: text(fields.story).unwrap_or_else(|| id.clone()),
        outlet: source.as_deref().map(outlet_name),
        source,
        id,
        title: text(fields.title).unwrap_or_default(),
        body: text(fields.body).unwrap_or_default(),
        date,
        url: text(fields.url),
        lang: text(fields.lang)
            .and_then(|code| Lang::from_code(&code))
            .unwrap_or(Lang::Other),
        path: text(fields.path).unwrap_or_default(),
        original: text(fields.original),
    }
}

/// A date as an article's `date` reads (ISO 8601, UTC, to the second).
pub(crate) fn iso_date(secs: i64) -> Option<String> {
    DateTime::from_timestamp(secs, 0).map(|d| d.naive_utc().format("%Y-%m-%dT%H:%M:%S").to_string())
}
