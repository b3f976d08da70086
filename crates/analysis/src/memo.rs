//! The per-thread stem memo: word → term, so that each distinct word is
//! stemmed once per thread rather than at every occurrence.
//!
//! News text repeats its words, and stemming is the costly step of analysis,
//! at indexing and when snippets are made. A lookup is bound by cache
//! misses on the table, so keys are packed into three machine words: hashing
//! and comparing one is a few register operations, with no call to compare
//! bytes and no length to decode. (A small direct-mapped table of recent
//! words in front of this one was tried twice and made analysis slower or
//! no faster.)

use compact_str::CompactString;
use rustc_hash::{FxBuildHasher, FxHashMap};
use std::cell::RefCell;
use std::collections::HashMap;

/// How many distinct words a thread's memo holds before starting over, by
/// default: about 3 MB a thread, for the many threads of a server (news
/// vocabulary is Zipfian, so hits stay high).
pub const DEFAULT_MEMO_WORDS: usize = 50_000;

/// The memo size for indexing, where two or so threads analyse every word
/// of every article: about 13 MB a thread, and corpus analysis 9 % faster
/// than with [`DEFAULT_MEMO_WORDS`], because the memo starts over less often.
pub const INDEXING_MEMO_WORDS: usize = 200_000;

/// Longest word or term the memo holds; longer ones are stemmed every time
/// (they are rare).
const PACKED_BYTES: usize = 24;

/// A non-empty word of at most [`PACKED_BYTES`] bytes, zero-padded into
/// three machine words, so that hashing and comparing it are a few register
/// operations. Analysis never produces a NUL byte, and words holding one
/// are not packed, so the padding cannot make two words equal.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct Packed([u64; 3]);

impl Packed {
    #[inline]
    fn new(word: &str) -> Option<Packed> {
        let bytes = word.as_bytes();
        if bytes.is_empty() || bytes.len() > PACKED_BYTES || bytes.contains(&0) {
            return None;
        }
        let mut padded = [0u8; PACKED_BYTES];
        padded[..bytes.len()].copy_from_slice(bytes);
        let lane = |n: usize| {
            let mut chunk = [0u8; 8];
            chunk.copy_from_slice(&padded[n * 8..n * 8 + 8]);
            u64::from_le_bytes(chunk)
        };
        Some(Packed([lane(0), lane(1), lane(2)]))
    }
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
    fn words_that_do_not_pack_are_stemmed_every_time() {
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
