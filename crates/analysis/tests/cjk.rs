//! Scripts other than Latin: CJK runs as bigrams or (with the `cjk` feature
//! and a lindera dictionary) as dictionary words; Thai at Unicode word
//! boundaries.

use warta_analysis::Analyzer;

/// (text, byte from, byte to, position) of each token.
fn tokens(analyzer: &Analyzer, text: &str) -> Vec<(String, usize, usize, usize)> {
    analyzer
        .analyze(text)
        .into_iter()
        .map(|t| (t.text, t.offset_from, t.offset_to, t.position))
        .collect()
}

fn texts(analyzer: &Analyzer, text: &str) -> Vec<String> {
    tokens(analyzer, text).into_iter().map(|t| t.0).collect()
}

#[test]
fn analyzer_is_shareable_across_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Analyzer>();
    assert_send_sync::<warta_analysis::cjk::CjkSegmenter>();
}

#[test]
fn without_a_dictionary_cjk_runs_are_bigrams() {
    let analyzer = Analyzer::default();
    assert!(!analyzer.has_cjk_dictionary());
    assert_eq!(
        tokens(&analyzer, "東京都"),
        vec![("東京".to_string(), 0, 6, 0), ("京都".to_string(), 3, 9, 1),]
    );
    assert_eq!(texts(&analyzer, "都"), vec!["都"]);
}

#[cfg(not(feature = "cjk"))]
#[test]
fn without_the_feature_a_dictionary_is_refused() {
    use warta_analysis::cjk::{CjkError, CjkSegmenter};
    let dir = std::env::temp_dir();
    let err = CjkSegmenter::from_dir(&dir).unwrap_err();
    assert!(matches!(err, CjkError::NotCompiled(_)), "{err}");
}

#[test]
fn thai_splits_at_unicode_word_bounds() {
    let analyzer = Analyzer::default();
    // "Thai language here": UAX #29 knows no Thai words, so its bounds fall
    // between character clusters, each a token at its own position.
    let text = "ภาษาไทย ที่นี่";
    let got = tokens(&analyzer, text);
    let words: Vec<&str> = got.iter().map(|t| &text[t.1..t.2]).collect();
    assert_eq!(words, vec!["ภ", "า", "ษ", "า", "ไ", "ท", "ย", "ที่", "นี่"]);
    let positions: Vec<usize> = got.iter().map(|t| t.3).collect();
    assert_eq!(positions, (0..9).collect::<Vec<_>>());
    // Mixed with Indonesian, the Latin words are analysed as before.
    let mixed = "Bahasa ไทย dipelajari";
    let got = tokens(&analyzer, mixed);
    let words: Vec<&str> = got.iter().map(|t| &mixed[t.1..t.2]).collect();
    assert_eq!(words.first(), Some(&"Bahasa"));
    assert!(words.ends_with(&["ไ", "ท", "ย", "dipelajari"]), "{words:?}");
}

#[cfg(feature = "cjk")]
mod with_dictionary {
    use super::*;
    use std::path::PathBuf;
    use warta_analysis::cjk::{cjk_dict_from_env, CjkSegmenter};

