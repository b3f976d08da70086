//! The one highlighter: the terms a query looked up, weighted by rarity,
//! marking the best fragment of a hit's body or every match in a text.
//!
//! The fragment choice follows Tantivy's `SnippetGenerator` (fragments of
//! at most `max_bytes`, each scored by the sum of its matched terms'
//! weights `1 / (1 + doc_freq)`, rare terms weighing most; the best wins,
//! the earliest on ties). Warta does it itself because the generic one
//! clones the tokenizer for every snippet and builds an owned token per
//! word, where Warta's terms are already folded and the analyzer hands
//! them over borrowed.

use super::marks::Highlighted;
use super::passage_finder::PassageFinder;
use rustc_hash::FxHashMap;
use std::cell::OnceCell;
use std::ops::Range;
use warta_analysis::Analyzer;

/// Where a highlighter finds how many documents hold a term, for the terms
/// whose frequency the planner did not already know (a backend's term
/// dictionary). `None` when the frequency cannot be read.
pub trait DocFreqs {
    /// Documents of the searched field holding `term`.
    fn doc_freq(&self, term: &str) -> Option<u64>;
}

/// No frequencies known: every term weighs the same.
impl DocFreqs for () {
    fn doc_freq(&self, _term: &str) -> Option<u64> {
        Some(1)
    }
}

/// The terms one query marks, as its planner reports them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HighlightTerms {
    /// Indexed terms to mark (every form of each query word's group), each
    /// with its document frequency when the planner knows it.
    pub terms: Vec<(String, Option<u64>)>,
    /// Of `terms`, those that place a long text's snippet window: each
    /// query word's stem and exact form, which most of its forms contain,
    /// rather than the dozens of forms themselves.
    pub window: Vec<String>,
}

impl HighlightTerms {
    /// Adds `term` (once) with its frequency, if known.
    pub fn add(&mut self, term: &str, doc_freq: Option<u64>) {
        match self.terms.iter_mut().find(|(t, _)| t == term) {
            Some((_, known)) => *known = known.or(doc_freq),
            None => self.terms.push((term.to_string(), doc_freq)),
        }
    }

    /// Whether there is nothing to mark.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }
}

