//! Ranking a translated query's matches across languages.
//!
//! A translated query matches articles in two languages, scored on
//! different terms: an English article on the word as typed, an
//! Indonesian one on its translations, weighted lower. Ranked on raw
//! scores, the language typed in would fill every page. Each language's
//! matches are ranked on their own instead, and the lists merged by each
//! score's share of its language's best (max-normalised merging, the usual
//! way to merge result lists scored on different terms), so each
//! language's best articles come first, in the order of how well they fit.

use super::coord::split_level;
use super::facets::FacetCache;
use std::cmp::Ordering;
use std::collections::BinaryHeap;
use std::sync::Arc;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

/// The best `limit` matches of each language.
pub(crate) struct TopByLanguage<'a> {
    cache: &'a FacetCache,
    limit: usize,
}

impl<'a> TopByLanguage<'a> {
    /// Keeps `limit` matches per language (the page's end, from the first hit).
    pub(crate) fn new(cache: &'a FacetCache, limit: usize) -> Self {
        TopByLanguage {
            cache,
            limit: limit.max(1),
        }
    }
}

/// A match in a min-heap of the best: the lowest score on top.
#[derive(PartialEq)]
struct Ranked(Score, DocAddress);

impl Eq for Ranked {}

impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Ranked {
    fn cmp(&self, other: &Self) -> Ordering {
        // Reversed, so the heap's top is the worst kept; ties keep the
        // earlier document.
        other
            .0
            .total_cmp(&self.0)
            .then_with(|| self.1.cmp(&other.1))
    }
}

/// Each language's best matches, best first: (language code, matches).
type LanguageLists = Vec<(String, Vec<(Score, DocAddress)>)>;

/// Per-segment state: a heap of the best per language slot.
pub(crate) struct SegmentTops {
    table: Arc<super::facets::FacetTable>,
    segment: SegmentOrdinal,
    limit: usize,
    heaps: Vec<BinaryHeap<Ranked>>,
}

impl Collector for TopByLanguage<'_> {
    type Fruit = LanguageLists;
    type Child = SegmentTops;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentTops> {
        let table = self.cache.table(reader)?;
        Ok(SegmentTops {
            heaps: (0..=table.lang_names().len())
                .map(|_| BinaryHeap::new())
                .collect(),
            table,
            segment,
            limit: self.limit,
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, fruits: Vec<LanguageLists>) -> tantivy::Result<LanguageLists> {
        let mut merged: LanguageLists = Vec::new();
        for fruit in fruits {
            for (lang, matches) in fruit {
                match merged.iter_mut().find(|(known, _)| *known == lang) {
                    Some((_, all)) => all.extend(matches),
                    None => merged.push((lang, matches)),
                }
            }
        }
        for (_, matches) in &mut merged {
            matches.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
            matches.truncate(self.limit);
        }
        Ok(merged)
    }
}

impl SegmentCollector for SegmentTops {
    type Fruit = LanguageLists;

    fn collect(&mut self, doc: DocId, score: Score) {
        // Articles without a language share the last heap.
        let slot = self.table.lang_slot(doc).unwrap_or(self.heaps.len() - 1);
        let Some(heap) = self.heaps.get_mut(slot) else {
            return;
        };
        let ranked = Ranked(score, DocAddress::new(self.segment, doc));
        if heap.len() < self.limit {
            heap.push(ranked);
        } else if heap.peek().is_some_and(|worst| ranked < *worst) {
            heap.pop();
            heap.push(ranked);
        }
    }

    fn harvest(self) -> LanguageLists {
        let names = self.table.lang_names();
        self.heaps
            .into_iter()
            .enumerate()
            .filter(|(_, heap)| !heap.is_empty())
            .map(|(slot, heap)| {
                let lang = names.get(slot).cloned().unwrap_or_default();
                let matches = heap.into_iter().map(|Ranked(s, d)| (s, d)).collect();
                (lang, matches)
            })
            .collect()
    }
}

/// The page `offset..offset + count` of `lists` merged: by coordination
/// level first (how many of the query's words a match has, when the query
/// counts them), then each score as its share of its language's best
/// (times `other_share` for the languages other than `own`), highest first
/// (the raw score breaks ties).
pub(crate) fn merge(
    lists: LanguageLists,
    own: &str,
    other_share: Score,
    offset: usize,
    count: usize,
) -> Vec<(Score, DocAddress)> {
    let mut all: Vec<(usize, Score, Score, DocAddress)> = Vec::new();
    for (lang, matches) in lists {
        let best = matches
            .iter()
            .map(|(score, _)| split_level(*score).1)
            .fold(0.0, Score::max);
        let best = if best > 0.0 { best } else { 1.0 };
        let share = if lang == own { 1.0 } else { other_share };
        all.extend(matches.into_iter().map(|(score, doc)| {
            let (level, bm25) = split_level(score);
            (level, share * bm25 / best, score, doc)
        }));
    }
    all.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then_with(|| b.1.total_cmp(&a.1))
            .then_with(|| b.2.total_cmp(&a.2))
            .then_with(|| a.3.cmp(&b.3))
    });
    all.into_iter()
        .skip(offset)
        .take(count)
        .map(|(_, _, score, doc)| (score, doc))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::merge;
    use tantivy::DocAddress;

    #[test]
    fn each_languages_best_comes_first_in_the_order_of_its_share() {
        let doc = |n| DocAddress::new(0, n);
        let lists = vec![
            (
                "en".to_string(),
                vec![(12.0, doc(1)), (11.0, doc(2)), (3.0, doc(3))],
            ),
            ("id".to_string(), vec![(6.0, doc(4)), (2.0, doc(5))]),
        ];
        let ids =
            |page: Vec<(f32, DocAddress)>| page.iter().map(|(_, d)| d.doc_id).collect::<Vec<_>>();
        // 1.0 (en 12, then id 6), 0.92 (en 11), 0.33 (id 2), 0.25 (en 3).
        assert_eq!(ids(merge(lists.clone(), "en", 1.0, 0, 10)), [1, 4, 2, 5, 3]);
        assert_eq!(ids(merge(lists.clone(), "en", 1.0, 2, 2)), [2, 5]);
        // The other language at 0.9 of its shares: its best after 0.92.
        assert_eq!(ids(merge(lists, "en", 0.9, 0, 10)), [1, 2, 4, 5, 3]);
    }

    #[test]
    fn more_of_the_query_ranks_first_whatever_the_language() {
        use super::super::coord::LEVEL;
        let doc = |n| DocAddress::new(0, n);
        // en: doc 1 has one word (best BM25), doc 2 two; id: doc 3 two words.
        let lists = vec![
            (
                "en".to_string(),
                vec![(LEVEL + 9.0, doc(1)), (2.0 * LEVEL + 4.0, doc(2))],
            ),
            ("id".to_string(), vec![(2.0 * LEVEL + 1.0, doc(3))]),
        ];
        let ids: Vec<u32> = merge(lists, "en", 0.9, 0, 10)
            .iter()
            .map(|(_, d)| d.doc_id)
            .collect();
        // Level 2 first (id's best 0.9 share, en's 4/9), then level 1.
        assert_eq!(ids, [3, 2, 1]);
    }
}
