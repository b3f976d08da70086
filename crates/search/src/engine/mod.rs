//! The embedded backend: searches on a Tantivy index on this machine,
//! seeing every commit as it lands.
//!
//! Everything that names Tantivy lives under this module: the planner that
//! lowers Warta's query tree onto Tantivy queries, the queries over a
//! stem's forms, the per-segment facet and date tables.

mod date_filter;
mod date_order;
mod document;
mod facets;
mod forms;
mod plan;
mod stem_index;

#[cfg(not(feature = "internals"))]
use facets::FacetCache;
#[cfg(feature = "internals")]
pub use facets::{year_span, FacetCache, FacetCollector, SegmentFacets};
pub use plan::Tuning;

use crate::article::StoredArticle;
use crate::backend::SearchBackend;
use crate::error::SearchError;
use crate::highlight::{
    lead_of, snippet_source, DocFreqs, HighlightTerms, Highlighter, SNIPPET_CHARS,
};
use crate::query::{
    parse_query, run_passes, PassContext, QueryNode, QueryPass, Rewrites, Vocabulary,
};
use crate::request::{SearchRequest, SortOrder};
use crate::results::{Hit, SearchResults};
use date_order::ByDate;
use document::stored_article;
use plan::{Planned, Planner};
use std::path::Path;
use std::sync::{Arc, Mutex, RwLock, Weak};
use std::time::{Instant, SystemTime};
use stem_index::StemIndex;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::TermQuery;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{
    DocAddress, IndexReader, Order, ReloadPolicy, Searcher, TantivyDocument, Term, Warmer,
};
use warta_analysis::Analyzer;
use warta_indexer::{open_index_for_search, IndexHandle, StemTable};

/// A read-only view of an index that answers searches.
///
/// It never takes the writer lock. Before each search it checks whether a
/// commit landed (one `stat` of `meta.json`) and reloads if so, so a search
/// issued right after `warta index` commits sees the new articles; Tantivy's
/// own file watcher reloads in the background too.
pub struct TantivyEngine {
    handle: IndexHandle,
    reader: IndexReader,
    meta_seen: Mutex<Option<(SystemTime, u64)>>,
    tuning: Tuning,
    /// Rewrites run on every query before it is planned.
    passes: Vec<Box<dyn QueryPass>>,
    /// Warmed by the reader on every reload; the reader holds it weakly.
    facets: Arc<FacetCache>,
    /// The forms of each stem, for every segment the reader has shown.
    stems: RwLock<Arc<StemIndex>>,
}

/// A searcher on the latest commit with the stem index covering it.
struct View {
    searcher: Searcher,
    stems: Arc<StemIndex>,
}

fn meta_stamp(dir: &Path) -> Option<(SystemTime, u64)> {
    let meta = std::fs::metadata(dir.join("meta.json")).ok()?;
    Some((meta.modified().ok()?, meta.len()))
}

impl TantivyEngine {
    /// Opens the index at `dir` for searching; a missing index is an error
    /// that says how to build one.
    pub fn open(dir: &Path, analyzer: Arc<Analyzer>) -> Result<TantivyEngine, SearchError> {
        let handle = open_index_for_search(dir, analyzer)?;
        let facets = Arc::new(FacetCache::default());
        let facet_warmer: Weak<dyn Warmer> = Arc::downgrade(&facets) as Weak<dyn Warmer>;
        let reader = handle
            .index
            .reader_builder()
            .reload_policy(ReloadPolicy::OnCommitWithDelay)
            // No shared cache of decompressed store blocks: under
            // concurrent searches a block one thread decompressed was
            // freed by the thread that evicted it, and glibc then locks
            // the allocating thread's arena; the cache seldom hits over the
            // ten hits of a query anyway.
            .doc_store_cache_num_blocks(0)
            .warmers(vec![facet_warmer])
            .try_into()?;
        let engine = TantivyEngine {
            meta_seen: Mutex::new(meta_stamp(dir)),
            handle,
            reader,
            tuning: Tuning::default(),
            passes: Vec::new(),
            facets,
            stems: RwLock::new(Arc::new(StemIndex::empty(StemTable::load_or_empty(dir)))),
        };
        // Found now, so the first search does not pay for it.
        engine.view()?;
        Ok(engine)
    }

    /// Changes the ranking choices (for evaluation; production uses the defaults).
    pub fn set_tuning(&mut self, tuning: Tuning) {
        self.tuning = tuning;
    }

