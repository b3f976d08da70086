//! The bilingual lexicon: English ↔ Indonesian translations with a weight
//! for each, keyed on Warta's own stems so that `fires`/`fire` and
//! `kebakaran`/`terbakar` meet.
//!
//! The shipped lexicon (`data/lexicon/en_id.tsv`, CC BY-SA 3.0, built by
//! `tools/lexicon` from FreeDict and PUD) is compiled in; a newsroom may
//! add rows of its own in the same format. Each row is
//! `en<TAB>id<TAB>w_en_id<TAB>w_id_en<TAB>evidence`, `#` lines are
//! comments; either side may be a phrase (`gempa bumi`).

use rustc_hash::FxHashMap;
use std::path::Path;
use warta_analysis::langid::Lang;
use warta_analysis::Analyzer;

/// The lexicon that ships with Warta.
const SHIPPED: &str = include_str!("../../data/lexicon/en_id.tsv");

/// Most translations a word keeps, best first (bounds the query's growth).
pub const MAX_TRANSLATIONS: usize = 2;

/// A line of a lexicon file that cannot be read.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LexiconError {
    /// A row is malformed; `line` counts from 1.
    #[error("{source_name}, line {line}: {message}")]
    Malformed {
        /// Which file.
        source_name: String,
        /// Which line.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// The file cannot be read.
    #[error("reading the lexicon {path}: {message}")]
    Io {
        /// The file.
        path: String,
        /// Why.
        message: String,
    },
}

/// One rendering of a word in the other language.
#[derive(Debug, Clone, PartialEq)]
pub struct Translation {
    /// The rendering as the lexicon writes it (folded; a word or a phrase).
    pub text: String,
    /// How likely this rendering is among the word's, from 0 to 1.
    pub weight: f32,
}

impl Translation {
    /// Whether the rendering is several words (matched as a phrase).
    pub fn is_phrase(&self) -> bool {
        self.text.contains(' ')
    }
}

/// Translations in both directions, keyed on stems.
#[derive(Debug, Default)]
pub struct Lexicon {
    /// English stems (space-joined for phrases) → Indonesian renderings.
    en_to_id: FxHashMap<String, Vec<Translation>>,
    /// Indonesian stems → English renderings.
    id_to_en: FxHashMap<String, Vec<Translation>>,
    /// English stems rendered by a word spelled alike (`jakarta`, `asia`),
    /// with that rendering's weight.
    alike_en: FxHashMap<String, f32>,
    /// Indonesian stems rendered by a word spelled alike.
    alike_id: FxHashMap<String, f32>,
}

impl Lexicon {
    /// The lexicon that ships with Warta, keyed with `analyzer`'s stems.
    pub fn shipped(analyzer: &Analyzer) -> Lexicon {
        let mut lexicon = Lexicon::default();
        // The shipped file is checked by a unit test; it always reads.
        if let Err(err) = lexicon.add_rows(SHIPPED, "the shipped lexicon", analyzer) {
            tracing::error!("{err}");
        }
        lexicon.normalise();
        lexicon
    }

    /// The shipped lexicon with the rows of `path` added.
    pub fn with_file(analyzer: &Analyzer, path: &Path) -> Result<Lexicon, LexiconError> {
        let text = std::fs::read_to_string(path).map_err(|err| LexiconError::Io {
            path: path.display().to_string(),
            message: err.to_string(),
        })?;
        let mut lexicon = Lexicon::default();
        lexicon.add_rows(SHIPPED, "the shipped lexicon", analyzer)?;
        lexicon.add_rows(&text, &path.display().to_string(), analyzer)?;
        lexicon.normalise();
        Ok(lexicon)
    }

    /// A lexicon of `text`'s rows alone (tests, fuzzing).
    pub fn parse(text: &str, analyzer: &Analyzer) -> Result<Lexicon, LexiconError> {
        let mut lexicon = Lexicon::default();
        lexicon.add_rows(text, "lexicon", analyzer)?;
        lexicon.normalise();
        Ok(lexicon)
    }

