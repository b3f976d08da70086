//! FreeDict English–Indonesian (`dict_en_id_freedict.tsv`): parsing and the
//! junk rules.
//!
//! Each row is `en, pos, id, gloss_en`. `id` holds the translations of the
//! first sense, separated by `; `. The gloss holds the English definitions,
//! separated by ` | `; a segment `2. kebakaran, api` starts sense 2 and
//! lists its translations, separated by `, ` (sometimes with a stray
//! trailing `2.`). The order of senses and of translations within a sense
//! is kept: it is the prior of the weights.

use warta_analysis::fold::fold;

/// One dictionary row after parsing (nothing dropped yet).
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// 1-based line number in the file.
    pub line: usize,
    /// The English headword as written.
    pub en: String,
    /// Part of speech as written (`n`, `v`, `pn`, `prefix`, …).
    pub pos: String,
    /// Translations as written, by sense (sense 1 first).
    pub senses: Vec<Vec<String>>,
    /// The English gloss (definitions) without the numbered translation segments.
    pub gloss: String,
}

/// Parts of speech whose rows are dropped whole: affixes (`prefix`,
/// `suffix`), sentences (`proverb`, `phraseologicalUnit`) and interjections
/// (`attention → siap`, `bastard → bajingan`: not news vocabulary).
pub const DROPPED_POS: &[&str] = &[
    "prefix",
    "suffix",
    "proverb",
    "phraseologicalUnit",
    "interjection",
];

/// Parts of speech of function words: an English word FreeDict lists under
/// one of these stays a stopword even if it is also a noun or verb.
pub const FUNCTION_POS: [&str; 8] = [
    "adv",
    "preposition",
    "conjunction",
    "pronoun",
    "determiner",
    "particle",
    "article",
    "interjection",
];

/// Why a headword or a translation was dropped.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Junk {
    /// A part of speech in [`DROPPED_POS`].
    Pos,
    /// Contains a digit (`ke-10`, `10th`).
    Digit,
    /// An affix (`ato-`, `-an`).
    Affix,
    /// Sentence punctuation or wiki markup (`?`, `!`, `.`, `[[`, `/`, `…`).
    Punctuation,
    /// More than [`MAX_WORDS`] words.
    TooLong,
    /// Nothing left after cleaning.
    Empty,
    /// Both sides are stopwords (`with → dengan`).
    Stopwords,
}

impl Junk {
    /// A short name for reports.
    pub fn name(self) -> &'static str {
        match self {
            Junk::Pos => {
                "dropped part of speech (prefix, suffix, proverb, phraseologicalUnit, interjection)"
            }
            Junk::Digit => "contains a digit (ke-10, 1st)",
            Junk::Affix => "affix form (leading or trailing hyphen)",
            Junk::Punctuation => {
                "sentence punctuation, abbreviation dot or wiki markup (? ! . / [[ ]] ...)"
            }
            Junk::TooLong => "more than 3 words",
            Junk::Empty => "empty after cleaning",
            Junk::Stopwords => "stopword on both sides",
        }
    }
}

/// Longest headword or translation kept, in words.
pub const MAX_WORDS: usize = 3;

/// Parses the whole file (the first line is the header).
pub fn parse(text: &str) -> Vec<Row> {
    let mut rows = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if i == 0 && line.starts_with("en\t") {
            continue;
        }
        if line.trim().is_empty() {
            continue;
        }
        let mut f = line.split('\t');
        let en = f.next().unwrap_or("").trim().to_string();
        let pos = f.next().unwrap_or("").trim().to_string();
        let id = f.next().unwrap_or("");
        let gloss_field = f.next().unwrap_or("");
        let mut senses = vec![split_list(id, "; ")];
        let mut gloss = Vec::new();
        for segment in gloss_field.split(" | ") {
            match numbered_sense(segment) {
                Some(list) => senses.push(split_list(list, ", ")),
                None => gloss.push(segment.trim()),
            }
        }
        rows.push(Row {
            line: i + 1,
            en,
            pos,
            senses,
            gloss: gloss.join(" | "),
        });
    }
    rows
}

/// `2. kebakaran, api` → `Some("kebakaran, api")`; a stray trailing
/// sense number (`2. bagus, baik 2.`) is removed.
fn numbered_sense(segment: &str) -> Option<&str> {
    let s = segment.trim();
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || !s[digits..].starts_with(". ") {
        return None;
    }
    let mut rest = s[digits + 2..].trim();
    if let Some((head, tail)) = rest.rsplit_once(' ') {
        let t = tail.trim_end_matches('.');
        if tail.ends_with('.') && !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
            rest = head.trim();
        }
    }
    Some(rest)
}

