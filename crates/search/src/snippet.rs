//! Highlighted snippets: the best short fragment of a hit's body for the
//! query's terms, with each match marked and everything escaped.
//!
//! The fragment choice is Tantivy's `SnippetGenerator`'s (fragments of at
//! most `max_bytes`, each scored by the sum of its matched terms' weights
//! `1 / (1 + doc_freq)`, rare terms weighing most; the best wins, the
//! earliest on ties), and so is the HTML. Warta does it itself because the
//! generic one cost a quarter of a small search: it clones the tokenizer
//! for every snippet, builds a token (an owned string) per word and then
//! lowercases each one again, where Warta's terms are already folded and
//! the analyzer can hand them over borrowed.

use crate::engine::escape_html;
use crate::passage_finder::PassageFinder;
use rustc_hash::FxHashMap;
use std::cell::OnceCell;
use std::ops::Range;
use tantivy::query::Query;
use tantivy::schema::Field;
use tantivy::{Searcher, Term};
use warta_analysis::Analyzer;

/// The terms of one query in one field, weighted, ready to mark any
/// number of texts.
pub(crate) struct Highlighter<'s> {
    /// The terms, each with its weight once known. A handful per query
    /// word (its forms), so a scan beats hashing.
    terms: Vec<HighlightTerm>,
    /// Each term's index in `terms`.
    index: FxHashMap<String, usize>,
    /// Where weights not known yet are looked up.
    searcher: Option<&'s Searcher>,
    /// Finds where the window terms show as plain text (ASCII case
    /// ignored), to pick the window of a long body worth analysing.
    finder: Option<PassageFinder>,
    /// The term each of the finder's patterns is.
    finder_terms: Vec<usize>,
    max_bytes: usize,
}

/// One term to mark and its weight, `1 / (1 + doc_freq)`.
struct HighlightTerm {
    text: String,
    term: Option<Term>,
    /// Looked up the first time a text holds the term: a word's forms are
    /// many and most never show in the ten hits.
    weight: OnceCell<f32>,
}

/// A term's weight from how many documents hold it: the rarer, the
/// heavier; nothing for a term the index does not hold (a stem no word is
/// written as).
fn weight_of_doc_freq(doc_freq: u64) -> f32 {
    if doc_freq == 0 {
        0.0
    } else {
        1.0 / (1.0 + doc_freq as f32)
    }
}

/// A candidate fragment: its span, score and matched term spans.
struct Fragment {
    span: Range<usize>,
    score: f32,
    marks: Vec<Range<usize>>,
}

