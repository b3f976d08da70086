//! Queries over the forms of one stem. The index holds words as written;
//! a query word's relatives (`digunakan`, `pengguna` for `guna`) are the
//! forms the stem table files under its stem, and these queries match them
//! together as if they were one term: one BM25 score from their summed
//! frequencies, and phrases whose every position may be any of its forms.

use crate::stem_index::StemIndex;
use std::sync::Arc;
use tantivy::fieldnorm::FieldNormReader;
use tantivy::index::SegmentId;
use tantivy::postings::{Postings, SegmentPostings, TermInfo};
use tantivy::query::{
    Bm25StatisticsProvider, Bm25Weight, EmptyScorer, EnableScoring, Explanation, Query, Scorer,
    Weight,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Score, Searcher, SegmentReader, Term, TERMINATED};

/// The documents holding any of several terms, with their summed
/// frequencies and merged positions: the terms behave as one.
pub(crate) struct FormUnion {
    postings: Vec<SegmentPostings>,
    doc: DocId,
}

impl FormUnion {
    /// The union of the postings at `infos` in `reader`; `None` when there
    /// are none.
    fn open(
        reader: &SegmentReader,
        field: Field,
        infos: &[(usize, TermInfo)],
        record: IndexRecordOption,
    ) -> tantivy::Result<Option<FormUnion>> {
        let postings: Vec<SegmentPostings> = read_postings(reader, field, infos, record)?
            .into_iter()
            .map(|(_, postings)| postings)
            .collect();
        if postings.is_empty() {
            return Ok(None);
        }
        let doc = postings.iter().map(DocSet::doc).min().unwrap_or(TERMINATED);
        Ok(Some(FormUnion { postings, doc }))
    }

    fn settle(&mut self) -> DocId {
        self.doc = self
            .postings
            .iter()
            .map(DocSet::doc)
            .min()
            .unwrap_or(TERMINATED);
        self.doc
    }
}

impl DocSet for FormUnion {
    fn advance(&mut self) -> DocId {
        let current = self.doc;
        for postings in &mut self.postings {
            if postings.doc() == current {
                postings.advance();
            }
        }
        self.settle()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        for postings in &mut self.postings {
            if postings.doc() < target {
                postings.seek(target);
            }
        }
        self.settle()
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.postings
            .iter()
            .map(DocSet::size_hint)
            .max()
            .unwrap_or(0)
    }

    fn cost(&self) -> u64 {
        self.postings.iter().map(DocSet::cost).sum()
    }
}

impl Postings for FormUnion {
    fn term_freq(&self) -> u32 {
        self.postings
            .iter()
            .filter(|postings| postings.doc() == self.doc)
            .map(Postings::term_freq)
            .sum()
    }

    fn append_positions_with_offset(&mut self, offset: u32, output: &mut Vec<u32>) {
        let start = output.len();
        for postings in &mut self.postings {
            if postings.doc() == self.doc {
                postings.append_positions_with_offset(offset, output);
            }
        }
        output[start..].sort_unstable();
        // Two forms at one position (a compound and its first part) are
        // one position to a phrase.
        output.dedup();
    }
}

/// Document frequencies of term groups, as BM25 should see them: a group's
/// frequency is the sum of its terms' (at most every document), the
/// nearest to the number of documents holding any of them that needs no
/// extra pass over postings.
struct GroupStatistics<'a> {
    searcher: &'a Searcher,
    /// Each group's first term, standing for the group, and its frequency.
    groups: Vec<(Term, u64)>,
}

impl Bm25StatisticsProvider for GroupStatistics<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        Bm25StatisticsProvider::total_num_tokens(self.searcher, field)
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        Bm25StatisticsProvider::total_num_docs(self.searcher)
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        Ok(self
            .groups
            .iter()
            .find(|(first, _)| first == term)
            .map_or(0, |(_, freq)| *freq))
    }
}

