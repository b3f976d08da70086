//! Lowering Warta's query tree onto Tantivy queries, the last step before
//! execution (the Quickwit pattern: user syntax → own tree → Tantivy).

use crate::date_filter::DateFilter;
use crate::facets::FacetCache;
use crate::forms::{FormsPhraseQuery, GroupTerms, WordField, WordQuery};
use crate::request::{MatchMode, SearchRequest};
use crate::stem_index::StemIndex;
use crate::tree::{QueryNode, TextScope};
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
/// evaluation (`examples/known_item_eval.rs`, `--grid`) found best; the
/// fields exist to measure each choice.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tuning {
    /// How much a title match outweighs a body match.
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
            // BM25 already favours a match in the short title field; weighting
            // it further buried the article whose body matched (MRR@10 on
            // three-word queries: 0.24 at 2.0, 0.36 at 1.0, 0.57 at 0.25).
            title_boost: 0.25,
            drop_stopwords: true,
            // Relatives of a word match, behind its exact form (0.54 at 1.0,
            // 0.57 at 0.1, with the title boost above).
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

type Boxed = Box<dyn Query>;

impl Planner<'_> {
    /// The whole query: the tree (in the request's match mode) and filters.
    pub(crate) fn plan(&self, tree: &QueryNode, request: &SearchRequest) -> Boxed {
        let any = request.match_mode == MatchMode::Any;
        let main = self
            .lower(tree, any)
            .unwrap_or_else(|| Box::new(EmptyQuery));
        let mut clauses: Vec<(Occur, Boxed)> = vec![(Occur::Must, main)];
        let mut filter =
            |q: Boxed| clauses.push((Occur::Must, Box::new(ConstScoreQuery::new(q, 0.0)) as Boxed));
        if let Some(lang) = &request.lang {
            filter(self.keyword(self.fields.lang, lang));
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

    fn is_stopword_clause(&self, node: &QueryNode) -> bool {
        if !self.tuning.drop_stopwords {
            return false;
        }
        match node {
            QueryNode::Word { text, .. } => {
                let terms = self.analyzer.query_terms(text);
                !terms.is_empty() && terms.iter().all(|t| is_stopword(&t.surface))
            }
            _ => false,
        }
    }

    fn lower(&self, node: &QueryNode, any: bool) -> Option<Boxed> {
        match node {
            QueryNode::Word { text, scope } | QueryNode::Phrase { text, scope } => {
                self.terms_query(&self.analyzer.query_terms(text), *scope)
            }
            QueryNode::Prefix { text, scope } => {
                let prefix = fold(text);
                let pattern = format!("{}.*", regex_syntax_escape(&prefix));
                // Forms whose stem has the prefix match too (`komuni*`
                // finds `berkomunikasi`), as when stems were indexed.
                let table = self.stems.table();
                let relatives: Vec<&str> = table
                    .groups()
                    .iter()
                    .filter(|group| group.stem.starts_with(prefix.as_str()))
                    .flat_map(|group| group.forms.iter().map(|form| &**form))
                    .collect();
                self.across(*scope, |field| {
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
            QueryNode::Source { value } => Some(self.keyword(self.fields.source, value)),
            QueryNode::Lang { value } => Some(self.keyword(self.fields.lang, value)),
            QueryNode::Or { clauses } => {
                let should: Vec<(Occur, Boxed)> = clauses
                    .iter()
                    .filter_map(|c| self.lower(c, false))
                    .map(|q| (Occur::Should, q))
                    .collect();
                (!should.is_empty()).then(|| Box::new(BooleanQuery::new(should)) as Boxed)
            }
            QueryNode::Not { clause } => {
                let excluded = self.lower(clause, false)?;
                Some(Box::new(BooleanQuery::new(vec![
                    (Occur::Must, Box::new(AllQuery) as Boxed),
                    (Occur::MustNot, excluded),
                ])))
            }
            QueryNode::And { clauses } => self.lower_and(clauses, any),
        }
    }

    fn lower_and(&self, clauses: &[QueryNode], any: bool) -> Option<Boxed> {
        let has_content = clauses
            .iter()
            .any(|c| !matches!(c, QueryNode::Not { .. }) && !self.is_stopword_clause(c));
        let mut out: Vec<(Occur, Boxed)> = Vec::new();
        let mut texts: Vec<Boxed> = Vec::new();
        for clause in clauses {
            if has_content && self.is_stopword_clause(clause) {
                continue;
            }
            match clause {
                QueryNode::Not { clause: inner } => {
                    if let Some(q) = self.lower(inner, false) {
                        out.push((Occur::MustNot, q));
                    }
                }
                QueryNode::Source { .. } | QueryNode::Lang { .. } => {
                    if let Some(q) = self.lower(clause, false) {
                        out.push((Occur::Must, q));
                    }
                }
                _ => texts.extend(self.lower(clause, false)),
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
