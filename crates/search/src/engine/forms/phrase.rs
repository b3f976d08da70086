//! Phrases whose every position may be any form of its word's stem.

use super::located::{
    explain_score, fieldnorms, located_infos, read_postings, GroupStatistics, GroupTerms, Located,
};
use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{Postings, SegmentPostings, TermInfo};
use tantivy::query::{Bm25Weight, EmptyScorer, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Score, SegmentReader, Term, TERMINATED};

/// The documents holding any of several terms, with their summed
/// frequencies and merged positions: the terms behave as one.
struct FormUnion {
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
        explain_score(self, reader, doc, "phrase of forms")
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
