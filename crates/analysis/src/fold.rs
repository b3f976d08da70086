//! Character folding: the normal form every term is compared in.
//!
//! Journalists type `Perancis`, `PERANCIS` or `Pérancis` and expect the same
//! hits, so every word is NFKC-normalised, lowercased and stripped of
//! diacritics before stemming, at index and at query time alike.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Folds `word` to its comparison form: NFKC, lowercase, no diacritics.
///
/// ASCII input (the vast majority of news text) takes a fast path that only
/// lowercases.
pub fn fold(word: &str) -> String {
    let mut folded = String::new();
    fold_into(word, &mut folded);
    folded
}

/// Folds `word` into `out` (replacing its contents), so that a caller
/// folding word after word reuses one buffer.
pub fn fold_into(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        out.push_str(word);
        out.make_ascii_lowercase();
        return;
    }
    let lowered: String = word.nfkc().flat_map(char::to_lowercase).collect();
    out.extend(
        lowered
            .nfd()
            .filter(|c| !is_combining_mark(*c))
            .map(fold_punctuation)
            .nfc(),
    );
}

/// Maps typographic variants that NFKC keeps distinct onto their plain form.
fn fold_punctuation(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{02BC}' | '\u{2032}' => '\'',
        '\u{2010}' | '\u{2011}' => '-',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn folds_case_and_diacritics() {
        assert_eq!(fold("Pérancis"), "perancis");
        assert_eq!(fold("CAFÉ"), "cafe");
        assert_eq!(fold("Durov"), "durov");
    }

    #[test]
    fn nfkc_compatibility_forms_fold() {
        assert_eq!(fold("ﬁle"), "file");
        assert_eq!(fold("Ｔｅｌｅｇｒａｍ"), "telegram");
    }
}
