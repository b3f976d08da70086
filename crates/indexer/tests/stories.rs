//! Story ids as `warta index` gives them: exact and near copies join one
//! story, shared boilerplate does not, and a story grows over two runs.
//! See: issue 24 (one story, one hit).

use chrono::NaiveDate;
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use tantivy::schema::Value;
use tantivy::{DocAddress, TantivyDocument};
use warta_analysis::Analyzer;
use warta_indexer::{open_index, Indexer, IndexerOptions};
use warta_ingest::{Article, Lang};

/// A text of its own for each `seed`, `n` sentences of eight words drawn
/// from a vocabulary of thousands: long enough to sample, and sharing no
/// run of words with another seed's.
fn paragraph(seed: &str, n: usize) -> String {
    let mut state = seed.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    let mut text = String::new();
    for _ in 0..n {
        for _ in 0..8 {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            text.push_str(&format!("kata{} ", (state >> 33) % 5_000));
        }
        text.push_str(". ");
    }
    text
}

fn article(id: &str, source: &str, day: u32, body: String) -> Article {
    Article {
        id: id.to_string(),
        title: format!("Judul {id}"),
        body,
        original: None,
        date: NaiveDate::from_ymd_opt(2019, 9, day).and_then(|d| d.and_hms_opt(8, 0, 0)),
        source: Some(source.to_string()),
        url: Some(format!("https://{source}/{id}")),
        lang: Lang::Id,
        path: format!("test:{id}"),
    }
}

fn index(dir: &Path, articles: &[Article]) {
    let options = IndexerOptions {
        threads: Some(1),
        memory_budget: 16 * 1024 * 1024,
        ..IndexerOptions::default()
    };
    let mut indexer = Indexer::open(dir, Arc::new(Analyzer::default()), &options).expect("writer");
    for a in articles {
        indexer.add(a).expect("add");
    }
    indexer.finish().expect("commit");
}

/// Every live article's story, by id.
fn stories(dir: &Path) -> HashMap<String, String> {
    let handle = open_index(dir, Arc::new(Analyzer::default()), false).expect("open");
    let searcher = handle.index.reader().expect("reader").searcher();
    let mut out = HashMap::new();
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        for doc in segment.doc_ids_alive() {
            let stored: TantivyDocument =
                searcher.doc(DocAddress::new(ord as u32, doc)).expect("doc");
            let text = |field| {
                stored
                    .get_first(field)
                    .and_then(|v| v.as_str())
                    .unwrap_or_default()
                    .to_string()
            };
            out.insert(text(handle.fields.id), text(handle.fields.story));
        }
    }
    out
}

#[test]
fn copies_join_one_story_and_boilerplate_does_not() {
    let dir = tempfile::tempdir().expect("tempdir");
    let index_dir = dir.path().join("index");
    let wire = paragraph("banjir di jakarta", 30);
    let boilerplate =
        "Baca juga: Harga cabai naik lagi di pasar induk hari ini menurut pedagang setempat";
    let articles = [
        article("a", "kompas.com", 10, wire.clone()),
        // The same text, another id: an exact copy.
        article("b", "kompas.com", 10, wire.clone()),
        // Another outlet re-publishes the wire text with a lead of its own.
        article(
            "c",
            "tempo.co",
            11,
            format!("{}\n\n{wire}", paragraph("pengantar redaksi", 20)),
        ),
        // Unrelated stories that share only a "Baca juga" line.
        article(
            "d",
            "okezone.com",
            10,
            format!("{}\n\n{boilerplate}", paragraph("gempa ambon", 30)),
        ),
        article(
            "e",
            "okezone.com",
            10,
            format!("{}\n\n{boilerplate}", paragraph("demo mahasiswa", 30)),
        ),
        // The wire text with a lead again, but weeks later: another story
        // (an identical text would be a copy, whenever it ran).
        article(
            "f",
            "sindonews.com",
            28,
            format!("{}\n\n{wire}", paragraph("pembuka lain", 20)),
        ),
    ];
    index(&index_dir, &articles[..3]);
    index(&index_dir, &articles[3..]);
    let stories = stories(&index_dir);
    assert_eq!(stories["a"], "a");
    assert_eq!(stories["b"], "a", "an exact copy");
    assert_eq!(
        stories["c"], "a",
        "a passage re-published by another outlet"
    );
    assert_eq!(stories["d"], "d");
    assert_eq!(stories["e"], "e", "shared boilerplate joins nothing");
    assert_eq!(stories["f"], "f", "weeks apart: another story");
}

#[test]
fn a_story_grows_over_two_runs_and_an_update_leaves_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let index_dir = dir.path().join("index");
    let wire = paragraph("kebakaran hutan riau", 30);
    index(
        &index_dir,
        &[article("first", "kompas.com", 12, wire.clone())],
    );
    // A later run: a copy from another outlet joins the indexed story.
    index(
        &index_dir,
        &[article(
            "second",
            "tempo.co",
            13,
            format!("{}\n\n{wire}", paragraph("lead", 12)),
        )],
    );
    let found = stories(&index_dir);
    assert_eq!(found["second"], "first");
    // The first article is rewritten into something else: it leaves the
    // story it named, and the copy keeps its story.
    index(
        &index_dir,
        &[article(
            "first",
            "kompas.com",
            12,
            paragraph("pemilu 2019", 30),
        )],
    );
    let found = stories(&index_dir);
    assert_eq!(found.len(), 2);
    assert_eq!(found["first"], "first");
    assert_eq!(found["second"], "first");
    // A third copy still finds the story through the copy that stayed.
    index(&index_dir, &[article("third", "okezone.com", 13, wire)]);
    assert_eq!(stories(&index_dir)["third"], "first");
}
