//! In any-word mode an article with more of the query's words ranks above
//! one with fewer, however often the fewer occur (coordination levels),
//! and an article with only some of the words still matches.

mod common;

use common::index_records;
use std::sync::Arc;
use warta_analysis::Analyzer;
use warta_search::{MatchMode, SearchBackend, SearchRequest, TantivyEngine};

#[test]
fn articles_with_more_of_the_words_rank_first() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let index = dir.path().join("index");
    index_records(
        &index,
        "articles.jsonl",
        &[
            r#"{"id":"repeats","lang":"en","title":"Harbour harbour","body":"Harbour news: the harbour, the harbour again and the harbour at night."}"#,
            r#"{"id":"both","lang":"en","title":"Council report","body":"The council met and talked about the harbour crane among many other things on a long agenda."}"#,
            r#"{"id":"crane","lang":"en","title":"Weather","body":"A crane was seen."}"#,
            r#"{"id":"neither","lang":"en","title":"Markets","body":"Stocks fell."}"#,
        ],
    )?;
    let engine = TantivyEngine::open(&index, Arc::new(Analyzer::default()))?;
    let mut request = SearchRequest::new("harbour crane");
    request.match_mode = MatchMode::Any;
    let results = engine.search(&request)?;
    let ids: Vec<&str> = results.hits.iter().map(|hit| hit.id.as_str()).collect();
    assert_eq!(ids[0], "both", "{ids:?}");
    assert_eq!(ids.len(), 3, "{ids:?}");
    assert!(!ids.contains(&"neither"));
    // Scores are BM25's, without the levels that ordered them.
    assert!(results
        .hits
        .iter()
        .all(|hit| hit.score.is_some_and(|s| s < 100.0)));
    Ok(())
}
