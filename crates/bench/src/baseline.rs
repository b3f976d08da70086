//! The baseline: bare Tantivy over the same articles, with its default
//! tokenizer, the same stored fields and the same facet counts as Warta.

use crate::plain_facets::PlainFacetCollector;
use crate::queries::BenchQuery;
use anyhow::{Context, Result};
use chrono::NaiveDate;
use std::ops::Bound;
use std::path::Path;
use std::sync::{Arc, Weak};
use tantivy::collector::Collector;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, Occur, Query, QueryParser, RangeQuery, TermQuery};
use tantivy::schema::{
    DateOptions, DateTimePrecision, Field, IndexRecordOption, Schema, INDEXED, STORED, STRING, TEXT,
};
use tantivy::snippet::SnippetGenerator;
use tantivy::{Index, IndexReader, IndexWriter, Order, TantivyDocument, Term, Warmer};
use warta_ingest::Article;
use warta_search::{FacetCache, Facets};

/// Longest snippet, in characters: the length Warta's snippets have.
const SNIPPET_CHARS: usize = 240;

/// Field handles of the baseline schema.
#[derive(Debug, Clone, Copy)]
pub struct BaselineFields {
    id: Field,
    title: Field,
    body: Field,
    date: Field,
    source: Field,
    lang: Field,
    url: Field,
}

/// The baseline schema: `id` (string, stored), `title` and `body` (Tantivy's
/// `TEXT`: default tokenizer, positions; stored), `date` (indexed, stored,
/// fast), `source` and `lang` (raw strings, stored, fast), `url` (stored).
pub fn schema() -> (Schema, BaselineFields) {
    let mut b = Schema::builder();
    let fields = BaselineFields {
        id: b.add_text_field("id", STRING | STORED),
        title: b.add_text_field("title", TEXT | STORED),
        body: b.add_text_field("body", TEXT | STORED),
        date: b.add_date_field(
            "date",
            DateOptions::from(INDEXED | STORED | tantivy::schema::FAST)
                .set_precision(DateTimePrecision::Seconds),
        ),
        source: b.add_text_field("source", STRING | STORED | tantivy::schema::FAST),
        lang: b.add_text_field("lang", STRING | STORED | tantivy::schema::FAST),
        url: b.add_text_field("url", STORED),
    };
    (b.build(), fields)
}

fn document(article: &Article, f: &BaselineFields) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_text(f.id, &article.id);
    doc.add_text(f.title, &article.title);
    doc.add_text(f.body, &article.body);
    if let Some(date) = &article.date {
        doc.add_date(
            f.date,
            tantivy::DateTime::from_timestamp_secs(date.and_utc().timestamp()),
        );
    }
    if let Some(source) = &article.source {
        doc.add_text(f.source, source);
    }
    doc.add_text(f.lang, article.lang.code());
    if let Some(url) = &article.url {
        doc.add_text(f.url, url);
    }
    doc
}