/// The terms of one query word's group, and where the stem index keeps
/// their places in each segment.
#[derive(Clone)]
pub(crate) struct GroupTerms {
    /// The stem, its forms in the table's order, then any term the table
    /// does not file (an exact form that is not a plain word).
    pub(crate) terms: Vec<Term>,
    /// The stem index, the group's number in it and how many of `terms`
    /// are the group's members; `None` for a stem the table lacks.
    pub(crate) group: Option<(Arc<StemIndex>, u32, usize)>,
}

impl std::fmt::Debug for GroupTerms {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GroupTerms")
            .field("terms", &self.terms)
            .field("group", &self.group.as_ref().map(|(_, number, _)| number))
            .finish()
    }
}

/// Where a group's terms are in each segment of one searcher, found once
/// for the weight and used again by every segment's scorer.
#[derive(Default)]
struct Located {
    /// Per segment, (index in the group, postings) of the terms it holds.
    segments: Vec<(SegmentId, Vec<(usize, TermInfo)>)>,
    /// Each term's document frequency over all segments.
    term_freqs: Vec<u64>,
    /// The group's document frequency: the terms' summed, at most the
    /// number of documents.
    doc_freq: u64,
}

impl Located {
    fn find(searcher: &Searcher, field: Field, group: &GroupTerms) -> tantivy::Result<Located> {
        let terms = &group.terms;
        let mut located = Located {
            term_freqs: vec![0; terms.len()],
            ..Located::default()
        };
        for segment in searcher.segment_readers() {
            let infos = segment_infos(segment, field, group)?;
            for (n, info) in &infos {
                located.term_freqs[*n] += u64::from(info.doc_freq);
            }
            located.segments.push((segment.segment_id(), infos));
        }
        let docs = Bm25StatisticsProvider::total_num_docs(searcher)?;
        located.doc_freq = located.term_freqs.iter().sum::<u64>().min(docs);
        Ok(located)
    }

    /// The first term some segment holds.
    fn first_held<'t>(&self, terms: &'t [Term]) -> Option<&'t Term> {
        terms
            .iter()
            .zip(&self.term_freqs)
            .find(|(_, freq)| **freq > 0)
            .map(|(term, _)| term)
    }

    /// The postings this group has in `reader`'s segment.
    fn infos(&self, reader: &SegmentReader) -> &[(usize, TermInfo)] {
        let id = reader.segment_id();
        self.segments
            .iter()
            .find(|(segment, _)| *segment == id)
            .map_or(&[], |(_, infos)| infos.as_slice())
    }
}

/// Opens the postings at `infos`, skipping empty ones, each with its index
/// in the group.
fn read_postings(
    reader: &SegmentReader,
    field: Field,
    infos: &[(usize, TermInfo)],
    record: IndexRecordOption,
) -> tantivy::Result<Vec<(usize, SegmentPostings)>> {
    let inverted = reader.inverted_index(field)?;
    let mut postings = Vec::with_capacity(infos.len());
    for (n, info) in infos {
        let found = inverted.read_postings_from_terminfo(info, record)?;
        if found.doc() != TERMINATED {
            postings.push((*n, found));
        }
    }
    Ok(postings)
}

/// Where `group`'s terms are in `reader`'s segment, as (index in the
/// group, postings): the members from the stem index, any others from the
/// term dictionary.
fn segment_infos(
    reader: &SegmentReader,
    field: Field,
    group: &GroupTerms,
) -> tantivy::Result<Vec<(usize, TermInfo)>> {
    let inverted = reader.inverted_index(field)?;
    let mut infos = Vec::new();
    let mut looked_up = 0;
    if let Some((index, number, members)) = &group.group {
        if let Some(held) = index.members(reader, field, *number) {
            infos.extend(held);
            looked_up = *members;
        }
    }
    for (n, term) in group.terms.iter().enumerate().skip(looked_up) {
        if let Some(info) = inverted.get_term_info(term)? {
            infos.push((n, info));
        }
    }
    Ok(infos)
}

/// The postings `located` found in `reader`'s segment, or (when the weight
/// was made without a searcher) looked up here.
fn located_infos(
    reader: &SegmentReader,
    field: Field,
    group: &GroupTerms,
    located: Option<&Located>,
) -> tantivy::Result<Vec<(usize, TermInfo)>> {
    match located {
        Some(located) => Ok(located.infos(reader).to_vec()),
        None => segment_infos(reader, field, group),
    }
}

