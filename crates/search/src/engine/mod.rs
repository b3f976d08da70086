//! Running searches on an open index, seeing every commit as it lands.

use crate::date_order::ByDate;
use crate::error::SearchError;
use crate::facets::FacetCache;
use crate::parse::parse_query;
use crate::plan::{Planner, Tuning};
use crate::request::{SearchRequest, SortOrder};
use crate::results::{Hit, SearchResults};
use crate::snippet::Highlighter;
use crate::stem_index::StemIndex;
use crate::tree::QueryNode;
use rustc_hash::FxHashMap;
use std::path::Path;
use std::sync::{Arc, Mutex, RwLock, Weak};
use std::time::{Instant, SystemTime};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{Query, TermQuery};
use tantivy::schema::Field;
use tantivy::schema::IndexRecordOption;
use tantivy::{
    DocAddress, IndexReader, Order, ReloadPolicy, Searcher, TantivyDocument, Term, Warmer,
};
use warta_analysis::{Analyzer, QueryTerm};
use warta_indexer::{open_index_for_search, IndexHandle, StemTable, StoredArticle};

/// Longest snippet: bytes of a highlighted fragment, characters of a lead.
const SNIPPET_CHARS: usize = 240;

/// A read-only view of an index that answers searches.
///
/// It never takes the writer lock. Before each search it checks whether a
/// commit landed (one `stat` of `meta.json`) and reloads if so, so a search
/// issued right after `warta index` commits sees the new articles; Tantivy's
/// own file watcher reloads in the background too.
pub struct SearchEngine {
    handle: IndexHandle,
    reader: IndexReader,
    meta_seen: Mutex<Option<(SystemTime, u64)>>,
    tuning: Tuning,
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

impl SearchEngine {
    /// Opens the index at `dir` for searching; a missing index is an error
    /// that says how to build one.
    pub fn open(dir: &Path, analyzer: Arc<Analyzer>) -> Result<SearchEngine, SearchError> {
        let handle = open_index_for_search(dir, analyzer)?;
        let facets = Arc::new(FacetCache::default());
        let facet_warmer: Weak<dyn Warmer> = Arc::downgrade(&facets) as Weak<dyn Warmer>;
        let reader = handle
            .index
            .reader_builder()
            .reload_policy(ReloadPolicy::OnCommitWithDelay)
            // No shared cache of decompressed store blocks: under
            // concurrent searches a block one thread decompressed was freed
            // by the thread that evicted it, and glibc then locks the
            // allocating thread's arena; the threads blocked on that lock
            // about once every two searches. Without the cache a block is
            // freed where it was made: 6,300 → 150 context switches and
            // 4,300 → 4,550–5,000 searches/s on two threads at 100k (the
            // cache hit too seldom over 10 hits a query to pay for itself).
            .doc_store_cache_num_blocks(0)
            .warmers(vec![facet_warmer])
            .try_into()?;
        let engine = SearchEngine {
            meta_seen: Mutex::new(meta_stamp(dir)),
            handle,
            reader,
            tuning: Tuning::default(),
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

    fn plan(
        &self,
        request: &SearchRequest,
        stems: &Arc<StemIndex>,
    ) -> Result<(QueryNode, Box<dyn Query>), SearchError> {
        request.validate()?;
        let tree = parse_query(&request.query)?;
        let planner = Planner {
            fields: &self.handle.fields,
            analyzer: &self.handle.analyzer,
            tuning: self.tuning,
            facets: &self.facets,
            stems,
        };
        let query = planner.plan(&tree, request);
        Ok((tree, query))
    }

    /// The ids of the best `limit` matches, without snippets or facets: the
    /// lean path for evaluations.
    pub fn search_ids(
        &self,
        request: &SearchRequest,
        limit: usize,
    ) -> Result<Vec<String>, SearchError> {
        let View { searcher, stems } = self.view()?;
        let (_, query) = self.plan(request, &stems)?;
        let top = searcher.search(&query, &TopDocs::with_limit(limit.max(1)).order_by_score())?;
        let mut ids = Vec::with_capacity(top.len());
        for (_, address) in top {
            let doc: TantivyDocument = searcher.doc(address)?;
            ids.push(StoredArticle::from_document(&doc, &self.handle.fields).id);
        }
        Ok(ids)
    }

    /// The index this engine reads.
    pub fn handle(&self) -> &IndexHandle {
        &self.handle
    }

    /// A searcher on the latest commit.
    pub fn searcher(&self) -> Result<Searcher, SearchError> {
        Ok(self.view()?.searcher)
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

    /// Number of articles in the latest commit.
    pub fn num_docs(&self) -> Result<u64, SearchError> {
        Ok(self.searcher()?.num_docs())
    }

    /// Parses, plans and runs `request`.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults, SearchError> {
        let started = Instant::now();
        let View { searcher, stems } = self.view()?;
        let (tree, query) = self.plan(request, &stems)?;
        let offset = (request.page - 1) * request.per_page;
        let top = TopDocs::with_limit(request.per_page).and_offset(offset);
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
        let hits = self.hits(&searcher, &stems, &tree, query.as_ref(), &ranked)?;
        Ok(SearchResults {
            query: request.query.clone(),
            parsed: tree,
            total,
            took_ms: started.elapsed().as_secs_f64() * 1000.0,
            page: request.page,
            per_page: request.per_page,
            hits,
            facets,
        })
    }

    fn hits(
        &self,
        searcher: &Searcher,
        stems: &StemIndex,
        tree: &QueryNode,
        query: &dyn Query,
        ranked: &[(Option<f32>, DocAddress)],
    ) -> Result<Vec<Hit>, SearchError> {
        let fields = &self.handle.fields;
        let mut words = Vec::new();
        collect_text(tree, &mut words);
        let terms: Vec<QueryTerm> = words
            .iter()
            .flat_map(|word| self.handle.analyzer.query_terms(word))
            .collect();
        let known_freqs = body_doc_freqs(stems, fields.body, &terms);
        let window_terms: Vec<String> = terms
            .into_iter()
            .flat_map(|term| std::iter::once(term.term).chain(term.exact))
            .collect();
        let highlighter = Highlighter::new(
            searcher,
            query,
            fields.body,
            SNIPPET_CHARS,
            &window_terms,
            &known_freqs,
        );
        let mut hits = Vec::with_capacity(ranked.len());
        for (score, address) in ranked {
            let doc: TantivyDocument = searcher.doc(*address)?;
            let article = StoredArticle::from_document(&doc, fields);
            let window = snippet_source(&article.body, &highlighter);
            let snippet = highlighter
                .html(&self.handle.analyzer, window)
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

    /// The whole stored article with this id.
    pub fn article(&self, id: &str) -> Result<StoredArticle, SearchError> {
        let searcher = self.searcher()?;
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
        Ok(StoredArticle::from_document(&doc, fields))
    }

    /// The indexed forms a query's words match, for highlighting an
    /// article page reached from a search.
    pub fn highlight_terms(&self, query: &str) -> Result<Vec<String>, SearchError> {
        let Ok(tree) = parse_query(query) else {
            return Ok(Vec::new());
        };
        let stems = Arc::clone(self.view()?.stems.table());
        let mut words = Vec::new();
        collect_text(&tree, &mut words);
        let mut terms = Vec::new();
        for term in words
            .iter()
            .flat_map(|w| self.handle.analyzer.query_terms(w))
        {
            terms.extend(stems.forms(&term.term).iter().map(|form| form.to_string()));
            terms.extend(term.exact);
            terms.push(term.term);
        }
        Ok(terms)
    }
}

/// How many documents hold each form of the query terms' groups in
/// `field`, from the stem index (no term dictionary lookups).
fn body_doc_freqs(stems: &StemIndex, field: Field, terms: &[QueryTerm]) -> FxHashMap<String, u64> {
    let table = stems.table();
    let mut freqs = FxHashMap::default();
    for term in terms {
        let Some(number) = table.number(&term.term) else {
            continue;
        };
        let Some(group) = table.groups().get(number as usize) else {
            continue;
        };
        // Members no segment holds count as held by none.
        freqs.insert(group.stem.to_string(), 0);
        for form in &group.forms {
            freqs.insert(form.to_string(), 0);
        }
        for (member, doc_freq) in stems.doc_freqs(field, number) {
            let text = match member {
                0 => Some(&*group.stem),
                n => group.forms.get(n - 1).map(|form| &**form),
            };
            if let Some(text) = text {
                freqs.insert(text.to_string(), doc_freq);
            }
        }
    }
    freqs
}

fn collect_text(node: &crate::tree::QueryNode, out: &mut Vec<String>) {
    use crate::tree::QueryNode;
    match node {
        QueryNode::Word { text, .. } | QueryNode::Phrase { text, .. } => out.push(text.clone()),
        QueryNode::And { clauses } | QueryNode::Or { clauses } => {
            clauses.iter().for_each(|c| collect_text(c, out))
        }
        QueryNode::Prefix { .. }
        | QueryNode::Source { .. }
        | QueryNode::Lang { .. }
        | QueryNode::Not { .. } => {}
    }
}

/// Bytes of body analysed for a snippet: the snippet's length and half as
/// much again, so the fragment choice has a second candidate.
const SNIPPET_WINDOW_BYTES: usize = SNIPPET_CHARS * 3 / 2;

/// How far back a window may move to start at the beginning of a word.
const WORD_START_LOOKBACK: usize = 48;

/// The part of a body worth analysing for its snippet.
///
/// Analysing every hit's whole body was the largest cost of a search. The
/// window starts at the word where the richest passage of plain
/// occurrences of the query's terms begins (the indexed forms are the
/// words as written, folded), or at the opening when no term shows as
/// plain text; the snippet is still chosen and marked by the analyzer
/// within it, so highlighting stays exact. On the benchmark's query set
/// this shows more matches per snippet than analysing whole bodies with
/// Tantivy's fixed fragments, which split a passage at arbitrary points.
fn snippet_source<'a>(body: &'a str, highlighter: &Highlighter) -> &'a str {
    if body.len() <= SNIPPET_WINDOW_BYTES {
        return body;
    }
    let passage = highlighter.richest_passage(body).unwrap_or(0);
    let start = word_start(body, passage);
    let mut end = (start + SNIPPET_WINDOW_BYTES).min(body.len());
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    &body[start..end]
}

/// The start of the word holding byte `at`, looking
/// back at most [`WORD_START_LOOKBACK`] bytes; `at` itself when no space
/// is that near (text without spaces).
fn word_start(body: &str, at: usize) -> usize {
    let mut at = at.min(body.len());
    while !body.is_char_boundary(at) {
        at -= 1;
    }
    let mut from = at.saturating_sub(WORD_START_LOOKBACK);
    while !body.is_char_boundary(from) {
        from -= 1;
    }
    match body[from..at].rfind(char::is_whitespace) {
        Some(space) => {
            let after = from + space;
            after + body[after..].chars().next().map_or(0, char::len_utf8)
        }
        None if from == 0 => 0,
        None => at,
    }
}

/// The opening of a body, escaped, for hits whose match is in the title only.
fn lead_of(body: &str) -> String {
    let mut lead: String = body.chars().take(SNIPPET_CHARS).collect();
    if lead.len() < body.len() {
        if let Some(cut) = lead.rfind(' ') {
            lead.truncate(cut);
        }
        lead.push('…');
    }
    escape_html(&lead)
}

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::word_start;

    #[test]
    fn windows_start_at_the_start_of_a_word() {
        let body = "Para pengguna internet";
        assert_eq!(word_start(body, 9), 5);
        assert_eq!(word_start(body, 5), 5);
        assert_eq!(word_start(body, 2), 0);
        assert_eq!(word_start("tanpa spasi: é€", 15), 13);
        // Inside a character: from the character.
        assert_eq!(word_start("tanpa spasi: é€", 16), 13);
        assert_eq!(word_start("kata", 99), 0);
        // No space within reach (text without spaces): the match itself.
        let unspaced = "東京".repeat(20);
        assert_eq!(word_start(&unspaced, 60), 60);
    }
}
