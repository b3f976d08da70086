//! Stopwords for both languages, applied at query time only.
//!
//! The index keeps every word with its position so that phrase queries such
//! as `"yang kurang dikenal"` or `"the app"` still match exactly; the query
//! planner drops stopwords from bag-of-words clauses, where they only add
//! noise to ranking and cost to execution.
//!
//! Indonesian: the Tala (2003) list used by Lucene's Indonesian analyzer
//! (Apache-2.0, `data/stopwords_id.txt`). English: Lucene's default English
//! stop set, short on purpose because broad lists remove content words.

use std::collections::HashSet;
use std::sync::OnceLock;

const INDONESIAN: &str = include_str!("../data/stopwords_id.txt");

const ENGLISH: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it",
    "no", "not", "of", "on", "or", "such", "that", "the", "their", "then", "there", "these",
    "they", "this", "to", "was", "will", "with",
];

fn set() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        INDONESIAN
            .lines()
            .map(str::trim)
            .filter(|w| !w.is_empty() && !w.starts_with('#'))
            .chain(ENGLISH.iter().copied())
            .collect()
    })
}

/// True when the folded surface word `word` is a stopword in either language.
pub fn is_stopword(word: &str) -> bool {
    set().contains(word)
}

#[cfg(test)]
mod tests {
    use super::is_stopword;

    #[test]
    fn both_languages() {
        assert!(is_stopword("yang"));
        assert!(is_stopword("the"));
        assert!(!is_stopword("telegram"));
        assert!(!is_stopword("komunikasi"));
    }
}