/// One query word in one field: every form filed under its stem, scored
/// as one term, plus (when the word is not its own stem) its exact form
/// scored on its own, so the exact form ranks first. One scorer does both:
/// the exact form's postings are among the group's.
#[derive(Debug, Clone)]
pub(crate) struct StemGroupQuery {
    field: Field,
    group: GroupTerms,
    /// Which of the group's terms is the word's exact form, scored apart.
    exact: Option<usize>,
    /// Weight of the group relative to the exact form.
    group_boost: Score,
}

impl StemGroupQuery {
    /// The `group` (forms of one stem) in `field`; with `exact`, that term
    /// is the word as written and the group weighs `group_boost` relative
    /// to it.
    pub(crate) fn new(
        field: Field,
        group: GroupTerms,
        exact: Option<usize>,
        group_boost: Score,
    ) -> StemGroupQuery {
        StemGroupQuery {
            field,
            group,
            exact,
            group_boost,
        }
    }
}

impl Query for StemGroupQuery {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let located = match scoring.searcher() {
            Some(searcher) => Some(Located::find(searcher, self.field, &self.group)?),
            None => None,
        };
        let mut group_bm25 = None;
        let mut exact_bm25 = None;
        if let (EnableScoring::Enabled { .. }, Some(searcher), Some(located)) =
            (&scoring, scoring.searcher(), &located)
        {
            if let Some(first) = located.first_held(&self.group.terms) {
                let statistics = GroupStatistics {
                    searcher,
                    groups: vec![(first.clone(), located.doc_freq)],
                };
                let one = Bm25Weight::for_terms(&statistics, std::slice::from_ref(first))?;
                group_bm25 = Some(one.boost_by(self.group_boost));
                let exact_freq = self.exact.map_or(0, |n| located.term_freqs[n]);
                if exact_freq > 0 {
                    exact_bm25 = Some(Bm25Weight::for_one_term(
                        exact_freq,
                        Bm25StatisticsProvider::total_num_docs(searcher)?,
                        average_fieldnorm(searcher, self.field)?,
                    ));
                }
            }
        }
        Ok(Box::new(StemGroupWeight {
            field: self.field,
            group: self.group.clone(),
            exact_term: self.exact,
            located,
            scoring: scoring.is_scoring_enabled(),
            group_bm25,
            exact_bm25,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for term in &self.group.terms {
            visitor(term, false);
        }
    }
}

/// The field's lengths in `reader`'s segment (all 1 when not recorded).
fn fieldnorms(reader: &SegmentReader, field: Field) -> tantivy::Result<FieldNormReader> {
    Ok(reader
        .fieldnorms_readers()
        .get_field(field)?
        .unwrap_or_else(|| FieldNormReader::constant(reader.max_doc(), 1)))
}

/// A field's average length in tokens, as BM25 takes it.
fn average_fieldnorm(searcher: &Searcher, field: Field) -> tantivy::Result<Score> {
    let tokens = Bm25StatisticsProvider::total_num_tokens(searcher, field)?;
    let docs = Bm25StatisticsProvider::total_num_docs(searcher)?;
    Ok(tokens as Score / docs.max(1) as Score)
}

struct StemGroupWeight {
    field: Field,
    group: GroupTerms,
    /// Which of the group's terms is the word's exact form.
    exact_term: Option<usize>,
    located: Option<Located>,
    scoring: bool,
    /// The group's BM25 (boosted relative to the exact form); `None` when
    /// scoring is off or no term is held.
    group_bm25: Option<Bm25Weight>,
    /// The exact form's own BM25, when it has one and it is held.
    exact_bm25: Option<Bm25Weight>,
}

impl Weight for StemGroupWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let record = if self.scoring {
            IndexRecordOption::WithFreqs
        } else {
            IndexRecordOption::Basic
        };
        let infos = located_infos(reader, self.field, &self.group, self.located.as_ref())?;
        let found = read_postings(reader, self.field, &infos, record)?;
        if found.is_empty() {
            return Ok(Box::new(EmptyScorer));
        }
        let exact_slot = found
            .iter()
            .position(|(n, _)| Some(*n) == self.exact_term)
            .filter(|_| self.exact_bm25.is_some());
        let postings = found.into_iter().map(|(_, postings)| postings).collect();
        let mut scorer = StemGroupScorer {
            postings,
            exact_slot,
            fieldnorms: fieldnorms(reader, self.field)?,
            group: self.group_bm25.as_ref().map(|bm25| bm25.boost_by(boost)),
            exact: self.exact_bm25.as_ref().map(|bm25| bm25.boost_by(boost)),
            window_start: 0,
            freqs: vec![0; WINDOW as usize].into_boxed_slice(),
            exact_freqs: vec![
                0;
                if exact_slot.is_some() {
                    WINDOW as usize
                } else {
                    0
                }
            ]
            .into_boxed_slice(),
            present: [0; WINDOW as usize / 64],
            doc: 0,
        };
        scorer.refill();
        Ok(Box::new(scorer))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.seek(doc) != doc {
            return Err(tantivy::TantivyError::InvalidArgument(format!(
                "document {doc} does not match"
            )));
        }
        Ok(Explanation::new(
            "forms of one stem, and the exact form",
            scorer.score(),
        ))
    }
}

