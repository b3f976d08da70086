//! One query word over the text fields: every form filed under its stem,
//! scored as one term, and its exact form scored on its own so that it
//! ranks first, in every field at once.

use super::located::{
    average_fieldnorm, explain_score, fieldnorms, located_infos, read_postings, GroupTerms, Located,
};
use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{
    Bm25StatisticsProvider, Bm25Weight, EmptyScorer, EnableScoring, Explanation, Query, Scorer,
    Weight,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Score, SegmentReader, Term, TERMINATED};

/// One field a word is searched in.
#[derive(Debug, Clone)]
pub(crate) struct WordField {
    /// The field.
    pub(crate) field: Field,
    /// How much a match here weighs.
    pub(crate) boost: Score,
    /// The word's group, as terms of this field.
    pub(crate) group: GroupTerms,
}

/// A query word in one or more fields. One scorer reads every field's
/// postings, so a word costs one scorer rather than a union of a scorer
/// per field; the exact form's postings are among the group's, read once.
#[derive(Debug, Clone)]
pub(crate) struct WordQuery {
    fields: Vec<WordField>,
    /// Which of each group's terms is the word's exact form, scored apart.
    exact: Option<usize>,
    /// Weight of the group relative to the exact form.
    group_boost: Score,
}

impl WordQuery {
    /// The word in `fields`; with `exact`, that term of each group is the
    /// word as written and the group weighs `group_boost` relative to it.
    pub(crate) fn new(fields: Vec<WordField>, exact: Option<usize>, group_boost: Score) -> Self {
        WordQuery {
            fields,
            exact,
            group_boost,
        }
    }
}

/// What a word's weight keeps of one field.
struct FieldWeight {
    field: Field,
    group: GroupTerms,
    located: Option<Located>,
    /// The group's BM25 (boosted by the field and relative to the exact
    /// form); `None` when scoring is off or no term is held.
    group_bm25: Option<Bm25Weight>,
    /// The exact form's own BM25, when it has one and it is held.
    exact_bm25: Option<Bm25Weight>,
}

impl Query for WordQuery {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let mut fields = Vec::with_capacity(self.fields.len());
        for WordField {
            field,
            boost,
            group,
        } in &self.fields
        {
            let searcher = scoring.searcher();
            let located = match searcher {
                Some(searcher) => Some(Located::find(searcher, *field, group)?),
                None => None,
            };
            let mut group_bm25 = None;
            let mut exact_bm25 = None;
            if let (true, Some(searcher), Some(located)) =
                (scoring.is_scoring_enabled(), searcher, &located)
            {
                if located.doc_freq > 0 {
                    let docs = Bm25StatisticsProvider::total_num_docs(searcher)?;
                    let average = average_fieldnorm(searcher, *field)?;
                    let bm25 = Bm25Weight::for_one_term(located.doc_freq, docs, average);
                    group_bm25 = Some(bm25.boost_by(self.group_boost * boost));
                    let exact_freq = self.exact.map_or(0, |n| located.term_freqs[n]);
                    if exact_freq > 0 {
                        let bm25 = Bm25Weight::for_one_term(exact_freq, docs, average);
                        exact_bm25 = Some(bm25.boost_by(*boost));
                    }
                }
            }
            fields.push(FieldWeight {
                field: *field,
                group: group.clone(),
                located,
                group_bm25,
                exact_bm25,
            });
        }
        Ok(Box::new(WordWeight {
            fields,
            exact: self.exact,
            scoring: scoring.is_scoring_enabled(),
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for field in &self.fields {
            for term in &field.group.terms {
                visitor(term, false);
            }
        }
    }
}

struct WordWeight {
    fields: Vec<FieldWeight>,
    exact: Option<usize>,
    scoring: bool,
}

impl Weight for WordWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let record = if self.scoring {
            IndexRecordOption::WithFreqs
        } else {
            IndexRecordOption::Basic
        };
        let mut postings = Vec::new();
        let mut fields = Vec::with_capacity(self.fields.len());
        for (n, field) in self.fields.iter().enumerate() {
            let infos = located_infos(reader, field.field, &field.group, field.located.as_ref())?;
            let scored_apart = field.exact_bm25.is_some();
            for (term, found) in read_postings(reader, field.field, &infos, record)? {
                let exact = scored_apart && Some(term) == self.exact;
                postings.push(FieldPostings {
                    field: n,
                    exact,
                    postings: found,
                });
            }
            fields.push(ScoredField {
                fieldnorms: fieldnorms(reader, field.field)?,
                group: field.group_bm25.as_ref().map(|bm25| bm25.boost_by(boost)),
                exact: field.exact_bm25.as_ref().map(|bm25| bm25.boost_by(boost)),
                freqs: vec![0; WINDOW as usize].into_boxed_slice(),
                exact_freqs: vec![0; if scored_apart { WINDOW as usize } else { 0 }]
                    .into_boxed_slice(),
            });
        }
        if postings.is_empty() {
            return Ok(Box::new(EmptyScorer));
        }
        let mut scorer = WordScorer {
            postings,
            fields,
            scoring: self.scoring,
            window_start: 0,
            present: [0; WINDOW as usize / 64],
            sought: false,
            doc: 0,
        };
        scorer.refill();
        Ok(Box::new(scorer))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        explain_score(
            self,
            reader,
            doc,
            "forms of one stem, and the exact form, in each field",
        )
    }
}

