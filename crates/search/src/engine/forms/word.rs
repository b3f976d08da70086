//! One query word over the text fields: every form filed under its stem,
//! scored as one term, and its exact form scored on its own so that it
//! ranks first, in every field at once. A word's alternatives (its
//! translations) are scored together as one more term, each weighted by
//! its probability (a probabilistic structured query): a word with many
//! translations weighs no more than a word with one.

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
    /// Its alternatives' groups, each with its weight relative to the
    /// word as typed.
    pub(crate) alternatives: Vec<(GroupTerms, Score)>,
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
    /// The alternatives, each with where its terms are and its share of
    /// their summed weight.
    alternatives: Vec<(GroupTerms, Option<Located>, Score)>,
    /// The alternatives' BM25 as one term; `None` without alternatives
    /// the index holds, or when scoring is off.
    alternatives_bm25: Option<WeightedBm25>,
}

/// BM25 of a term whose frequency is a weighted sum (Tantivy's formula,
/// with `k1 = 1.2`, `b = 0.75`, over a fractional frequency).
#[derive(Clone)]
struct WeightedBm25 {
    /// `idf · (1 + k1) · boost`.
    weight: Score,
    /// `k1 · (1 − b + b · length / average)` for each field-norm id.
    norms: Box<[Score; 256]>,
}

impl WeightedBm25 {
    const K1: Score = 1.2;
    const B: Score = 0.75;

    fn new(doc_freq: u64, docs: u64, average: Score, boost: Score) -> WeightedBm25 {
        let doc_freq = doc_freq.min(docs);
        let x = ((docs - doc_freq) as Score + 0.5) / (doc_freq as Score + 0.5);
        let idf = (1.0 + x).ln();
        let mut norms = Box::new([0.0; 256]);
        for (id, norm) in norms.iter_mut().enumerate() {
            let length = tantivy::fieldnorm::FieldNormReader::id_to_fieldnorm(id as u8) as Score;
            *norm = Self::K1 * (1.0 - Self::B + Self::B * length / average.max(1.0));
        }
        WeightedBm25 {
            weight: idf * (1.0 + Self::K1) * boost,
            norms,
        }
    }

    fn boost_by(&self, boost: Score) -> WeightedBm25 {
        WeightedBm25 {
            weight: self.weight * boost,
            norms: self.norms.clone(),
        }
    }

    fn score(&self, fieldnorm_id: u8, freq: Score) -> Score {
        self.weight * freq / (freq + self.norms[usize::from(fieldnorm_id)])
    }
}

