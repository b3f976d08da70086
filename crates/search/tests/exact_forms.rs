//! A query word matches every document holding its stem or its exact form,
//! and `-word` excludes all of them, even where a document holds the exact
//! form without the stem (spelled-out letters are joined unstemmed).

mod common;

use common::index_records;
use std::sync::Arc;
use warta_analysis::Analyzer;
use warta_search::SearchBackend;
use warta_search::{SearchRequest, TantivyEngine};

fn ids(engine: &TantivyEngine, query: &str) -> anyhow::Result<Vec<String>> {
    let mut ids: Vec<String> = engine
        .search(&SearchRequest::new(query))?
        .hits
        .into_iter()
        .map(|hit| hit.id)
        .collect();
    ids.sort();
    Ok(ids)
}

#[test]
fn a_document_with_only_the_exact_form_matches_and_is_excluded() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let index = dir.path().join("index");
    index_records(
        &index,
        "articles.jsonl",
        &[
            r#"{"id":"letters","lang":"en","title":"Quarterly report","body":"The banner read S-A-L-E-S in red."}"#,
            r#"{"id":"plural","lang":"en","title":"Quarterly report","body":"Sales rose again."}"#,
            r#"{"id":"singular","lang":"en","title":"Quarterly report","body":"One sale closed."}"#,
            r#"{"id":"other","lang":"en","title":"Quarterly report","body":"Costs fell."}"#,
        ],
    )?;
    let engine = TantivyEngine::open(&index, Arc::new(Analyzer::default()))?;

    assert_eq!(ids(&engine, "sales")?, ["letters", "plural", "singular"]);
    assert_eq!(ids(&engine, "report -sales")?, ["other"]);
    Ok(())
}
