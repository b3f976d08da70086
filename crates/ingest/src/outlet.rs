//! Outlets by name: one key per outlet, however a source writes it, and a
//! readable name for each (`data/outlets.tsv`, plus a rule for the rest).
//!
//! `tribunnews.com`, `www.tribunnews.com` and `Tribunnews` are one outlet,
//! filed under the key `tribunnews` and shown as "Tribunnews"; a search's
//! `source:` and `source=` read the same way, so any of the three finds it.

use std::collections::HashMap;
use std::sync::OnceLock;

/// The names table, compiled in.
const NAMES: &str = include_str!("../data/outlets.tsv");

/// Domain endings dropped from a key, longest first.
const ENDINGS: &[&str] = &[
    ".co.id", ".go.id", ".or.id", ".ac.id", ".web.id", ".my.id", ".co.uk", ".com", ".net", ".org",
    ".id", ".co", ".tv", ".news", ".info", ".asia",
];

fn names() -> &'static HashMap<String, String> {
    static NAMES_BY_KEY: OnceLock<HashMap<String, String>> = OnceLock::new();
    NAMES_BY_KEY.get_or_init(|| {
        NAMES
            .lines()
            .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
            .filter_map(|line| {
                let (key, name) = line.split_once('\t')?;
                Some((key.trim().to_string(), name.trim().to_string()))
            })
            .collect()
    })
}

/// A source without its scheme, `www.` and domain ending (lowercased).
fn bare(source: &str) -> String {
    let mut text = source.trim().to_lowercase();
    for scheme in ["https://", "http://"] {
        if let Some(rest) = text.strip_prefix(scheme) {
            text = rest.to_string();
        }
    }
    if let Some((host, _)) = text.split_once('/') {
        text = host.to_string();
    }
    if let Some(rest) = text.strip_prefix("www.") {
        text = rest.to_string();
    }
    if let Some(ending) = ENDINGS
        .iter()
        .find(|e| text.ends_with(*e) && text.len() > e.len())
    {
        text.truncate(text.len() - ending.len());
    }
    text
}

/// The key an outlet is filed and searched under; empty for a source of
/// no letters or digits.
pub fn outlet_key(source: &str) -> String {
    bare(source)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// The name the table gives the outlet filed under `key`, if it lists it.
pub fn listed_name(key: &str) -> Option<&'static str> {
    names().get(key).map(String::as_str)
}

/// The name an outlet is shown by: the table's, else the source as
/// written without its domain ending, first letter capitalised.
pub fn outlet_name(source: &str) -> String {
    if let Some(name) = names().get(&outlet_key(source)) {
        return name.clone();
    }
    let shown = bare(source);
    let mut chars = shown.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => source.trim().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_key_however_a_source_writes_the_outlet() {
        for source in [
            "tribunnews.com",
            "https://www.tribunnews.com/",
            "Tribunnews",
            " TRIBUNNEWS ",
        ] {
            assert_eq!(outlet_key(source), "tribunnews", "{source}");
        }
        assert_eq!(outlet_key("cnn indonesia"), "cnnindonesia");
        assert_eq!(outlet_key("cnnindonesia.com"), "cnnindonesia");
        assert_eq!(outlet_key("posmetro-medan"), "posmetromedan");
        assert_eq!(outlet_key("bisnis.com"), "bisnis");
        assert_eq!(outlet_key("!!!"), "");
    }

    #[test]
    fn names_from_the_table_or_the_rule() {
        assert_eq!(outlet_name("tribunnews.com"), "Tribunnews");
        assert_eq!(outlet_name("cnn indonesia"), "CNN Indonesia");
        assert_eq!(outlet_name("sindonews.com"), "SINDOnews");
        assert_eq!(outlet_name("warta-kota.co.id"), "Warta-kota");
        assert_eq!(outlet_name("evil.example"), "Evil.example");
    }

    #[test]
    fn the_table_reads() {
        assert!(names().len() > 20);
        assert!(names().keys().all(|k| *k == outlet_key(k)), "keys are keys");
    }
}
