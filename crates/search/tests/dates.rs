//! Dates answered from the engine's per-segment date tables. Filters
//! (`from`, `to`) keep exactly the articles dated within the days asked
//! for, across segments, blocks of dated and undated articles, replaced
//! articles, and every kind of bound; sorting by date gives the order
//! Tantivy's own fast-field sort gives, ties and undated articles included.

mod common;

use chrono::{Duration, NaiveDate, NaiveDateTime};
use common::index_records;
use std::collections::BTreeSet;
use std::sync::Arc;
use tantivy::collector::TopDocs;
use tantivy::query::AllQuery;
use tantivy::schema::Value;
use tantivy::{Order, TantivyDocument};
use warta_analysis::Analyzer;
use warta_search::SearchBackend;
use warta_search::{SearchRequest, SortOrder, TantivyEngine};

/// The test corpus: `(id, date)`; dates cluster in runs (as articles
/// indexed in batches do), some runs are undated, and a few fall in the
/// last minutes of a day.
fn corpus(batch: usize) -> Vec<(String, Option<NaiveDateTime>)> {
    let mut out = Vec::new();
    let start = NaiveDate::from_ymd_opt(2018, 12, 25)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .unwrap_or_default();
    for n in 0..700usize {
        let id = format!("b{batch}-{n}");
        let date = match (n / 90) % 4 {
            // An undated run, longer than a block of the date table.
            3 => None,
            run => Some(
                start
                    + Duration::days((run * 200 + n % 90) as i64 + batch as i64 * 3)
                    + Duration::minutes(if n % 7 == 0 { 23 * 60 + 59 } else { 0 }),
            ),
        };
        out.push((id, date));
    }
    out
}

fn record(id: &str, date: Option<NaiveDateTime>, word: &str) -> String {
    let date = date.map_or(String::new(), |d| {
        format!(r#","date":"{}""#, d.format("%Y-%m-%dT%H:%M:%S"))
    });
    format!(
        r#"{{"id":"{id}","lang":"en","title":"Harbour {id}","body":"Harbour news {word}.","source":"Tempo"{date}}}"#
    )
}

/// Every id matching `request`, in order, over all pages.
fn ranked_ids(engine: &TantivyEngine, request: &SearchRequest) -> anyhow::Result<Vec<String>> {
    let mut request = request.clone();
    request.per_page = 100;
    let mut found = Vec::new();
    loop {
        let results = engine.search(&request)?;
        found.extend(results.hits.iter().map(|hit| hit.id.clone()));
        if results.hits.is_empty() || found.len() >= results.total {
            assert_eq!(found.len(), results.total, "pages add up to the total");
            return Ok(found);
        }
        request.page += 1;
    }
}

fn ids(engine: &TantivyEngine, request: &SearchRequest) -> anyhow::Result<BTreeSet<String>> {
    Ok(ranked_ids(engine, request)?.into_iter().collect())
}

/// Builds the test index: two batches in their own segments, then a third
/// commit that moves every fifth article to one day, leaving its old
/// document deleted in an earlier segment. Returns each id's final date.
fn build(index: &std::path::Path) -> anyhow::Result<Vec<(String, Option<NaiveDateTime>)>> {
    let mut articles = corpus(0);
    articles.extend(corpus(1));
    for (batch, chunk) in articles.chunks(700).enumerate() {
        let records: Vec<String> = chunk
            .iter()
            .map(|(id, date)| record(id, *date, "old"))
            .collect();
        let refs: Vec<&str> = records.iter().map(String::as_str).collect();
        index_records(index, &format!("batch{batch}.jsonl"), &refs)?;
    }
    let moved_to = NaiveDate::from_ymd_opt(2019, 7, 14).and_then(|d| d.and_hms_opt(12, 0, 0));
    let mut moved = Vec::new();
    for (id, date) in articles.iter_mut().step_by(5) {
        *date = moved_to;
        moved.push(record(id, *date, "new"));
    }
    let refs: Vec<&str> = moved.iter().map(String::as_str).collect();
    index_records(index, "moved.jsonl", &refs)?;
    Ok(articles)
}

#[test]
fn sorting_by_date_gives_tantivys_fast_field_order() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let index = dir.path().join("index");
    let articles = build(&index)?;
    let engine = TantivyEngine::open(&index, Arc::new(Analyzer::default()))?;
    let mut request = SearchRequest::new("harbour");
    request.sort = SortOrder::Date;
    let ours = ranked_ids(&engine, &request)?;

    let searcher = engine.searcher()?;
    let by_fast_field = TopDocs::with_limit(articles.len())
        .order_by_fast_field::<tantivy::DateTime>("date", Order::Desc);
    let mut theirs = Vec::new();
    for (_, address) in searcher.search(&AllQuery, &by_fast_field)? {
        let doc: TantivyDocument = searcher.doc(address)?;
        let id = doc
            .get_first(engine.handle().fields.id)
            .and_then(|value| value.as_str())
            .unwrap_or_default()
            .to_string();
        theirs.push(id);
    }
    assert_eq!(ours.len(), articles.len());
    assert_eq!(ours, theirs);
    // Newest first, undated last.
    let first = articles
        .iter()
        .find(|(id, _)| *id == ours[0])
        .and_then(|a| a.1);
    assert!(articles.iter().all(|(_, date)| *date <= first));
    let last = articles.iter().find(|(id, _)| Some(id) == ours.last());
    assert!(last.is_some_and(|(_, date)| date.is_none()));
    Ok(())
}

#[test]
fn date_filters_keep_exactly_the_articles_of_those_days() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let index = dir.path().join("index");
    let articles = build(&index)?;
    let engine = TantivyEngine::open(&index, Arc::new(Analyzer::default()))?;
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
    let ranges = [
        (day(2018, 12, 25), day(2018, 12, 25)),
        (day(2019, 1, 1), day(2019, 1, 31)),
        (day(2019, 7, 14), day(2019, 7, 14)),
        (day(2019, 1, 1), day(2019, 12, 31)),
        (None, day(2019, 3, 1)),
        (day(2019, 8, 1), None),
        (day(2021, 1, 1), None),
        (day(2030, 1, 1), None),
        (None, day(2000, 1, 1)),
    ];
    for (from, to) in ranges {
        let expected: BTreeSet<String> = articles
            .iter()
            .filter(|(_, date)| {
                date.is_some_and(|d| {
                    from.is_none_or(|f| d.date() >= f) && to.is_none_or(|t| d.date() <= t)
                })
            })
            .map(|(id, _)| id.clone())
            .collect();
        for sort in [SortOrder::Relevance, SortOrder::Date] {
            let mut request = SearchRequest::new("harbour");
            request.from = from;
            request.to = to;
            request.sort = sort;
            assert_eq!(
                ids(&engine, &request)?,
                expected,
                "{from:?}..={to:?}, {sort:?}"
            );
        }
        // A filter under a negation and beside other clauses.
        let mut request = SearchRequest::new("harbour -new");
        request.from = from;
        request.to = to;
        let old: BTreeSet<String> = expected
            .iter()
            .filter(|id| {
                let n: usize = id
                    .rsplit('-')
                    .next()
                    .and_then(|n| n.parse().ok())
                    .unwrap_or(0);
                let batch = usize::from(id.starts_with("b1"));
                !(batch * 700 + n).is_multiple_of(5)
            })
            .cloned()
            .collect();
        assert_eq!(
            ids(&engine, &request)?,
            old,
            "{from:?}..={to:?} without moved"
        );
    }
    Ok(())
}
