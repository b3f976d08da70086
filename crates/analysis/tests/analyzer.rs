//! Golden cases for the analyzer (`tests/data/analyzer/cases.tsv`): every
//! rule of folding, stemming, compounds, numbers and special tokens, with
//! the words as examples.

use warta_analysis::Analyzer;

/// The stems of a text's indexed terms, as the stem table files them.
fn stems(analyzer: &Analyzer, text: &str) -> Vec<String> {
    analyzer
        .analyze(text)
        .into_iter()
        .map(|t| analyzer.stem_of_term(&t.text).unwrap_or(t.text))
        .collect()
}

#[test]
fn golden_cases() {
    let analyzer = Analyzer::default();
    let cases = include_str!("data/analyzer/cases.tsv");
    let mut failures = Vec::new();
    let mut checked = 0;
    for line in cases.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let Some((text, expected)) = line.split_once('\t') else {
            panic!("malformed golden line: {line:?}");
        };
        let terms = stems(&analyzer, text);
        let expected: Vec<&str> = expected.split(' ').collect();
        checked += 1;
        if terms != expected {
            failures.push(format!("{text:?}: got {terms:?}, expected {expected:?}"));
        }
    }
    assert!(checked > 20);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn compound_parts_share_positions_so_phrases_line_up() {
    let analyzer = Analyzer::default();
    let tokens = analyzer.analyze("kirim e-mail sekarang");
    let positions: Vec<(String, usize)> = tokens
        .iter()
        .map(|t| (t.text.clone(), t.position))
        .collect();
    assert_eq!(
        positions,
        vec![
            ("kirim".to_string(), 0),
            ("email".to_string(), 1),
            ("e".to_string(), 1),
            ("mail".to_string(), 2),
            ("sekarang".to_string(), 3),
        ]
    );
    let query: Vec<(String, usize)> = analyzer
        .query_terms("kirim e-mail sekarang")
        .into_iter()
        .map(|t| (t.term, t.position))
        .collect();
    assert_eq!(
        query,
        vec![
            ("kirim".to_string(), 0),
            ("email".to_string(), 1),
            ("sekarang".to_string(), 3),
        ]
    );
}

#[test]
fn words_are_indexed_as_forms_and_queried_by_stem_and_form() {
    let analyzer = Analyzer::default();
    let tokens: Vec<(String, usize)> = analyzer
        .analyze("menggunakan guna blocking")
        .into_iter()
        .map(|t| (t.text, t.position))
        .collect();
    assert_eq!(
        tokens,
        vec![
            ("menggunakan".to_string(), 0),
            ("guna".to_string(), 1),
            ("blocking".to_string(), 2),
        ]
    );
    assert_eq!(
        analyzer.stem_of_term("menggunakan").as_deref(),
        Some("guna")
    );
    assert_eq!(analyzer.stem_of_term("blocking").as_deref(), Some("block"));
    assert_eq!(analyzer.stem_of_term("guna"), None, "its own stem");
    assert_eq!(analyzer.stem_of_term("2024"), None, "not a word");
    assert_eq!(analyzer.stem_of_term("@running"), None, "not a word");
    let query = analyzer.query_terms("menggunakan e-mail");
    assert_eq!(query[0].term, "guna");
    assert_eq!(query[0].exact.as_deref(), Some("menggunakan"));
    assert_eq!(query[1].term, "email");
    assert_eq!(query[1].exact, None, "compounds have no surface form");
}

#[test]
fn offsets_point_at_the_original_text() {
    let text = "Pérancis: Durov's e-mail";
    for token in Analyzer::default().analyze(text) {
        let slice = &text[token.offset_from..token.offset_to];
        assert!(!slice.is_empty(), "{token:?}");
    }
}

#[test]
fn a_word_is_stemmed_the_same_whatever_language_surrounds_it() {
    let analyzer = Analyzer::default();
    let in_indonesian = stems(
        &analyzer,
        "serangan di London Bridge bukan melalui Telegram",
    );
    let in_english = stems(
        &analyzer,
        "the attack on London Bridge was not claimed via Telegram",
    );
    for shared in ["london", "bridg", "telegram"] {
        assert!(in_indonesian.contains(&shared.to_string()), "{shared}");
        assert!(in_english.contains(&shared.to_string()), "{shared}");
    }
}
