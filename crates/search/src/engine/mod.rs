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
mod day_counts;
mod document;
mod facets;
mod forms;
mod near;
mod plan;
mod stem_index;
mod stories;
mod title_words;

#[cfg(not(feature = "internals"))]
use facets::FacetCache;
#[cfg(feature = "internals")]
pub use facets::{year_span, FacetCache, FacetCollector, SegmentFacets};
pub use plan::Tuning;

use crate::article::StoredArticle;
use crate::backend::SearchBackend;
use crate::backend::MAX_STORY_COPIES;
use crate::error::SearchError;
use crate::export::{check_rows, ExportRow, ExportSink, EXPORT_BATCH, MAX_EXPORT_ROWS};
use crate::highlight::{
    lead_of, snippet_source, DocFreqs, HighlightTerms, Highlighter, SNIPPET_CHARS,
};
use crate::query::{
    parse_query, run_passes, Lexicon, NearSpelling, PassContext, QueryNode, QueryPass, RespellPass,
    Rewrites, TranslatePass, Vocabulary,
};
use crate::request::{Collapse, MatchMode, SearchRequest, SortOrder};
use crate::results::{Copy, CopySeen, Facets, Hit, Relaxation, SearchResults};
use crate::timeline::DayCounts;
use by_language::TopByLanguage;
use coord::split_level;
use date_order::ByDate;
use day_counts::DayCollector;
use document::stored_article;
use plan::{Planned, Planner, Relaxed};
use rustc_hash::FxHashMap;
use std::path::Path;
use std::sync::{Arc, Mutex, RwLock, Weak};
use std::time::{Instant, SystemTime};
use stem_index::StemIndex;
use stories::{SegmentStories, StoryCount, StoryTable};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{EnableScoring, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{
    DocAddress, IndexReader, Order, ReloadPolicy, Searcher, TantivyDocument, Term, Warmer,
};
use title_words::TitleWords;
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
    /// The stories of the latest commit's articles.
    stories: RwLock<Arc<StoryTable>>,
    /// The headline words of the latest commit, for suggestions (built by
    /// the first suggestion after a commit).
    title_words: RwLock<Arc<TitleWords>>,
}

/// What ranking a request found, before the hits' texts are read.
struct Ranking {
    view: View,
    /// The query tree after the rewrite passes.
    tree: QueryNode,
    rewrites: Rewrites,
    highlight: HighlightTerms,
    /// The page's matches; in a widened search their scores still carry
    /// the coordination levels.
    ranked: Vec<Ranked>,
    total: usize,
    /// Distinct stories among all matches.
    stories: usize,
    /// Matches of every word (`total` unless widened).
    all_words: usize,
    facets: Facets,
    /// The widened query, when the search was widened.
    relaxed: Option<Relaxed>,
}

/// A ranked match: its score (absent when sorted by date), address and
/// story number.
#[derive(Clone, Copy)]
struct Ranked {
    score: Option<f32>,
    address: DocAddress,
    story: Option<u32>,
}

/// The first matches of a query in order, the count of all matches, their
/// facets and their stories.
struct Collected {
    ranked: Vec<(Option<f32>, DocAddress)>,
    total: usize,
    facets: Facets,
    stories: usize,
}

/// One page of a query's hits with the counts over all its matches.
struct Paged {
    ranked: Vec<Ranked>,
    total: usize,
    facets: Facets,
    stories: usize,
}

/// Most matches fetched to fill a page with distinct stories: past the
/// deepest page and the longest export, which bounds the work of a query
/// whose every match is a copy of a few stories.
const MAX_COLLAPSE_FETCH: usize = 2 * MAX_EXPORT_ROWS;

/// Which ranked hits, from the first, a search returns.
#[derive(Clone, Copy)]
struct Window {
    offset: usize,
    count: usize,
}

impl Window {
    /// The request's page.
    fn of(request: &SearchRequest) -> Window {
        Window {
            offset: request.offset(),
            count: request.per_page,
        }
    }
}

/// Most other copies a hit lists (the story's page lists them all).
pub const MAX_COPIES_SHOWN: usize = 5;

