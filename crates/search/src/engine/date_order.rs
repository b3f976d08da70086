//! Sorting matches by date, newest first, with each document's date taken
//! from the facet tables rather than from the `date` fast field.
//!
//! Tantivy's `order_by_fast_field` opens the column for every segment a
//! search visits and decodes each match's value through the column's
//! optional index. The facet tables hold every document's date already, so
//! the sort key is an array read. Keys and comparator are those of
//! `order_by_fast_field` (dates as order-preserving `u64`, undated last when
//! newest come first), so results come in the same order, ties included.

use super::facets::{FacetCache, FacetTable};
use super::stories::{SegmentStories, StoryTable};
use std::sync::Arc;
use tantivy::collector::sort_key::NaturalComparator;
use tantivy::collector::{SegmentSortKeyComputer, SortKeyComputer};
use tantivy::{DocId, Score, SegmentReader};

/// A sort key computer for `TopDocs::order_by` (descending): each match's
/// date, or its story's first appearance; reversed for oldest first.
/// Undated articles come last either way.
pub(crate) struct ByDate {
    cache: Arc<FacetCache>,
    stories: Option<Arc<StoryTable>>,
    oldest: bool,
}

impl ByDate {
    /// Sorts by the dates in `cache`'s tables, by each story's first
    /// appearance when `stories` is given, oldest first when `oldest`.
    pub(crate) fn new(
        cache: Arc<FacetCache>,
        stories: Option<Arc<StoryTable>>,
        oldest: bool,
    ) -> ByDate {
        ByDate {
            cache,
            stories,
            oldest,
        }
    }
}

impl SortKeyComputer for ByDate {
    type SortKey = Option<u64>;
    type Child = SegmentDates;
    type Comparator = NaturalComparator;

    fn segment_sort_key_computer(&self, reader: &SegmentReader) -> tantivy::Result<SegmentDates> {
        Ok(SegmentDates {
            table: self.cache.table(reader)?,
            stories: self
                .stories
                .as_ref()
                .and_then(|table| Some((Arc::clone(table), table.segment(reader)?))),
            oldest: self.oldest,
        })
    }
}

/// The dates of one segment's documents.
pub(crate) struct SegmentDates {
    table: Arc<FacetTable>,
    stories: Option<(Arc<StoryTable>, Arc<SegmentStories>)>,
    oldest: bool,
}

/// Maps seconds onto `u64` keeping their order, as Tantivy's fast fields do.
fn order_preserving(secs: i64) -> u64 {
    (secs as u64) ^ (1 << 63)
}

impl SegmentSortKeyComputer for SegmentDates {
    type SortKey = Option<u64>;
    type SegmentSortKey = Option<u64>;
    type SegmentComparator = NaturalComparator;

    fn segment_sort_key(&mut self, doc: DocId, _score: Score) -> Option<u64> {
        let story_first = self.stories.as_ref().and_then(|(table, segment)| {
            segment
                .story(doc)
                .and_then(|number| table.first_seen(number))
        });
        let key = story_first
            .or_else(|| self.table.dates.secs(doc))
            .map(order_preserving)?;
        Some(if self.oldest { !key } else { key })
    }

    fn convert_segment_sort_key(&self, key: Option<u64>) -> Option<u64> {
        key
    }
}

#[cfg(test)]
mod tests {
    use super::order_preserving;

    #[test]
    fn keys_keep_the_order_of_dates() {
        let secs = [i64::MIN + 1, -86_400, -1, 0, 1, 1_700_000_000, i64::MAX];
        for pair in secs.windows(2) {
            assert!(order_preserving(pair[0]) < order_preserving(pair[1]));
        }
    }
}
