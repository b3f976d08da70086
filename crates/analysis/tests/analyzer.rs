//! Golden cases for the analyzer (`tests/data/analyzer/cases.tsv`): every
//! rule of folding, stemming, compounds, numbers and special tokens, with
//! the words as examples.

use warta_analysis::stem_id::IndonesianStemmer;
use warta_analysis::{Analyzer, AnalyzerOptions};

/// The analyzer without surface forms, so the golden cases list stems only.
fn stems_only() -> Analyzer {
    Analyzer::with_options(
        IndonesianStemmer::new(),
        AnalyzerOptions {
            keep_surface: false,
            ..AnalyzerOptions::default()
        },
    )
}

#[test]
fn golden_cases() {
    let analyzer = stems_only();
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
        let terms: Vec<String> = analyzer.analyze(text).into_iter().map(|t| t.text).collect();
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
    let analyzer = stems_only();
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
fn surface_forms_stand_beside_their_stems() {
    let analyzer = Analyzer::default();
    let tokens: Vec<(String, usize)> = analyzer
        .analyze("menggunakan guna blocking")
        .into_iter()
        .map(|t| (t.text, t.position))
        .collect();
    assert_eq!(
        tokens,
        vec![
            ("guna".to_string(), 0),
            ("menggunakan".to_string(), 0),
            ("guna".to_string(), 1),
            ("block".to_string(), 2),
            ("blocking".to_string(), 2),
        ]
    );
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
    let in_indonesian = analyzer.analyze("serangan di London Bridge bukan melalui Telegram");
    let in_english = analyzer.analyze("the attack on London Bridge was not claimed via Telegram");
    let terms = |tokens: &[tantivy_tokenizer_api::Token]| {
        tokens.iter().map(|t| t.text.clone()).collect::<Vec<_>>()
    };
    for shared in ["london", "bridg", "telegram"] {
        assert!(
            terms(&in_indonesian).contains(&shared.to_string()),
            "{shared}"
        );
        assert!(terms(&in_english).contains(&shared.to_string()), "{shared}");
    }
}