/// Documents a word scorer gathers at once: one window's frequencies.
/// Every scorer zeroes a window's arrays per field, so smaller windows
/// start faster, down to about this size.
const WINDOW: u32 = 1024;

/// One posting list of a word's scorer.
struct FieldPostings {
    /// Index of its field in the scorer's fields.
    field: usize,
    /// Whether it is the exact form's, scored apart.
    exact: bool,
    postings: SegmentPostings,
}

/// What a word's scorer keeps of one field.
struct ScoredField {
    fieldnorms: FieldNormReader,
    group: Option<Bm25Weight>,
    exact: Option<Bm25Weight>,
    /// Summed frequency of the group in each document of the window.
    freqs: Box<[u32]>,
    /// The exact form's frequency in each document of the window (empty
    /// when it is not scored apart).
    exact_freqs: Box<[u32]>,
}

impl ScoredField {
    fn score(&self, doc: DocId, slot: usize) -> Score {
        let freq = self.freqs[slot];
        let Some(group) = self.group.as_ref().filter(|_| freq > 0) else {
            return 0.0;
        };
        let norm = self.fieldnorms.fieldnorm_id(doc);
        let mut score = group.score(norm, freq);
        if let (Some(exact), Some(&exact_freq)) = (&self.exact, self.exact_freqs.get(slot)) {
            if exact_freq > 0 {
                score += exact.score(norm, exact_freq);
            }
        }
        score
    }

    fn clear(&mut self, slot: usize) {
        self.freqs[slot] = 0;
        if let Some(freq) = self.exact_freqs.get_mut(slot) {
            *freq = 0;
        }
    }
}

/// The documents holding any form of a word in any of its fields.
///
/// Walked document by document (`advance`), the postings are drained a
/// window of documents at a time into per-document frequency sums, so each
/// posting is read once however many forms and fields there are. Sought
/// far ahead (`seek`, as an intersection does with every clause but the
/// rarest), each posting list skips to the target on its own and the
/// document's frequencies are summed where they stand: draining a window
/// there would decode thousands of postings to test one document. Sought
/// one document on from a walk (as an intersection moves the clause it
/// walks), it keeps walking.
struct WordScorer {
    postings: Vec<FieldPostings>,
    fields: Vec<ScoredField>,
    scoring: bool,
    /// First document of the current window.
    window_start: DocId,
    /// Which documents of the window are present, one bit each.
    present: [u64; WINDOW as usize / 64],
    /// Whether the scorer stands on a sought document outside any window.
    sought: bool,
    doc: DocId,
}

