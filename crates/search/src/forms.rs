//! Queries over the forms of one stem. The index holds words as written;
//! a query word's relatives (`digunakan`, `pengguna` for `guna`) are the
//! forms the stem table files under its stem, and these queries match them
//! together as if they were one term: one BM25 score from their summed
//! frequencies, and phrases whose every position may be any of its forms.

use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{Postings, SegmentPostings};
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
    /// Reads each term's postings in `reader` (terms the segment lacks are
    /// skipped); `None` when it holds none of them.
    fn open(
        reader: &SegmentReader,
        field: Field,
        terms: &[Term],
        record: IndexRecordOption,
    ) -> tantivy::Result<Option<FormUnion>> {
        let inverted = reader.inverted_index(field)?;
        let mut postings = Vec::with_capacity(terms.len());
        for term in terms {
            if let Some(found) = inverted.read_postings(term, record)? {
                if found.doc() != TERMINATED {
                    postings.push(found);
                }
            }
        }
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
        self.postings.iter().map(DocSet::size_hint).max().unwrap_or(0)
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

/// The terms of `terms` the index holds, with their summed document frequency.
fn held_terms(searcher: &Searcher, terms: &[Term]) -> tantivy::Result<(Vec<Term>, u64)> {
    let mut held = Vec::with_capacity(terms.len());
    let mut freq = 0;
    for term in terms {
        let term_freq = searcher.doc_freq(term)?;
        if term_freq > 0 {
            held.push(term.clone());
            freq += term_freq;
        }
    }
    let docs = Bm25StatisticsProvider::total_num_docs(searcher)?;
    Ok((held, freq.min(docs)))
}

fn fieldnorms(reader: &SegmentReader, field: Field) -> tantivy::Result<FieldNormReader> {
    Ok(reader
        .fieldnorms_readers()
        .get_field(field)?
        .unwrap_or_else(|| FieldNormReader::constant(reader.max_doc(), 1)))
}

/// One stem in one field: every form filed under it, scored as one term.
#[derive(Debug, Clone)]
pub(crate) struct StemGroupQuery {
    field: Field,
    terms: Vec<Term>,
}

impl StemGroupQuery {
    /// The group of `terms` (forms of one stem) in `field`.
    pub(crate) fn new(field: Field, terms: Vec<Term>) -> StemGroupQuery {
        StemGroupQuery { field, terms }
    }
}

impl Query for StemGroupQuery {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let (terms, bm25) = match scoring.searcher() {
            Some(searcher) => {
                let (terms, freq) = held_terms(searcher, &self.terms)?;
                let bm25 = match (&scoring, terms.first()) {
                    (EnableScoring::Enabled { .. }, Some(first)) => {
                        let statistics = GroupStatistics {
                            searcher,
                            groups: vec![(first.clone(), freq)],
                        };
                        Some(Bm25Weight::for_terms(&statistics, &terms[..1])?)
                    }
                    _ => None,
                };
                (terms, bm25)
            }
            None => (self.terms.clone(), None),
        };
        Ok(Box::new(StemGroupWeight {
            field: self.field,
            terms,
            bm25,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for term in &self.terms {
            visitor(term, false);
        }
    }
}

struct StemGroupWeight {
    field: Field,
    terms: Vec<Term>,
    /// `None` when scoring is off.
    bm25: Option<Bm25Weight>,
}

impl Weight for StemGroupWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let record = if self.bm25.is_some() {
            IndexRecordOption::WithFreqs
        } else {
            IndexRecordOption::Basic
        };
        let Some(union) = FormUnion::open(reader, self.field, &self.terms, record)? else {
            return Ok(Box::new(EmptyScorer));
        };
        Ok(Box::new(StemGroupScorer {
            union,
            fieldnorms: fieldnorms(reader, self.field)?,
            bm25: self.bm25.as_ref().map(|bm25| bm25.boost_by(boost)),
        }))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.seek(doc) != doc {
            return Err(tantivy::TantivyError::InvalidArgument(format!(
                "document {doc} does not match"
            )));
        }
        Ok(Explanation::new("forms of one stem", scorer.score()))
    }
}

struct StemGroupScorer {
    union: FormUnion,
    fieldnorms: FieldNormReader,
    bm25: Option<Bm25Weight>,
}

impl DocSet for StemGroupScorer {
    fn advance(&mut self) -> DocId {
        self.union.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        self.union.seek(target)
    }

    fn doc(&self) -> DocId {
        self.union.doc()
    }

    fn size_hint(&self) -> u32 {
        self.union.size_hint()
    }

    fn cost(&self) -> u64 {
        self.union.cost()
    }
}

impl Scorer for StemGroupScorer {
    fn score(&mut self) -> Score {
        match &self.bm25 {
            Some(bm25) => {
                let doc = self.union.doc();
                bm25.score(self.fieldnorms.fieldnorm_id(doc), self.union.term_freq())
            }
            None => 1.0,
        }
    }
}

/// A phrase in one field whose every position matches any of its forms.
#[derive(Debug, Clone)]
pub(crate) struct FormsPhraseQuery {
    field: Field,
    /// (position in the phrase, the forms that may stand there).
    positions: Vec<(usize, Vec<Term>)>,
}

impl FormsPhraseQuery {
    /// A phrase of at least two positions.
    pub(crate) fn new(field: Field, positions: Vec<(usize, Vec<Term>)>) -> FormsPhraseQuery {
        FormsPhraseQuery { field, positions }
    }
}

impl Query for FormsPhraseQuery {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let Some(searcher) = scoring.searcher() else {
            return Ok(Box::new(FormsPhraseWeight {
                field: self.field,
                positions: self.positions.clone(),
                bm25: None,
            }));
        };
        let mut positions = Vec::with_capacity(self.positions.len());
        let mut groups = Vec::with_capacity(self.positions.len());
        for (offset, terms) in &self.positions {
            let (held, freq) = held_terms(searcher, terms)?;
            let Some(first) = held.first() else {
                return Ok(Box::new(FormsPhraseWeight {
                    field: self.field,
                    positions: Vec::new(),
                    bm25: None,
                }));
            };
            groups.push((first.clone(), freq));
            positions.push((*offset, held));
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
        for (_, terms) in &self.positions {
            for term in terms {
                visitor(term, true);
            }
        }
    }
}

struct FormsPhraseWeight {
    field: Field,
    /// Empty when some position matches nothing in the index.
    positions: Vec<(usize, Vec<Term>)>,
    bm25: Option<Bm25Weight>,
}

impl Weight for FormsPhraseWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        if self.positions.len() < 2 {
            return Ok(Box::new(EmptyScorer));
        }
        let last = self.positions.iter().map(|(at, _)| *at).max().unwrap_or(0);
        let mut unions = Vec::with_capacity(self.positions.len());
        for (at, terms) in &self.positions {
            let record = IndexRecordOption::WithFreqsAndPositions;
            match FormUnion::open(reader, self.field, terms, record)? {
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
