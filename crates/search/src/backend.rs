//! The contract between Warta's front ends (the HTTP API, the page, the
//! CLI) and whatever holds the articles: the embedded Tantivy index
//! ([`crate::TantivyEngine`]) or a remote cluster.
//!
//! Like Quickwit's `SearchService` or ripgrep's `Matcher`, it is the one
//! thing the front ends rely on: they hold an `Arc<dyn SearchBackend>`,
//! and the types that cross it (requests, the query tree, results,
//! articles, highlights, errors) name no engine. A new backend implements
//! the required methods; the provided ones are built on them.

use crate::analyze::{analyze_report, AnalyzeReport};
use crate::article::StoredArticle;
use crate::error::SearchError;
use crate::export::{export_by_pages, ExportSink};
use crate::highlight::{HighlightTerms, Highlighted, Highlighter};
use crate::request::SearchRequest;
use crate::results::{Copy, SearchResults};
use crate::suggest::{check_suggest, suggestions, Suggestion};
use crate::timeline::{
    check_compared, compare, timeline, Comparison, DayCounts, IntervalChoice, Timeline,
};

/// Most copies one story lists (a story is seldom copied more than a few
/// dozen times; past this it is a template, not a story).
pub const MAX_STORY_COPIES: usize = 200;
use warta_analysis::langid::{detect, Lang};
use warta_analysis::Analyzer;

/// An article with the words of a search marked: what an article page shows.
#[derive(Debug, Clone, PartialEq)]
pub struct MarkedArticle {
    /// The article.
    pub article: StoredArticle,
    /// Its headline, with the search's words marked.
    pub title: Highlighted,
    /// Its body, with the search's words marked.
    pub body: Highlighted,
}

/// Everything the front ends ask of an index.
pub trait SearchBackend: Send + Sync + 'static {
    /// The analysis the index was built with: queries are analysed with
    /// it, and highlights are found by it.
    fn analyzer(&self) -> &Analyzer;

    /// Articles in the index.
    fn num_docs(&self) -> Result<u64, SearchError>;

    /// Parses, rewrites, plans and runs `request`.
    fn search(&self, request: &SearchRequest) -> Result<SearchResults, SearchError>;

    /// The whole stored article with this id.
    fn article(&self, id: &str) -> Result<StoredArticle, SearchError>;

    /// The indexed terms `request`'s query looks up, as its planner found
    /// them: what an article reached from that search marks.
    fn highlight_terms(&self, request: &SearchRequest) -> Result<HighlightTerms, SearchError>;

    /// Every outlet of the archive, by key (what `source=` takes), with its
    /// name, in key order: the page offers them to choose from.
    fn outlets(&self) -> Result<Vec<(String, String)>, SearchError>;

    /// The copies of a story (up to [`MAX_STORY_COPIES`]), earliest first;
    /// [`SearchError::NotFound`] when no article has that story.
    fn story(&self, story: &str) -> Result<Vec<Copy>, SearchError>;

    /// `request`'s matches per publication day, counted as
    /// [`SearchBackend::search`] counts its total (the whole result set,
    /// not a page): what timelines are cut from.
    fn day_counts(&self, request: &SearchRequest) -> Result<DayCounts, SearchError>;

    /// Every article `request`'s filters let through (its words ignored),
    /// per publication day: what a normalised timeline divides by.
    fn archive_day_counts(&self, request: &SearchRequest) -> Result<DayCounts, SearchError>;

    /// `request`'s matches over time, by `interval`; each period also as a
    /// share of the archive's articles then when `normalised`.
    fn timeline(
        &self,
        request: &SearchRequest,
        interval: IntervalChoice,
        normalised: bool,
    ) -> Result<Timeline, SearchError> {
        let counts = self.day_counts(request)?;
        let archive = normalised
            .then(|| self.archive_day_counts(request))
            .transpose()?;
        timeline(&counts, interval, archive.as_ref())
    }

    /// Several searches over the same periods (at most
    /// [`crate::MAX_COMPARED`]), normalised by the archive of the first
    /// one's filters when `normalised`.
    fn compare(
        &self,
        requests: &[SearchRequest],
        interval: IntervalChoice,
        normalised: bool,
    ) -> Result<Comparison, SearchError> {
        check_compared(requests.len())?;
        let mut searches = Vec::with_capacity(requests.len());
        for request in requests {
            searches.push((request.query.clone(), self.day_counts(request)?));
        }
        let archive = match (normalised, requests.first()) {
            (true, Some(first)) => Some(self.archive_day_counts(first)?),
            _ => None,
        };
        compare(&searches, interval, archive.as_ref())
    }

    /// Up to `limit` headline words starting with `prefix` (folded as the
    /// index holds words), the commonest first, with how many headlines
    /// have each: what suggestions complete a typed word with.
    fn word_completions(
        &self,
        prefix: &str,
        limit: usize,
    ) -> Result<Vec<(String, u64)>, SearchError>;

    /// Suggestions for a query being typed (`limit` at most
    /// [`crate::MAX_SUGGESTIONS`]): its last word completed from the
    /// headlines, and outlets by name.
    fn suggest(&self, typed: &str, limit: usize) -> Result<Vec<Suggestion>, SearchError> {
        check_suggest(typed, limit)?;
        let outlets = self.outlets()?;
        suggestions(
            typed,
            limit,
            |prefix, n| self.word_completions(prefix, n),
            &outlets,
        )
    }

    /// The article with this id, with `request`'s words marked (nothing
    /// marked without a request).
    fn marked_article(
        &self,
        id: &str,
        request: Option<&SearchRequest>,
    ) -> Result<MarkedArticle, SearchError> {
        let article = self.article(id)?;
        let terms = match request {
            Some(request) => self.highlight_terms(request)?,
            None => HighlightTerms::default(),
        };
        let highlighter = Highlighter::new(&terms, &(), 0);
        Ok(MarkedArticle {
            title: highlighter.mark_all(self.analyzer(), &article.title),
            body: highlighter.mark_all(self.analyzer(), &article.body),
            article,
        })
    }

    /// The first `rows` hits of `request` (its page and page size aside),
    /// each with its article's body when `bodies`, handed to `sink` one at
    /// a time, in rank order; how many it took.
    fn export(
        &self,
        request: &SearchRequest,
        rows: usize,
        bodies: bool,
        sink: &mut ExportSink<'_>,
    ) -> Result<usize, SearchError> {
        export_by_pages(self, request, rows, bodies, sink)
    }

    /// The tokens each analysed field gets for `text` (its language
    /// detected when `lang` is `None`).
    fn analyze(&self, text: &str, lang: Option<Lang>) -> AnalyzeReport {
        let lang = lang.unwrap_or_else(|| detect(text));
        analyze_report(self.analyzer(), text, lang)
    }
}