    /// The query tree `request` asks for, after the rewrite passes, with
    /// what they changed.
    fn rewritten(
        &self,
        request: &SearchRequest,
        searcher: &Searcher,
    ) -> Result<(QueryNode, Rewrites), SearchError> {
        request.validate()?;
        let tree = parse_query(&request.query)?;
        if self.passes.is_empty() {
            return Ok((tree, Rewrites::default()));
        }
        let vocabulary = IndexVocabulary {
            searcher,
            fields: self.handle.fields.analysed(),
        };
        let mut context = PassContext {
            request,
            analyzer: &self.handle.analyzer,
            vocabulary: &vocabulary,
            rewrites: Rewrites::default(),
        };
        let tree = run_passes(tree, &self.passes, &mut context);
        Ok((tree, context.rewrites))
    }

    fn plan(&self, tree: &QueryNode, request: &SearchRequest, stems: &Arc<StemIndex>) -> Planned {
        let planner = Planner {
            fields: &self.handle.fields,
            analyzer: &self.handle.analyzer,
            tuning: self.tuning,
            facets: &self.facets,
            stems,
        };
        planner.plan(tree, request)
    }

    /// The ids of the best `limit` matches, without snippets or facets: the
    /// lean path for evaluations.
    pub fn search_ids(
        &self,
        request: &SearchRequest,
        limit: usize,
    ) -> Result<Vec<String>, SearchError> {
        let View { searcher, stems } = self.view()?;
        let (tree, _) = self.rewritten(request, &searcher)?;
        let planned = self.plan(&tree, request, &stems);
        let top = searcher.search(
            &planned.query,
            &TopDocs::with_limit(limit.max(1)).order_by_score(),
        )?;
        let mut ids = Vec::with_capacity(top.len());
        for (_, address) in top {
            let doc: TantivyDocument = searcher.doc(address)?;
            ids.push(stored_article(&doc, &self.handle.fields).id);
        }
        Ok(ids)
    }

    /// The index this engine reads (for tests and the benchmark, which
    /// compare it with bare Tantivy).
    #[cfg(feature = "internals")]
    pub fn handle(&self) -> &IndexHandle {
        &self.handle
    }

    /// A searcher on the latest commit (for tests and the benchmark).
    #[cfg(feature = "internals")]
    pub fn searcher(&self) -> Result<Searcher, SearchError> {
        Ok(self.view()?.searcher)
    }

    /// The ids of every article in the latest commit, in index order (for
    /// tests that check what a run left in the index).
    #[cfg(feature = "internals")]
    pub fn ids(&self) -> Result<Vec<String>, SearchError> {
        let searcher = self.view()?.searcher;
        let mut ids = Vec::new();
        for (ord, segment) in searcher.segment_readers().iter().enumerate() {
            for doc in 0..segment.max_doc() {
                if segment.is_deleted(doc) {
                    continue;
                }
                let stored: TantivyDocument = searcher.doc(DocAddress::new(ord as u32, doc))?;
                ids.push(stored_article(&stored, &self.handle.fields).id);
            }
        }
        Ok(ids)
    }

    /// The latest commit and the stem index for it. Segments the index
    /// lacks (new commits, merges) are filed and found here, keeping what
    /// it knows of the others.
    fn view(&self) -> Result<View, SearchError> {
        let searcher = self.latest_searcher()?;
        let current = Arc::clone(
            &self
                .stems
                .read()
                .unwrap_or_else(|poisoned| poisoned.into_inner()),
        );
        if current.covers(&searcher) {
            return Ok(View {
                searcher,
                stems: current,
            });
        }
        let mut shared = self
            .stems
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if !shared.covers(&searcher) {
            let mut table = StemTable::clone(shared.table());
            self.file_missing_segments(&mut table, &searcher)?;
            let fields = self.handle.fields.analysed();
            let index = StemIndex::new(Arc::new(table), &searcher, &fields, Some(&shared))?;
            *shared = Arc::new(index);
        }
        Ok(View {
            searcher,
            stems: Arc::clone(&shared),
        })
    }

    /// Files in `table` the terms of `searcher`'s segments it lacks.
    fn file_missing_segments(
        &self,
        table: &mut StemTable,
        searcher: &Searcher,
    ) -> Result<(), SearchError> {
        let fields = self.handle.fields.analysed();
        // The segments a saved table lacks are filed before the first
        // search can run, so on every core.
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let filed = table.extend(searcher, &fields, &self.handle.analyzer, cores)?;
        if filed > 0 {
            tracing::info!(
                segments = filed,
                "filed the stems of segments the saved stem table lacks"
            );
        }
        table.retain_segments(searcher);
        Ok(())
    }

    fn latest_searcher(&self) -> Result<Searcher, SearchError> {
        let now = meta_stamp(&self.handle.dir);
        let mut seen = self
            .meta_seen
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if now != *seen {
            self.reader.reload()?;
            *seen = now;
        }
        Ok(self.reader.searcher())
    }