/// Builds the baseline index in `dir` from `articles` with `threads` indexing
/// threads sharing `memory_budget` bytes, committing every `commit_every`
/// articles like Warta does, its doc store in blocks of `docstore_block`
/// bytes (Tantivy's default when `None`); returns (articles, bytes of text).
pub fn build(
    dir: &Path,
    articles: impl Iterator<Item = Article>,
    threads: usize,
    memory_budget: usize,
    commit_every: usize,
    docstore_block: Option<usize>,
) -> Result<(u64, u64)> {
    std::fs::create_dir_all(dir)?;
    let (schema, fields) = schema();
    let mut settings = tantivy::IndexSettings::default();
    if let Some(bytes) = docstore_block {
        settings.docstore_blocksize = bytes;
    }
    let index = Index::builder()
        .schema(schema)
        .settings(settings)
        .create_in_dir(dir)
        .context("creating the baseline index")?;
    let threads = threads.clamp(1, 8);
    let per_thread = (memory_budget / threads).max(15_000_000);
    let mut writer: IndexWriter = index.writer_with_num_threads(threads, per_thread * threads)?;
    let (mut count, mut bytes, mut since) = (0u64, 0u64, 0usize);
    for article in articles {
        count += 1;
        bytes += crate::corpus::text_bytes(&article);
        writer.add_document(document(&article, &fields))?;
        since += 1;
        if since >= commit_every.max(1) {
            writer.commit()?;
            since = 0;
        }
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    Ok((count, bytes))
}

/// An open baseline index, ready to answer benchmark queries.
pub struct Baseline {
    index: Index,
    reader: IndexReader,
    fields: BaselineFields,
    /// Warta's facet tables over this index, for [`Extras::facet_cache`].
    facet_cache: Arc<FacetCache>,
}

/// Work the baseline does beyond finding, counting and loading the top 10.
#[derive(Debug, Clone, Copy, Default)]
pub struct Extras {
    /// A highlighted body snippet for each hit from Tantivy's own
    /// `SnippetGenerator` (what a result page needs, as Warta makes).
    pub snippets: bool,
    /// Count facets with Warta's per-segment tables (`FacetCache`) instead
    /// of reading the fast fields for every match.
    pub facet_cache: bool,
}

/// What one baseline query returns (kept so the work cannot be optimised away).
#[derive(Debug, Clone, Default)]
pub struct BaselineResult {
    /// Matching documents.
    pub total: usize,
    /// Stored documents loaded (the top 10).
    pub loaded: usize,
    /// Bytes of snippet HTML made (0 without snippets).
    pub snippet_bytes: usize,
    /// Facet counts by language, source and year.
    pub facets: Facets,
}

impl Baseline {
    /// Opens the baseline index in `dir`.
    pub fn open(dir: &Path) -> Result<Baseline> {
        let index = Index::open_in_dir(dir)?;
        let (_, fields) = schema();
        let facet_cache = Arc::new(FacetCache::default());
        let warmer: Weak<dyn Warmer> = Arc::downgrade(&facet_cache) as Weak<dyn Warmer>;
        let reader = index.reader_builder().warmers(vec![warmer]).try_into()?;
        Ok(Baseline {
            index,
            reader,
            fields,
            facet_cache,
        })
    }

    /// Runs `query` as a Tantivy user would: `QueryParser` over title (boost
    /// 2) and body, all words required; language and date filters as
    /// `TermQuery`/`RangeQuery` clauses; `TopDocs(10)` by score or by the
    /// date fast field, `Count`, facets counted from the fast fields of every
    /// match, and the 10 stored documents loaded. No snippets.
    pub fn search(&self, query: &BenchQuery) -> Result<BaselineResult> {
        self.search_with(query, Extras::default())
    }

    /// [`Baseline::search`] with the `extras` asked for.
    pub fn search_with(&self, query: &BenchQuery, extras: Extras) -> Result<BaselineResult> {
        if extras.facet_cache {
            self.run(query, extras.snippets, self.facet_cache.collector())
        } else {
            self.run(query, extras.snippets, PlainFacetCollector)
        }
    }

    fn run<F>(
        &self,
        query: &BenchQuery,
        snippets: bool,
        facet_collector: F,
    ) -> Result<BaselineResult>
    where
        F: Collector<Fruit = Facets>,
    {
        let f = &self.fields;
        let mut parser = QueryParser::for_index(&self.index, vec![f.title, f.body]);
        parser.set_conjunction_by_default();
        parser.set_field_boost(f.title, 2.0);
        let parsed = parser.parse_query(&query.text)?;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, parsed)];
        if let Some(lang) = &query.lang {
            clauses.push((
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_text(f.lang, lang),
                    IndexRecordOption::Basic,
                )),
            ));
        }
        if let Some(year) = query.year {
            let day = |y: i32| {
                let secs = NaiveDate::from_ymd_opt(y, 1, 1)
                    .and_then(|d| d.and_hms_opt(0, 0, 0))
                    .map_or(0, |t| t.and_utc().timestamp());
                Term::from_field_date_for_search(
                    f.date,
                    tantivy::DateTime::from_timestamp_secs(secs),
                )
            };
            clauses.push((
                Occur::Must,
                Box::new(RangeQuery::new(
                    Bound::Included(day(year)),
                    Bound::Excluded(day(year + 1)),
                )),
            ));
        }
        let query_obj: Box<dyn Query> = if clauses.len() == 1 {
            clauses.remove(0).1
        } else {
            Box::new(BooleanQuery::new(clauses))
        };
        let searcher = self.reader.searcher();
        let top = TopDocs::with_limit(10);
        let (addresses, total, facets) = if query.by_date {
            let by_date = top.order_by_fast_field::<tantivy::DateTime>("date", Order::Desc);
            let (docs, total, facets) =
                searcher.search(&query_obj, &(by_date, Count, facet_collector))?;
            (
                docs.into_iter().map(|(_, d)| d).collect::<Vec<_>>(),
                total,
                facets,
            )
        } else {
            let (docs, total, facets) =
                searcher.search(&query_obj, &(top.order_by_score(), Count, facet_collector))?;
            (
                docs.into_iter().map(|(_, d)| d).collect::<Vec<_>>(),
                total,
                facets,
            )
        };
        let generator = if snippets {
            let mut generator = SnippetGenerator::create(&searcher, query_obj.as_ref(), f.body)?;
            generator.set_max_num_chars(SNIPPET_CHARS);
            Some(generator)
        } else {
            None
        };
        let mut loaded = 0;
        let mut snippet_bytes = 0;
        for address in addresses {
            let doc: TantivyDocument = searcher.doc(address)?;
            loaded += doc.field_values().count().min(1);
            if let Some(generator) = &generator {
                let mut snippet = generator.snippet_from_doc(&doc);
                snippet.set_snippet_prefix_postfix("<mark>", "</mark>");
                snippet_bytes += snippet.to_html().len();
            }
        }
        Ok(BaselineResult {
            total,
            loaded,
            snippet_bytes,
            facets,
        })
    }
}
