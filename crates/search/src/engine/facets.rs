//! Facet counts over every matching document, from per-segment tables kept
//! across searches.
//!
//! Counting facets by reading the `lang`, `source` and `date` fast fields
//! for every match was a quarter of a search's time at a million articles:
//! each query reopened three columns per segment and decoded three values
//! per matching document, and turned each date into a calendar year. A
//! segment never changes once written, so its facet value for each document
//! is worked out once, into a [`FacetTable`] (11 bytes a document, with
//! the date), and a search only bumps counters. The same tables answer date
//! filters (`date_filter.rs`) and sorting by date (`date_order.rs`).

use crate::results::Facets;
use chrono::{DateTime, Datelike, NaiveDate};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::{Arc, RwLock};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::StrColumn;
use tantivy::index::SegmentId;
use tantivy::{DocId, Score, Searcher, SearcherGeneration, SegmentOrdinal, SegmentReader, Warmer};
use warta_ingest::outlet::listed_name;

/// Marks a document without a value for a facet.
const NO_VALUE: u32 = u32::MAX;

/// One facet of one segment: each document's value as a slot number, and
/// the name of each slot.
struct FacetColumn {
    slot_of_doc: Slots,
    names: Vec<String>,
}

/// Each document's slot, in the narrowest integers that hold every slot
/// of its column and the mark for no value (the column's largest
/// integer): a language or a year takes a byte an article, not four, in
/// tables a server keeps for every article.
enum Slots {
    Byte(Vec<u8>),
    Short(Vec<u16>),
    Word(Vec<u32>),
}

impl Slots {
    /// Packs `slots` (each below `names`, or [`NO_VALUE`]).
    fn pack(slots: Vec<u32>, names: usize) -> Slots {
        fn narrow<T: TryFrom<u32> + Copy>(slots: &[u32], none: T) -> Vec<T> {
            slots
                .iter()
                .map(|&slot| T::try_from(slot).unwrap_or(none))
                .collect()
        }
        if names < usize::from(u8::MAX) {
            Slots::Byte(narrow(&slots, u8::MAX))
        } else if names < usize::from(u16::MAX) {
            Slots::Short(narrow(&slots, u16::MAX))
        } else {
            Slots::Word(slots)
        }
    }

    /// The slot of `doc`, unless it has no value.
    fn get(&self, doc: DocId) -> Option<usize> {
        /// The slot at `doc`, unless it is `none`.
        fn at<T: Copy + PartialEq + Into<u32>>(slots: &[T], doc: DocId, none: T) -> Option<usize> {
            let slot = *slots.get(doc as usize)?;
            (slot != none).then(|| slot.into() as usize)
        }
        match self {
            Slots::Byte(slots) => at(slots, doc, u8::MAX),
            Slots::Short(slots) => at(slots, doc, u16::MAX),
            Slots::Word(slots) => at(slots, doc, NO_VALUE),
        }
    }
}

impl FacetColumn {
    fn of_strings(column: Option<StrColumn>, max_doc: DocId) -> tantivy::Result<FacetColumn> {
        let Some(column) = column else {
            return Ok(FacetColumn {
                slot_of_doc: Slots::pack(vec![NO_VALUE; max_doc as usize], 0),
                names: Vec::new(),
            });
        };
        let mut names = Vec::with_capacity(column.num_terms());
        let mut name = String::new();
        for ord in 0..column.num_terms() as u64 {
            name.clear();
            column.ord_to_str(ord, &mut name)?;
            names.push(name.clone());
        }
        let ords = column.ords();
        let slot_of_doc = (0..max_doc)
            .map(|doc| {
                ords.first(doc)
                    .and_then(|ord| u32::try_from(ord).ok())
                    .unwrap_or(NO_VALUE)
            })
            .collect();
        Ok(FacetColumn {
            slot_of_doc: Slots::pack(slot_of_doc, names.len()),
            names,
        })
    }

