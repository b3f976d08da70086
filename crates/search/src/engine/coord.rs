//! Coordination-level ranking: a clause that adds a large constant to its
//! score where it matches, so that an article matching more of a query's
//! words always ranks above one matching fewer, and BM25 orders the
//! articles within each level.

use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, Term};

/// What one matched clause adds: more than any BM25 sum of a query's
/// clauses reaches, and small enough that `f32` keeps BM25's ordering
/// within a level for the clause counts a query may have.
pub(crate) const LEVEL: Score = 10_000.0;

/// `inner`, with [`LEVEL`] added to its score where it matches.
#[derive(Debug)]
pub(crate) struct CoordQuery {
    inner: Box<dyn Query>,
}

impl CoordQuery {
    pub(crate) fn new(inner: Box<dyn Query>) -> CoordQuery {
        CoordQuery { inner }
    }
}

impl Clone for CoordQuery {
    fn clone(&self) -> Self {
        CoordQuery {
            inner: self.inner.box_clone(),
        }
    }
}

impl Query for CoordQuery {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(CoordWeight {
            inner: self.inner.weight(scoring)?,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.inner.query_terms(visitor);
    }
}

struct CoordWeight {
    inner: Box<dyn Weight>,
}

impl Weight for CoordWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(Box::new(CoordScorer {
            inner: self.inner.scorer(reader, boost)?,
        }))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut explanation = Explanation::new("a matched word's level", LEVEL);
        explanation.add_detail(self.inner.explain(reader, doc)?);
        Ok(explanation)
    }
}

struct CoordScorer {
    inner: Box<dyn Scorer>,
}

impl DocSet for CoordScorer {
    fn advance(&mut self) -> DocId {
        self.inner.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        self.inner.seek(target)
    }

    fn doc(&self) -> DocId {
        self.inner.doc()
    }

    fn size_hint(&self) -> u32 {
        self.inner.size_hint()
    }

    fn cost(&self) -> u64 {
        self.inner.cost()
    }
}

impl Scorer for CoordScorer {
    fn score(&mut self) -> Score {
        LEVEL + self.inner.score()
    }
}

/// A score with its coordination levels taken off: (levels, BM25).
pub(crate) fn split_level(score: Score) -> (usize, Score) {
    let levels = (score / LEVEL).floor().max(0.0);
    (levels as usize, score - levels * LEVEL)
}
