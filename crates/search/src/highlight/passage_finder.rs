//! Finds where a few terms show in a text as plain bytes, ASCII case
//! ignored: how the highlighter places a long body's snippet window.
//!
//! A general Aho-Corasick automaton that ignores case costs more to build
//! for each query than scanning ten bodies with it does. So the finder
//! lowercases each text (ASCII only, which keeps every byte offset) into a
//! buffer it reuses and scans that for the lowercased terms with a packed
//! SIMD searcher (Teddy), which is cheap to build. Where the CPU has no
//! such searcher, it builds an automaton instead.

use aho_corasick::packed;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::cell::RefCell;

/// Term occurrences in texts, for one query's terms.
pub(crate) struct PassageFinder {
    scan: Scan,
    /// The text being scanned, lowercased (reused from text to text).
    lowered: RefCell<Vec<u8>>,
}

/// What scans a lowercased text for the lowercased patterns.
enum Scan {
    Packed(packed::Searcher),
    Automaton(AhoCorasick),
}

impl PassageFinder {
    /// A finder for `patterns` (the leftmost match wins, the first
    /// pattern on ties); `None` when there is none to look for, or one is
    /// empty (it would match everywhere).
    pub(crate) fn new<'p>(patterns: impl Iterator<Item = &'p str>) -> Option<Self> {
        let lowered: Vec<Vec<u8>> = patterns
            .map(|p| p.as_bytes().to_ascii_lowercase())
            .collect();
        if lowered.is_empty() || lowered.iter().any(Vec::is_empty) {
            return None;
        }
        let packed = packed::Config::new()
            .match_kind(packed::MatchKind::LeftmostFirst)
            .builder()
            .extend(&lowered)
            .build();
        let scan = match packed {
            Some(searcher) => Scan::Packed(searcher),
            None => Scan::Automaton(
                AhoCorasickBuilder::new()
                    .match_kind(MatchKind::LeftmostFirst)
                    .build(&lowered)
                    .ok()?,
            ),
        };
        Some(PassageFinder {
            scan,
            lowered: RefCell::new(Vec::new()),
        })
    }

    /// Calls `found(start, pattern)` for each non-overlapping occurrence in
    /// `text`, left to right; `pattern` is the pattern's place in the order
    /// given to [`PassageFinder::new`].
    pub(crate) fn for_each(&self, text: &str, mut found: impl FnMut(usize, usize)) {
        let mut lowered = self.lowered.borrow_mut();
        lowered.clear();
        lowered.extend(text.bytes().map(|b| b.to_ascii_lowercase()));
        let haystack = lowered.as_slice();
        match &self.scan {
            Scan::Packed(searcher) => {
                for hit in searcher.find_iter(haystack) {
                    found(hit.start(), hit.pattern().as_usize());
                }
            }
            Scan::Automaton(automaton) => {
                for hit in automaton.find_iter(haystack) {
                    found(hit.start(), hit.pattern().as_usize());
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::PassageFinder;

    fn hits(patterns: &[&str], text: &str) -> Vec<(usize, usize)> {
        let finder = PassageFinder::new(patterns.iter().copied()).expect("patterns");
        let mut out = Vec::new();
        finder.for_each(text, |at, pattern| out.push((at, pattern)));
        out
    }

    #[test]
    fn ignores_ascii_case_and_keeps_offsets() {
        assert_eq!(
            hits(&["donald", "trump"], "Kata DONALD Trump, donald-trump"),
            vec![(5, 0), (12, 1), (19, 0), (26, 1)]
        );
    }

    #[test]
    fn leftmost_first_and_non_ascii_bytes() {
        // "anak" is listed first, so it wins where both start.
        assert_eq!(
            hits(&["anak", "anak-anak"], "Anak-anak"),
            vec![(0, 0), (5, 0)]
        );
        assert_eq!(hits(&["東京"], "在東京"), vec![(3, 0)]);
    }

    #[test]
    fn short_texts_and_no_patterns() {
        assert_eq!(hits(&["a"], "A"), vec![(0, 0)]);
        assert_eq!(hits(&["kata"], ""), vec![]);
        assert!(PassageFinder::new(["", ""].into_iter()).is_none());
    }
}