    /// The key a text is looked up by: its terms' stems, space-joined.
    pub fn key(analyzer: &Analyzer, text: &str) -> String {
        let terms = analyzer.query_terms(text);
        let mut key = String::new();
        for term in terms {
            if !key.is_empty() {
                key.push(' ');
            }
            key.push_str(&term.term);
        }
        key
    }

    fn add_rows(
        &mut self,
        text: &str,
        source_name: &str,
        analyzer: &Analyzer,
    ) -> Result<(), LexiconError> {
        for (n, raw) in text.lines().enumerate() {
            let line = raw.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let bad = |message: String| LexiconError::Malformed {
                source_name: source_name.to_string(),
                line: n + 1,
                message,
            };
            let fields: Vec<&str> = line.split('\t').collect();
            if fields.len() != 5 {
                return Err(bad(format!(
                    "a row has 5 tab-separated fields (en, id, w_en_id, w_id_en, evidence), not {}",
                    fields.len()
                )));
            }
            let weight = |text: &str, name: &str| -> Result<f32, LexiconError> {
                text.trim()
                    .parse::<f32>()
                    .ok()
                    .filter(|w| (0.0..=1.0).contains(w))
                    .ok_or_else(|| {
                        bad(format!("{name} must be a number from 0 to 1, not {text:?}"))
                    })
            };
            let (en, id) = (fields[0].trim(), fields[1].trim());
            let w_en_id = weight(fields[2], "w_en_id")?;
            let w_id_en = weight(fields[3], "w_id_en")?;
            let en_key = Lexicon::key(analyzer, en);
            let id_key = Lexicon::key(analyzer, id);
            if en_key.is_empty() || id_key.is_empty() {
                return Err(bad("both sides need a word".to_string()));
            }
            if en_key == id_key {
                // Spelled alike in both languages: the word finds itself.
                let en = self.alike_en.entry(en_key).or_default();
                *en = en.max(w_en_id);
                let id = self.alike_id.entry(id_key).or_default();
                *id = id.max(w_id_en);
                continue;
            }
            let folded = |text: &str| warta_analysis::fold::fold(text);
            push(&mut self.en_to_id, en_key, folded(id), w_en_id);
            push(&mut self.id_to_en, id_key, folded(en), w_id_en);
        }
        Ok(())
    }

    /// Merges the renderings each stem collected (several surface forms
    /// share a stem), best first, weights summing to at most 1 with the
    /// weight of the word spelled alike.
    fn normalise(&mut self) {
        let sides = [
            (&mut self.en_to_id, &mut self.alike_en),
            (&mut self.id_to_en, &mut self.alike_id),
        ];
        for (table, alike) in sides {
            for (key, renderings) in table.iter_mut() {
                let same = alike.get(key).copied().unwrap_or(0.0);
                let total: f32 = same + renderings.iter().map(|t| t.weight).sum::<f32>();
                if total > 1.0 {
                    for t in renderings.iter_mut() {
                        t.weight /= total;
                    }
                    if let Some(same) = alike.get_mut(key) {
                        *same /= total;
                    }
                }
                renderings.sort_by(|a, b| b.weight.total_cmp(&a.weight).then(a.text.cmp(&b.text)));
            }
        }
    }

    /// The renderings in `to` of the word or phrase with stem key `key`
    /// (see [`Lexicon::key`]), best first.
    pub fn translations(&self, key: &str, to: Lang) -> &[Translation] {
        let table = match to {
            Lang::Id => &self.en_to_id,
            Lang::En => &self.id_to_en,
            Lang::Other => return &[],
        };
        table.get(key).map_or(&[], Vec::as_slice)
    }

    /// How likely the word with stem key `key`, read as `from`, is
    /// rendered by itself in the other language (0 when it is not).
    pub fn alike(&self, key: &str, from: Lang) -> f32 {
        let alike = match from {
            Lang::En => &self.alike_en,
            Lang::Id => &self.alike_id,
            Lang::Other => return 0.0,
        };
        alike.get(key).copied().unwrap_or(0.0)
    }

