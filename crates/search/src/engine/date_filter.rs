//! The `from`/`to` date filter, answered from the per-segment date columns
//! of the facet tables rather than from the `date` fast field.
//!
//! Tantivy's fast-field range query decodes a block of the column and maps
//! row numbers to documents each time a search opens it; on the benchmark's
//! query set that was a tenth of all search time, for the one query in
//! seven that filters by date. The facet tables already hold every
//! document's date in memory, with each block's earliest and latest, so
//! the filter only compares numbers and skips blocks outside its range.

use super::facets::{FacetCache, FacetTable};
use std::fmt;
use std::ops::Range;
use std::sync::Arc;
use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, TantivyError, TERMINATED};

/// Matches the articles dated within `range` (seconds since the epoch as
/// indexed, end excluded); undated articles never match. Scores 1.
#[derive(Clone)]
pub(crate) struct DateFilter {
    cache: Arc<FacetCache>,
    range: Range<i64>,
}

impl DateFilter {
    /// A filter for `range` over the tables of `cache`.
    pub(crate) fn new(cache: Arc<FacetCache>, range: Range<i64>) -> DateFilter {
        DateFilter { cache, range }
    }
}

impl fmt::Debug for DateFilter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DateFilter")
            .field("range", &self.range)
            .finish()
    }
}

impl Query for DateFilter {
    fn weight(&self, _scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(self.clone()))
    }
}

impl Weight for DateFilter {
    fn scorer(&self, reader: &SegmentReader, _boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let table = self.cache.table(reader)?;
        Ok(Box::new(DatedDocs::new(table, self.range.clone())))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut docs = DatedDocs::new(self.cache.table(reader)?, self.range.clone());
        if docs.seek(doc) == doc {
            Ok(Explanation::new("dated within the filter's range", 1.0))
        } else {
            Err(TantivyError::InvalidArgument(format!(
                "document {doc} is not dated within {:?}",
                self.range
            )))
        }
    }
}

/// The documents of one segment dated within a range, in order.
struct DatedDocs {
    table: Arc<FacetTable>,
    range: Range<i64>,
    doc: DocId,
}

impl DatedDocs {
    fn new(table: Arc<FacetTable>, range: Range<i64>) -> DatedDocs {
        let mut docs = DatedDocs {
            table,
            range,
            doc: 0,
        };
        docs.doc = docs.next_from(0);
        docs
    }

    fn next_from(&self, from: DocId) -> DocId {
        self.table
            .dates
            .next_in(from, &self.range)
            .unwrap_or(TERMINATED)
    }
}

impl DocSet for DatedDocs {
    fn advance(&mut self) -> DocId {
        if self.doc != TERMINATED {
            self.doc = self.next_from(self.doc + 1);
        }
        self.doc
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc < target {
            self.doc = self.next_from(target);
        }
        self.doc
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.table.dates.max_doc()
    }
}

impl Scorer for DatedDocs {
    fn score(&mut self) -> Score {
        1.0
    }
}
