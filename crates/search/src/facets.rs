//! Facet counts over every matching document, read from fast fields.

use crate::results::Facets;
use chrono::{DateTime, Datelike};
use std::collections::HashMap;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// Counts matches by language, source and year.
pub(crate) struct FacetCollector;

pub(crate) struct SegmentFacets {
    lang: Option<StrColumn>,
    source: Option<StrColumn>,
    date: Column<tantivy::DateTime>,
    lang_counts: Vec<u64>,
    source_counts: Vec<u64>,
    year_counts: HashMap<i32, u64>,
}

fn year_of(date: tantivy::DateTime) -> Option<i32> {
    DateTime::from_timestamp(date.into_timestamp_secs(), 0).map(|d| d.year())
}

impl Collector for FacetCollector {
    type Fruit = Facets;
    type Child = SegmentFacets;

    fn for_segment(
        &self,
        _segment_local_id: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentFacets> {
        let fast = segment.fast_fields();
        let lang = fast.str("lang")?;
        let source = fast.str("source")?;
        let size = |c: &Option<StrColumn>| c.as_ref().map_or(0, |c| c.num_terms());
        Ok(SegmentFacets {
            lang_counts: vec![0; size(&lang)],
            source_counts: vec![0; size(&source)],
            lang,
            source,
            date: fast.date("date")?,
            year_counts: HashMap::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Facets>) -> tantivy::Result<Facets> {
        let mut all = Facets::default();
        for fruit in fruits {
            for (target, part) in [
                (&mut all.lang, fruit.lang),
                (&mut all.source, fruit.source),
                (&mut all.year, fruit.year),
            ] {
                for (key, count) in part {
                    *target.entry(key).or_default() += count;
                }
            }
        }
        Ok(all)
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

impl SegmentCollector for SegmentFacets {
    type Fruit = Facets;

    fn collect(&mut self, doc: DocId, _score: Score) {
        count_ord(&self.lang, &mut self.lang_counts, doc);
        count_ord(&self.source, &mut self.source_counts, doc);
        if let Some(year) = self.date.first(doc).and_then(year_of) {
            *self.year_counts.entry(year).or_default() += 1;
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
        }
    }
}