    /// The year facet, and each document's date for filtering.
    fn of_years(segment: &SegmentReader) -> tantivy::Result<(FacetColumn, DateColumn)> {
        let dates = segment.fast_fields().date("date")?;
        let mut secs_of_doc: Vec<i64> = Vec::with_capacity(segment.max_doc() as usize);
        let mut years: Vec<i32> = Vec::new();
        // The last year seen, as its `[start, end)` in seconds and its slot:
        // neighbouring documents mostly share a year.
        let mut last: Option<(i64, i64, u32)> = None;
        let slot_of_doc = (0..segment.max_doc())
            .map(|doc| {
                let Some(secs) = dates.first(doc).map(|d| d.into_timestamp_secs()) else {
                    secs_of_doc.push(NO_DATE);
                    return NO_VALUE;
                };
                secs_of_doc.push(secs);
                match last {
                    Some((start, end, slot)) if (start..end).contains(&secs) => slot,
                    _ => match year_span(secs) {
                        Some((year, start, end)) => {
                            let slot = years.iter().position(|y| *y == year).unwrap_or_else(|| {
                                years.push(year);
                                years.len() - 1
                            }) as u32;
                            last = Some((start, end, slot));
                            slot
                        }
                        None => NO_VALUE,
                    },
                }
            })
            .collect();
        let years = FacetColumn {
            slot_of_doc: Slots::pack(slot_of_doc, years.len()),
            names: years.iter().map(i32::to_string).collect(),
        };
        Ok((years, DateColumn::new(secs_of_doc)))
    }
}

/// Stands for "no date" in a [`DateColumn`]; no article is dated then.
const NO_DATE: i64 = i64::MIN;

/// Documents per block of a [`DateColumn`]'s summary.
const DATE_BLOCK: usize = 128;

/// Each document's publication date (seconds, as indexed), with the
/// earliest and latest date of every block of [`DATE_BLOCK`] documents, so
/// that a date filter skips blocks wholly outside its range: articles are
/// indexed in batches, and neighbours mostly share a period.
pub(crate) struct DateColumn {
    secs_of_doc: Vec<i64>,
    /// `(earliest, latest)` dated document of each block; `(i64::MAX,
    /// i64::MIN)` for a block without dates, which no range overlaps.
    block_span: Vec<(i64, i64)>,
}

impl DateColumn {
    fn new(secs_of_doc: Vec<i64>) -> DateColumn {
        let block_span = secs_of_doc
            .chunks(DATE_BLOCK)
            .map(|block| {
                block
                    .iter()
                    .filter(|secs| **secs != NO_DATE)
                    .fold((i64::MAX, i64::MIN), |(lo, hi), &secs| {
                        (lo.min(secs), hi.max(secs))
                    })
            })
            .collect();
        DateColumn {
            secs_of_doc,
            block_span,
        }
    }

    /// Documents in the segment.
    pub(crate) fn max_doc(&self) -> DocId {
        self.secs_of_doc.len() as DocId
    }

    /// The date of `doc`, if it has one.
    pub(crate) fn secs(&self, doc: DocId) -> Option<i64> {
        self.secs_of_doc
            .get(doc as usize)
            .copied()
            .filter(|secs| *secs != NO_DATE)
    }

    /// The first document at or after `from` dated within `range`
    /// (seconds, end excluded), or `None`.
    pub(crate) fn next_in(&self, from: DocId, range: &std::ops::Range<i64>) -> Option<DocId> {
        let mut doc = from as usize;
        while doc < self.secs_of_doc.len() {
            let block = doc / DATE_BLOCK;
            let block_end = ((block + 1) * DATE_BLOCK).min(self.secs_of_doc.len());
            let (earliest, latest) = self.block_span[block];
            if latest >= range.start && earliest < range.end {
                if let Some(offset) = self.secs_of_doc[doc..block_end]
                    .iter()
                    .position(|secs| *secs != NO_DATE && range.contains(secs))
                {
                    return Some((doc + offset) as DocId);
                }
            }
            doc = block_end;
        }
        None
    }
}

/// The (UTC) year of a timestamp with the seconds at which it starts and
/// ends, so that a run of timestamps in one year needs the calendar once.
/// Public for the benchmark baseline, which counts years the same way.
pub fn year_span(secs: i64) -> Option<(i32, i64, i64)> {
    let year = DateTime::from_timestamp(secs, 0)?.year();
    let start_of = |y: i32| {
        NaiveDate::from_ymd_opt(y, 1, 1)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .map(|t| t.and_utc().timestamp())
    };
    Some((year, start_of(year)?, start_of(year + 1)?))
}