impl Query for WordQuery {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let mut fields = Vec::with_capacity(self.fields.len());
        for WordField {
            field,
            boost,
            group,
            alternatives,
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
            let total: Score = alternatives.iter().map(|(_, weight)| weight).sum();
            let mut located_alternatives = Vec::with_capacity(alternatives.len());
            let mut weighted_freq: Score = 0.0;
            for (terms, weight) in alternatives {
                let share = weight / total.max(Score::MIN_POSITIVE);
                let found = match searcher {
                    Some(searcher) => Some(Located::find(searcher, *field, terms)?),
                    None => None,
                };
                weighted_freq += share * found.as_ref().map_or(0, |f| f.doc_freq) as Score;
                located_alternatives.push((terms.clone(), found, share));
            }
            let mut alternatives_bm25 = None;
            if let (true, Some(searcher), true) =
                (scoring.is_scoring_enabled(), searcher, weighted_freq > 0.0)
            {
                let docs = Bm25StatisticsProvider::total_num_docs(searcher)?;
                let average = average_fieldnorm(searcher, *field)?;
                let doc_freq = (weighted_freq.round() as u64).max(1);
                alternatives_bm25 = Some(WeightedBm25::new(doc_freq, docs, average, total * boost));
            }
            fields.push(FieldWeight {
                field: *field,
                group: group.clone(),
                located,
                group_bm25,
                exact_bm25,
                alternatives: located_alternatives,
                alternatives_bm25,
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
            let alternatives = field
                .alternatives
                .iter()
                .flat_map(|(group, _)| &group.terms);
            for term in field.group.terms.iter().chain(alternatives) {
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
                    share: None,
                    postings: found,
                });
            }
            for (terms, located, share) in &field.alternatives {
                let infos = located_infos(reader, field.field, terms, located.as_ref())?;
                for (_, found) in read_postings(reader, field.field, &infos, record)? {
                    postings.push(FieldPostings {
                        field: n,
                        exact: false,
                        share: Some(*share),
                        postings: found,
                    });
                }
            }
            let alternatives = field
                .alternatives_bm25
                .as_ref()
                .map(|bm25| bm25.boost_by(boost));
            fields.push(ScoredField {
                fieldnorms: fieldnorms(reader, field.field)?,
                group: field.group_bm25.as_ref().map(|bm25| bm25.boost_by(boost)),
                exact: field.exact_bm25.as_ref().map(|bm25| bm25.boost_by(boost)),
                freqs: vec![0; WINDOW as usize].into_boxed_slice(),
                exact_freqs: vec![0; if scored_apart { WINDOW as usize } else { 0 }]
                    .into_boxed_slice(),
                alternative_freqs: vec![
                    0.0;
                    if alternatives.is_some() {
                        WINDOW as usize
                    } else {
                        0
                    }
                ]
                .into_boxed_slice(),
                alternatives,
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
    /// For an alternative's term, the alternative's share of the weight.
    share: Option<Score>,
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
    /// The alternatives' BM25, when the word has any the index holds.
    alternatives: Option<WeightedBm25>,
    /// Their weighted frequency in each document of the window (empty
    /// without alternatives).
    alternative_freqs: Box<[Score]>,
}

impl ScoredField {
    fn score(&self, doc: DocId, slot: usize) -> Score {
        let freq = self.freqs[slot];
        let alternative_freq = self.alternative_freqs.get(slot).copied().unwrap_or(0.0);
        if freq == 0 && alternative_freq == 0.0 {
            return 0.0;
        }
        let norm = self.fieldnorms.fieldnorm_id(doc);
        let mut score = 0.0;
        if let Some(group) = self.group.as_ref().filter(|_| freq > 0) {
            score += group.score(norm, freq);
            if let (Some(exact), Some(&exact_freq)) = (&self.exact, self.exact_freqs.get(slot)) {
                if exact_freq > 0 {
                    score += exact.score(norm, exact_freq);
                }
            }
        }
        if let Some(alternatives) = self
            .alternatives
            .as_ref()
            .filter(|_| alternative_freq > 0.0)
        {
            score += alternatives.score(norm, alternative_freq);
        }
        score
    }

    /// Counts `freq` occurrences of a term of this field in window `slot`.
    fn add(&mut self, slot: usize, freq: u32, exact: bool, share: Option<Score>) {
        match share {
            Some(share) => {
                if let Some(sum) = self.alternative_freqs.get_mut(slot) {
                    *sum += share * freq as Score;
                }
            }
            None => {
                self.freqs[slot] += freq;
                if exact {
                    self.exact_freqs[slot] = freq;
                }
            }
        }
    }

    fn clear(&mut self, slot: usize) {
        self.freqs[slot] = 0;
        if let Some(freq) = self.exact_freqs.get_mut(slot) {
            *freq = 0;
        }
        if let Some(freq) = self.alternative_freqs.get_mut(slot) {
            *freq = 0.0;
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
            share,
            postings,
        } in &mut self.postings
        {
            let scored = &mut self.fields[*field];
            let mut doc = postings.doc();
            while doc < end {
                let slot = (doc - start) as usize;
                scored.add(slot, postings.term_freq(), *exact, *share);
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
                self.fields[p.field].add(0, p.postings.term_freq(), p.exact, p.share);
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
            group: terms_of(field, texts),
            alternatives: Vec::new(),
        }
    }

    fn terms_of(field: Field, texts: &[&str]) -> GroupTerms {
        GroupTerms {
            terms: texts
                .iter()
                .map(|text| Term::from_field_text(field, text))
                .collect(),
            group: None,
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
    fn alternatives_match_below_the_word_and_weigh_as_one_term() -> tantivy::Result<()> {
        let mut schema = Schema::builder();
        let body = schema.add_text_field("body", TEXT);
        let index = Index::create_in_ram(schema.build());
        let mut writer = index.writer_with_num_threads(1, 15_000_000)?;
        // 0: the typed word; 1: its translation; 2 and 3: two other
        // translations of a word that has three; 4: nothing.
        for text in ["flood x", "banjir x", "bah x", "genangan x", "kering x"] {
            writer.add_document(doc!(body => text))?;
        }
        writer.commit()?;
        let searcher = index.reader()?.searcher();
        let with = |alternatives: Vec<(GroupTerms, Score)>| WordQuery {
            fields: vec![WordField {
                alternatives,
                ..in_field(body, 1.0, &["flood"])
            }],
            exact: None,
            group_boost: 1.0,
        };
        let one = with(vec![(terms_of(body, &["banjir"]), 0.5)]);
        assert_eq!(docs_of(&searcher, &one)?, vec![0, 1]);
        let weight = one.weight(EnableScoring::enabled_from_searcher(&searcher))?;
        let reader = searcher.segment_reader(0);
        let mut scorer = weight.scorer(reader, 1.0)?;
        let typed = scorer.score();
        assert_eq!(scorer.advance(), 1);
        let translated = scorer.score();
        assert!(
            translated > 0.0 && translated < typed,
            "{translated} < {typed}"
        );

        let three = with(vec![
            (terms_of(body, &["banjir"]), 0.25),
            (terms_of(body, &["bah"]), 0.125),
            (terms_of(body, &["genangan"]), 0.125),
        ]);
        assert_eq!(docs_of(&searcher, &three)?, vec![0, 1, 2, 3]);
        let weight = three.weight(EnableScoring::enabled_from_searcher(&searcher))?;
        let mut scorer = weight.scorer(reader, 1.0)?;
        let mut scores = Vec::new();
        while scorer.doc() != TERMINATED {
            scores.push(scorer.score());
            scorer.advance();
        }
        // The translations together weigh what one translation did: none
        // outweighs the typed word, and the likelier outweighs the rarer.
        assert!(scores[1..].iter().all(|s| *s < scores[0]), "{scores:?}");
        assert!(scores[1] > scores[2], "{scores:?}");
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
