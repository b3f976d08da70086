//! The per-thread stem memo: word → term, so that each distinct word is
//! stemmed once per thread rather than at every occurrence.
//!
//! News text repeats its words, and stemming is the costly step of analysis,
//! at indexing and when snippets are made. A lookup is bound by cache
//! misses on the table, so keys are packed into three machine words: hashing
//! and comparing one is a few register operations, with no call to compare
//! bytes and no length to decode. (A small table in front of this one was
//! tried three times and made analysis slower or no faster: twice
//! direct-mapped, of recent words; once set-associative, 512 KB, of words
//! seen eight times.)

use compact_str::CompactString;
use rustc_hash::{FxBuildHasher, FxHashMap};
use std::cell::RefCell;
use std::collections::HashMap;

/// How many distinct words a thread's memo holds before starting over:
/// about 3 MB a thread, for the many threads of a server (news vocabulary
/// is Zipfian, so hits stay high). Indexing stems nothing since words are
/// indexed as forms, so it needs no larger memo.
pub const DEFAULT_MEMO_WORDS: usize = 50_000;

/// Longest word or term the memo holds; longer ones are stemmed every time
/// (they are rare).
const PACKED_BYTES: usize = 23;

/// A non-empty word of at most [`PACKED_BYTES`] bytes in three machine
/// words: its bytes zero-padded, and its length in the last byte, so that
/// no two words pack alike and hashing and comparing one is a few register
/// operations.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct Packed([u64; 3]);

impl Packed {
    /// Packs `word`, read straight from the string (no copy through a
    /// buffer, whose byte-wise stores the word-wise loads would wait on).
    #[inline]
    fn new(word: &str) -> Option<Packed> {
        let bytes = word.as_bytes();
        let len = bytes.len();
        if len == 0 || len > PACKED_BYTES {
            return None;
        }
        let mut lanes = [0u64; 3];
        for (lane, chunk) in lanes.iter_mut().zip(bytes.chunks(8)) {
            *lane = load_le(chunk);
        }
        lanes[2] |= (len as u64) << 56;
        Some(Packed(lanes))
    }
}

/// The bytes of `chunk` (1 to 8 of them) as a little-endian number, read
/// with at most two loads that may overlap (OR-ing a byte with itself).
#[inline]
fn load_le(chunk: &[u8]) -> u64 {
    let n = chunk.len();
    if n >= 8 {
        return u64::from_le_bytes([
            chunk[0], chunk[1], chunk[2], chunk[3], chunk[4], chunk[5], chunk[6], chunk[7],
        ]);
    }
    if n >= 4 {
        let low = u32::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]) as u64;
        let high =
            u32::from_le_bytes([chunk[n - 4], chunk[n - 3], chunk[n - 2], chunk[n - 1]]) as u64;
        return low | high << (8 * (n - 4));
    }
    if n >= 2 {
        let low = u16::from_le_bytes([chunk[0], chunk[1]]) as u64;
        let high = u16::from_le_bytes([chunk[n - 2], chunk[n - 1]]) as u64;
        return low | high << (8 * (n - 2));
    }
    chunk.first().map_or(0, |&b| b as u64)
}

/// One thread's memo, for one analyzer at a time.
struct Memo {
    /// The analyzer whose stems the memo holds.
    owner: u64,
    /// Every word seen since the last reset; `None` when the word is its
    /// own term (most words are, and nothing then needs storing twice).
    words: FxHashMap<Packed, Option<CompactString>>,
}

thread_local! {
    static MEMO: RefCell<Memo> = const {
        RefCell::new(Memo {
            owner: 0,
            words: HashMap::with_hasher(FxBuildHasher),
        })
    };
}

