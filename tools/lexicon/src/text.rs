//! Words as Warta sees them: folded surface forms, the stems Warta files
//! them under, stopwords, and multi-word phrases merged into one token.

use rustc_hash::FxHashSet;
use warta_analysis::fold::fold;
use warta_analysis::Analyzer;

/// One word (or merged phrase) of a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tok {
    /// The stem key: Warta's stem of each word, joined by single spaces.
    pub key: String,
    /// The folded surface form (words joined by single spaces).
    pub surface: String,
    /// Whether every word of it is a stopword of its language.
    pub stop: bool,
}

/// Warta's analyzer plus the stopword lists of the two languages.
pub struct Text {
    analyzer: Analyzer,
    en_stop: FxHashSet<String>,
    id_stop: FxHashSet<String>,
}

/// The two languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// English.
    En,
    /// Indonesian.
    Id,
}

/// Forms of the English auxiliaries and modals, kept as stopwords even
/// where FreeDict lists them as verbs (see [`english_stopwords`]).
const EN_AUXILIARIES: &[&str] = &[
    "be", "being", "been", "am", "is", "are", "was", "were", "have", "has", "had", "having", "do",
    "does", "did", "done", "doing", "dont", "can", "could", "may", "might", "must", "shall",
    "should", "will", "would", "get", "gets", "got", "lets", "mr", "mrs", "ms", "ok",
];

/// The English stopwords used for building and measuring: the broad ISO
/// list, minus the words whose stem is that of a FreeDict noun, verb,
/// adjective or numeral that FreeDict never lists as a function word
/// (adverb, preposition, conjunction, pronoun, determiner, …):
/// `information`, `world`, `year`, `fire`, `said` (`say`) are content words
/// in news. Plus the auxiliaries and modals.
pub fn english_stopwords(
    iso: &str,
    protected_stems: &FxHashSet<String>,
    stem: impl Fn(&str) -> String,
) -> FxHashSet<String> {
    let mut set: FxHashSet<String> = iso
        .lines()
        .map(|w| fold(w.trim()))
        .filter(|w| !w.is_empty() && !w.starts_with('#'))
        .filter(|w| !protected_stems.contains(&stem(w)))
        .collect();
    set.extend(EN_AUXILIARIES.iter().map(|w| w.to_string()));
    set
}

/// A one-word-a-line list, folded.
pub fn word_list(text: &str) -> FxHashSet<String> {
    text.lines()
        .map(|w| fold(w.trim()))
        .filter(|w| !w.is_empty() && !w.starts_with('#'))
        .collect()
}

impl Text {
    /// Warta's default analyzer with these stopword lists.
    pub fn new(en_stop: FxHashSet<String>, id_stop: FxHashSet<String>) -> Self {
        Text {
            analyzer: Analyzer::default(),
            en_stop,
            id_stop,
        }
    }

    /// The stem Warta files a folded word under.
    #[cfg(test)]
    pub fn stem(&self, folded: &str) -> String {
        self.analyzer.stem_word(folded)
    }

    /// Whether the folded word is a stopword of `lang`.
    pub fn is_stop(&self, lang: Lang, word: &str) -> bool {
        match lang {
            Lang::En => self.en_stop.contains(word),
            Lang::Id => self.id_stop.contains(word),
        }
    }

    /// The words of `text` that contain a letter and no digit (numbers,
    /// `16th`, `1990-an` are dropped), in order, with their stems.
    pub fn words(&self, lang: Lang, text: &str) -> Vec<Tok> {
        self.analyzer
            .query_terms(text)
            .into_iter()
            .filter(|t| {
                t.term.chars().any(char::is_alphabetic)
                    && !t.term.chars().any(|c| c.is_ascii_digit())
            })
            .map(|t| {
                let surface = if t.surface.is_empty() {
                    t.term.clone()
                } else {
                    t.surface
                };
                let stop = self.is_stop(lang, &surface);
                Tok {
                    key: t.term,
                    surface,
                    stop,
                }
            })
            .collect()
    }

    /// The stem key of a word or phrase: its words' stems joined by spaces;
    /// `None` when it has no word with a letter.
    pub fn key(&self, text: &str) -> Option<String> {
        let stems: Vec<String> = self
            .analyzer
            .query_terms(text)
            .into_iter()
            .filter(|t| t.term.chars().any(char::is_alphabetic))
            .map(|t| t.term)
            .collect();
        (!stems.is_empty()).then(|| stems.join(" "))
    }