impl WordScorer {
    /// Gathers the next window, from the lowest document any posting is on.
    fn refill(&mut self) -> DocId {
        self.sought = false;
        let start = self
            .postings
            .iter()
            .map(|p| p.postings.doc())
            .min()
            .unwrap_or(TERMINATED);
        if start == TERMINATED {
            self.doc = TERMINATED;
            return TERMINATED;
        }
        self.window_start = start;
        let end = start.saturating_add(WINDOW);
        for FieldPostings {
            field,
            exact,
            postings,
        } in &mut self.postings
        {
            let scored = &mut self.fields[*field];
            let mut doc = postings.doc();
            while doc < end {
                let slot = (doc - start) as usize;
                let freq = postings.term_freq();
                scored.freqs[slot] += freq;
                if *exact {
                    scored.exact_freqs[slot] = freq;
                }
                self.present[slot / 64] |= 1 << (slot % 64);
                doc = postings.advance();
            }
        }
        self.next_present(0)
    }

    /// Moves to the first present document at or after window slot `from`
    /// (every earlier slot already cleared); gathers the next window when
    /// there is none.
    fn next_present(&mut self, from: usize) -> DocId {
        let mut word = from / 64;
        let mut bits = self
            .present
            .get(word)
            .map_or(0, |w| w & (!0u64 << (from % 64)));
        loop {
            if bits != 0 {
                let slot = word * 64 + bits.trailing_zeros() as usize;
                self.doc = self.window_start + slot as DocId;
                return self.doc;
            }
            word += 1;
            match self.present.get(word) {
                Some(next) => bits = *next,
                None => return self.refill(),
            }
        }
    }

    /// Clears the window's present slots from the current document's up
    /// to `slot`.
    fn clear_until(&mut self, slot: usize) {
        let from = (self.doc - self.window_start) as usize;
        let slot = slot.min(WINDOW as usize);
        if from >= slot {
            return;
        }
        for word in from / 64..slot.div_ceil(64) {
            let low = if word == from / 64 { from % 64 } else { 0 };
            let high = (slot - word * 64).min(64);
            let span = if high - low == 64 {
                !0u64
            } else {
                ((1u64 << (high - low)) - 1) << low
            };
            let mut bits = self.present[word] & span;
            self.present[word] &= !span;
            while bits != 0 {
                let passed = word * 64 + bits.trailing_zeros() as usize;
                for field in &mut self.fields {
                    field.clear(passed);
                }
                bits &= bits - 1;
            }
        }
    }
}

impl DocSet for WordScorer {
    fn advance(&mut self) -> DocId {
        if self.doc == TERMINATED {
            return TERMINATED;
        }
        if self.sought {
            let current = self.doc;
            for p in &mut self.postings {
                if p.postings.doc() == current {
                    p.postings.advance();
                }
            }
            return self.refill();
        }
        let slot = (self.doc - self.window_start) as usize;
        self.clear_until(slot + 1);
        self.next_present(slot + 1)
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        // The next document, while walking: Tantivy's intersection moves
        // the clause it walks this way, not by `advance`. From a window's
        // last document that is the next window, not a probe: a probe
        // would leave the scorer sought for good, skipping every posting
        // list for every later document.
        if !self.sought && target == self.doc + 1 {
            return self.advance();
        }
        let end = self.window_start.saturating_add(WINDOW);
        if !self.sought && target < end {
            let slot = (target - self.window_start) as usize;
            self.clear_until(slot);
            return self.next_present(slot);
        }
        if !self.sought {
            self.clear_until(WINDOW as usize);
        }
        let mut doc = TERMINATED;
        for p in &mut self.postings {
            let at = if p.postings.doc() < target {
                p.postings.seek(target)
            } else {
                p.postings.doc()
            };
            doc = doc.min(at);
        }
        self.sought = true;
        self.doc = doc;
        doc
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.postings
            .iter()
            .map(|p| p.postings.size_hint())
            .max()
            .unwrap_or(0)
    }