impl<'s> Highlighter<'s> {
    /// The terms `query` looks up in `field`, each weighted by its rarity
    /// (from `known_freqs` when it holds the term, else from `searcher`);
    /// fragments are at most `max_bytes` long. A long text's window is
    /// placed by where `window_terms` show (each query word's stem and
    /// exact form, which most of its forms contain, rather than the dozens
    /// of forms themselves).
    pub(crate) fn new(
        searcher: &'s Searcher,
        query: &dyn Query,
        field: Field,
        max_bytes: usize,
        window_terms: &[String],
        known_freqs: &FxHashMap<String, u64>,
    ) -> Highlighter<'s> {
        let mut terms: Vec<HighlightTerm> = Vec::new();
        query.query_terms(&mut |term, _| {
            let value = term.value();
            let Some(text) = value.as_str() else {
                return;
            };
            if term.field() == field && !text.is_empty() && terms.iter().all(|t| t.text != text) {
                let weight = OnceCell::new();
                if let Some(&doc_freq) = known_freqs.get(text) {
                    let _ = weight.set(weight_of_doc_freq(doc_freq));
                }
                terms.push(HighlightTerm {
                    text: text.to_string(),
                    term: Some(term.clone()),
                    weight,
                });
            }
        });
        Highlighter::with_terms(terms, Some(searcher), max_bytes, |text| {
            window_terms.iter().any(|window| window == text)
        })
    }

    fn with_terms(
        terms: Vec<HighlightTerm>,
        searcher: Option<&'s Searcher>,
        max_bytes: usize,
        in_window: impl Fn(&str) -> bool,
    ) -> Highlighter<'s> {
        let finder_terms: Vec<usize> = (0..terms.len())
            .filter(|&n| in_window(&terms[n].text))
            .collect();
        let finder = PassageFinder::new(finder_terms.iter().map(|&n| terms[n].text.as_str()));
        let index = terms
            .iter()
            .enumerate()
            .map(|(n, term)| (term.text.clone(), n))
            .collect();
        Highlighter {
            terms,
            index,
            searcher,
            finder,
            finder_terms,
            max_bytes,
        }
    }

    /// The weight of the `n`th term, looked up on first use; a term whose
    /// frequency cannot be read weighs nothing.
    fn weight_of(&self, n: usize) -> f32 {
        let Some(term) = self.terms.get(n) else {
            return 0.0;
        };
        *term.weight.get_or_init(|| {
            let (Some(searcher), Some(key)) = (self.searcher, &term.term) else {
                return 0.0;
            };
            match searcher.doc_freq(key) {
                Ok(doc_freq) => weight_of_doc_freq(doc_freq),
                Err(err) => {
                    tracing::warn!("highlighting: {err}");
                    0.0
                }
            }
        })
    }

    /// Where the richest passage of `text` starts: the run of plain
    /// occurrences of the terms (ASCII case ignored) spanning at most
    /// `max_bytes` whose weights sum highest, the earliest on ties. The
    /// terms are the words as written, folded, so this is usually where
    /// the best fragment is; `None` when no term shows.
    pub(crate) fn richest_passage(&self, text: &str) -> Option<usize> {
        let finder = self.finder.as_ref()?;
        let mut found: Vec<(usize, f32)> = Vec::new();
        finder.for_each(text, |start, pattern| {
            let term = self.finder_terms.get(pattern);
            found.push((start, term.map_or(0.0, |&n| self.weight_of(n))));
        });
        let mut best: Option<(usize, f32)> = None;
        let (mut first, mut sum) = (0, 0.0);
        for &(at, weight) in &found {
            sum += weight;
            while found[first].0 + self.max_bytes <= at {
                sum -= found[first].1;
                first += 1;
            }
            if best.is_none_or(|(_, best_sum)| sum > best_sum) {
                best = Some((found[first].0, sum));
            }
        }
        best.map(|(at, _)| at)
    }

    fn weight(&self, term: &str) -> Option<f32> {
        let n = *self.index.get(term)?;
        Some(self.weight_of(n))
    }

    /// The best fragment of `text` as HTML with `<mark>`ed matches, or
    /// `None` when no term occurs in it.
    pub(crate) fn html(&self, analyzer: &Analyzer, text: &str) -> Option<String> {
        if self.terms.is_empty() {
            return None;
        }
        let mut best: Option<Fragment> = None;
        let mut current = Fragment {
            span: 0..0,
            score: 0.0,
            marks: Vec::new(),
        };
        let mut keep_better = |fragment: Fragment| {
            let better = match &best {
                None => true,
                // Ties keep the earlier fragment, which came first.
                Some(best) => fragment.score > best.score,
            };
            if fragment.score > 0.0 && better {
                best = Some(fragment);
            }
        };
        analyzer.for_each_term(text, |term, from, to| {
            if to.saturating_sub(current.span.start) > self.max_bytes {
                let next = Fragment {
                    span: from..from,
                    score: 0.0,
                    marks: Vec::new(),
                };
                keep_better(std::mem::replace(&mut current, next));
            }
            // A compound's parts follow its joined form and may end
            // before it: the fragment never shrinks below a mark.
            current.span.end = current.span.end.max(to);
            if let Some(weight) = self.weight(term) {
                current.score += weight;
                current.marks.push(from..to);
            }
        });
        keep_better(current);
        best.map(|fragment| render(text, &fragment))
    }
}