/// Documents a group scorer gathers at once: one window's frequencies.
const WINDOW: u32 = 4096;

/// The documents holding any form of a group, scored as one term.
///
/// The forms' postings are drained a window of documents at a time into
/// per-document frequency sums, so each posting is read once however many
/// forms there are (a doc-at-a-time union would compare every form at
/// every document).
struct StemGroupScorer {
    postings: Vec<SegmentPostings>,
    /// Which of `postings` is the exact form's, when it is scored apart.
    exact_slot: Option<usize>,
    fieldnorms: FieldNormReader,
    group: Option<Bm25Weight>,
    exact: Option<Bm25Weight>,
    /// First document of the current window.
    window_start: DocId,
    /// Summed frequency of each document in the window (0: absent).
    freqs: Box<[u32]>,
    /// The exact form's frequency of each document in the window (empty
    /// when it is not scored apart).
    exact_freqs: Box<[u32]>,
    /// Which documents of the window are present, one bit each.
    present: [u64; WINDOW as usize / 64],
    doc: DocId,
}

impl StemGroupScorer {
    /// Gathers the next window, from the lowest document any posting is on.
    fn refill(&mut self) -> DocId {
        let start = self
            .postings
            .iter()
            .map(DocSet::doc)
            .min()
            .unwrap_or(TERMINATED);
        if start == TERMINATED {
            self.doc = TERMINATED;
            return TERMINATED;
        }
        self.window_start = start;
        let end = start.saturating_add(WINDOW);
        for (n, postings) in self.postings.iter_mut().enumerate() {
            let exact = self.exact_slot == Some(n);
            let mut doc = postings.doc();
            while doc < end {
                let slot = (doc - start) as usize;
                let freq = postings.term_freq();
                self.freqs[slot] += freq;
                if exact {
                    self.exact_freqs[slot] = freq;
                }
                self.present[slot / 64] |= 1 << (slot % 64);
                doc = postings.advance();
            }
        }
        self.next_present(0)
    }

    /// Moves to the first present document at or after window slot `from`,
    /// clearing the slots passed; gathers the next window when none is.
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
            if let Some(cleared) = self.present.get_mut(word) {
                // Every slot of this word before `from` was passed already.
                *cleared = 0;
            }
            word += 1;
            match self.present.get(word) {
                Some(next) => bits = *next,
                None => return self.refill(),
            }
        }
    }

    /// Forgets the window's slots before `slot`.
    fn clear_before(&mut self, slot: usize) {
        let from = (self.doc - self.window_start) as usize;
        for passed in from..slot.min(WINDOW as usize) {
            self.freqs[passed] = 0;
            if let Some(freq) = self.exact_freqs.get_mut(passed) {
                *freq = 0;
            }
        }
        for word in from / 64..slot.div_ceil(64).min(self.present.len()) {
            let low = if word == from / 64 { from % 64 } else { 0 };
            let high = if (word + 1) * 64 <= slot {
                64
            } else {
                slot - word * 64
            };
            for bit in low..high {
                self.present[word] &= !(1 << bit);
            }
        }
    }
}