fn split_list(list: &str, sep: &str) -> Vec<String> {
    list.split(sep)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// Cleans a headword or translation: removes parenthesised parts
/// (`(orang) brengsek` → `brengsek`), folds it (case, diacritics) and
/// normalises spaces; or says why it is junk.
pub fn clean(raw: &str) -> Result<String, Junk> {
    let mut s = String::with_capacity(raw.len());
    let mut depth = 0usize;
    for c in raw.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => s.push(c),
            _ => {}
        }
    }
    let folded = fold(&s);
    let words: Vec<&str> = folded.split_whitespace().collect();
    if words.is_empty() {
        return Err(Junk::Empty);
    }
    let joined = words.join(" ");
    if joined.chars().any(|c| c.is_ascii_digit()) {
        return Err(Junk::Digit);
    }
    if words.iter().any(|w| w.starts_with('-') || w.ends_with('-')) {
        return Err(Junk::Affix);
    }
    if !joined
        .chars()
        .all(|c| c.is_alphabetic() || c == ' ' || c == '-' || c == '\'')
    {
        return Err(Junk::Punctuation);
    }
    if words.len() > MAX_WORDS {
        return Err(Junk::TooLong);
    }
    Ok(joined)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "en\tpos\tid\tgloss_en\n\
10th\tadj\tke-10\tabbreviation of tenth\n\
corruption\tn\tkorupsi; penyuapan; rasuah\tseeking bribes | 2. korupsi | the act of impairing integrity\n\
fire\tn\tapi\toxidation reaction | 2. kebakaran, api | damaging occurrence of fire | 3. tembakan, api | in-flight bullets\n\
good\tadj\tbaik\tacceptable | 2. bagus, baik 2. | of high quality\n\
aback\tadv\tmundur\t\n";

    #[test]
    fn senses_come_from_the_id_column_and_numbered_gloss_segments() {
        let rows = parse(SAMPLE);
        assert_eq!(rows.len(), 5);
        assert_eq!(rows[0].line, 2);
        let c = &rows[1];
        assert_eq!(c.en, "corruption");
        assert_eq!(
            c.senses,
            vec![vec!["korupsi", "penyuapan", "rasuah"], vec!["korupsi"]]
        );
        assert_eq!(c.gloss, "seeking bribes | the act of impairing integrity");
        let fire = &rows[2];
        assert_eq!(
            fire.senses,
            vec![
                vec!["api"],
                vec!["kebakaran", "api"],
                vec!["tembakan", "api"]
            ]
        );
        assert_eq!(rows[3].senses[1], vec!["bagus", "baik"]);
        assert_eq!(rows[4].senses, vec![vec!["mundur"]]);
        assert_eq!(rows[4].gloss, "");
    }

    #[test]
    fn junk_rules() {
        assert_eq!(clean("ke-10"), Err(Junk::Digit));
        assert_eq!(clean("ato-"), Err(Junk::Affix));
        assert_eq!(clean("-an"), Err(Junk::Affix));
        assert_eq!(clean("apa kabar?"), Err(Junk::Punctuation));
        assert_eq!(clean("dkk."), Err(Junk::Punctuation));
        assert_eq!(clean("[[kemudi|mengemudi(kan)]]"), Err(Junk::Punctuation));
        assert_eq!(
            clean("berdasarkan eksperimen / percobaan"),
            Err(Junk::Punctuation)
        );
        assert_eq!(clean("di belakang setiap pria sukses"), Err(Junk::TooLong));
        assert_eq!(clean("()"), Err(Junk::Empty));
        assert_eq!(clean("(orang) brengsek").as_deref(), Ok("brengsek"));
        assert_eq!(clean("kependekan (dari)").as_deref(), Ok("kependekan"));
        assert_eq!(clean("Gempa  Bumi").as_deref(), Ok("gempa bumi"));
        assert_eq!(clean("Tionghoa").as_deref(), Ok("tionghoa"));
        assert_eq!(clean("hati-hati").as_deref(), Ok("hati-hati"));
        assert_eq!(clean("bon appétit").as_deref(), Ok("bon appetit"));
    }
}