    fn cost(&self) -> u64 {
        self.postings.iter().map(|p| p.postings.cost()).sum()
    }
}

impl Scorer for WordScorer {
    fn score(&mut self) -> Score {
        if !self.scoring || self.doc == TERMINATED {
            return 1.0;
        }
        if self.sought {
            return self.score_sought();
        }
        let slot = (self.doc - self.window_start) as usize;
        self.fields
            .iter()
            .map(|field| field.score(self.doc, slot))
            .sum()
    }
}

impl WordScorer {
    /// The score of a sought document, from the postings standing on it
    /// (summed into the window's first slot, which a sought scorer does
    /// not use, and cleared again).
    fn score_sought(&mut self) -> Score {
        let doc = self.doc;
        for p in &self.postings {
            if p.postings.doc() == doc {
                let field = &mut self.fields[p.field];
                let freq = p.postings.term_freq();
                field.freqs[0] += freq;
                if p.exact {
                    field.exact_freqs[0] = freq;
                }
            }
        }
        let mut score = 0.0;
        for field in &mut self.fields {
            score += field.score(doc, 0);
            field.clear(0);
        }
        score
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::DocSetCollector;
    use tantivy::query::{BooleanQuery, Occur, TermQuery};
    use tantivy::schema::{Schema, TEXT};
    use tantivy::{doc, Index, Searcher};

    /// Words of document `n`: `a` every 3rd, `b` every 7th (twice every
    /// 14th), `c` once past the first window, `d` every 1000th; the title
    /// holds `c` every 5000th.
    fn words(n: u32) -> String {
        let mut words = vec!["filler"];
        if n.is_multiple_of(3) {
            words.push("a");
        }
        if n.is_multiple_of(7) {
            words.push("b");
        }
        if n.is_multiple_of(14) {
            words.push("b");
        }
        if n == 5_001 {
            words.push("c");
        }
        if n.is_multiple_of(1000) {
            words.push("d");
        }
        words.join(" ")
    }

    /// The word's group in `field`: these terms, each one form.
    fn in_field(field: Field, boost: Score, texts: &[&str]) -> WordField {
        WordField {
            field,
            boost,
            group: GroupTerms {
                terms: texts
                    .iter()
                    .map(|text| Term::from_field_text(field, text))
                    .collect(),
                group: None,
            },
        }
    }

    /// `word` and the term `text` of `field`, both required.
    fn and_term(word: &WordQuery, field: Field, text: &str) -> BooleanQuery {
        BooleanQuery::new(vec![
            (Occur::Must, Box::new(word.clone()) as Box<dyn Query>),
            (
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_text(field, text),
                    IndexRecordOption::Basic,
                )),
            ),
        ])
    }

    /// The documents `query` matches, in order.
    fn docs_of(searcher: &Searcher, query: &dyn Query) -> tantivy::Result<Vec<u32>> {
        let mut found: Vec<u32> = searcher
            .search(query, &DocSetCollector)?
            .into_iter()
            .map(|address| address.doc_id)
            .collect();
        found.sort_unstable();
        Ok(found)
    }

    #[test]
    fn words_match_any_form_in_any_field_across_windows() -> tantivy::Result<()> {
        let mut schema = Schema::builder();
        let title = schema.add_text_field("title", TEXT);
        let body = schema.add_text_field("body", TEXT);
        let index = Index::create_in_ram(schema.build());
        let mut writer = index.writer_with_num_threads(1, 15_000_000)?;
        let docs: u32 = 12_000;
        for n in 0..docs {
            let heading = if n.is_multiple_of(5000) {
                "c"
            } else {
                "heading"
            };
            writer.add_document(doc!(title => heading, body => words(n)))?;
        }
        writer.commit()?;
        let searcher = index.reader()?.searcher();
        let word = WordQuery::new(
            vec![
                in_field(title, 0.25, &["a", "b", "c", "zz"]),
                in_field(body, 1.0, &["a", "b", "c", "zz"]),
            ],
            None,
            1.0,
        );
        let expected: Vec<u32> = (0..docs)
            .filter(|n| {
                n.is_multiple_of(3) || n.is_multiple_of(7) || *n == 5_001 || n.is_multiple_of(5000)
            })
            .collect();
        assert_eq!(docs_of(&searcher, &word)?, expected);

        // Sought, not advanced, when intersected with a rarer clause.
        let with_d = and_term(&word, body, "d");
        let with_d_expected: Vec<u32> = expected
            .iter()
            .copied()
            .filter(|n| n.is_multiple_of(1000))
            .collect();
        assert_eq!(docs_of(&searcher, &with_d)?, with_d_expected);

        let weight = word.weight(EnableScoring::enabled_from_searcher(&searcher))?;
        let reader = searcher.segment_reader(0);
        let mut scorer = weight.scorer(reader, 1.0)?;
        // Frequencies are summed: `a` and `b b` in document 0's body, and
        // its title, outscore document 3's single `a`.
        let first = scorer.score();
        assert_eq!(scorer.seek(3), 3);
        assert!(first > scorer.score());
        assert_eq!(scorer.seek(5_000), 5_000); // in the title only
        assert!(scorer.score() > 0.0);
        assert_eq!(scorer.advance(), 5_001);
        assert_eq!(scorer.advance(), 5_004);

        // With `b` as the exact form, a document holding it outranks one
        // of the same length holding only its relative `a`.
        let exact_b = WordQuery::new(vec![in_field(body, 1.0, &["a", "b"])], Some(1), 0.1);
        let weight = exact_b.weight(EnableScoring::enabled_from_searcher(&searcher))?;
        let mut scorer = weight.scorer(reader, 1.0)?;
        assert_eq!(scorer.seek(3), 3); // "filler a"
        let relative = scorer.score();
        assert_eq!(scorer.seek(7), 7); // "filler b"
        let exact = scorer.score();
        assert!(exact > 5.0 * relative, "{exact} > 5 × {relative}");
        Ok(())
    }

    #[test]
    fn a_walk_by_seeks_stays_walked_across_windows() -> tantivy::Result<()> {
        let mut schema = Schema::builder();
        let body = schema.add_text_field("body", TEXT);
        let index = Index::create_in_ram(schema.build());
        let mut writer = index.writer_with_num_threads(1, 15_000_000)?;
        let docs: u32 = 3 * WINDOW + 7;
        for n in 0..docs {
            // `a` in two documents of three (the first window's last among
            // them), `every` in all: a dense filter.
            let text = if n % 3 == 1 { "every" } else { "a every" };
            writer.add_document(doc!(body => text))?;
        }
        writer.commit()?;
        let searcher = index.reader()?.searcher();
        let word = WordQuery::new(vec![in_field(body, 1.0, &["a"])], None, 1.0);
        let expected: Vec<u32> = (0..docs).filter(|n| n % 3 != 1).collect();

        assert_eq!(
            docs_of(&searcher, &and_term(&word, body, "every"))?,
            expected
        );

        // Moved one document on at a time, as an intersection moves the
        // clause it walks: every window is drained, none is probed.
        let weight = word.weight(EnableScoring::enabled_from_searcher(&searcher))?;
        let scorer = weight.scorer(searcher.segment_reader(0), 1.0)?;
        let Ok(mut scorer) = scorer.downcast::<WordScorer>() else {
            panic!("a word's scorer is a WordScorer");
        };
        let mut walked = vec![scorer.doc()];
        while scorer.doc() != TERMINATED {
            let next = scorer.doc() + 1;
            let doc = scorer.seek(next);
            assert!(!scorer.sought, "probed at {next}");
            if doc != TERMINATED {
                assert!(scorer.score() > 0.0);
                walked.push(doc);
            }
        }
        assert_eq!(walked, expected);
        Ok(())
    }
}
