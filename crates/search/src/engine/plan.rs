//! Lowering Warta's query tree onto Tantivy queries, the last step before
//! execution (the Quickwit pattern: user syntax → own tree → Tantivy).
//!
//! The planner is where a query's words are analysed, once: it reports the
//! terms it looked up (with what the stem index knows of their
//! frequencies) in a [`Planned`], so that snippets and article pages mark
//! exactly those terms and nothing analyses the query again.

use super::coord::CoordQuery;
use super::date_filter::DateFilter;
use super::facets::FacetCache;
use super::forms::{FormsPhraseQuery, GroupTerms, WordField, WordQuery};
use super::stem_index::StemIndex;
use crate::highlight::HighlightTerms;
use crate::query::{QueryNode, TextScope, TYPED_WEIGHT};
use crate::request::{MatchMode, SearchRequest};
use std::sync::Arc;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, EmptyQuery, Occur, PhraseQuery, Query,
    RegexQuery, TermQuery, TermSetQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::Term;
use warta_analysis::fold::fold;
use warta_analysis::stopwords::is_stopword;
use warta_analysis::{Analyzer, QueryTerm};
use warta_indexer::Fields;
use warta_ingest::outlet::outlet_key;

/// Ranking choices of the planner. The defaults are what the known-item
/// evaluation (`warta-eval known-item`, on its tuning part) found best (the
/// figures are in BENCHMARKS.md); the fields exist to measure each choice.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tuning {
    /// How much a title match weighs against a body match. BM25 already
    /// favours a match in the short title field; with coordination levels
    /// ranking first, weighing the title like the body ranks best (a
    /// quarter cost 0.02 MRR on the known-item tuning part).
    pub title_boost: f32,
    /// Drop stopwords from bag-of-words clauses (phrases always keep them).
    pub drop_stopwords: bool,
    /// Weight of the forms sharing a word's stem relative to its exact
    /// form: below 1, exact forms rank first and relatives (`digunakan`
    /// for `menggunakan`) still match.
    pub stem_weight: f32,
    /// How a translated query's matches in the other language rank against
    /// those in the query's own: each language is ranked on its own and the
    /// lists merged by each score's share of its language's best, the other
    /// language's shares multiplied by this (1 ranks both alike; 0 keeps
    /// the other language to where its raw scores put it).
    pub other_language_share: f32,
    /// Rank an any-word query's matches by how many of its words they
    /// match before BM25 (coordination levels), so that an article with
    /// every word is never outranked by one repeating a single word, or a
    /// single translation, many times.
    pub coordinate_any: bool,
}

impl Default for Tuning {
    fn default() -> Self {
        Tuning {
            title_boost: 1.0,
            drop_stopwords: true,
            stem_weight: 0.1,
            other_language_share: 0.9,
            coordinate_any: true,
        }
    }
}

/// Plans a parsed query and the request's filters onto one Tantivy query.
pub(crate) struct Planner<'a> {
    pub(crate) fields: &'a Fields,
    pub(crate) analyzer: &'a Analyzer,
    pub(crate) tuning: Tuning,
    /// The per-segment tables date filters read.
    pub(crate) facets: &'a Arc<FacetCache>,
    /// The indexed forms of each stem, and where each segment holds them.
    pub(crate) stems: &'a Arc<StemIndex>,
}

/// A planned query and the terms its planner looked up in the body.
pub(crate) struct Planned {
    pub(crate) query: Box<dyn Query>,
    pub(crate) highlight: HighlightTerms,
}

/// An all-words query relaxed: articles matching at least `min_words` of
/// its words, ranked by how many they match, then by BM25.
pub(crate) struct Relaxed {
    pub(crate) query: Box<dyn Query>,
    /// Each word of the query as shown ("suspect", `"london bridge"`), with
    /// the query that tells whether an article has it.
    pub(crate) words: Vec<(String, Box<dyn Query>)>,
    /// Fewest words an article matches.
    pub(crate) min_words: usize,
}

type Boxed = Box<dyn Query>;

/// A clause lowered. A word of stopwords alone keeps its terms apart, not
/// yet noted for highlighting: an `And` with other content drops it.
struct Lowered {
    query: Option<Boxed>,
    stopwords: Option<Vec<QueryTerm>>,
}

