//! The index schema: what is stored for display, what is analysed for
//! search, and what is a fast field for filters, sorting and facets.

use tantivy::schema::{
    DateOptions, DateTimePrecision, Field, IndexRecordOption, NumericOptions, Schema,
    TextFieldIndexing, TextOptions, FAST, INDEXED, STORED, STRING,
};
use warta_analysis::TOKENIZER_NAME;

/// Name of the tokenizer that lowercases a whole value (source names).
pub const RAW_LOWER: &str = "raw_lower";

/// Handles to every field of the Warta schema.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// Article id: exact, for updates and `GET /api/articles/{id}`.
    pub id: Field,
    /// The id hashed (FNV-1a), a fast field: tells a run's copy finder an
    /// earlier version of an article from another article.
    pub id_key: Field,
    /// Headline: analysed (boosted at query time) and stored.
    pub title: Field,
    /// Clean body: analysed with positions (phrases, snippets) and stored.
    pub body: Field,
    /// The raw source text, stored only, so the original stays retrievable.
    pub original: Field,
    /// Publication date. Its fast column feeds the search engine's
    /// per-segment tables (year facets, date filters, sorting by date); it
    /// is also indexed, which schema v2 keeps so existing indexes stay valid.
    pub date: Field,
    /// The outlet's key (`warta_ingest::outlet::outlet_key`): filter and facet.
    pub source: Field,
    /// Outlet as the page wrote it, for display.
    pub source_display: Field,
    /// The outlet's name when the article was indexed (the names table's,
    /// or the rule's for an outlet it does not list): a fast field, so a
    /// facet can name every outlet.
    pub outlet: Field,
    /// Language code (`id`, `en`, `other`): filter and facet.
    pub lang: Field,
    /// Address of the article, when known.
    pub url: Field,
    /// Where the article was read from (file, or file:line).
    pub path: Field,
    /// Content fingerprint, so re-indexing unchanged articles is skipped.
    pub hash: Field,
    /// The story the article belongs to: the id of its story's first
    /// article (its own when it copies none). Stored and fast, for
    /// collapsing copies and listing a story's copies.
    pub story: Field,
    /// The normalised address, hashed: an exact copy has the same.
    pub copy_url: Field,
    /// The normalised text, hashed: an exact copy has the same.
    pub copy_text: Field,
    /// The text's sampled 5-grams (a fast column of several values): a
    /// copy shares many. Fast fields only, read back when a later run
    /// opens the index: indexed as terms they made a build a fifth slower.
    pub copy_sample: Field,
}

/// Builds the schema and returns it with its field handles.
pub fn build() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let analysed = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(TOKENIZER_NAME)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
        .set_stored();
    let keyword = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(RAW_LOWER)
                .set_index_option(IndexRecordOption::Basic),
        )
        .set_fast(RAW_LOWER);
    let fields = Fields {
        id: builder.add_text_field("id", STRING | STORED),
        id_key: builder.add_u64_field("id_key", NumericOptions::default().set_fast()),
        title: builder.add_text_field("title", analysed.clone()),
        body: builder.add_text_field("body", analysed),
        original: builder.add_text_field("original", STORED),
        date: builder.add_date_field(
            "date",
            DateOptions::from(INDEXED | STORED | FAST).set_precision(DateTimePrecision::Seconds),
        ),
        source: builder.add_text_field("source", keyword.clone()),
        source_display: builder.add_text_field("source_display", STORED),
        outlet: builder.add_text_field("outlet", STRING | FAST),
        lang: builder.add_text_field("lang", keyword.set_stored()),
        url: builder.add_text_field("url", STORED),
        path: builder.add_text_field("path", STORED),
        hash: builder.add_u64_field("hash", NumericOptions::default().set_fast()),
        story: builder.add_text_field("story", STRING | STORED | FAST),
        copy_url: builder.add_u64_field("copy_url", NumericOptions::default().set_fast()),
        copy_text: builder.add_u64_field("copy_text", NumericOptions::default().set_fast()),
        copy_sample: builder.add_u64_field("copy_sample", NumericOptions::default().set_fast()),
    };
    (builder.build(), fields)
}

impl Fields {
    /// The fields Warta's analyzer tokenizes, whose terms the stem table
    /// files and query words are looked up in.
    pub fn analysed(&self) -> [Field; 2] {
        [self.title, self.body]
    }

    /// Looks the handles up in an existing index's schema.
    pub fn from_schema(schema: &Schema) -> tantivy::Result<Fields> {
        let f = |name: &str| schema.get_field(name);
        Ok(Fields {
            id: f("id")?,
            id_key: f("id_key")?,
            title: f("title")?,
            body: f("body")?,
            original: f("original")?,
            date: f("date")?,
            source: f("source")?,
            source_display: f("source_display")?,
            outlet: f("outlet")?,
            lang: f("lang")?,
            url: f("url")?,
            path: f("path")?,
            hash: f("hash")?,
            story: f("story")?,
            copy_url: f("copy_url")?,
            copy_text: f("copy_text")?,
            copy_sample: f("copy_sample")?,
        })
    }
}
