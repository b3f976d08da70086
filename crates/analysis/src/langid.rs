//! Language identification restricted to what Warta indexes: Indonesian,
//! English, or something else.
//!
//! Why not just whatlang? On news titles (5–12 words) and on Indonesian text
//! peppered with English brand names, general-purpose trigram models are
//! unreliable: they wander off to Tagalog, Malay-like languages or Latin
//! languages the index never sees. We therefore combine three signals:
//!
//! 1. **Script.** Text whose letters are mostly not Latin is [`Lang::Other`].
//! 2. **Function words.** Closed-class words (`yang`, `dan`, `di`, `untuk` …
//!    versus `the`, `and`, `of`, `to` …) are high-precision, present even in
//!    short texts, and unaffected by borrowed nouns ("Telegram", "chatting").
//! 3. **whatlang, restricted to Indonesian vs English**, used as a tie-breaker
//!    weighted by its confidence, and (unrestricted) to recognise clearly
//!    foreign Latin-script text that has no Indonesian/English function words.

use std::collections::HashSet;
use std::sync::OnceLock;

/// The languages Warta distinguishes. Everything that is neither Indonesian
/// nor English (other languages, non-Latin scripts, empty or symbol-only
/// text) collapses into `Other`, because the analyzer has no special
/// treatment for it.
///
/// This is the one language type of the whole project: the query parser
/// (`lang:inggris`), requests, HTTP parameters, the CLI and the page all
/// read a language through [`Lang::from_str`](std::str::FromStr), so an
/// alias accepted in one place is accepted everywhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    /// Indonesian (Bahasa Indonesia; Malay-like text is treated as Indonesian).
    Id,
    /// English.
    En,
    /// Anything else, or unknown.
    Other,
}

/// The names each language is known by, in English and Indonesian, besides
/// its code: what a user may type after `lang:` or in `lang=`.
const LANG_ALIASES: &[(&str, Lang)] = &[
    ("id", Lang::Id),
    ("ind", Lang::Id),
    ("indonesian", Lang::Id),
    ("indonesia", Lang::Id),
    ("bahasa", Lang::Id),
    ("en", Lang::En),
    ("eng", Lang::En),
    ("english", Lang::En),
    ("inggris", Lang::En),
    ("other", Lang::Other),
    ("lain", Lang::Other),
];

/// A language name that is none of [`Lang`]'s codes or aliases.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a language is id, en or other (or indonesian, english, inggris…), not {0:?}")]
pub struct UnknownLang(pub String);

impl Lang {
    /// Every language, in a fixed order (for choices on a page).
    pub const ALL: [Lang; 3] = [Lang::Id, Lang::En, Lang::Other];

    /// Short code stored in the index and used in URLs/JSON: `"id"`, `"en"`
    /// or `"other"`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Id => "id",
            Lang::En => "en",
            Lang::Other => "other",
        }
    }

    /// Parses a language code or alias (case-insensitive, surrounding
    /// whitespace ignored); `None` for anything else.
    pub fn from_code(s: &str) -> Option<Lang> {
        let wanted = s.trim().to_lowercase();
        LANG_ALIASES
            .iter()
            .find(|(alias, _)| *alias == wanted)
            .map(|(_, lang)| *lang)
    }

    /// The other of Indonesian and English (`Other` has none).
    pub fn counterpart(self) -> Option<Lang> {
        match self {
            Lang::Id => Some(Lang::En),
            Lang::En => Some(Lang::Id),
            Lang::Other => None,
        }
    }
}

impl std::str::FromStr for Lang {
    type Err = UnknownLang;