/// Every document's language, source and year slot in one segment, and
/// its date for filters.
pub(crate) struct FacetTable {
    lang: FacetColumn,
    source: FacetColumn,
    /// Each outlet's name, by its source slot: the names table's, else
    /// the name its first article was indexed with.
    outlet_names: Vec<String>,
    year: FacetColumn,
    pub(crate) dates: DateColumn,
}

impl FacetTable {
    /// This table with each outlet's name: the names table's, else the
    /// `outlet` column's value for the outlet's first article.
    fn with_outlet_names(mut self, outlet: Option<StrColumn>) -> tantivy::Result<FacetTable> {
        let mut names: Vec<Option<String>> = self
            .source
            .names
            .iter()
            .map(|key| listed_name(key).map(str::to_string))
            .collect();
        if let Some(column) = outlet {
            let mut missing = names.iter().filter(|n| n.is_none()).count();
            let ords = column.ords();
            let mut text = String::new();
            for doc in 0..self.dates.max_doc() {
                if missing == 0 {
                    break;
                }
                let Some(slot) = self.source.slot_of_doc.get(doc) else {
                    continue;
                };
                if names[slot].is_some() {
                    continue;
                }
                if let Some(ord) = ords.first(doc) {
                    text.clear();
                    column.ord_to_str(ord, &mut text)?;
                    names[slot] = Some(text.clone());
                    missing -= 1;
                }
            }
        }
        self.outlet_names = names
            .into_iter()
            .zip(&self.source.names)
            .map(|(name, key)| name.unwrap_or_else(|| key.clone()))
            .collect();
        Ok(self)
    }

    /// The language slot of `doc` (an index into [`FacetTable::lang_names`]).
    pub(crate) fn lang_slot(&self, doc: DocId) -> Option<usize> {
        self.lang.slot_of_doc.get(doc)
    }

    /// The language codes of this segment's slots.
    pub(crate) fn lang_names(&self) -> &[String] {
        &self.lang.names
    }

    /// The language code of `doc`, if it has one.
    pub(crate) fn lang_of(&self, doc: DocId) -> Option<&str> {
        let slot = self.lang.slot_of_doc.get(doc)?;
        self.lang.names.get(slot).map(String::as_str)
    }

    /// The name of `doc`'s outlet, if it has one.
    pub(crate) fn outlet_of(&self, doc: DocId) -> Option<&str> {
        let slot = self.source.slot_of_doc.get(doc)?;
        self.outlet_names.get(slot).map(String::as_str)
    }

    fn build(segment: &SegmentReader) -> tantivy::Result<FacetTable> {
        let fast = segment.fast_fields();
        let (year, dates) = FacetColumn::of_years(segment)?;
        FacetTable {
            lang: FacetColumn::of_strings(fast.str("lang")?, segment.max_doc())?,
            outlet_names: Vec::new(),
            source: FacetColumn::of_strings(fast.str("source")?, segment.max_doc())?,
            year,
            dates,
        }
        .with_outlet_names(fast.str("outlet")?)
    }
}

/// The facet tables of the segments live searchers use, built when a
/// searcher is warmed (after each commit the reader loads) and dropped with
/// the last searcher that needs them.
///
/// Public so that a benchmark baseline over an index with the same fast
/// fields (`lang`, `source`, `date`) can count facets the same way.
#[derive(Default)]
pub struct FacetCache {
    tables: RwLock<HashMap<SegmentId, Arc<FacetTable>>>,
}

impl FacetCache {
    /// The table of `segment`, built now if no warming built it.
    pub(crate) fn table(&self, segment: &SegmentReader) -> tantivy::Result<Arc<FacetTable>> {
        let id = segment.segment_id();
        if let Some(table) = self
            .tables
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .get(&id)
        {
            return Ok(table.clone());
        }
        let table = Arc::new(FacetTable::build(segment)?);
        self.tables
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .insert(id, table.clone());
        Ok(table)
    }

