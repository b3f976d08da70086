//! The baseline's facet counting: the `lang`, `source` and `date` fast
//! fields read for every matching document, as a plain Tantivy program
//! would (Warta itself counts from per-segment tables it keeps across
//! searches, `warta_search::FacetCache`).

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};
use warta_search::{year_span, Facets};

/// Counts matches by language, source and year from the `lang`, `source`
/// and `date` fast fields, opened for each search.
pub struct PlainFacetCollector;

/// Per-segment state of [`PlainFacetCollector`].
pub struct PlainSegmentFacets {
    lang: Option<StrColumn>,
    source: Option<StrColumn>,
    date: Column<tantivy::DateTime>,
    lang_counts: Vec<u64>,
    source_counts: Vec<u64>,
    /// (year, count) for each year seen; few, so a linear scan finds one.
    year_counts: Vec<(i32, u64)>,
    /// The last year counted as its `[start, end)` in seconds and its slot in
    /// `year_counts`: neighbouring matches mostly share a year, so most
    /// documents skip the calendar arithmetic.
    last_year: Option<(i64, i64, usize)>,
}

impl Collector for PlainFacetCollector {
    type Fruit = Facets;
    type Child = PlainSegmentFacets;

    fn for_segment(
        &self,
        _segment_local_id: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<PlainSegmentFacets> {
        let fast = segment.fast_fields();
        let lang = fast.str("lang")?;
        let source = fast.str("source")?;
        let size = |c: &Option<StrColumn>| c.as_ref().map_or(0, |c| c.num_terms());
        Ok(PlainSegmentFacets {
            lang_counts: vec![0; size(&lang)],
            source_counts: vec![0; size(&source)],
            lang,
            source,
            date: fast.date("date")?,
            year_counts: Vec::new(),
            last_year: None,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Facets>) -> tantivy::Result<Facets> {
        Ok(Facets::sum(fruits))
    }
}

fn count_ord(column: &Option<StrColumn>, counts: &mut [u64], doc: DocId) {
    if let Some(column) = column {
        for ord in column.term_ords(doc) {
            if let Some(slot) = counts.get_mut(ord as usize) {
                *slot += 1;
            }
        }
    }
}

fn named(column: &Option<StrColumn>, counts: Vec<u64>) -> std::collections::BTreeMap<String, u64> {
    let mut out = std::collections::BTreeMap::new();
    let Some(column) = column else {
        return out;
    };
    let mut name = String::new();
    for (ord, count) in counts.into_iter().enumerate() {
        if count > 0 && column.ord_to_str(ord as u64, &mut name).unwrap_or(false) {
            out.insert(name.clone(), count);
        }
    }
    out
}

impl SegmentCollector for PlainSegmentFacets {
    type Fruit = Facets;

    fn collect(&mut self, doc: DocId, _score: Score) {
        count_ord(&self.lang, &mut self.lang_counts, doc);
        count_ord(&self.source, &mut self.source_counts, doc);
        let Some(secs) = self.date.first(doc).map(|d| d.into_timestamp_secs()) else {
            return;
        };
        let slot = match self.last_year {
            Some((start, end, slot)) if (start..end).contains(&secs) => Some(slot),
            _ => year_span(secs).map(|(year, start, end)| {
                let slot = match self.year_counts.iter().position(|(y, _)| *y == year) {
                    Some(slot) => slot,
                    None => {
                        self.year_counts.push((year, 0));
                        self.year_counts.len() - 1
                    }
                };
                self.last_year = Some((start, end, slot));
                slot
            }),
        };
        if let Some((_, count)) = slot.and_then(|slot| self.year_counts.get_mut(slot)) {
            *count += 1;
        }
    }

    fn harvest(self) -> Facets {
        Facets {
            lang: named(&self.lang, self.lang_counts),
            source: named(&self.source, self.source_counts),
            year: self
                .year_counts
                .into_iter()
                .map(|(y, n)| (y.to_string(), n))
                .collect(),
            outlet_names: Default::default(),
        }
    }
}