    /// Whether the lexicon knows `key` as a word of `lang`.
    pub fn knows(&self, key: &str, lang: Lang) -> bool {
        match lang {
            Lang::En => self.en_to_id.contains_key(key),
            Lang::Id => self.id_to_en.contains_key(key),
            Lang::Other => false,
        }
    }

    /// Entries in each direction (English keys, Indonesian keys).
    pub fn len(&self) -> (usize, usize) {
        (self.en_to_id.len(), self.id_to_en.len())
    }

    /// Whether the lexicon has no entry.
    pub fn is_empty(&self) -> bool {
        self.en_to_id.is_empty() && self.id_to_en.is_empty()
    }
}

/// Adds `text` with `weight` under `key`, keeping the best weight of a
/// rendering seen twice.
fn push(table: &mut FxHashMap<String, Vec<Translation>>, key: String, text: String, weight: f32) {
    if weight <= 0.0 {
        return;
    }
    let renderings = table.entry(key).or_default();
    match renderings.iter_mut().find(|t| t.text == text) {
        Some(known) => known.weight = known.weight.max(weight),
        None => renderings.push(Translation { text, weight }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_lexicon_reads_and_knows_news_words() {
        let analyzer = Analyzer::default();
        let mut lexicon = Lexicon::default();
        lexicon
            .add_rows(SHIPPED, "shipped", &analyzer)
            .expect("the shipped lexicon reads");
        lexicon.normalise();
        let (en, id) = lexicon.len();
        assert!(en > 1_000 && id > 1_000, "{en} and {id} entries");
        let flood = lexicon.translations(&Lexicon::key(&analyzer, "floods"), Lang::Id);
        assert!(flood.iter().any(|t| t.text == "banjir"), "{flood:?}");
        let banjir = lexicon.translations(&Lexicon::key(&analyzer, "kebanjiran"), Lang::En);
        assert!(banjir.iter().any(|t| t.text == "flood"), "{banjir:?}");
    }

    #[test]
    fn rows_key_on_stems_merge_and_normalise() {
        let analyzer = Analyzer::default();
        let text = "# comment\nfire\tkebakaran\t0.6\t0.9\tdict\nfires\tkebakaran\t0.7\t0.9\tdict\nfire\tapi\t0.5\t0.8\tdict\nearthquake\tgempa bumi\t0.8\t1\tdict\n";
        let lexicon = Lexicon::parse(text, &analyzer).expect("reads");
        let fire = lexicon.translations(&Lexicon::key(&analyzer, "firing"), Lang::Id);
        assert_eq!(fire.len(), 2);
        assert_eq!(fire[0].text, "kebakaran");
        let total: f32 = fire.iter().map(|t| t.weight).sum();
        assert!(total <= 1.0 + 1e-6, "{total}");
        let quake = lexicon.translations(&Lexicon::key(&analyzer, "earthquake"), Lang::Id);
        assert!(quake[0].is_phrase());
        let back = lexicon.translations(&Lexicon::key(&analyzer, "gempa bumi"), Lang::En);
        assert_eq!(back[0].text, "earthquake");
        assert!(lexicon.knows(&Lexicon::key(&analyzer, "terbakar"), Lang::Id));
    }

    #[test]
    fn bad_rows_name_their_line() {
        let analyzer = Analyzer::default();
        let cases = [
            ("fire\tapi\t0.5\tdict\n", "5 tab-separated"),
            ("fire\tapi\tlots\t0.5\tdict\n", "w_en_id"),
            ("fire\tapi\t0.5\t1.5\tdict\n", "w_id_en"),
            ("\t\t0.5\t0.5\tdict\n", "both sides"),
        ];
        for (text, needle) in cases {
            let text = format!("# header\n{text}");
            match Lexicon::parse(&text, &analyzer) {
                Err(LexiconError::Malformed { line, message, .. }) => {
                    assert_eq!(line, 2, "{text}");
                    assert!(message.contains(needle), "{message}");
                }
                other => panic!("{text}: expected an error, got {other:?}"),
            }
        }
        assert!(Lexicon::parse("", &analyzer).is_ok_and(|l| l.is_empty()));
    }
}
