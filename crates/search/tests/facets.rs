//! Facet counts from the per-segment tables a `TantivyEngine` keeps: exact
//! over several segments, limited to the matches, and right after commits
//! that add, replace and merge segments under a running engine.

mod common;

use common::index_records;
use std::collections::BTreeMap;
use std::sync::Arc;
use warta_analysis::Analyzer;
use warta_search::SearchBackend;
use warta_search::{Facets, SearchRequest, TantivyEngine};

fn counts(pairs: &[(&str, u64)]) -> BTreeMap<String, u64> {
    pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
}

fn facets_of(engine: &TantivyEngine, request: &SearchRequest) -> anyhow::Result<(usize, Facets)> {
    let results = engine.search(request)?;
    Ok((results.total, results.facets))
}

const FIRST: [&str; 3] = [
    r#"{"id":"a1","lang":"en","title":"Harbour news","body":"Harbour cranes were repaired.","date":"2019-03-01","source":"Tempo"}"#,
    r#"{"id":"a2","lang":"id","title":"Berita pelabuhan","body":"Harbour dan pelabuhan Tanjung Priok.","date":"2019-12-31T23:30:00","source":"Kompas"}"#,
    r#"{"id":"a3","lang":"en","title":"Harbour without a date","body":"No date and no source for this harbour story."}"#,
];

const SECOND: [&str; 2] = [
    r#"{"id":"b1","lang":"id","title":"Pelabuhan baru","body":"Harbour baru dibuka.","date":"2020-01-01","source":"Kompas"}"#,
    r#"{"id":"b2","lang":"en","title":"Unrelated","body":"Nothing about ships here.","date":"2021-06-01","source":"Tempo"}"#,
];

#[test]
fn facets_count_exactly_the_matches_across_segments() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let index = dir.path().join("index");
    index_records(&index, "first.jsonl", &FIRST)?;
    index_records(&index, "second.jsonl", &SECOND)?;
    let engine = TantivyEngine::open(&index, Arc::new(Analyzer::default()))?;

    let (total, facets) = facets_of(&engine, &SearchRequest::new("harbour"))?;
    assert_eq!(total, 4);
    assert_eq!(facets.lang, counts(&[("en", 2), ("id", 2)]));
    assert_eq!(facets.source, counts(&[("kompas", 2), ("tempo", 1)]));
    assert_eq!(facets.year, counts(&[("2019", 2), ("2020", 1)]));

    let mut english = SearchRequest::new("harbour");
    english.lang = Some(warta_analysis::langid::Lang::En);
    let (total, facets) = facets_of(&engine, &english)?;
    assert_eq!(total, 2);
    assert_eq!(facets.lang, counts(&[("en", 2)]));
    assert_eq!(facets.source, counts(&[("tempo", 1)]));
    assert_eq!(facets.year, counts(&[("2019", 1)]));
    Ok(())
}

#[test]
fn facets_follow_commits_that_replace_and_add_articles() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let index = dir.path().join("index");
    index_records(&index, "first.jsonl", &FIRST)?;
    let engine = TantivyEngine::open(&index, Arc::new(Analyzer::default()))?;
    let (_, before) = facets_of(&engine, &SearchRequest::new("harbour"))?;
    assert_eq!(before.source, counts(&[("kompas", 1), ("tempo", 1)]));

    // `a1` moves to another outlet and year: its old document is deleted
    // in a segment whose table was built before, and must stop counting.
    index_records(
        &index,
        "update.jsonl",
        &[
            r#"{"id":"a1","lang":"en","title":"Harbour news","body":"Harbour cranes were repaired.","date":"2022-05-05","source":"Antara"}"#,
            SECOND[0],
        ],
    )?;
    let (total, after) = facets_of(&engine, &SearchRequest::new("harbour"))?;
    assert_eq!(total, 4);
    assert_eq!(after.source, counts(&[("antara", 1), ("kompas", 2)]));
    assert_eq!(after.year, counts(&[("2019", 1), ("2020", 1), ("2022", 1)]));
    assert_eq!(after.lang, counts(&[("en", 2), ("id", 2)]));
    Ok(())
}