    /// Every outlet of `searcher`'s articles: its key and its name.
    pub(crate) fn outlets(&self, searcher: &Searcher) -> tantivy::Result<BTreeMap<String, String>> {
        let mut outlets = BTreeMap::new();
        for segment in searcher.segment_readers() {
            let table = self.table(segment)?;
            for (key, name) in table.source.names.iter().zip(&table.outlet_names) {
                outlets.entry(key.clone()).or_insert_with(|| name.clone());
            }
        }
        Ok(outlets)
    }

    /// A collector counting facets of the matches with this cache's tables.
    pub fn collector(&self) -> FacetCollector<'_> {
        FacetCollector { cache: self }
    }
}

impl Warmer for FacetCache {
    fn warm(&self, searcher: &Searcher) -> tantivy::Result<()> {
        for segment in searcher.segment_readers() {
            self.table(segment)?;
        }
        Ok(())
    }

    fn garbage_collect(&self, live_generations: &[&SearcherGeneration]) {
        let live: HashSet<SegmentId> = live_generations
            .iter()
            .flat_map(|generation| generation.segments().keys().copied())
            .collect();
        self.tables
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .retain(|id, _| live.contains(id));
    }
}

/// Counts matches by language, source and year.
pub struct FacetCollector<'a> {
    cache: &'a FacetCache,
}

/// Per-segment state of [`FacetCollector`]: the segment's table and a
/// counter for each of its slots.
pub struct SegmentFacets {
    table: Arc<FacetTable>,
    lang_counts: Vec<u64>,
    source_counts: Vec<u64>,
    year_counts: Vec<u64>,
}

impl Collector for FacetCollector<'_> {
    type Fruit = Facets;
    type Child = SegmentFacets;

    fn for_segment(
        &self,
        _segment_local_id: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentFacets> {
        let table = self.cache.table(segment)?;
        Ok(SegmentFacets {
            lang_counts: vec![0; table.lang.names.len()],
            source_counts: vec![0; table.source.names.len()],
            year_counts: vec![0; table.year.names.len()],
            table,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Facets>) -> tantivy::Result<Facets> {
        Ok(Facets::sum(fruits))
    }
}

fn count(column: &FacetColumn, counts: &mut [u64], doc: DocId) {
    if let Some(slot) = column.slot_of_doc.get(doc) {
        if let Some(count) = counts.get_mut(slot) {
            *count += 1;
        }
    }
}

fn named(column: &FacetColumn, counts: Vec<u64>) -> BTreeMap<String, u64> {
    column
        .names
        .iter()
        .zip(counts)
        .filter(|(_, count)| *count > 0)
        .map(|(name, count)| (name.clone(), count))
        .collect()
}

impl SegmentCollector for SegmentFacets {
    type Fruit = Facets;

    fn collect(&mut self, doc: DocId, _score: Score) {
        count(&self.table.lang, &mut self.lang_counts, doc);
        count(&self.table.source, &mut self.source_counts, doc);
        count(&self.table.year, &mut self.year_counts, doc);
    }

    fn harvest(self) -> Facets {
        let outlet_names = self
            .table
            .source
            .names
            .iter()
            .zip(&self.table.outlet_names)
            .zip(&self.source_counts)
            .filter(|(_, count)| **count > 0)
            .map(|((key, name), _)| (key.clone(), name.clone()))
            .collect();
        Facets {
            lang: named(&self.table.lang, self.lang_counts),
            source: named(&self.table.source, self.source_counts),
            year: named(&self.table.year, self.year_counts),
            outlet_names,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Slots, NO_VALUE};

    #[test]
    fn slots_pack_into_the_narrowest_width_and_keep_no_value_apart() {
        let cases = [(3, 1_usize), (254, 1), (255, 2), (65_534, 2), (65_535, 4)];
        for (names, bytes) in cases {
            let last = names as u32 - 1;
            let slots = Slots::pack(vec![0, NO_VALUE, last], names);
            let width = match &slots {
                Slots::Byte(_) => 1,
                Slots::Short(_) => 2,
                Slots::Word(_) => 4,
            };
            assert_eq!(width, bytes, "{names} names");
            assert_eq!(slots.get(0), Some(0));
            assert_eq!(slots.get(1), None, "{names} names: no value");
            assert_eq!(slots.get(2), Some(last as usize), "{names} names");
            assert_eq!(slots.get(3), None, "past the end");
        }
    }
}