    fn from_str(s: &str) -> Result<Lang, UnknownLang> {
        Lang::from_code(s).ok_or_else(|| UnknownLang(s.to_string()))
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

impl serde::Serialize for Lang {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

impl<'de> serde::Deserialize<'de> for Lang {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Lang, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// The word lists below are data, kept in `data/langid_*.txt` (one folded
/// word a line, `#` comments).
const ID_FUNCTION: &str = include_str!("../data/langid_id_function.txt");
const EN_FUNCTION: &str = include_str!("../data/langid_en_function.txt");
const ID_EXTRA_WORDS: &str = include_str!("../data/langid_id_words.txt");
const EN_EXTRA_WORDS: &str = include_str!("../data/langid_en_words.txt");

/// The words of a word-list file.
fn list(file: &'static str) -> impl Iterator<Item = &'static str> {
    file.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
}

struct Lexicon {
    id_fn: HashSet<&'static str>,
    en_fn: HashSet<&'static str>,
    id_words: HashSet<&'static str>,
    en_words: HashSet<&'static str>,
}

fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| {
        let id_fn: HashSet<_> = list(ID_FUNCTION).collect();
        let en_fn: HashSet<_> = list(EN_FUNCTION).collect();
        let id_words = list(ID_EXTRA_WORDS).chain(id_fn.iter().copied()).collect();
        let en_words = list(EN_EXTRA_WORDS).chain(en_fn.iter().copied()).collect();
        Lexicon {
            id_fn,
            en_fn,
            id_words,
            en_words,
        }
    })
}

/// Whether the folded `word` is a closed-class word of Indonesian or
/// English (`yang`, `untuk`, `the`, `while`): a word that says how a
/// sentence is built, not what it is about, so it is never translated.
pub fn is_function_word(word: &str) -> bool {
    let lex = lexicon();
    lex.id_fn.contains(word) || lex.en_fn.contains(word)
}

fn pair_detector() -> &'static whatlang::Detector {
    static DET: OnceLock<whatlang::Detector> = OnceLock::new();
    DET.get_or_init(|| {
        whatlang::Detector::with_allowlist(vec![whatlang::Lang::Ind, whatlang::Lang::Eng])
    })
}

/// Splits into lowercase word tokens (letters, digits, apostrophes inside words).
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .map(|w| {
            w.trim_matches(|c| c == '\'' || c == '’')
                .replace('’', "'")
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
}

/// Share of alphabetic characters that are Latin (ASCII letters or Latin
/// Extended ranges). `None` when the text has no letters at all.
fn latin_share(text: &str) -> Option<f64> {
    let (mut latin, mut total) = (0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        total += 1;
        if c.is_ascii_alphabetic()
            || ('\u{00C0}'..='\u{024F}').contains(&c)
            || ('\u{1E00}'..='\u{1EFF}').contains(&c)
        {
            latin += 1;
        }
    }
    (total > 0).then(|| latin as f64 / total as f64)
}

/// Detects the language of a text (a title, a body, a query).
///
/// Exists because the indexer stores a language per article and the search
/// side filters and boosts by it; it must be right on 5-word titles and on
/// Indonesian text full of English loanwords. Non-Latin scripts and texts
/// without letters give [`Lang::Other`].
pub fn detect(text: &str) -> Lang {
    // Bound the work on very long documents: the first ~4000 characters decide.
    let text = match text.char_indices().nth(4000) {
        Some((i, _)) => &text[..i],
        None => text,
    };
    match latin_share(text) {
        None => return Lang::Other,
        Some(s) if s < 0.5 => return Lang::Other,
        _ => {}
    }
    let lex = lexicon();
    let (mut id_hits, mut en_hits, mut n_words) = (0usize, 0usize, 0usize);
    for w in words(text) {
        if w.chars().all(|c| c.is_numeric()) {
            continue;
        }
        n_words += 1;
        if lex.id_fn.contains(w.as_str()) {
            id_hits += 1;
        } else if lex.en_fn.contains(w.as_str()) {
            en_hits += 1;
        } else if w.len() > 4 && w.ends_with("nya") {
            // Indonesian enclitic -nya: strong evidence.
            id_hits += 1;
        }
    }
    if n_words == 0 {
        return Lang::Other;
    }
    let (id_f, en_f) = (id_hits as f64, en_hits as f64);
    let total = id_f + en_f;
    // Clear function-word evidence wins outright.
    if total >= 2.0 && (id_f >= 2.0 * en_f.max(0.5) || en_f >= 2.0 * id_f.max(0.5)) {
        return if id_f > en_f { Lang::Id } else { Lang::En };
    }
    // Text with no Indonesian/English evidence at all that whatlang confidently
    // places in another Latin-script language is Other (e.g. German, French).
    if total == 0.0 && n_words >= 6 {
        if let Some(info) = whatlang::detect(text) {
            let l = info.lang();
            let near = matches!(
                l,
                whatlang::Lang::Eng
                    | whatlang::Lang::Ind
                    | whatlang::Lang::Tgl
                    | whatlang::Lang::Jav
            );
            if !near && info.is_reliable() && info.confidence() > 0.9 {
                return Lang::Other;
            }
        }
    }
    // Otherwise let the restricted trigram model vote, weighted by confidence.
    let mut score = id_f - en_f; // > 0 means Indonesian
    if let Some(info) = pair_detector().detect(text) {
        let weight = 0.5 + 1.5 * info.confidence();
        match info.lang() {
            whatlang::Lang::Ind => score += weight,
            _ => score -= weight,
        }
    }
    if score > 0.0 {
        Lang::Id
    } else if score < 0.0 {
        Lang::En
    } else {
        // A dead heat: look at morphology of the words themselves.
        let mut s = 0i32;
        for w in words(text) {
            match detect_word(&w) {
                Lang::Id => s += 1,
                Lang::En => s -= 1,
                Lang::Other => {}
            }
        }
        if s >= 0 {
            Lang::Id
        } else {
            Lang::En
        }
    }
}

/// Guesses the language of one token of code-mixed text.
///
/// Exists for per-word decisions (evaluation on code-mixed tweets; the
/// analyzer may use it to pick a stemmer). Returns [`Lang::Other`] for
/// tokens that carry no language (numbers, punctuation, mentions, URLs,
/// hashtags, emoji) and for non-Latin words.
pub fn detect_word(word: &str) -> Lang {
    let w = word.trim();
    if w.is_empty()
        || w.starts_with('@')
        || w.starts_with('#')
        || w.contains("://")
        || w.starts_with("www.")
    {
        return Lang::Other;
    }
    if !w.chars().any(|c| c.is_alphabetic()) {
        return Lang::Other;
    }
    match latin_share(w) {
        Some(s) if s >= 0.5 => {}
        _ => return Lang::Other,
    }
    let lw: String = w.to_lowercase().replace('’', "'");
    let lw = lw.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'');
    let lex = lexicon();
    // Reduplication "anak-anak", "kupu-kupu": Indonesian.
    if let Some((a, b)) = lw.split_once('-') {
        if a == b || (b.len() > 2 && a.ends_with(b)) {
            return Lang::Id;
        }
    }
    let in_id = lex.id_words.contains(lw);
    let in_en = lex.en_words.contains(lw);
    match (in_id, in_en) {
        (true, false) => return Lang::Id,
        (false, true) => return Lang::En,
        (true, true) => {
            return if lex.en_fn.contains(lw) {
                Lang::En
            } else {
                Lang::Id
            };
        }
        _ => {}
    }
    // Letters Indonesian orthography does not use natively.
    if lw.contains(['q', 'x', 'z'])
        || lw.contains("th")
        || lw.contains("ph")
        || lw.contains("sh")
        || lw.contains("ee")
        || lw.contains("oo")
        || lw.contains("ck")
        || lw.contains("w") && lw.ends_with('w')
    {
        return Lang::En;
    }
    if lw.contains('\'') {
        return Lang::En;
    }
    // Morphology.
    const ID_SUFFIXES: &[&str] = &["nya", "kan", "lah", "kah", "annya", "an", "in"];
    const ID_PREFIXES: &[&str] = &[
        "meng", "meny", "mem", "men", "ber", "ter", "per", "peng", "peny", "pem", "pen", "di",
        "ke", "se", "nge", "ng",
    ];
    const EN_SUFFIXES: &[&str] = &[
        "ing", "tion", "sion", "ness", "ment", "ly", "ed", "ful", "less", "ous", "ive", "able",
        "ible", "ity", "er", "est", "ies", "ism", "ist", "ize",
    ];
    let len = lw.chars().count();
    if len >= 5 {
        if EN_SUFFIXES
            .iter()
            .any(|s| lw.ends_with(s) && lw.len() > s.len() + 2)
        {
            // "-ing"/"-er" etc. are not Indonesian endings, except after
            // prefixes like peng-/meng- handled below.
            if !(lw.starts_with("meng") || lw.starts_with("peng") || lw.starts_with("ber")) {
                return Lang::En;
            }
        }
        if ID_SUFFIXES[..4].iter().any(|s| lw.ends_with(s)) {
            return Lang::Id;
        }
        if ID_PREFIXES[..9].iter().any(|p| lw.starts_with(p)) {
            return Lang::Id;
        }
    }
    // Fall back to the restricted trigram model; short tokens default to
    // Indonesian, the majority language of the collection.
    match pair_detector().detect(lw) {
        Some(info) if info.lang() == whatlang::Lang::Eng && info.confidence() > 0.2 => Lang::En,
        Some(_) => Lang::Id,
        None => Lang::Other,
    }
}