    fn hits(
        &self,
        searcher: &Searcher,
        highlight: &HighlightTerms,
        ranked: &[(Option<f32>, DocAddress)],
    ) -> Result<Vec<Hit>, SearchError> {
        let fields = &self.handle.fields;
        let freqs = FieldDocFreqs {
            searcher,
            field: fields.body,
        };
        let highlighter = Highlighter::new(highlight, &freqs, SNIPPET_CHARS);
        let mut hits = Vec::with_capacity(ranked.len());
        for (score, address) in ranked {
            let doc: TantivyDocument = searcher.doc(*address)?;
            let article = stored_article(&doc, fields);
            let window = snippet_source(&article.body, &highlighter);
            let snippet = highlighter
                .best_fragment(&self.handle.analyzer, window)
                .unwrap_or_else(|| lead_of(&article.body));
            hits.push(Hit {
                id: article.id,
                title: article.title,
                date: article.date,
                source: article.source,
                url: article.url,
                lang: article.lang,
                score: *score,
                snippet,
            });
        }
        Ok(hits)
    }
}

impl SearchBackend for TantivyEngine {
    fn analyzer(&self) -> &Analyzer {
        &self.handle.analyzer
    }

    fn num_docs(&self) -> Result<u64, SearchError> {
        Ok(self.view()?.searcher.num_docs())
    }

    fn search(&self, request: &SearchRequest) -> Result<SearchResults, SearchError> {
        let started = Instant::now();
        let View { searcher, stems } = self.view()?;
        let (tree, rewrites) = self.rewritten(request, &searcher)?;
        let Planned { query, highlight } = self.plan(&tree, request, &stems);
        let top = TopDocs::with_limit(request.per_page).and_offset(request.offset());
        let (ranked, total, facets): (Vec<(Option<f32>, DocAddress)>, usize, _) = match request.sort
        {
            SortOrder::Relevance => {
                let (docs, total, facets) = searcher.search(
                    &query,
                    &(top.order_by_score(), Count, self.facets.collector()),
                )?;
                (
                    docs.into_iter().map(|(s, d)| (Some(s), d)).collect(),
                    total,
                    facets,
                )
            }
            SortOrder::Date => {
                let by_date = top.order_by((ByDate::new(Arc::clone(&self.facets)), Order::Desc));
                let (docs, total, facets) =
                    searcher.search(&query, &(by_date, Count, self.facets.collector()))?;
                (
                    docs.into_iter().map(|(_, d)| (None, d)).collect(),
                    total,
                    facets,
                )
            }
        };
        let hits = self.hits(&searcher, &highlight, &ranked)?;
        Ok(SearchResults {
            query: request.query.clone(),
            parsed: tree,
            rewrites,
            total,
            took_ms: started.elapsed().as_secs_f64() * 1000.0,
            page: request.page,
            per_page: request.per_page,
            hits,
            facets,
        })
    }

    fn article(&self, id: &str) -> Result<StoredArticle, SearchError> {
        let searcher = self.view()?.searcher;
        let fields = &self.handle.fields;
        let query = TermQuery::new(
            Term::from_field_text(fields.id, id),
            IndexRecordOption::Basic,
        );
        let found = searcher.search(&query, &TopDocs::with_limit(1).order_by_score())?;
        let Some((_, address)) = found.first() else {
            return Err(SearchError::NotFound(id.to_string()));
        };
        let doc: TantivyDocument = searcher.doc(*address)?;
        Ok(stored_article(&doc, fields))
    }

    fn highlight_terms(&self, request: &SearchRequest) -> Result<HighlightTerms, SearchError> {
        let View { searcher, stems } = self.view()?;
        let (tree, _) = self.rewritten(request, &searcher)?;
        Ok(self.plan(&tree, request, &stems).highlight)
    }
}

/// Document frequencies of a field's terms, from the searcher's term
/// dictionaries: the weights of highlighted terms the planner did not know.
struct FieldDocFreqs<'a> {
    searcher: &'a Searcher,
    field: Field,
}

impl DocFreqs for FieldDocFreqs<'_> {
    fn doc_freq(&self, term: &str) -> Option<u64> {
        match self
            .searcher
            .doc_freq(&Term::from_field_text(self.field, term))
        {
            Ok(freq) => Some(freq),
            Err(err) => {
                tracing::warn!("highlighting: {err}");
                None
            }
        }
    }
}

/// The index's vocabulary as the rewrite passes see it.
struct IndexVocabulary<'a> {
    searcher: &'a Searcher,
    fields: [Field; 2],
}

impl Vocabulary for IndexVocabulary<'_> {
    fn doc_freq(&self, term: &str) -> u64 {
        self.fields
            .iter()
            .map(|field| {
                self.searcher
                    .doc_freq(&Term::from_field_text(*field, term))
                    .unwrap_or(0)
            })
            .max()
            .unwrap_or(0)
    }
}