/// The fragment's text, escaped, with its (merged) matches marked.
fn render(text: &str, fragment: &Fragment) -> String {
    let mut marks = fragment.marks.clone();
    marks.sort_by_key(|mark| (mark.start, mark.end));
    marks.dedup();
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(marks.len());
    for mark in marks {
        match merged.last_mut() {
            Some(last) if last.end > mark.start => last.end = last.end.max(mark.end),
            _ => merged.push(mark),
        }
    }
    let mut html = String::with_capacity(fragment.span.len() + 16 * merged.len());
    let mut from = fragment.span.start;
    for mark in merged {
        html.push_str(&escape_html(&text[from..mark.start]));
        html.push_str("<mark>");
        html.push_str(&escape_html(&text[mark.clone()]));
        html.push_str("</mark>");
        from = mark.end;
    }
    html.push_str(&escape_html(&text[from..fragment.span.end]));
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    fn highlighter(terms: &[(&str, f32)], max_bytes: usize) -> Highlighter<'static> {
        let terms = terms
            .iter()
            .map(|(text, weight)| HighlightTerm {
                text: text.to_string(),
                term: None,
                weight: OnceCell::from(*weight),
            })
            .collect();
        Highlighter::with_terms(terms, None, max_bytes, |_| true)
    }

    #[test]
    fn marks_every_form_looked_up_and_escapes_the_rest() {
        let analyzer = Analyzer::default();
        let h = highlighter(
            &[("guna", 0.5), ("pengguna", 0.5), ("menggunakan", 0.5)],
            240,
        );
        let html = h.html(&analyzer, "<b> Para pengguna & menggunakan");
        assert_eq!(
            html.as_deref(),
            Some("&lt;b&gt; Para <mark>pengguna</mark> &amp; <mark>menggunakan</mark>")
        );
        assert_eq!(h.html(&analyzer, "nothing here"), None);
        assert_eq!(h.html(&analyzer, "kegunaan"), None, "a form not looked up");
        assert_eq!(highlighter(&[], 240).html(&analyzer, "guna"), None);
    }

    #[test]
    fn picks_the_fragment_with_the_rarest_terms_earliest_on_ties() {
        let analyzer = Analyzer::default();
        let h = highlighter(&[("common", 0.1), ("rare", 0.9)], 12);
        let html = h.html(&analyzer, "common words then a rare one then rare");
        assert_eq!(html.as_deref(), Some("then a <mark>rare</mark>"));
    }

    #[test]
    fn a_compound_whose_parts_end_early_never_cuts_a_mark() {
        let analyzer = Analyzer::default();
        let h = highlighter(&[("covid", 0.5)], 240);
        let html = h.html(&analyzer, "covid- dan covid_");
        assert!(html.is_some_and(|html| html.contains("<mark>")));
    }

    #[test]
    fn finds_the_richest_passage_ignoring_ascii_case() {
        let h = highlighter(&[("guna", 0.5), ("jakarta", 0.25)], 20);
        assert_eq!(h.richest_passage("tidak ada"), None);
        // Both within 20 bytes: the run starts at the first.
        assert_eq!(h.richest_passage("Di JAKARTA, pengguna"), Some(3));
        // Farther apart: the heavier term wins.
        assert_eq!(
            h.richest_passage("Di JAKARTA ........... pengguna"),
            Some(27)
        );
        // Three lighter occurrences within 20 bytes outweigh a heavier one.
        let text = "pengguna ......................... jakarta Jakarta JAKARTA";
        assert_eq!(h.richest_passage(text), Some(35));
        // Ties keep the earliest.
        assert_eq!(
            h.richest_passage("guna ...................... guna"),
            Some(0)
        );
    }
}
