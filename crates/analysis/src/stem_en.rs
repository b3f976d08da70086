//! English stemming: Snowball English (Porter2), possessives and the
//! irregular forms a reader expects to meet (`children` finds `child`).

use rust_stemmers::{Algorithm, Stemmer};
use std::collections::HashMap;
use std::sync::OnceLock;

/// Irregular forms whose regular stem would not meet the base form.
const IRREGULAR: &[(&str, &str)] = &[
    ("children", "child"),
    ("men", "man"),
    ("women", "woman"),
    ("people", "person"),
    ("mice", "mouse"),
    ("feet", "foot"),
    ("teeth", "tooth"),
    ("geese", "goose"),
    ("went", "go"),
    ("gone", "go"),
    ("was", "be"),
    ("were", "be"),
    ("been", "be"),
    ("am", "be"),
    ("is", "be"),
    ("are", "be"),
    ("had", "have"),
    ("has", "have"),
    ("did", "do"),
    ("done", "do"),
    ("does", "do"),
    ("said", "say"),
    ("says", "say"),
    ("made", "make"),
    ("took", "take"),
    ("taken", "take"),
    ("gave", "give"),
    ("given", "give"),
    ("came", "come"),
    ("saw", "see"),
    ("seen", "see"),
    ("knew", "know"),
    ("known", "know"),
    ("told", "tell"),
    ("found", "find"),
    ("thought", "think"),
    ("brought", "bring"),
    ("bought", "buy"),
    ("sold", "sell"),
    ("held", "hold"),
    ("left", "leave"),
    ("lost", "lose"),
    ("paid", "pay"),
    ("met", "meet"),
    ("ran", "run"),
    ("began", "begin"),
    ("begun", "begin"),
    ("wrote", "write"),
    ("written", "write"),
    ("spoke", "speak"),
    ("spoken", "speak"),
    ("chose", "choose"),
    ("chosen", "choose"),
    ("fell", "fall"),
    ("fallen", "fall"),
    ("rose", "rise"),
    ("risen", "rise"),
    ("grew", "grow"),
    ("grown", "grow"),
    ("drove", "drive"),
    ("driven", "drive"),
    ("fought", "fight"),
    ("caught", "catch"),
    ("taught", "teach"),
    ("sought", "seek"),
    ("struck", "strike"),
    ("shot", "shoot"),
    ("fled", "flee"),
    ("led", "lead"),
    ("kept", "keep"),
    ("slept", "sleep"),
    ("stood", "stand"),
    ("understood", "understand"),
    ("won", "win"),
    ("hit", "hit"),
    ("crises", "crisis"),
    ("analyses", "analysis"),
];

fn irregular() -> &'static HashMap<&'static str, &'static str> {
    static MAP: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    MAP.get_or_init(|| IRREGULAR.iter().copied().collect())
}

/// Porter2 stemmer with Warta's irregular-form table in front of it.
pub struct EnglishStemmer {
    snowball: Stemmer,
}

impl Default for EnglishStemmer {
    fn default() -> Self {
        Self::new()
    }
}

impl EnglishStemmer {
    /// Creates the stemmer (cheap; holds no data of its own).
    pub fn new() -> Self {
        EnglishStemmer {
            snowball: Stemmer::create(Algorithm::English),
        }
    }

    /// Stems a folded, apostrophe-free English word. Non-ASCII words are
    /// returned unchanged: Porter2's rules are for English letters only.
    pub fn stem(&self, word: &str) -> String {
        if !word.is_ascii() || !word.bytes().any(|b| b.is_ascii_alphabetic()) {
            return word.to_string();
        }
        if let Some(base) = irregular().get(word) {
            return self.snowball.stem(base).into_owned();
        }
        self.snowball.stem(word).into_owned()
    }
}

/// Removes an English possessive ending (`durov's`, `founders'`) from a folded word.
pub fn strip_possessive(word: &str) -> &str {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix('\''))
        .unwrap_or(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn porter2_and_irregulars() {
        let s = EnglishStemmer::new();
        assert_eq!(s.stem("communicating"), s.stem("communicate"));
        assert_eq!(s.stem("blocking"), "block");
        assert_eq!(s.stem("blocked"), "block");
        assert_eq!(s.stem("children"), s.stem("child"));
        assert_eq!(s.stem("went"), s.stem("go"));
    }

    #[test]
    fn possessives() {
        assert_eq!(strip_possessive("durov's"), "durov");
        assert_eq!(strip_possessive("founders'"), "founders");
        assert_eq!(strip_possessive("isis"), "isis");
    }
}
