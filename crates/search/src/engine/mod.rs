//! The embedded backend: searches on a Tantivy index on this machine,
//! seeing every commit as it lands.
//!
//! Everything that names Tantivy lives under this module: the planner that
//! lowers Warta's query tree onto Tantivy queries, the queries over a
//! stem's forms, the per-segment facet and date tables.

mod by_language;
mod coord;
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
    parse_query, run_passes, Lexicon, PassContext, QueryNode, QueryPass, Rewrites, TranslatePass,
    Vocabulary,
};
use crate::request::{MatchMode, SearchRequest, SortOrder};
use crate::results::{Facets, Hit, Relaxation, SearchResults};
use by_language::TopByLanguage;
use coord::split_level;
use date_order::ByDate;
use document::stored_article;
use plan::{Planned, Planner, Relaxed};
use std::path::Path;
use std::sync::{Arc, Mutex, RwLock, Weak};
use std::time::{Instant, SystemTime};
use stem_index::StemIndex;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{EnableScoring, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{
    DocAddress, IndexReader, Order, ReloadPolicy, Searcher, TantivyDocument, Term, Warmer,
};
use warta_analysis::langid::Lang;
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

/// What ranking a request found, before the hits' texts are read.
struct Ranking {
    searcher: Searcher,
    /// The query tree after the rewrite passes.
    tree: QueryNode,
    rewrites: Rewrites,
    highlight: HighlightTerms,
    /// The page's matches; in a widened search their scores still carry
    /// the coordination levels.
    ranked: Vec<(Option<f32>, DocAddress)>,
    total: usize,
    /// Matches of every word (`total` unless widened).
    all_words: usize,
    facets: Facets,
    /// The widened query, when the search was widened.
    relaxed: Option<Relaxed>,
}

/// A page of ranked matches (scores absent when sorted by date), the
/// count of all matches and their facets.
type Collected = (Vec<(Option<f32>, DocAddress)>, usize, Facets);

/// An all-words search that finds fewer articles than this is widened to
/// articles with most of its words, ranked below those with all.
pub const FEW_MATCHES: usize = 10;

/// For each of `ranked` (hits of `relaxed`'s query), the words it lacks.
fn missing_words(
    searcher: &Searcher,
    relaxed: &Relaxed,
    ranked: &[(Option<f32>, DocAddress)],
) -> Result<Vec<Vec<String>>, SearchError> {
    let weights = relaxed
        .words
        .iter()
        .map(|(label, query)| {
            Ok((
                label,
                query.weight(EnableScoring::disabled_from_searcher(searcher))?,
            ))
        })
        .collect::<Result<Vec<_>, SearchError>>()?;
    let mut missing = Vec::with_capacity(ranked.len());
    for (score, address) in ranked {
        let (levels, _) = split_level(score.unwrap_or(0.0));
        let mut lacks = Vec::new();
        if levels < weights.len() {
            let reader = searcher.segment_reader(address.segment_ord);
            for (label, weight) in &weights {
                let mut scorer = weight.scorer(reader, 1.0)?;
                if scorer.seek(address.doc_id) != address.doc_id {
                    lacks.push(label.to_string());
                }
            }
        }
        missing.push(lacks);
    }
    Ok(missing)
}

/// The language a translated query was typed in (most of its translated
/// words'); `None` when nothing was translated.
fn query_language(rewrites: &Rewrites) -> Option<Lang> {
    let from = |lang| {
        rewrites
            .translations
            .iter()
            .filter(|t| t.from == lang)
            .count()
    };
    match (from(Lang::En), from(Lang::Id)) {
        (0, 0) => None,
        (en, id) if en >= id => Some(Lang::En),
        _ => Some(Lang::Id),
    }
}

/// The rewrite passes every query goes through, in order.
fn default_passes(lexicon: Arc<Lexicon>) -> Vec<Box<dyn QueryPass>> {
    vec![Box::new(TranslatePass::new(lexicon))]
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
        let lexicon = Arc::new(Lexicon::shipped(&analyzer));
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
            passes: default_passes(lexicon),
            facets,
            stems: RwLock::new(Arc::new(StemIndex::empty(StemTable::load_or_empty(dir)))),
        };
        // Found now, so the first search does not pay for it.
        engine.view()?;
        Ok(engine)
    }

    /// Translates with `lexicon` (the shipped one and a newsroom's rows,
    /// say) instead of the shipped lexicon alone.
    pub fn set_lexicon(&mut self, lexicon: Arc<Lexicon>) {
        self.passes = default_passes(lexicon);
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
        stems: &StemIndex,
    ) -> Result<(QueryNode, Rewrites), SearchError> {
        request.validate()?;
        let tree = parse_query(&request.query)?;
        if self.passes.is_empty() {
            return Ok((tree, Rewrites::default()));
        }
        let vocabulary = IndexVocabulary {
            searcher,
            stems,
            analyzer: &self.handle.analyzer,
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

    fn planner<'a>(&'a self, stems: &'a Arc<StemIndex>) -> Planner<'a> {
        Planner {
            fields: &self.handle.fields,
            analyzer: &self.handle.analyzer,
            tuning: self.tuning,
            facets: &self.facets,
            stems,
        }
    }

    fn plan(&self, tree: &QueryNode, request: &SearchRequest, stems: &Arc<StemIndex>) -> Planned {
        self.planner(stems).plan(tree, request)
    }

    /// One page of `query`'s matches in the request's order (by relevance
    /// within each language, merged, when `by_language` names the query's
    /// own language), their count and their facets, in one pass over the
    /// matches.
    fn collect(
        &self,
        searcher: &Searcher,
        query: &dyn Query,
        request: &SearchRequest,
        by_language: Option<Lang>,
    ) -> Result<Collected, SearchError> {
        let top = TopDocs::with_limit(request.per_page).and_offset(request.offset());
        Ok(match request.sort {
            SortOrder::Relevance if by_language.is_some() => {
                let own = by_language.map_or("", Lang::code);
                let end = request.offset() + request.per_page;
                let (lists, total, facets) = searcher.search(
                    query,
                    &(
                        TopByLanguage::new(&self.facets, end),
                        Count,
                        self.facets.collector(),
                    ),
                )?;
                let share = self.tuning.other_language_share;
                let page =
                    by_language::merge(lists, own, share, request.offset(), request.per_page);
                let docs = page.into_iter().map(|(s, d)| (Some(s), d)).collect();
                (docs, total, facets)
            }
            SortOrder::Relevance => {
                let (docs, total, facets) = searcher.search(
                    query,
                    &(top.order_by_score(), Count, self.facets.collector()),
                )?;
                let docs = docs.into_iter().map(|(s, d)| (Some(s), d)).collect();
                (docs, total, facets)
            }
            SortOrder::Date => {
                let by_date = top.order_by((ByDate::new(Arc::clone(&self.facets)), Order::Desc));
                let (docs, total, facets) =
                    searcher.search(query, &(by_date, Count, self.facets.collector()))?;
                let docs = docs.into_iter().map(|(_, d)| (None, d)).collect();
                (docs, total, facets)
            }
        })
    }

    /// The ids of the page's matches, ranked as [`SearchBackend::search`]
    /// ranks them, without snippets: the lean path for evaluations.
    pub fn search_ids(&self, request: &SearchRequest) -> Result<Vec<String>, SearchError> {
        let ranking = self.rank(request)?;
        let mut ids = Vec::with_capacity(ranking.ranked.len());
        for (_, address) in &ranking.ranked {
            let doc: TantivyDocument = ranking.searcher.doc(*address)?;
            ids.push(stored_article(&doc, &self.handle.fields).id);
        }
        Ok(ids)
    }

    /// Parses, rewrites, plans and runs `request`: one page of its matches
    /// ranked, with everything the results report but the hits' texts.
    fn rank(&self, request: &SearchRequest) -> Result<Ranking, SearchError> {
        let View { searcher, stems } = self.view()?;
        let (tree, rewrites) = self.rewritten(request, &searcher, &stems)?;
        let planner = self.planner(&stems);
        let Planned { query, highlight } = planner.plan(&tree, request);
        // A translated query is ranked language by language, then merged.
        let by_language = if request.lang.is_none() {
            query_language(&rewrites)
        } else {
            None
        };
        let (mut ranked, mut total, mut facets) =
            self.collect(&searcher, query.as_ref(), request, by_language)?;
        let all_words = total;
        let mut relaxed = None;
        let widen = request.match_mode == MatchMode::All
            && request.sort == SortOrder::Relevance
            && total < FEW_MATCHES;
        if let Some(relax) = widen.then(|| planner.relax(&tree, request)).flatten() {
            let (wide, wide_total, wide_facets) =
                self.collect(&searcher, relax.query.as_ref(), request, None)?;
            if wide_total > total {
                ranked = wide;
                total = wide_total;
                facets = wide_facets;
                relaxed = Some(relax);
            }
        }
        Ok(Ranking {
            searcher,
            tree,
            rewrites,
            highlight,
            ranked,
            total,
            all_words,
            facets,
            relaxed,
        })
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
            let score = score.map(|s| split_level(s).1);
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
                score,
                snippet,
                missing: Vec::new(),
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
        let ranking = self.rank(request)?;
        let mut hits = self.hits(&ranking.searcher, &ranking.highlight, &ranking.ranked)?;
        if let Some(relaxed) = &ranking.relaxed {
            let missing = missing_words(&ranking.searcher, relaxed, &ranking.ranked)?;
            for (hit, lacks) in hits.iter_mut().zip(missing) {
                hit.missing = lacks;
            }
        }
        Ok(SearchResults {
            query: request.query.clone(),
            relaxed: ranking.relaxed.map(|relaxed| Relaxation {
                all_words: ranking.all_words,
                min_words: relaxed.min_words,
                words: relaxed.words.into_iter().map(|(label, _)| label).collect(),
            }),
            parsed: ranking.tree,
            rewrites: ranking.rewrites,
            total: ranking.total,
            took_ms: started.elapsed().as_secs_f64() * 1000.0,
            page: request.page,
            per_page: request.per_page,
            hits,
            facets: ranking.facets,
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
        let (tree, _) = self.rewritten(request, &searcher, &stems)?;
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
    stems: &'a StemIndex,
    analyzer: &'a Analyzer,
    fields: [Field; 2],
}

impl Vocabulary for IndexVocabulary<'_> {
    fn word_doc_freq(&self, word: &str) -> u64 {
        let Some(term) = self.analyzer.query_terms(word).into_iter().next() else {
            return 0;
        };
        let table = self.stems.table();
        self.fields
            .iter()
            .map(|&field| match table.number(&term.term) {
                // The forms' frequencies summed: the planner's estimate of
                // the group's (never below any one form's).
                Some(number) => self
                    .stems
                    .doc_freqs(field, number)
                    .iter()
                    .map(|(_, freq)| freq)
                    .sum(),
                None => self
                    .searcher
                    .doc_freq(&Term::from_field_text(field, &term.term))
                    .unwrap_or(0),
            })
            .max()
            .unwrap_or(0)
    }
}