/// Calls `use_term` with the term of the folded word `folded` for the
/// analyzer `owner`: from the thread's memo when it holds the word (no
/// allocation then), else from `stem`, remembering the answer in a memo of
/// at most `capacity` words.
#[inline]
pub(crate) fn with_term<R>(
    owner: u64,
    capacity: usize,
    folded: &str,
    stem: impl Fn(&str) -> String,
    use_term: impl FnOnce(&str) -> R,
) -> R {
    let Some(word) = Packed::new(folded) else {
        return use_term(&stem(folded));
    };
    MEMO.with(|memo| {
        let Ok(mut memo) = memo.try_borrow_mut() else {
            return use_term(&stem(folded));
        };
        if memo.owner != owner {
            memo.words.clear();
            memo.owner = owner;
        }
        if let Some(term) = memo.words.get(&word) {
            return use_term(term.as_deref().unwrap_or(folded));
        }
        let term = stem(folded);
        if memo.words.len() >= capacity {
            memo.words.clear();
        }
        let differs = (term != folded).then(|| CompactString::from(term.as_str()));
        memo.words.insert(word, differs);
        use_term(&term)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn upper(word: &str) -> String {
        word.to_uppercase()
    }

    #[test]
    fn answers_from_the_memo_as_the_stemmer_would() {
        for round in 0..3 {
            for word in ["guna", "menggunakan", "x", "abcdefghijklmnopqrstuvwx"] {
                let got = with_term(u64::MAX - 7, DEFAULT_MEMO_WORDS, word, upper, |t| {
                    t.to_string()
                });
                assert_eq!(got, word.to_uppercase(), "round {round}");
            }
        }
    }

    #[test]
    fn long_empty_and_nul_holding_words_get_their_terms() {
        let long = "a".repeat(PACKED_BYTES + 1);
        assert_eq!(
            with_term(u64::MAX - 8, DEFAULT_MEMO_WORDS, &long, upper, |t| t
                .to_string()),
            long.to_uppercase()
        );
        assert_eq!(
            with_term(u64::MAX - 8, DEFAULT_MEMO_WORDS, "", upper, |t| t
                .to_string()),
            ""
        );
        assert_eq!(
            with_term(u64::MAX - 8, DEFAULT_MEMO_WORDS, "a\0b", upper, |t| t
                .to_string()),
            "A\0B"
        );
    }

    #[test]
    fn every_length_packs_apart() {
        let words: Vec<String> = (1..=PACKED_BYTES)
            .flat_map(|len| {
                ["a", "b", "\0"].map(|fill| {
                    let mut w = "x".repeat(len - 1);
                    w.insert_str(len / 2, fill);
                    w
                })
            })
            .collect();
        let packed: Vec<Packed> = words.iter().filter_map(|w| Packed::new(w)).collect();
        assert_eq!(packed.len(), words.len());
        for (i, a) in packed.iter().enumerate() {
            for (j, b) in packed.iter().enumerate() {
                assert_eq!(
                    a == b,
                    words[i] == words[j],
                    "{:?} {:?}",
                    words[i],
                    words[j]
                );
            }
        }
        assert_eq!(load_le(b"abc"), 0x0063_6261);
        assert_eq!(load_le(b"abcdef"), 0x6665_6463_6261);
    }

    #[test]
    fn another_analyzer_never_sees_these_stems() {
        assert_eq!(
            with_term(u64::MAX - 9, DEFAULT_MEMO_WORDS, "kata", upper, |t| t
                .to_string()),
            "KATA"
        );
        assert_eq!(
            with_term(
                u64::MAX - 10,
                DEFAULT_MEMO_WORDS,
                "kata",
                |w| w.to_string(),
                |t| t.to_string()
            ),
            "kata"
        );
        assert_eq!(
            with_term(u64::MAX - 9, DEFAULT_MEMO_WORDS, "kata", upper, |t| t
                .to_string()),
            "KATA"
        );
    }

    #[test]
    fn a_full_memo_starts_over_and_stays_right() {
        let words: Vec<String> = (0..DEFAULT_MEMO_WORDS + 10)
            .map(|n| format!("w{n}"))
            .collect();
        for word in &words {
            assert_eq!(
                with_term(u64::MAX - 12, DEFAULT_MEMO_WORDS, word, upper, |t| t
                    .to_string()),
                word.to_uppercase()
            );
        }
        for word in words.iter().rev() {
            assert_eq!(
                with_term(u64::MAX - 12, DEFAULT_MEMO_WORDS, word, upper, |t| t
                    .to_string()),
                word.to_uppercase()
            );
        }
    }
}