impl DocSet for StemGroupScorer {
    fn advance(&mut self) -> DocId {
        if self.doc == TERMINATED {
            return TERMINATED;
        }
        let slot = (self.doc - self.window_start) as usize;
        self.freqs[slot] = 0;
        if let Some(freq) = self.exact_freqs.get_mut(slot) {
            *freq = 0;
        }
        self.present[slot / 64] &= !(1 << (slot % 64));
        self.next_present(slot + 1)
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        let end = self.window_start.saturating_add(WINDOW);
        if target < end {
            let slot = (target - self.window_start) as usize;
            self.clear_before(slot);
            return self.next_present(slot);
        }
        self.clear_before(WINDOW as usize);
        for postings in &mut self.postings {
            if postings.doc() < target {
                postings.seek(target);
            }
        }
        self.refill()
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.postings
            .iter()
            .map(DocSet::size_hint)
            .max()
            .unwrap_or(0)
    }

    fn cost(&self) -> u64 {
        self.postings.iter().map(DocSet::cost).sum()
    }
}

impl Scorer for StemGroupScorer {
    fn score(&mut self) -> Score {
        let Some(group) = &self.group else {
            return 1.0;
        };
        let slot = (self.doc - self.window_start) as usize;
        let norm = self.fieldnorms.fieldnorm_id(self.doc);
        let mut score = group.score(norm, self.freqs[slot]);
        if let (Some(exact), Some(&freq)) = (&self.exact, self.exact_freqs.get(slot)) {
            if freq > 0 {
                score += exact.score(norm, freq);
            }
        }
        score
    }
}

/// A phrase in one field whose every position matches any of its forms.
#[derive(Debug, Clone)]
pub(crate) struct FormsPhraseQuery {
    field: Field,
    /// (position in the phrase, the forms that may stand there).
    positions: Vec<(usize, GroupTerms)>,
}

impl FormsPhraseQuery {
    /// A phrase of at least two positions.
    pub(crate) fn new(field: Field, positions: Vec<(usize, GroupTerms)>) -> FormsPhraseQuery {
        FormsPhraseQuery { field, positions }
    }
}

