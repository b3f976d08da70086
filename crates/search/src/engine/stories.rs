//! Stories over a searcher: every document's story as a number shared
//! across segments, each story's number of copies and first appearance,
//! and counting the distinct stories a query matches.
//!
//! A story is named by the `story` field (the id of its first article).
//! Numbers are given once per commit a reader shows, from the segments'
//! `story` columns; a search then only reads arrays.

use rustc_hash::FxHashMap;
use std::sync::Arc;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::index::SegmentId;
use tantivy::{DocId, Score, Searcher, SegmentOrdinal, SegmentReader};

/// Marks a document without a story (from an index that never had one).
const NO_STORY: u32 = u32::MAX;

/// One segment's documents' stories: each document's story within the
/// segment, and each of those as a number over the whole searcher.
pub(crate) struct SegmentStories {
    local_of_doc: Vec<u32>,
    global_of_local: Vec<u32>,
}

impl SegmentStories {
    /// The searcher-wide number of `doc`'s story.
    pub(crate) fn story(&self, doc: DocId) -> Option<u32> {
        let local = *self.local_of_doc.get(doc as usize)?;
        self.global_of_local
            .get(local as usize)
            .copied()
            .filter(|g| *g != NO_STORY)
    }
}

/// Every story of one searcher.
pub(crate) struct StoryTable {
    segments: FxHashMap<SegmentId, Arc<SegmentStories>>,
    /// Live copies of each story.
    copies: Vec<u32>,
    /// The earliest date of each story's copies (seconds, as indexed);
    /// `i64::MIN` when none is dated.
    first: Vec<i64>,
    /// The live copies of each story with more than one, earliest first
    /// (undated last): a hit lists its story's other copies from here,
    /// without a search.
    members: FxHashMap<u32, Vec<Member>>,
}

/// A live copy of a story with several: its segment and document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Member {
    pub(crate) segment: SegmentId,
    pub(crate) doc: DocId,
}

impl StoryTable {
    /// An empty table (before the first searcher is seen).
    pub(crate) fn empty() -> StoryTable {
        StoryTable {
            segments: FxHashMap::default(),
            copies: Vec::new(),
            first: Vec::new(),
            members: FxHashMap::default(),
        }
    }

    /// The table of `searcher`'s segments, reading `dates` for each
    /// document's date.
    pub(crate) fn build(
        searcher: &Searcher,
        date_of: impl Fn(&SegmentReader, DocId) -> Option<i64>,
    ) -> tantivy::Result<StoryTable> {
        let mut numbers: FxHashMap<Box<str>, u32> = FxHashMap::default();
        let mut table = StoryTable::empty();
        let mut name = String::new();
        for segment in searcher.segment_readers() {
            let Some(column) = segment.fast_fields().str("story")? else {
                let stories = SegmentStories {
                    local_of_doc: vec![0; segment.max_doc() as usize],
                    global_of_local: vec![NO_STORY],
                };
                table
                    .segments
                    .insert(segment.segment_id(), Arc::new(stories));
                continue;
            };
            let mut global_of_local = Vec::with_capacity(column.num_terms() + 1);
            // The dictionary streamed in order: each block decompressed once.
            let mut terms = column.dictionary().stream()?;
            while terms.advance() {
                name.clear();
                name.push_str(&String::from_utf8_lossy(terms.key()));
                let next = numbers.len() as u32;
                let number = *numbers.entry(name.as_str().into()).or_insert(next);
                if number as usize == table.copies.len() {
                    table.copies.push(0);
                    table.first.push(i64::MIN);
                }
                global_of_local.push(number);
            }
            let none = global_of_local.len() as u32;
            global_of_local.push(NO_STORY);
            let ords = column.ords();
            let alive = segment.alive_bitset();
            let mut local_of_doc = Vec::with_capacity(segment.max_doc() as usize);
            for doc in 0..segment.max_doc() {
                let local = ords
                    .first(doc)
                    .and_then(|ord| u32::try_from(ord).ok())
                    .unwrap_or(none);
                local_of_doc.push(local);
                let global = global_of_local[local as usize];
                if global == NO_STORY || alive.is_some_and(|a| !a.is_alive(doc)) {
                    continue;
                }
                table.copies[global as usize] += 1;
                if let Some(secs) = date_of(segment, doc) {
                    let first = &mut table.first[global as usize];
                    if *first == i64::MIN || secs < *first {
                        *first = secs;
                    }
                }
            }
            table.segments.insert(
                segment.segment_id(),
                Arc::new(SegmentStories {
                    local_of_doc,
                    global_of_local,
                }),
            );
        }
        table.gather_members(searcher, &date_of);
        Ok(table)
    }