    /// The dictionary from `WARTA_CJK_DICT` or `index/cjk-dict`; `None` only
    /// when `WARTA_SKIP_CJK=1` allows doing without.
    fn segmenter() -> Option<CjkSegmenter> {
        let dir = cjk_dict_from_env().unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../index/cjk-dict")
        });
        if !dir.is_dir() {
            if std::env::var("WARTA_SKIP_CJK").as_deref() == Ok("1") {
                eprintln!("no CJK dictionary at {}; skipped", dir.display());
                return None;
            }
            panic!(
                "no CJK dictionary at {}: run scripts/build-cjk-dict.sh \
                 (or set WARTA_CJK_DICT, or WARTA_SKIP_CJK=1 to skip)",
                dir.display()
            );
        }
        match CjkSegmenter::from_dir(&dir) {
            Ok(s) => Some(s),
            Err(e) => panic!("{e}; rebuild it with scripts/build-cjk-dict.sh"),
        }
    }

    fn analyzer() -> Option<Analyzer> {
        Some(Analyzer::default().with_cjk(segmenter()?))
    }

    /// Offsets on character boundaries, in order, positions increasing.
    fn assert_well_formed(text: &str, got: &[(String, usize, usize, usize)]) {
        for w in got.windows(2) {
            assert!(w[0].3 < w[1].3, "positions must increase: {got:?}");
            assert!(w[0].2 <= w[1].1, "tokens must not overlap: {got:?}");
        }
        for (term, from, to, _) in got {
            assert!(text.is_char_boundary(*from) && text.is_char_boundary(*to));
            assert!(from < to, "{got:?}");
            assert_eq!(&text[*from..*to], term);
        }
    }

    #[test]
    fn japanese_segments_into_ipadic_words() {
        let Some(analyzer) = analyzer() else { return };
        assert!(analyzer.has_cjk_dictionary());
        let text = "東京都に住んでいます";
        let got = tokens(&analyzer, text);
        let words: Vec<&str> = got.iter().map(|t| t.0.as_str()).collect();
        assert_eq!(words, vec!["東京", "都", "に", "住ん", "で", "い", "ます"]);
        assert_well_formed(text, &got);
        assert_eq!(
            got.iter().map(|t| t.3).collect::<Vec<_>>(),
            (0..7).collect::<Vec<_>>()
        );
    }

    #[test]
    fn positions_continue_across_scripts() {
        let Some(analyzer) = analyzer() else { return };
        let text = "Gubernur 東京都 mengunjungi 日本の政府 kemarin";
        let got = tokens(&analyzer, text);
        let words: Vec<&str> = got.iter().map(|t| &text[t.1..t.2]).collect();
        assert!(words.starts_with(&["Gubernur", "東京", "都"]), "{words:?}");
        assert!(words.contains(&"日本"), "{words:?}");
        assert!(words.contains(&"政府"), "{words:?}");
        // Latin words stay analysed as before.
        assert!(words.contains(&"mengunjungi"), "{words:?}");
        assert!(
            words.ends_with(&["日本", "の", "政府", "kemarin"]),
            "{words:?}"
        );
        let mut last = None;
        for t in &got {
            assert!(text.is_char_boundary(t.1) && text.is_char_boundary(t.2));
            if let Some(prev) = last {
                assert!(t.3 >= prev, "positions must not go back: {got:?}");
            }
            last = Some(t.3);
        }
    }

    #[test]
    fn query_terms_match_index_positions() {
        let Some(analyzer) = analyzer() else { return };
        let text = "東京都に住んでいます";
        let indexed: Vec<(String, usize)> = analyzer
            .analyze(text)
            .into_iter()
            .map(|t| (t.text, t.position))
            .collect();
        let queried: Vec<(String, usize)> = analyzer
            .query_terms(text)
            .into_iter()
            .map(|q| (q.term, q.position))
            .collect();
        assert_eq!(indexed, queried);
    }

    #[test]
    fn korean_keeps_bigrams() {
        let Some(analyzer) = analyzer() else { return };
        // ipadic is Japanese: Hangul stretches keep character bigrams, also
        // inside a run that mixes scripts.
        assert_eq!(texts(&analyzer, "서울시"), vec!["서울", "울시"]);
        let text = "東京서울";
        let got = tokens(&analyzer, text);
        assert_well_formed(text, &got);
        assert_eq!(got.last().map(|t| t.0.as_str()), Some("서울"));
    }

    #[test]
    fn segmenter_ranges_tile_the_run() {
        let Some(segmenter) = segmenter() else { return };
        let run = "日本経済新聞によると政府は";
        let ranges = segmenter.segment(run);
        assert_eq!(ranges.first().map(|r| r.0), Some(0));
        assert_eq!(ranges.last().map(|r| r.1), Some(run.len()));
        for w in ranges.windows(2) {
            assert_eq!(w[0].1, w[1].0, "{ranges:?}");
        }
    }
}