/// The terms of one query, weighted, ready to mark any number of texts.
pub struct Highlighter<'s> {
    terms: Vec<HighlightTerm>,
    /// Each term's index in `terms`.
    index: FxHashMap<String, usize>,
    /// Where weights not known yet are looked up.
    freqs: &'s dyn DocFreqs,
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
    /// Known from the planner, or looked up the first time a text holds
    /// the term: a word's forms are many and most never show in the hits.
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
    /// A highlighter for `terms`, looking up unknown weights in `freqs`;
    /// snippet fragments are at most `max_bytes` long.
    pub fn new(terms: &HighlightTerms, freqs: &'s dyn DocFreqs, max_bytes: usize) -> Self {
        let terms_list: Vec<HighlightTerm> = terms
            .terms
            .iter()
            .filter(|(text, _)| !text.is_empty())
            .map(|(text, doc_freq)| {
                let weight = OnceCell::new();
                if let Some(doc_freq) = doc_freq {
                    let _ = weight.set(weight_of_doc_freq(*doc_freq));
                }
                HighlightTerm {
                    text: text.clone(),
                    weight,
                }
            })
            .collect();
        let finder_terms: Vec<usize> = (0..terms_list.len())
            .filter(|&n| terms.window.iter().any(|w| *w == terms_list[n].text))
            .collect();
        let finder = PassageFinder::new(finder_terms.iter().map(|&n| terms_list[n].text.as_str()));
        let index = terms_list
            .iter()
            .enumerate()
            .map(|(n, term)| (term.text.clone(), n))
            .collect();
        Highlighter {
            terms: terms_list,
            index,
            freqs,
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
            self.freqs
                .doc_freq(&term.text)
                .map_or(0.0, weight_of_doc_freq)
        })
    }

    fn weight(&self, term: &str) -> Option<f32> {
        let n = *self.index.get(term)?;
        Some(self.weight_of(n))
    }

    /// Where the richest passage of `text` starts: the run of plain
    /// occurrences of the window terms (ASCII case ignored) spanning at
    /// most `max_bytes` whose weights sum highest, the earliest on ties.
    /// The terms are the words as written, folded, so this is usually
    /// where the best fragment is; `None` when no term shows.
    pub fn richest_passage(&self, text: &str) -> Option<usize> {
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

    /// The best fragment of `text` with its matches marked, or `None` when
    /// no term occurs in it.
    pub fn best_fragment(&self, analyzer: &Analyzer, text: &str) -> Option<Highlighted> {
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
        best.map(|fragment| {
            let start = fragment.span.start;
            let marks = fragment
                .marks
                .iter()
                .map(|mark| mark.start - start..mark.end - start)
                .collect();
            Highlighted::new(&text[fragment.span], marks)
        })
    }

    /// `text` whole with every occurrence of the terms marked: an article
    /// page's headline and body.
    pub fn mark_all(&self, analyzer: &Analyzer, text: &str) -> Highlighted {
        let mut marks = Vec::new();
        if !self.terms.is_empty() {
            analyzer.for_each_term(text, |term, from, to| {
                if self.index.contains_key(term) {
                    marks.push(from..to);
                }
            });
        }
        Highlighted::new(text, marks)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Frequencies given as weights: `doc_freq = 1/weight - 1`.
    fn terms(weighted: &[(&str, f32)]) -> HighlightTerms {
        HighlightTerms {
            terms: weighted
                .iter()
                .map(|(t, w)| (t.to_string(), Some((1.0 / w - 1.0).round() as u64)))
                .collect(),
            window: weighted.iter().map(|(t, _)| t.to_string()).collect(),
        }
    }

    #[test]
    fn marks_every_form_looked_up_and_escapes_the_rest() {
        let analyzer = Analyzer::default();
        let t = terms(&[("guna", 0.5), ("pengguna", 0.5), ("menggunakan", 0.5)]);
        let h = Highlighter::new(&t, &(), 240);
        let html = h
            .best_fragment(&analyzer, "<b> Para pengguna & menggunakan")
            .map(|f| f.to_html());
        assert_eq!(
            html.as_deref(),
            Some("&lt;b&gt; Para <mark>pengguna</mark> &amp; <mark>menggunakan</mark>")
        );
        assert_eq!(h.best_fragment(&analyzer, "nothing here"), None);
        assert_eq!(
            h.best_fragment(&analyzer, "kegunaan"),
            None,
            "a form not looked up"
        );
        let none = HighlightTerms::default();
        assert_eq!(
            Highlighter::new(&none, &(), 240).best_fragment(&analyzer, "guna"),
            None
        );
    }

    #[test]
    fn picks_the_fragment_with_the_rarest_terms_earliest_on_ties() {
        let analyzer = Analyzer::default();
        let t = terms(&[("common", 0.1), ("rare", 0.5)]);
        let h = Highlighter::new(&t, &(), 12);
        let html = h
            .best_fragment(&analyzer, "common words then a rare one then rare")
            .map(|f| f.to_html());
        assert_eq!(html.as_deref(), Some("then a <mark>rare</mark>"));
    }

    #[test]
    fn a_compound_whose_parts_end_early_never_cuts_a_mark() {
        let analyzer = Analyzer::default();
        let h = Highlighter::new(&terms(&[("covid", 0.5)]), &(), 240);
        let fragment = h.best_fragment(&analyzer, "covid- dan covid_");
        assert!(fragment.is_some_and(|f| f.has_marks()));
    }

    #[test]
    fn marks_every_match_of_a_whole_text() {
        let analyzer = Analyzer::default();
        let h = Highlighter::new(&terms(&[("banjir", 0.5), ("kebanjiran", 0.5)]), &(), 240);
        let marked = h.mark_all(&analyzer, "Jakarta kebanjiran lagi, banjir <b>");
        assert_eq!(
            marked.to_html(),
            "Jakarta <mark>kebanjiran</mark> lagi, <mark>banjir</mark> &lt;b&gt;"
        );
    }

    #[test]
    fn finds_the_richest_passage_ignoring_ascii_case() {
        let t = terms(&[("guna", 0.5), ("jakarta", 0.25)]);
        let h = Highlighter::new(&t, &(), 20);
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
