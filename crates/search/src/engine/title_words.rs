//! The headline words of one searcher's segments, sorted, with how many
//! headlines hold each: completing a prefix is a binary search and a scan
//! of the words that share it.

use tantivy::index::SegmentId;
use tantivy::schema::Field;
use tantivy::Searcher;

/// Archives at least this large leave out headline words of one headline
/// (mostly typos and numbers), which keeps the table small.
const DROP_SINGLES_FROM: u64 = 10_000;

/// Headline words and their headline counts over a searcher's segments.
pub(crate) struct TitleWords {
    segments: Vec<SegmentId>,
    words: Vec<(Box<str>, u32)>,
}

impl TitleWords {
    /// No words (before the first searcher is seen).
    pub(crate) fn empty() -> TitleWords {
        TitleWords {
            segments: Vec::new(),
            words: Vec::new(),
        }
    }

    /// The words of `field` in `searcher`'s segments: terms of letters and
    /// digits (not digits alone), two characters or more.
    pub(crate) fn build(searcher: &Searcher, field: Field) -> tantivy::Result<TitleWords> {
        let least = if searcher.num_docs() >= DROP_SINGLES_FROM {
            2
        } else {
            1
        };
        let mut merged: rustc_hash::FxHashMap<Box<str>, u32> = rustc_hash::FxHashMap::default();
        for segment in searcher.segment_readers() {
            let inverted = segment.inverted_index(field)?;
            let mut terms = inverted.terms().stream()?;
            while terms.advance() {
                let Ok(word) = std::str::from_utf8(terms.key()) else {
                    continue;
                };
                if word.chars().count() < 2
                    || !word.chars().all(char::is_alphanumeric)
                    || word.chars().all(|c| c.is_ascii_digit())
                {
                    continue;
                }
                *merged.entry(word.into()).or_insert(0) += terms.value().doc_freq;
            }
        }
        let mut words: Vec<(Box<str>, u32)> = merged
            .into_iter()
            .filter(|(_, count)| u64::from(*count) >= least)
            .collect();
        words.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        Ok(TitleWords {
            segments: searcher
                .segment_readers()
                .iter()
                .map(|s| s.segment_id())
                .collect(),
            words,
        })
    }

    /// Whether this table was built from exactly `searcher`'s segments.
    pub(crate) fn covers(&self, searcher: &Searcher) -> bool {
        let readers = searcher.segment_readers();
        readers.len() == self.segments.len()
            && readers
                .iter()
                .all(|r| self.segments.contains(&r.segment_id()))
    }

    /// The `limit` commonest words starting with `prefix`, with their
    /// headline counts (ties in word order).
    pub(crate) fn complete(&self, prefix: &str, limit: usize) -> Vec<(String, u64)> {
        let start = self.words.partition_point(|(w, _)| &**w < prefix);
        let mut best: Vec<(u32, &str)> = Vec::with_capacity(limit + 1);
        for (word, count) in self.words[start..].iter() {
            if !word.starts_with(prefix) {
                break;
            }
            if best.len() == limit && best.last().is_some_and(|(c, _)| *c >= *count) {
                continue;
            }
            let at = best.partition_point(|(c, _)| *c >= *count);
            best.insert(at, (*count, word));
            best.truncate(limit);
        }
        best.into_iter()
            .map(|(count, word)| (word.to_string(), u64::from(count)))
            .collect()
    }
}
