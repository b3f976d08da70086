//! Lowering Warta's query tree onto Tantivy queries, the last step before
//! execution (the Quickwit pattern: user syntax → own tree → Tantivy).
//!
//! The planner is where a query's words are analysed, once: it reports the
//! terms it looked up (with what the stem index knows of their
//! frequencies) in a [`Planned`], so that snippets and article pages mark
//! exactly those terms and nothing analyses the query again.

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

/// Ranking choices of the planner. The defaults are what the known-item
/// evaluation (`examples/known_item_eval.rs`, `--grid`) found best (the
/// figures are in BENCHMARKS.md); the fields exist to measure each choice.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tuning {
    /// How much a title match outweighs a body match. BM25 already favours
    /// a match in the short title field, so weighting it further buries
    /// the article whose body matched: the title weighs a quarter.
    pub title_boost: f32,
    /// Drop stopwords from bag-of-words clauses (phrases always keep them).
    pub drop_stopwords: bool,
    /// Weight of the forms sharing a word's stem relative to its exact
    /// form: below 1, exact forms rank first and relatives (`digunakan`
    /// for `menggunakan`) still match.
    pub stem_weight: f32,
}

impl Default for Tuning {
    fn default() -> Self {
        Tuning {
            title_boost: 0.25,
            drop_stopwords: true,
            stem_weight: 0.1,
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
        let lowered = self.lower(tree, any, &mut highlight);
        let main = self
            .keep(lowered, &mut highlight)
            .unwrap_or_else(|| Box::new(EmptyQuery));
        let mut clauses: Vec<(Occur, Boxed)> = vec![(Occur::Must, main)];
        let mut filter =
            |q: Boxed| clauses.push((Occur::Must, Box::new(ConstScoreQuery::new(q, 0.0)) as Boxed));
        if let Some(lang) = &request.lang {
            filter(self.keyword(self.fields.lang, lang.code()));
        }
        if let Some(source) = &request.source {
            filter(self.keyword(self.fields.source, &source.to_lowercase()));
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
        let query = if clauses.len() == 1 {
            clauses.remove(0).1
        } else {
            Box::new(BooleanQuery::new(clauses))
        };
        Planned { query, highlight }
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

    fn terms_query(&self, terms: &[QueryTerm], scope: TextScope) -> Option<Boxed> {
        match terms {
            [] => None,
            [single] => {
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
                        }
                    })
                    .collect();
                // Relatives weigh less than the exact form, when the word
                // is not its own stem.
                let group_boost = if exact.is_some() {
                    self.tuning.stem_weight
                } else {
                    1.0
                };
                Some(Box::new(WordQuery::new(fields, exact, group_boost)))
            }
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
            QueryNode::Source { value } => content(Some(self.keyword(self.fields.source, value))),
            QueryNode::Lang { value } => {
                content(Some(self.keyword(self.fields.lang, value.code())))
            }
            QueryNode::Group { clauses } | QueryNode::Or { clauses } => {
                let mut should: Vec<(Occur, Boxed)> = Vec::new();
                for clause in clauses {
                    let lowered = self.lower(clause, false, highlight);
                    should.extend(self.keep(lowered, highlight).map(|q| (Occur::Should, q)));
                }
                content((!should.is_empty()).then(|| Box::new(BooleanQuery::new(should)) as Boxed))
            }
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
            let should = texts.into_iter().map(|q| (Occur::Should, q)).collect();
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