impl Query for FormsPhraseQuery {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let Some(searcher) = scoring.searcher() else {
            return Ok(Box::new(FormsPhraseWeight {
                field: self.field,
                positions: self
                    .positions
                    .iter()
                    .map(|(at, group)| (*at, group.clone(), None))
                    .collect(),
                bm25: None,
            }));
        };
        let mut positions = Vec::with_capacity(self.positions.len());
        let mut groups = Vec::with_capacity(self.positions.len());
        for (at, group) in &self.positions {
            let located = Located::find(searcher, self.field, group)?;
            let Some(first) = located.first_held(&group.terms) else {
                // A position nothing in the index fills: no match anywhere.
                return Ok(Box::new(FormsPhraseWeight {
                    field: self.field,
                    positions: Vec::new(),
                    bm25: None,
                }));
            };
            groups.push((first.clone(), located.doc_freq));
            positions.push((*at, group.clone(), Some(located)));
        }
        let bm25 = if scoring.is_scoring_enabled() {
            let firsts: Vec<Term> = groups.iter().map(|(first, _)| first.clone()).collect();
            let statistics = GroupStatistics { searcher, groups };
            Some(Bm25Weight::for_terms(&statistics, &firsts)?)
        } else {
            None
        };
        Ok(Box::new(FormsPhraseWeight {
            field: self.field,
            positions,
            bm25,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for (_, group) in &self.positions {
            for term in &group.terms {
                visitor(term, true);
            }
        }
    }
}

struct FormsPhraseWeight {
    field: Field,
    /// (position in the phrase, its forms, where they are); empty when
    /// some position matches nothing in the index.
    positions: Vec<(usize, GroupTerms, Option<Located>)>,
    bm25: Option<Bm25Weight>,
}

impl Weight for FormsPhraseWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        if self.positions.len() < 2 {
            return Ok(Box::new(EmptyScorer));
        }
        let last = self.positions.iter().map(|(at, ..)| *at).max().unwrap_or(0);
        let mut unions = Vec::with_capacity(self.positions.len());
        for (at, group, located) in &self.positions {
            let infos = located_infos(reader, self.field, group, located.as_ref())?;
            let record = IndexRecordOption::WithFreqsAndPositions;
            match FormUnion::open(reader, self.field, &infos, record)? {
                // Shifted so that every position of one match reads the same.
                Some(union) => unions.push(((last - at) as u32, union)),
                None => return Ok(Box::new(EmptyScorer)),
            }
        }
        // The rarest position leads the intersection.
        unions.sort_by_key(|(_, union)| union.cost());
        let mut scorer = FormsPhraseScorer {
            unions,
            fieldnorms: fieldnorms(reader, self.field)?,
            bm25: self.bm25.as_ref().map(|bm25| bm25.boost_by(boost)),
            doc: 0,
            matches: 0,
            positions: Vec::new(),
            other: Vec::new(),
        };
        scorer.find_from(0);
        Ok(Box::new(scorer))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.seek(doc) != doc {
            return Err(tantivy::TantivyError::InvalidArgument(format!(
                "document {doc} does not match"
            )));
        }
        Ok(Explanation::new("phrase of forms", scorer.score()))
    }
}

/// Documents where every position of a phrase holds one of its forms.
struct FormsPhraseScorer {
    /// (shift aligning this position's matches, its forms), rarest first.
    unions: Vec<(u32, FormUnion)>,
    fieldnorms: FieldNormReader,
    bm25: Option<Bm25Weight>,
    doc: DocId,
    /// Times the phrase occurs in `doc`.
    matches: u32,
    /// Aligned positions of the phrase's matches so far, and of the next
    /// position (buffers reused from document to document).
    positions: Vec<u32>,
    other: Vec<u32>,
}

impl FormsPhraseScorer {
    /// Moves to the first document from `target` on holding the phrase.
    fn find_from(&mut self, mut target: DocId) -> DocId {
        'documents: while target != TERMINATED {
            for (_, union) in &mut self.unions {
                let doc = if union.doc() < target {
                    union.seek(target)
                } else {
                    union.doc()
                };
                if doc != target {
                    target = doc;
                    continue 'documents;
                }
            }
            if self.count_matches() > 0 {
                break;
            }
            target += 1;
        }
        self.doc = target;
        self.doc
    }

    /// Counts the phrase's occurrences in the document every union is on.
    fn count_matches(&mut self) -> u32 {
        let Some(((shift, first), rest)) = self.unions.split_first_mut() else {
            return 0;
        };
        self.positions.clear();
        first.append_positions_with_offset(*shift, &mut self.positions);
        for (shift, union) in rest {
            if self.positions.is_empty() {
                break;
            }
            self.other.clear();
            union.append_positions_with_offset(*shift, &mut self.other);
            let other = &self.other;
            let mut at = 0;
            self.positions.retain(|position| {
                while at < other.len() && other[at] < *position {
                    at += 1;
                }
                at < other.len() && other[at] == *position
            });
        }
        self.matches = self.positions.len() as u32;
        self.matches
    }
}

impl DocSet for FormsPhraseScorer {
    fn advance(&mut self) -> DocId {
        if self.doc == TERMINATED {
            return TERMINATED;
        }
        self.find_from(self.doc + 1)
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        self.find_from(target)
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.unions
            .first()
            .map_or(0, |(_, union)| union.size_hint())
    }

    fn cost(&self) -> u64 {
        self.unions.first().map_or(0, |(_, union)| union.cost())
    }
}