    /// The key a loader computes: every query term's stem, space-joined,
    /// nothing filtered (for checking that [`Text::key`] agrees).
    pub fn loader_key(&self, text: &str) -> String {
        let terms: Vec<String> = self
            .analyzer
            .query_terms(text)
            .into_iter()
            .map(|t| t.term)
            .collect();
        terms.join(" ")
    }

    /// The words of `text` with known phrases merged (see [`merge_phrases`]).
    pub fn tokens(&self, lang: Lang, text: &str, phrases: &FxHashSet<String>) -> Vec<Tok> {
        merge_phrases(self.words(lang, text), phrases)
    }
}

/// Longest phrase, in words, that is merged into one token.
pub const MAX_PHRASE_WORDS: usize = 3;

/// Merges runs of tokens whose joined stem key is a known phrase into one
/// token, longest first, left to right (`gempa` `bumi` → `gempa bumi`).
pub fn merge_phrases(words: Vec<Tok>, phrases: &FxHashSet<String>) -> Vec<Tok> {
    if phrases.is_empty() {
        return words;
    }
    let mut out = Vec::with_capacity(words.len());
    let mut i = 0;
    'outer: while i < words.len() {
        for n in (2..=MAX_PHRASE_WORDS).rev() {
            if i + n > words.len() {
                continue;
            }
            let part = &words[i..i + n];
            let key = join(part.iter().map(|t| t.key.as_str()));
            if phrases.contains(&key) {
                out.push(Tok {
                    key,
                    surface: join(part.iter().map(|t| t.surface.as_str())),
                    stop: part.iter().all(|t| t.stop),
                });
                i += n;
                continue 'outer;
            }
        }
        out.push(words[i].clone());
        i += 1;
    }
    out
}

/// Every key a sentence offers as a translation target: each word's stem
/// and each run of 2–3 words whose joined key is a known phrase.
pub fn target_keys(words: &[Tok], phrases: &FxHashSet<String>) -> FxHashSet<String> {
    let mut keys: FxHashSet<String> = words.iter().map(|t| t.key.clone()).collect();
    for n in 2..=MAX_PHRASE_WORDS {
        for part in words.windows(n) {
            let key = join(part.iter().map(|t| t.key.as_str()));
            if phrases.contains(&key) {
                keys.insert(key);
            }
        }
    }
    keys
}

fn join<'a>(parts: impl Iterator<Item = &'a str>) -> String {
    let mut s = String::new();
    for (i, p) in parts.enumerate() {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(p);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text() -> Text {
        let en: FxHashSet<String> = ["the", "of"].iter().map(|s| s.to_string()).collect();
        let id: FxHashSet<String> = ["yang", "di"].iter().map(|s| s.to_string()).collect();
        Text::new(en, id)
    }

    #[test]
    fn keys_are_warta_stems() {
        let t = text();
        assert_eq!(t.key("Fires").as_deref(), Some("fire"));
        assert_eq!(t.key("kebakaran").as_deref(), Some("bakar"));
        assert_eq!(t.key("terbakar").as_deref(), Some("bakar"));
        assert_eq!(t.key("gempa bumi").as_deref(), Some("gempa bumi"));
        assert_eq!(t.key("2019"), None);
        assert!(t
            .words(Lang::En, "the 16th of 2019")
            .iter()
            .all(|w| w.key != "16th"));
    }

    #[test]
    fn phrases_merge_longest_first() {
        let t = text();
        let phrases: FxHashSet<String> = ["gempa bumi", "ibu kota"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let toks = t.tokens(Lang::Id, "Gempa bumi di ibu kota, gempa susulan", &phrases);
        let keys: Vec<&str> = toks.iter().map(|t| t.key.as_str()).collect();
        assert_eq!(keys, ["gempa bumi", "di", "ibu kota", "gempa", "susul"]);
        assert!(toks[1].stop);
        assert!(!toks[0].stop);
        assert_eq!(toks[2].surface, "ibu kota");
        let words = t.words(Lang::Id, "gempa bumi");
        let targets = target_keys(&words, &phrases);
        assert!(targets.contains("gempa") && targets.contains("gempa bumi"));
    }

    #[test]
    fn english_stopwords_keep_content_words() {
        let iso = "the\nworld\nwould\nof\nsaid\n";
        let t = text();
        let content: FxHashSet<String> = ["world", "say"].iter().map(|s| t.stem(s)).collect();
        let set = english_stopwords(iso, &content, |w| t.stem(w));
        assert!(set.contains("the") && set.contains("would") && set.contains("be"));
        assert!(!set.contains("world"));
        assert!(!set.contains("said"));
    }
}