impl Planner<'_> {
    /// The whole query: the tree (in the request's match mode) and filters.
    pub(crate) fn plan(&self, tree: &QueryNode, request: &SearchRequest) -> Planned {
        let any = request.match_mode == MatchMode::Any;
        let mut highlight = HighlightTerms::default();
        let browse = matches!(tree, QueryNode::And { clauses } if clauses.is_empty());
        let lowered = self.lower(tree, any, &mut highlight);
        let main = self.keep(lowered, &mut highlight).unwrap_or_else(|| {
            if browse {
                Box::new(AllQuery)
            } else {
                Box::new(EmptyQuery)
            }
        });
        Planned {
            query: self.with_filters(main, request),
            highlight,
        }
    }

    /// `tree` (an all-words query of several words) relaxed to articles
    /// that match most of its words: `None` when it has fewer than two.
    pub(crate) fn relax(&self, tree: &QueryNode, request: &SearchRequest) -> Option<Relaxed> {
        let QueryNode::And { clauses } = tree else {
            return None;
        };
        let mut required: Vec<(Occur, Boxed)> = Vec::new();
        let mut words: Vec<(String, Boxed)> = Vec::new();
        let mut unused = HighlightTerms::default();
        for clause in clauses {
            match clause {
                QueryNode::Not { clause: inner } => {
                    if let Some(query) = self.lower(inner, false, &mut unused).query {
                        required.push((Occur::MustNot, query));
                    }
                }
                QueryNode::Source { .. } | QueryNode::Lang { .. } => {
                    if let Some(query) = self.lower(clause, false, &mut unused).query {
                        required.push((Occur::Must, query));
                    }
                }
                _ => {
                    let lowered = self.lower(clause, false, &mut unused);
                    if lowered.stopwords.is_some() {
                        continue;
                    }
                    if let Some(query) = lowered.query {
                        words.push((word_label(clause), query));
                    }
                }
            }
        }
        if words.len() < 2 {
            return None;
        }
        let min_words = words.len() - 1;
        let should: Vec<(Occur, Boxed)> = words
            .iter()
            .map(|(_, query)| {
                (
                    Occur::Should,
                    Box::new(CoordQuery::new(query.box_clone())) as Boxed,
                )
            })
            .collect();
        let matched = BooleanQuery::with_minimum_required_clauses(should, min_words);
        required.push((Occur::Must, Box::new(matched)));
        let main = Box::new(BooleanQuery::new(required));
        Some(Relaxed {
            query: self.with_filters(main, request),
            words,
            min_words,
        })
    }

    /// `main` with the request's filters (language, outlet, dates), none
    /// of which changes a score.
    fn with_filters(&self, main: Boxed, request: &SearchRequest) -> Boxed {
        let mut clauses: Vec<(Occur, Boxed)> = vec![(Occur::Must, main)];
        let mut filter =
            |q: Boxed| clauses.push((Occur::Must, Box::new(ConstScoreQuery::new(q, 0.0)) as Boxed));
        if let Some(lang) = &request.lang {
            filter(self.keyword(self.fields.lang, lang.code()));
        }
        if let Some(source) = &request.source {
            filter(self.keyword(self.fields.source, &outlet_key(source)));
        }
        if request.from.is_some() || request.to.is_some() {
            let day_start = |d: chrono::NaiveDate| {
                d.and_hms_opt(0, 0, 0)
                    .map_or(0, |t| t.and_utc().timestamp())
            };
            let start = request.from.map_or(i64::MIN, day_start);
            let end = request
                .to
                .and_then(|d| d.succ_opt())
                .map_or(i64::MAX, day_start);
            filter(Box::new(DateFilter::new(
                Arc::clone(self.facets),
                start..end,
            )));
        }
        if clauses.len() == 1 {
            clauses.remove(0).1
        } else {
            Box::new(BooleanQuery::new(clauses))
        }
    }

    fn keyword(&self, field: Field, value: &str) -> Boxed {
        Box::new(TermQuery::new(
            Term::from_field_text(field, value),
            IndexRecordOption::Basic,
        ))
    }

    fn text_fields(&self, scope: TextScope) -> Vec<(Field, f32)> {
        match scope {
            TextScope::All => vec![
                (self.fields.title, self.tuning.title_boost),
                (self.fields.body, 1.0),
            ],
            TextScope::Title => vec![(self.fields.title, 1.0)],
        }
    }

    /// One clause searched in every field of `scope`, each with its boost.
    fn across(&self, scope: TextScope, make: impl Fn(Field) -> Option<Boxed>) -> Option<Boxed> {
        let mut should: Vec<(Occur, Boxed)> = Vec::new();
        for (field, boost) in self.text_fields(scope) {
            let query = make(field)?;
            let query = if boost == 1.0 {
                query
            } else {
                Box::new(BoostQuery::new(query, boost))
            };
            should.push((Occur::Should, query));
        }
        Some(if should.len() == 1 {
            should.remove(0).1
        } else {
            Box::new(BooleanQuery::new(should))
        })
    }

    /// The terms a query term matches in `field` (its stem and every form
    /// filed under it) and which of them is its exact form, if it has one.
    fn group(&self, field: Field, term: &QueryTerm) -> (GroupTerms, Option<usize>) {
        let table = self.stems.table();
        let number = table.number(&term.term);
        let mut texts: Vec<&str> = vec![&term.term];
        if let Some(group) = number.and_then(|n| table.groups().get(n as usize)) {
            texts.extend(group.forms.iter().map(|form| &**form));
        }
        let members = texts.len();
        let exact = term.exact.as_deref().map(|exact| {
            texts
                .iter()
                .position(|text| *text == exact)
                .unwrap_or_else(|| {
                    // An exact form the table does not file (not a plain word).
                    texts.push(exact);
                    texts.len() - 1
                })
        });
        let group = GroupTerms {
            terms: texts
                .into_iter()
                .map(|text| Term::from_field_text(field, text))
                .collect(),
            group: number.map(|n| (Arc::clone(self.stems), n, members)),
        };
        (group, exact)
    }

    /// Notes the terms `terms` look up in the body for highlighting: every
    /// member of each group, with the frequencies the stem index knows,
    /// and each stem and exact form as the snippet window's anchors.
    fn note_highlights(&self, terms: &[QueryTerm], highlight: &mut HighlightTerms) {
        let body = self.fields.body;
        let table = self.stems.table();
        for term in terms {
            highlight.window.push(term.term.clone());
            highlight.window.extend(term.exact.clone());
            let group = table
                .number(&term.term)
                .and_then(|number| Some((number, table.groups().get(number as usize)?)));
            let Some((number, group)) = group else {
                highlight.add(&term.term, None);
                if let Some(exact) = &term.exact {
                    highlight.add(exact, None);
                }
                continue;
            };
            // Members no segment holds count as held by none.
            let mut freqs = vec![0u64; group.forms.len() + 1];
            for (member, doc_freq) in self.stems.doc_freqs(body, number) {
                if let Some(freq) = freqs.get_mut(member) {
                    *freq = doc_freq;
                }
            }
            highlight.add(&group.stem, freqs.first().copied());
            for (form, freq) in group.forms.iter().zip(&freqs[1..]) {
                highlight.add(form, Some(*freq));
            }
            if let Some(exact) = &term.exact {
                highlight.add(exact, None);
            }
        }
    }

    /// One word in every field of `scope`: its stem's forms, its exact
    /// form ranked first, and its single-word alternatives with their
    /// weights scored together as one more term.
    fn word_query(
        &self,
        single: &QueryTerm,
        scope: TextScope,
        alternatives: &[(QueryTerm, f32)],
    ) -> Boxed {
        let mut exact = None;
        let fields = self
            .text_fields(scope)
            .into_iter()
            .map(|(field, boost)| {
                let (group, exact_term) = self.group(field, single);
                exact = exact_term;
                WordField {
                    field,
                    boost,
                    group,
                    alternatives: alternatives
                        .iter()
                        .map(|(term, weight)| (self.group(field, term).0, *weight))
                        .collect(),
                }
            })
            .collect();
        // Relatives weigh less than the exact form, when the word is not
        // its own stem.
        let group_boost = if exact.is_some() {
            self.tuning.stem_weight
        } else {
            1.0
        };
        Box::new(WordQuery::new(fields, exact, group_boost))
    }

    fn terms_query(&self, terms: &[QueryTerm], scope: TextScope) -> Option<Boxed> {
        match terms {
            [] => None,
            [single] => Some(self.word_query(single, scope, &[])),
            many => self.across(scope, |field| {
                let positioned: Vec<(usize, GroupTerms)> = many
                    .iter()
                    .map(|t| (t.position, self.group(field, t).0))
                    .collect();
                Some(
                    if positioned.iter().all(|(_, group)| group.terms.len() == 1) {
                        let single = positioned
                            .into_iter()
                            .flat_map(|(position, group)| {
                                group.terms.into_iter().map(move |t| (position, t))
                            })
                            .collect();
                        Box::new(PhraseQuery::new_with_offset(single))
                    } else {
                        Box::new(FormsPhraseQuery::new(field, positioned))
                    },
                )
            }),
        }
    }

    /// Lowers a word or phrase: analysed here, once.
    fn lower_text(
        &self,
        text: &str,
        scope: TextScope,
        weight: f32,
        phrase: bool,
        highlight: &mut HighlightTerms,
    ) -> Lowered {
        let terms = self.analyzer.query_terms(text);
        let stopwords_only = !phrase
            && self.tuning.drop_stopwords
            && !terms.is_empty()
            && terms.iter().all(|t| is_stopword(&t.surface));
        let query = self.terms_query(&terms, scope).map(|query| {
            if weight == TYPED_WEIGHT {
                query
            } else {
                Box::new(BoostQuery::new(query, weight)) as Boxed
            }
        });
        if stopwords_only {
            return Lowered {
                query,
                stopwords: Some(terms),
            };
        }
        self.note_highlights(&terms, highlight);
        Lowered {
            query,
            stopwords: None,
        }
    }

    /// The query of a clause that is kept, its stopwords noted for
    /// highlighting.
    fn keep(&self, lowered: Lowered, highlight: &mut HighlightTerms) -> Option<Boxed> {
        if let Some(terms) = &lowered.stopwords {
            self.note_highlights(terms, highlight);
        }
        lowered.query
    }

    fn lower(&self, node: &QueryNode, any: bool, highlight: &mut HighlightTerms) -> Lowered {
        let content = |query: Option<Boxed>| Lowered {
            query,
            stopwords: None,
        };
        match node {
            QueryNode::Word {
                text,
                scope,
                weight,
                ..
            } => self.lower_text(text, *scope, *weight, false, highlight),
            QueryNode::Phrase {
                text,
                scope,
                weight,
                ..
            } => self.lower_text(text, *scope, *weight, true, highlight),
            QueryNode::Prefix { text, scope } => content(self.lower_prefix(text, *scope)),
            QueryNode::Source { value } => {
                content(Some(self.keyword(self.fields.source, &outlet_key(value))))
            }
            QueryNode::Lang { value } => {
                content(Some(self.keyword(self.fields.lang, value.code())))
            }
            QueryNode::Group { clauses } => content(self.lower_group(clauses, highlight)),
            QueryNode::Or { clauses } => content(self.lower_each(clauses, highlight)),
            QueryNode::Not { clause } => {
                // Excluded words are never in a hit: nothing to highlight.
                let Some(excluded) = self
                    .lower(clause, false, &mut HighlightTerms::default())
                    .query
                else {
                    return content(None);
                };
                content(Some(Box::new(BooleanQuery::new(vec![
                    (Occur::Must, Box::new(AllQuery) as Boxed),
                    (Occur::MustNot, excluded),
                ]))))
            }
            QueryNode::And { clauses } => content(self.lower_and(clauses, any, highlight)),
        }
    }

    /// A word and its alternatives: one word query when the word and its
    /// alternatives are single words (scored as one term), with
    /// phrase alternatives beside it; otherwise each clause on its own.
    fn lower_group(&self, clauses: &[QueryNode], highlight: &mut HighlightTerms) -> Option<Boxed> {
        let (first, rest) = clauses.split_first()?;
        let QueryNode::Word { text, scope, .. } = first else {
            return self.lower_each(clauses, highlight);
        };
        let typed = self.analyzer.query_terms(text);
        let [single] = typed.as_slice() else {
            return self.lower_each(clauses, highlight);
        };
        self.note_highlights(&typed, highlight);
        let mut words: Vec<(QueryTerm, f32)> = Vec::new();
        let mut apart: Vec<(Occur, Boxed)> = Vec::new();
        for clause in rest {
            let (text, weight, phrase) = match clause {
                QueryNode::Word { text, weight, .. } => (text, *weight, false),
                QueryNode::Phrase { text, weight, .. } => (text, *weight, true),
                other => {
                    let lowered = self.lower(other, false, highlight);
                    apart.extend(self.keep(lowered, highlight).map(|q| (Occur::Should, q)));
                    continue;
                }
            };
            let terms = self.analyzer.query_terms(text);
            match terms.as_slice() {
                [term] if !phrase => {
                    self.note_highlights(&terms, highlight);
                    words.push((term.clone(), weight));
                }
                _ => {
                    let lowered = self.lower_text(text, *scope, weight, true, highlight);
                    apart.extend(lowered.query.map(|q| (Occur::Should, q)));
                }
            }
        }
        let word = self.word_query(single, *scope, &words);
        if apart.is_empty() {
            return Some(word);
        }
        apart.insert(0, (Occur::Should, word));
        Some(Box::new(BooleanQuery::new(apart)))
    }

    /// Clauses any of which may match, each lowered on its own.
    fn lower_each(&self, clauses: &[QueryNode], highlight: &mut HighlightTerms) -> Option<Boxed> {
        let mut should: Vec<(Occur, Boxed)> = Vec::new();
        for clause in clauses {
            let lowered = self.lower(clause, false, highlight);
            should.extend(self.keep(lowered, highlight).map(|q| (Occur::Should, q)));
        }
        (!should.is_empty()).then(|| Box::new(BooleanQuery::new(should)) as Boxed)
    }

    fn lower_prefix(&self, text: &str, scope: TextScope) -> Option<Boxed> {
        let prefix = fold(text);
        let pattern = format!("{}.*", regex_syntax_escape(&prefix));
        // Forms whose stem has the prefix match too (`komuni*` finds
        // `berkomunikasi`), as when stems were indexed.
        let table = self.stems.table();
        let relatives: Vec<&str> = table
            .groups()
            .iter()
            .filter(|group| group.stem.starts_with(prefix.as_str()))
            .flat_map(|group| group.forms.iter().map(|form| &**form))
            .collect();
        self.across(scope, |field| {
            let by_form = RegexQuery::from_pattern(&pattern, field).ok()?;
            if relatives.is_empty() {
                return Some(Box::new(by_form) as Boxed);
            }
            let by_stem = TermSetQuery::new(
                relatives
                    .iter()
                    .map(|form| Term::from_field_text(field, form)),
            );
            Some(Box::new(BooleanQuery::new(vec![
                (Occur::Should, Box::new(by_form) as Boxed),
                (Occur::Should, Box::new(by_stem) as Boxed),
            ])))
        })
    }

    fn lower_and(
        &self,
        clauses: &[QueryNode],
        any: bool,
        highlight: &mut HighlightTerms,
    ) -> Option<Boxed> {
        let mut out: Vec<(Occur, Boxed)> = Vec::new();
        let mut texts: Vec<Boxed> = Vec::new();
        let mut stopwords: Vec<Lowered> = Vec::new();
        let mut has_content = false;
        for clause in clauses {
            match clause {
                QueryNode::Not { clause: inner } => {
                    if let Some(q) = self
                        .lower(inner, false, &mut HighlightTerms::default())
                        .query
                    {
                        out.push((Occur::MustNot, q));
                    }
                }
                QueryNode::Source { .. } | QueryNode::Lang { .. } => {
                    has_content = true;
                    if let Some(q) = self.lower(clause, false, highlight).query {
                        out.push((Occur::Must, q));
                    }
                }
                _ => {
                    let lowered = self.lower(clause, false, highlight);
                    if lowered.stopwords.is_some() {
                        stopwords.push(lowered);
                    } else {
                        has_content = true;
                        texts.extend(lowered.query);
                    }
                }
            }
        }
        // Stopwords only count when nothing else is asked for.
        if !has_content {
            for lowered in stopwords {
                texts.extend(self.keep(lowered, highlight));
            }
        }
        if any && texts.len() > 1 {
            let coordinate = self.tuning.coordinate_any;
            let should = texts
                .into_iter()
                .map(|q| {
                    let q = if coordinate {
                        Box::new(CoordQuery::new(q)) as Boxed
                    } else {
                        q
                    };
                    (Occur::Should, q)
                })
                .collect();
            out.push((Occur::Must, Box::new(BooleanQuery::new(should))));
        } else {
            out.extend(texts.into_iter().map(|q| (Occur::Must, q)));
        }
        if !out.iter().any(|(occur, _)| *occur == Occur::Must) {
            if out.is_empty() {
                return None;
            }
            out.push((Occur::Must, Box::new(AllQuery)));
        }
        Some(Box::new(BooleanQuery::new(out)))
    }
}

/// A word of a query as the results name it when an article lacks it.
fn word_label(clause: &QueryNode) -> String {
    match clause {
        QueryNode::Word { text, .. } => text.clone(),
        QueryNode::Group { clauses } => clauses.first().map_or_else(String::new, word_label),
        other => other.to_query_text(),
    }
}

/// Escapes the characters Tantivy's regex syntax treats specially.
fn regex_syntax_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if "\\.+*?()|[]{}^$#&-~\"'<>@".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