    /// Lists the copies of every story with more than one, earliest first.
    fn gather_members(
        &mut self,
        searcher: &Searcher,
        date_of: &impl Fn(&SegmentReader, DocId) -> Option<i64>,
    ) {
        let mut dated: FxHashMap<u32, Vec<(i64, usize, Member)>> = FxHashMap::default();
        for (ordinal, segment) in searcher.segment_readers().iter().enumerate() {
            let Some(stories) = self.segments.get(&segment.segment_id()) else {
                continue;
            };
            let alive = segment.alive_bitset();
            for doc in 0..segment.max_doc() {
                let Some(story) = stories.story(doc) else {
                    continue;
                };
                if self.copies[story as usize] < 2 || alive.is_some_and(|a| !a.is_alive(doc)) {
                    continue;
                }
                let member = Member {
                    segment: segment.segment_id(),
                    doc,
                };
                let secs = date_of(segment, doc).unwrap_or(i64::MAX);
                dated
                    .entry(story)
                    .or_default()
                    .push((secs, ordinal, member));
            }
        }
        self.members = dated
            .into_iter()
            .map(|(story, mut copies)| {
                copies.sort_by_key(|(secs, ordinal, m)| (*secs, *ordinal, m.doc));
                (story, copies.into_iter().map(|(_, _, m)| m).collect())
            })
            .collect();
    }

    /// The live copies of story `number`, earliest first (none for a story
    /// of one article).
    pub(crate) fn members(&self, number: u32) -> &[Member] {
        self.members.get(&number).map_or(&[], Vec::as_slice)
    }

    /// Whether this table numbers exactly `searcher`'s segments.
    pub(crate) fn covers(&self, searcher: &Searcher) -> bool {
        searcher.segment_readers().len() == self.segments.len()
            && searcher
                .segment_readers()
                .iter()
                .all(|reader| self.segments.contains_key(&reader.segment_id()))
    }

    /// The stories of `reader`'s segment.
    pub(crate) fn segment(&self, reader: &SegmentReader) -> Option<Arc<SegmentStories>> {
        self.segments.get(&reader.segment_id()).cloned()
    }

    /// Live copies of story `number` (1 for an article no other copies).
    pub(crate) fn copies(&self, number: u32) -> u32 {
        self.copies
            .get(number as usize)
            .copied()
            .unwrap_or(1)
            .max(1)
    }

    /// When story `number` first appeared (seconds), if any copy is dated.
    pub(crate) fn first_seen(&self, number: u32) -> Option<i64> {
        self.first
            .get(number as usize)
            .copied()
            .filter(|secs| *secs != i64::MIN)
    }

    /// Stories in the table.
    pub(crate) fn len(&self) -> usize {
        self.copies.len()
    }
}

/// Counts the distinct stories among a query's matches.
pub(crate) struct StoryCount {
    table: Arc<StoryTable>,
}

impl StoryCount {
    /// Counts with `table`'s numbers.
    pub(crate) fn new(table: Arc<StoryTable>) -> StoryCount {
        StoryCount { table }
    }
}

/// One segment's matched stories, by the segment's own numbers.
pub(crate) struct SegmentStoryCount {
    stories: Option<Arc<SegmentStories>>,
    seen: Vec<u64>,
}

impl Collector for StoryCount {
    type Fruit = usize;
    type Child = SegmentStoryCount;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentStoryCount> {
        let stories = self.table.segment(reader);
        let locals = stories.as_ref().map_or(0, |s| s.global_of_local.len());
        Ok(SegmentStoryCount {
            stories,
            seen: vec![0; locals.div_ceil(64)],
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Vec<u32>>) -> tantivy::Result<usize> {
        let mut all = vec![0u64; self.table.len().div_ceil(64)];
        for fruit in fruits {
            for number in fruit {
                if let Some(word) = all.get_mut(number as usize / 64) {
                    *word |= 1 << (number % 64);
                }
            }
        }
        Ok(all.iter().map(|w| w.count_ones() as usize).sum())
    }
}

impl SegmentCollector for SegmentStoryCount {
    type Fruit = Vec<u32>;

    fn collect(&mut self, doc: DocId, _score: Score) {
        if let Some(stories) = &self.stories {
            if let Some(&local) = stories.local_of_doc.get(doc as usize) {
                if let Some(word) = self.seen.get_mut(local as usize / 64) {
                    *word |= 1 << (local % 64);
                }
            }
        }
    }

    fn harvest(self) -> Vec<u32> {
        let Some(stories) = self.stories else {
            return Vec::new();
        };
        let mut numbers = Vec::new();
        for (n, word) in self.seen.iter().enumerate() {
            let mut bits = *word;
            while bits != 0 {
                let local = n * 64 + bits.trailing_zeros() as usize;
                if let Some(&global) = stories.global_of_local.get(local) {
                    if global != NO_STORY {
                        numbers.push(global);
                    }
                }
                bits &= bits - 1;
            }
        }
        numbers
    }
}
