//! Writing (and reading back) `en_id.tsv`, and its README.

use crate::lexicon::{evidence, LexRow};

/// The build command, as documented in the outputs.
pub const BUILD_COMMAND: &str =
    "cargo run --release --manifest-path tools/lexicon/Cargo.toml -- build --eval-data ../shared/eval-data --out crates/search/data/lexicon";

/// The `#` lines at the top of `en_id.tsv`.
pub fn header() -> String {
    [
        "# Warta English-Indonesian query-translation lexicon: one translation pair per row.",
        "# Columns: en<TAB>id<TAB>w_en_id<TAB>w_id_en<TAB>evidence. en and id are folded surface forms (words or phrases);",
        "# w_en_id ~ P(id|en) and w_id_en ~ P(en|id), estimated with IBM Model 1 on PUD under a FreeDict sense-order prior.",
        "# Key rows by Warta's stems (Analyzer::query_terms of each column): each (en stem, id stem) pair occurs once and the",
        "# weights of the rows of one stem sum to at most 1. evidence: dict, supplement, cognate, pud (joined by +).",
        "# Rows are sorted by English stem, then w_en_id (highest first), then id.",
        "# Sources: FreeDict English-Indonesian 2022.11.18 (FreeDict + WikDict, from Wiktionary), CC BY-SA 3.0;",
        "# UD English-PUD / Indonesian-PUD parallel sentences, CC BY-SA 3.0; Sastrawi root words, MIT;",
        "# tools/lexicon/supplement.tsv (Warta's own). This file is CC BY-SA 3.0 (derived from FreeDict and PUD): see README.md.",
        "# Built by (from the repository root):",
    ]
    .iter()
    .map(|l| format!("{l}\n"))
    .collect::<String>()
        + &format!("#   {BUILD_COMMAND}\n")
}

/// A weight as written: at most 3 decimals, without trailing zeros
/// (`1`, `0.5`, `0.094`).
pub fn weight(w: f64) -> String {
    let s = format!("{w:.3}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s.is_empty() {
        "0".to_string()
    } else {
        s.to_string()
    }
}

/// The whole `en_id.tsv`.
pub fn tsv(rows: &[LexRow]) -> String {
    let mut s = header();
    for r in rows {
        s.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\n",
            r.en,
            r.id,
            weight(r.w_en_id),
            weight(r.w_id_en),
            evidence(r.flags)
        ));
    }
    s
}

/// A row as read back from the file.
#[derive(Clone, Debug, PartialEq)]
pub struct FileRow {
    /// English surface.
    pub en: String,
    /// Indonesian surface.
    pub id: String,
    /// P(id|en).
    pub w_en_id: f64,
    /// P(en|id).
    pub w_id_en: f64,
    /// The evidence column.
    pub evidence: String,
}

/// Parses `en_id.tsv` (what a loader does): `#` lines skipped, five
/// tab-separated fields per row.
pub fn parse_tsv(text: &str) -> Result<Vec<FileRow>, String> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() != 5 {
            return Err(format!("line {}: {} fields, expected 5", i + 1, f.len()));
        }
        let num = |s: &str| {
            s.parse::<f64>()
                .map_err(|e| format!("line {}: bad weight {s:?}: {e}", i + 1))
        };
        out.push(FileRow {
            en: f[0].to_string(),
            id: f[1].to_string(),
            w_en_id: num(f[2])?,
            w_id_en: num(f[3])?,
            evidence: f[4].to_string(),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::{DICT, PUD_SUPPORT};

    #[test]
    fn round_trip() {
        let rows = vec![LexRow {
            en: "earthquake".into(),
            id: "gempa bumi".into(),
            en_key: "earthquak".into(),
            id_key: "gempa bumi".into(),
            w_en_id: 0.61234,
            w_id_en: 1.0,
            flags: DICT | PUD_SUPPORT,
            prior_en_id: 0.5,
            prior_id_en: 1.0,
        }];
        let text = tsv(&rows);
        assert!(text.starts_with("# "));
        let back = parse_tsv(&text).unwrap();
        assert_eq!(
            back,
            vec![FileRow {
                en: "earthquake".into(),
                id: "gempa bumi".into(),
                w_en_id: 0.612,
                w_id_en: 1.0,
                evidence: "dict+pud".into(),
            }]
        );
        assert!(parse_tsv("a\tb\t0.1\n").is_err());
        assert_eq!(weight(1.0), "1");
        assert_eq!(weight(0.5), "0.5");
        assert_eq!(weight(0.094), "0.094");
        assert_eq!(weight(0.0), "0");
    }
}