impl Scorer for FormsPhraseScorer {
    fn score(&mut self) -> Score {
        match &self.bm25 {
            Some(bm25) => bm25.score(self.fieldnorms.fieldnorm_id(self.doc), self.matches),
            None => 1.0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::DocSetCollector;
    use tantivy::query::{BooleanQuery, Occur, TermQuery};
    use tantivy::schema::{Schema, TEXT};
    use tantivy::{doc, Index};

    /// Words of document `n`: `a` every 3rd, `b` every 7th (twice every
    /// 14th), `c` once past the first window, `d` every 1000th.
    fn words(n: u32) -> String {
        let mut words = vec!["filler"];
        if n % 3 == 0 {
            words.push("a");
        }
        if n % 7 == 0 {
            words.push("b");
        }
        if n % 14 == 0 {
            words.push("b");
        }
        if n == 5_001 {
            words.push("c");
        }
        if n % 1000 == 0 {
            words.push("d");
        }
        words.join(" ")
    }

    #[test]
    fn groups_match_any_form_across_windows_by_advance_and_seek() -> tantivy::Result<()> {
        let mut schema = Schema::builder();
        let body = schema.add_text_field("body", TEXT);
        let index = Index::create_in_ram(schema.build());
        let mut writer = index.writer_with_num_threads(1, 15_000_000)?;
        let docs = 12_000;
        for n in 0..docs {
            writer.add_document(doc!(body => words(n)))?;
        }
        writer.commit()?;
        let searcher = index.reader()?.searcher();
        let term = |text: &str| Term::from_field_text(body, text);
        let terms = |texts: &[&str]| GroupTerms {
            terms: texts.iter().map(|text| term(text)).collect(),
            group: None,
        };
        let group = StemGroupQuery::new(body, terms(&["a", "b", "c", "zz"]), None, 1.0);

        let expected: Vec<u32> = (0..docs)
            .filter(|n| n % 3 == 0 || n % 7 == 0 || *n == 5_001)
            .collect();
        let mut found: Vec<u32> = searcher
            .search(&group, &DocSetCollector)?
            .into_iter()
            .map(|address| address.doc_id)
            .collect();
        found.sort_unstable();
        assert_eq!(found, expected);

        let with_d = BooleanQuery::new(vec![
            (Occur::Must, Box::new(group.clone()) as Box<dyn Query>),
            (
                Occur::Must,
                Box::new(TermQuery::new(term("d"), IndexRecordOption::Basic)),
            ),
        ]);
        let mut found: Vec<u32> = searcher
            .search(&with_d, &DocSetCollector)?
            .into_iter()
            .map(|address| address.doc_id)
            .collect();
        found.sort_unstable();
        let expected: Vec<u32> = expected.into_iter().filter(|n| n % 1000 == 0).collect();
        assert_eq!(found, expected);

        // Frequencies are summed: `b b` and `a` in document 0 score as three.
        let weight = group.weight(EnableScoring::enabled_from_searcher(&searcher))?;
        let reader = searcher.segment_reader(0);
        let mut scorer = weight.scorer(reader, 1.0)?;
        let first = scorer.score();
        assert_eq!(scorer.seek(3), 3);
        let single = scorer.score();
        assert!(first > single, "{first} > {single}");
        assert_eq!(scorer.seek(5_001), 5_001);
        assert_eq!(scorer.advance(), 5_004);

        // With `b` as the exact form, a document holding it outranks one
        // of the same length holding only its relative `a`.
        let exact_b = StemGroupQuery::new(body, terms(&["a", "b"]), Some(1), 0.1);
        let weight = exact_b.weight(EnableScoring::enabled_from_searcher(&searcher))?;
        let mut scorer = weight.scorer(reader, 1.0)?;
        assert_eq!(scorer.seek(3), 3); // "filler a"
        let relative = scorer.score();
        assert_eq!(scorer.seek(7), 7); // "filler b"
        let exact = scorer.score();
        assert!(exact > 5.0 * relative, "{exact} > 5 × {relative}");
        Ok(())
    }
}