/// `ranked` with each match's story number.
fn number_stories(view: &View, ranked: Vec<(Option<f32>, DocAddress)>) -> Vec<Ranked> {
    let mut segments: FxHashMap<u32, Option<Arc<SegmentStories>>> = FxHashMap::default();
    ranked
        .into_iter()
        .map(|(score, address)| {
            let stories = segments.entry(address.segment_ord).or_insert_with(|| {
                view.stories
                    .segment(view.searcher.segment_reader(address.segment_ord))
            });
            Ranked {
                score,
                address,
                story: stories.as_ref().and_then(|s| s.story(address.doc_id)),
            }
        })
        .collect()
}

/// One match per story, in the order of each story's first match: its
/// first (best-ranked) copy, or with `earliest` its earliest-dated one.
fn one_per_story(
    ranked: Vec<Ranked>,
    earliest: bool,
    facets: &FacetCache,
    searcher: &Searcher,
) -> Result<Vec<Ranked>, SearchError> {
    let mut place: FxHashMap<u32, usize> = FxHashMap::default();
    let mut out: Vec<Ranked> = Vec::with_capacity(ranked.len());
    let date = |hit: &Ranked| -> Result<Option<i64>, SearchError> {
        let reader = searcher.segment_reader(hit.address.segment_ord);
        Ok(facets.table(reader)?.dates.secs(hit.address.doc_id))
    };
    for hit in ranked {
        let Some(story) = hit.story else {
            out.push(hit);
            continue;
        };
        match place.get(&story) {
            None => {
                place.insert(story, out.len());
                out.push(hit);
            }
            Some(&at) if earliest => {
                let (ours, theirs) = (date(&hit)?, date(&out[at])?);
                if ours.is_some() && (theirs.is_none() || ours < theirs) {
                    out[at] = hit;
                }
            }
            Some(_) => {}
        }
    }
    Ok(out)
}

/// An all-words search that finds fewer articles than this is widened to
/// articles with most of its words, ranked below those with all.
pub const FEW_MATCHES: usize = 10;

/// For each of `ranked` (hits of `relaxed`'s query), the words it lacks.
/// Each word's scorer is made once per segment and walked through the
/// segment's hits in document order.
fn missing_words(
    searcher: &Searcher,
    relaxed: &Relaxed,
    ranked: &[Ranked],
) -> Result<Vec<Vec<String>>, SearchError> {
    let mut missing = vec![Vec::new(); ranked.len()];
    // Hits that lack a word: by segment, in document order.
    let mut lacking: Vec<(u32, u32, usize)> = ranked
        .iter()
        .enumerate()
        .filter(|(_, hit)| split_level(hit.score.unwrap_or(0.0)).0 < relaxed.words.len())
        .map(|(n, hit)| (hit.address.segment_ord, hit.address.doc_id, n))
        .collect();
    if lacking.is_empty() {
        return Ok(missing);
    }
    lacking.sort_unstable();
    for (label, query) in &relaxed.words {
        let weight = query.weight(EnableScoring::disabled_from_searcher(searcher))?;
        for segment in lacking.chunk_by(|a, b| a.0 == b.0) {
            let mut scorer = weight.scorer(searcher.segment_reader(segment[0].0), 1.0)?;
            for &(_, doc, n) in segment {
                if scorer.seek(doc) != doc {
                    missing[n].push(label.clone());
                }
            }
        }
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
    vec![Box::new(TranslatePass::new(lexicon)), Box::new(RespellPass)]
}

/// A searcher on the latest commit with the stem index covering it.
struct View {
    searcher: Searcher,
    stems: Arc<StemIndex>,
    stories: Arc<StoryTable>,
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
            stories: RwLock::new(Arc::new(StoryTable::empty())),
            title_words: RwLock::new(Arc::new(TitleWords::empty())),
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
        respell_known: bool,
    ) -> Result<(QueryNode, Rewrites), SearchError> {
        request.validate()?;
        // Browsing (filters, no words) matches every article.
        let tree = if request.is_browse() {
            QueryNode::And {
                clauses: Vec::new(),
            }
        } else {
            parse_query(&request.query)?
        };
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
            respell_known,
            rewrites: Rewrites::default(),
        };
        let tree = run_passes(tree, &self.passes, &mut context);
        Ok((tree, context.rewrites))
    }

    /// The query tree `request` is answered with, and what the passes did.
    /// Words no article holds are respelled at once; a rare word that some
    /// articles hold only when the query as typed finds nothing at all.
    fn settled(
        &self,
        request: &SearchRequest,
        view: &View,
    ) -> Result<(QueryNode, Rewrites), SearchError> {
        let typed = self.rewritten(request, &view.searcher, &view.stems, false)?;
        if request.is_browse() {
            return Ok(typed);
        }
        let respelled = self.rewritten(request, &view.searcher, &view.stems, true)?;
        if respelled == typed {
            return Ok(typed);
        }
        let planned = self.plan(&typed.0, request, &view.stems);
        if view.searcher.search(planned.query.as_ref(), &Count)? > 0 {
            Ok(typed)
        } else {
            Ok(respelled)
        }
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

    /// The first `fetch` of `query`'s matches in `order` (by relevance
    /// within each language, merged, when `by_language` names the query's
    /// own language; by each story's first appearance when sorted by date
    /// and `by_story`), the count of all matches, their facets and their
    /// stories, in one pass over the matches.
    fn collect(
        &self,
        view: &View,
        query: &dyn Query,
        order: SortOrder,
        fetch: usize,
        by_language: Option<Lang>,
        by_story: bool,
    ) -> Result<Collected, SearchError> {
        let searcher = &view.searcher;
        let top = TopDocs::with_limit(fetch.max(1));
        let stories = StoryCount::new(Arc::clone(&view.stories));
        let counts = (Count, self.facets.collector(), stories);
        let (ranked, (total, facets, stories)) = match order {
            SortOrder::Relevance if by_language.is_some() => {
                let own = by_language.map_or("", Lang::code);
                let collector = TopByLanguage::new(&self.facets, fetch);
                let (lists, counts) = searcher.search(query, &(collector, counts))?;
                let share = self.tuning.other_language_share;
                let ranked = by_language::merge(lists, own, share, 0, fetch);
                (
                    ranked.into_iter().map(|(s, d)| (Some(s), d)).collect(),
                    counts,
                )
            }
            SortOrder::Relevance => {
                let (docs, counts) = searcher.search(query, &(top.order_by_score(), counts))?;
                (
                    docs.into_iter().map(|(s, d)| (Some(s), d)).collect(),
                    counts,
                )
            }
            SortOrder::Date | SortOrder::Oldest => {
                let key = ByDate::new(
                    Arc::clone(&self.facets),
                    by_story.then(|| Arc::clone(&view.stories)),
                    order == SortOrder::Oldest,
                );
                let (docs, counts) =
                    searcher.search(query, &(top.order_by((key, Order::Desc)), counts))?;
                (docs.into_iter().map(|(_, d)| (None, d)).collect(), counts)
            }
        };
        Ok(Collected {
            ranked,
            total,
            facets,
            stories,
        })
    }

    /// The page of `query`'s matches `request` asks for, each with its
    /// story's number, one hit per story when collapsing: matches are
    /// fetched past the page until it has enough stories.
    fn page(
        &self,
        view: &View,
        query: &dyn Query,
        request: &SearchRequest,
        window: Window,
        by_language: Option<Lang>,
    ) -> Result<Paged, SearchError> {
        let order = request.order();
        let end = window.offset + window.count;
        let collapse = request.collapse == Collapse::On;
        let mut fetch = if collapse { (end * 2).max(20) } else { end };
        loop {
            let collected = self.collect(view, query, order, fetch, by_language, collapse)?;
            let exhausted = collected.ranked.len() < fetch;
            let numbered = number_stories(view, collected.ranked);
            let hits = if collapse {
                one_per_story(
                    numbered,
                    order != SortOrder::Relevance,
                    &self.facets,
                    &view.searcher,
                )?
            } else {
                numbered
            };
            if !collapse || hits.len() >= end || exhausted || fetch >= MAX_COLLAPSE_FETCH {
                return Ok(Paged {
                    ranked: hits
                        .into_iter()
                        .skip(window.offset)
                        .take(window.count)
                        .collect(),
                    total: collected.total,
                    facets: collected.facets,
                    stories: collected.stories,
                });
            }
            fetch = (fetch * 4).min(MAX_COLLAPSE_FETCH);
        }
    }

    /// The query `request`'s matches are counted with, as
    /// [`SearchBackend::search`] counts them: widened to most of its words
    /// when all of them find few articles.
    fn matching(&self, request: &SearchRequest) -> Result<(View, Box<dyn Query>), SearchError> {
        let view = self.view()?;
        let (tree, _) = self.settled(request, &view)?;
        let query = {
            let planner = self.planner(&view.stems);
            let Planned { query, .. } = planner.plan(&tree, request);
            let widen =
                request.match_mode == MatchMode::All && request.order() == SortOrder::Relevance;
            let total = if widen {
                view.searcher.search(query.as_ref(), &Count)?
            } else {
                FEW_MATCHES
            };
            match (total < FEW_MATCHES)
                .then(|| planner.relax(&tree, request))
                .flatten()
            {
                Some(relax) if view.searcher.search(relax.query.as_ref(), &Count)? > total => {
                    relax.query
                }
                _ => query,
            }
        };
        Ok((view, query))
    }

    /// The ids of the page's matches, ranked as [`SearchBackend::search`]
    /// ranks them, without snippets: the lean path for evaluations.
    pub fn search_ids(&self, request: &SearchRequest) -> Result<Vec<String>, SearchError> {
        let ranking = self.rank(request, Window::of(request))?;
        let mut ids = Vec::with_capacity(ranking.ranked.len());
        for hit in &ranking.ranked {
            let doc: TantivyDocument = ranking.view.searcher.doc(hit.address)?;
            ids.push(stored_article(&doc, &self.handle.fields).id);
        }
        Ok(ids)
    }

    /// Parses, rewrites, plans and runs `request`: one page of its matches
    /// ranked, with everything the results report but the hits' texts.
    fn rank(&self, request: &SearchRequest, window: Window) -> Result<Ranking, SearchError> {
        let view = self.view()?;
        let (tree, rewrites) = self.settled(request, &view)?;
        let planner = self.planner(&view.stems);
        let Planned { query, highlight } = planner.plan(&tree, request);
        // A translated query is ranked language by language, then merged.
        let by_language = if request.lang.is_none() {
            query_language(&rewrites)
        } else {
            None
        };
        let mut paged = self.page(&view, query.as_ref(), request, window, by_language)?;
        let all_words = paged.total;
        let mut relaxed = None;
        let widen = request.match_mode == MatchMode::All
            && request.order() == SortOrder::Relevance
            && paged.total < FEW_MATCHES;
        if let Some(relax) = widen.then(|| planner.relax(&tree, request)).flatten() {
            let wide = self.page(&view, relax.query.as_ref(), request, window, None)?;
            if wide.total > paged.total {
                paged = wide;
                relaxed = Some(relax);
            }
        }
        Ok(Ranking {
            tree,
            rewrites,
            highlight,
            ranked: paged.ranked,
            total: paged.total,
            stories: paged.stories,
            all_words,
            facets: paged.facets,
            relaxed,
            view,
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

    /// Every article of the latest commit as (id, story), in index order
    /// (for tests and evaluations of what a run left in the index).
    #[cfg(feature = "internals")]
    pub fn stories(&self) -> Result<Vec<(String, String)>, SearchError> {
        let searcher = self.view()?.searcher;
        let mut out = Vec::new();
        for (ord, segment) in searcher.segment_readers().iter().enumerate() {
            for doc in segment.doc_ids_alive() {
                let stored: TantivyDocument = searcher.doc(DocAddress::new(ord as u32, doc))?;
                let article = stored_article(&stored, &self.handle.fields);
                out.push((article.id, article.story));
            }
        }
        Ok(out)
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

    /// The latest commit with the stem index and the story table for it.
    /// Segments the stem index lacks (new commits, merges) are filed and
    /// found here, keeping what it knows of the others; the story table is
    /// made anew for each commit.
    fn view(&self) -> Result<View, SearchError> {
        let searcher = self.latest_searcher()?;
        let stems = self.stems_for(&searcher)?;
        let stories = self.stories_for(&searcher)?;
        Ok(View {
            searcher,
            stems,
            stories,
        })
    }

    fn stems_for(&self, searcher: &Searcher) -> Result<Arc<StemIndex>, SearchError> {
        let current = Arc::clone(
            &self
                .stems
                .read()
                .unwrap_or_else(|poisoned| poisoned.into_inner()),
        );
        if current.covers(searcher) {
            return Ok(current);
        }
        let mut shared = self
            .stems
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if !shared.covers(searcher) {
            let mut table = StemTable::clone(shared.table());
            self.file_missing_segments(&mut table, searcher)?;
            let fields = self.handle.fields.analysed();
            let index = StemIndex::new(Arc::new(table), searcher, &fields, Some(&shared))?;
            *shared = Arc::new(index);
        }
        Ok(Arc::clone(&shared))
    }

    fn title_words_for(&self, searcher: &Searcher) -> Result<Arc<TitleWords>, SearchError> {
        let current = Arc::clone(
            &self
                .title_words
                .read()
                .unwrap_or_else(|poisoned| poisoned.into_inner()),
        );
        if current.covers(searcher) {
            return Ok(current);
        }
        let mut shared = self
            .title_words
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if !shared.covers(searcher) {
            *shared = Arc::new(TitleWords::build(searcher, self.handle.fields.title)?);
        }
        Ok(Arc::clone(&shared))
    }

    fn stories_for(&self, searcher: &Searcher) -> Result<Arc<StoryTable>, SearchError> {
        let current = Arc::clone(
            &self
                .stories
                .read()
                .unwrap_or_else(|poisoned| poisoned.into_inner()),
        );
        if current.covers(searcher) {
            return Ok(current);
        }
        let mut shared = self
            .stories
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if !shared.covers(searcher) {
            let facets = &self.facets;
            let table = StoryTable::build(searcher, |segment, doc| {
                facets.table(segment).ok()?.dates.secs(doc)
            })?;
            *shared = Arc::new(table);
        }
        Ok(Arc::clone(&shared))
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

    /// Up to `limit` copies of `story`, earliest first.
    fn copies_of(
        &self,
        searcher: &Searcher,
        story: &str,
        limit: usize,
    ) -> Result<Vec<Copy>, SearchError> {
        let fields = &self.handle.fields;
        let query = TermQuery::new(
            Term::from_field_text(fields.story, story),
            IndexRecordOption::Basic,
        );
        let oldest = ByDate::new(Arc::clone(&self.facets), None, true);
        let top = searcher.search(
            &query,
            &TopDocs::with_limit(limit).order_by((oldest, Order::Desc)),
        )?;
        let mut copies = Vec::with_capacity(top.len());
        for (_, address) in top {
            let doc: TantivyDocument = searcher.doc(address)?;
            let article = stored_article(&doc, fields);
            copies.push(Copy {
                id: article.id,
                title: article.title,
                outlet: article.outlet,
                date: article.date,
                url: article.url,
                lang: article.lang,
            });
        }
        Ok(copies)
    }

    /// Where and when up to [`MAX_COPIES_SHOWN`] copies of story `story`
    /// other than the one at `shown` ran, earliest first, from the story
    /// table and the facet tables.
    fn copies_seen(
        &self,
        view: &View,
        story: u32,
        shown: DocAddress,
    ) -> Result<Vec<CopySeen>, SearchError> {
        let readers = view.searcher.segment_readers();
        let mut seen = Vec::new();
        for member in view.stories.members(story) {
            if seen.len() == MAX_COPIES_SHOWN {
                break;
            }
            let Some((ordinal, reader)) = readers
                .iter()
                .enumerate()
                .find(|(_, r)| r.segment_id() == member.segment)
            else {
                continue;
            };
            if DocAddress::new(ordinal as u32, member.doc) == shown {
                continue;
            }
            let table = self.facets.table(reader)?;
            seen.push(CopySeen {
                outlet: table.outlet_of(member.doc).map(str::to_string),
                date: table.dates.secs(member.doc).and_then(document::iso_date),
                lang: table
                    .lang_of(member.doc)
                    .and_then(Lang::from_code)
                    .unwrap_or(Lang::Other),
            });
        }
        Ok(seen)
    }

    /// The hits of `ranked`, each with its body when `bodies`.
    fn hits(
        &self,
        view: &View,
        highlight: &HighlightTerms,
        ranked: &[Ranked],
        bodies: bool,
    ) -> Result<Vec<(Hit, Option<String>)>, SearchError> {
        let searcher = &view.searcher;
        let fields = &self.handle.fields;
        let freqs = FieldDocFreqs {
            searcher,
            field: fields.body,
        };
        let highlighter = Highlighter::new(highlight, &freqs, SNIPPET_CHARS);
        let mut hits = Vec::with_capacity(ranked.len());
        for hit in ranked {
            let score = hit.score.map(|s| split_level(s).1);
            let doc: TantivyDocument = searcher.doc(hit.address)?;
            let article = stored_article(&doc, fields);
            let copies = hit.story.map_or(1, |n| view.stories.copies(n));
            let other_copies = match hit.story {
                Some(story) if copies > 1 => self.copies_seen(view, story, hit.address)?,
                _ => Vec::new(),
            };
            let window = snippet_source(&article.body, &highlighter);
            let snippet = highlighter
                .best_fragment(&self.handle.analyzer, window)
                .unwrap_or_else(|| lead_of(&article.body));
            let hit = Hit {
                id: article.id,
                title: article.title,
                date: article.date,
                source: article.source,
                outlet: article.outlet,
                url: article.url,
                lang: article.lang,
                score,
                snippet,
                missing: Vec::new(),
                story: article.story,
                copies,
                other_copies,
            };
            hits.push((hit, bodies.then_some(article.body)));
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
        let ranking = self.rank(request, Window::of(request))?;
        let mut hits: Vec<Hit> = self
            .hits(&ranking.view, &ranking.highlight, &ranking.ranked, false)?
            .into_iter()
            .map(|(hit, _)| hit)
            .collect();
        if let Some(relaxed) = &ranking.relaxed {
            let missing = missing_words(&ranking.view.searcher, relaxed, &ranking.ranked)?;
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
            stories: ranking.stories,
            collapsed: request.collapse == Collapse::On,
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

    fn outlets(&self) -> Result<Vec<(String, String)>, SearchError> {
        let searcher = self.view()?.searcher;
        Ok(self.facets.outlets(&searcher)?.into_iter().collect())
    }

    fn export(
        &self,
        request: &SearchRequest,
        rows: usize,
        bodies: bool,
        sink: &mut ExportSink<'_>,
    ) -> Result<usize, SearchError> {
        check_rows(rows)?;
        // Ranked once, as far as the export goes; read a batch at a time.
        let request = SearchRequest {
            page: 1,
            per_page: 1,
            ..request.clone()
        };
        let ranking = self.rank(
            &request,
            Window {
                offset: 0,
                count: rows,
            },
        )?;
        let mut written = 0;
        for batch in ranking.ranked.chunks(EXPORT_BATCH) {
            let mut hits = self.hits(&ranking.view, &ranking.highlight, batch, bodies)?;
            if let Some(relaxed) = &ranking.relaxed {
                let missing = missing_words(&ranking.view.searcher, relaxed, batch)?;
                for ((hit, _), lacks) in hits.iter_mut().zip(missing) {
                    hit.missing = lacks;
                }
            }
            for (hit, body) in hits {
                if !sink(ExportRow { hit, body }) {
                    return Ok(written);
                }
                written += 1;
            }
        }
        Ok(written)
    }

    fn day_counts(&self, request: &SearchRequest) -> Result<DayCounts, SearchError> {
        let (view, query) = self.matching(request)?;
        let days = DayCollector::new(&self.facets, Arc::clone(&view.stories));
        Ok(view.searcher.search(query.as_ref(), &days)?)
    }

    fn archive_day_counts(&self, request: &SearchRequest) -> Result<DayCounts, SearchError> {
        let view = self.view()?;
        let every = QueryNode::And {
            clauses: Vec::new(),
        };
        let Planned { query, .. } = self.plan(&every, request, &view.stems);
        let days = DayCollector::new(&self.facets, Arc::clone(&view.stories));
        Ok(view.searcher.search(query.as_ref(), &days)?)
    }

    fn word_completions(
        &self,
        prefix: &str,
        limit: usize,
    ) -> Result<Vec<(String, u64)>, SearchError> {
        let searcher = self.latest_searcher()?;
        Ok(self.title_words_for(&searcher)?.complete(prefix, limit))
    }

    fn story(&self, story: &str) -> Result<Vec<Copy>, SearchError> {
        let copies = self.copies_of(&self.view()?.searcher, story, MAX_STORY_COPIES)?;
        if copies.is_empty() {
            return Err(SearchError::NotFound(story.to_string()));
        }
        Ok(copies)
    }

    fn highlight_terms(&self, request: &SearchRequest) -> Result<HighlightTerms, SearchError> {
        let view = self.view()?;
        let (tree, _) = self.settled(request, &view)?;
        Ok(self.plan(&tree, request, &view.stems).highlight)
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

    fn near_spellings(&self, word: &str, max_edits: u8, limit: usize) -> Vec<NearSpelling> {
        near::near_spellings(self.searcher, &self.fields, word, max_edits, limit)
    }
}
