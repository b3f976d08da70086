//! The index holds words as written; a query word finds the forms that
//! share its stem through the stem table, which survives being lost or
//! damaged and follows commits a server sees before the writer finishes.

mod common;

use common::index_records;
use std::sync::Arc;
use warta_analysis::langid::Lang;
use warta_analysis::Analyzer;
use warta_indexer::{Indexer, IndexerOptions};
use warta_ingest::Article;
use warta_search::SearchBackend;
use warta_search::{SearchRequest, TantivyEngine};

fn ranked(engine: &TantivyEngine, query: &str) -> anyhow::Result<Vec<String>> {
    Ok(engine
        .search(&SearchRequest::new(query))?
        .hits
        .into_iter()
        .map(|hit| hit.id)
        .collect())
}

fn sorted(engine: &TantivyEngine, query: &str) -> anyhow::Result<Vec<String>> {
    let mut ids = ranked(engine, query)?;
    ids.sort();
    Ok(ids)
}

const RECORDS: [&str; 5] = [
    r#"{"id":"me","lang":"id","title":"Berita","body":"Warga menggunakan aplikasi baru."}"#,
    r#"{"id":"di","lang":"id","title":"Berita","body":"Aplikasi itu digunakan warga."}"#,
    r#"{"id":"peng","lang":"id","title":"Berita","body":"Pengguna aplikasi bertambah."}"#,
    r#"{"id":"root","lang":"id","title":"Berita","body":"Apa guna aplikasi ini?"}"#,
    r#"{"id":"none","lang":"id","title":"Berita","body":"Harga beras naik."}"#,
];

/// An index of [`RECORDS`] in a fresh directory (kept alive by the guard),
/// its path and an engine over it.
fn indexed() -> anyhow::Result<(tempfile::TempDir, std::path::PathBuf, TantivyEngine)> {
    let dir = tempfile::tempdir()?;
    let index = dir.path().join("index");
    index_records(&index, "articles.jsonl", &RECORDS)?;
    let engine = TantivyEngine::open(&index, Arc::new(Analyzer::default()))?;
    Ok((dir, index, engine))
}

#[test]
fn a_word_matches_every_form_of_its_stem_its_own_form_first() -> anyhow::Result<()> {
    let (_dir, _, engine) = indexed()?;

    assert_eq!(sorted(&engine, "guna")?, ["di", "me", "peng", "root"]);
    let exact_first = ranked(&engine, "menggunakan")?;
    assert_eq!(exact_first.len(), 4);
    assert_eq!(exact_first[0], "me");
    assert_eq!(ranked(&engine, "digunakan")?[0], "di");
    assert_eq!(sorted(&engine, "aplikasi -guna")?, Vec::<String>::new());
    Ok(())
}

#[test]
fn a_prefix_matches_forms_and_the_forms_of_stems_it_begins() -> anyhow::Result<()> {
    let (_dir, _, engine) = indexed()?;

    // `gun*` begins `guna` (every form of it) and no written form but that.
    assert_eq!(sorted(&engine, "gun*")?, ["di", "me", "peng", "root"]);
    // `menggu*` begins a written form only.
    assert_eq!(sorted(&engine, "menggu*")?, ["me"]);
    Ok(())
}

#[test]
fn a_phrase_matches_any_form_at_each_position_in_order() -> anyhow::Result<()> {
    let (_dir, _, engine) = indexed()?;

    // "menggunakan aplikasi", "pengguna aplikasi", "guna aplikasi": a form
    // of guna, then aplikasi.
    assert_eq!(
        sorted(&engine, "\"digunakan aplikasi\"")?,
        ["me", "peng", "root"]
    );
    assert_eq!(sorted(&engine, "\"itu menggunakan\"")?, ["di"]);
    // "Aplikasi itu digunakan": adjacent positions only.
    assert!(ranked(&engine, "\"aplikasi digunakan\"")?.is_empty());
    assert!(ranked(&engine, "\"guna beras\"")?.is_empty());
    Ok(())
}

#[test]
fn a_lost_or_damaged_table_is_filed_again_from_the_index() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let index = dir.path().join("index");
    index_records(&index, "articles.jsonl", &RECORDS)?;
    let table = index.join("warta-stems");
    assert!(std::fs::read_to_string(&table)?.contains("guna digunakan menggunakan pengguna"));

    std::fs::remove_file(&table)?;
    let engine = TantivyEngine::open(&index, Arc::new(Analyzer::default()))?;
    assert_eq!(sorted(&engine, "guna")?, ["di", "me", "peng", "root"]);

    std::fs::write(&table, "not a table\n\u{0}")?;
    let engine = TantivyEngine::open(&index, Arc::new(Analyzer::default()))?;
    assert_eq!(sorted(&engine, "guna")?, ["di", "me", "peng", "root"]);

    // The next run of the writer saves a whole table again.
    index_records(&index, "more.jsonl", &[RECORDS[4]])?;
    assert!(std::fs::read_to_string(&table)?.starts_with("warta-stems 1\n"));
    Ok(())
}

#[test]
fn forms_committed_after_the_engine_opened_are_found_at_once() -> anyhow::Result<()> {
    let (_dir, index, engine) = indexed()?;
    assert!(ranked(&engine, "komunikasi")?.is_empty());

    let analyzer = Arc::new(Analyzer::default());
    let mut writer = Indexer::open(&index, analyzer, &IndexerOptions::default())?;
    let article = Article {
        id: "late".to_string(),
        title: "Berita".to_string(),
        body: "Mereka berkomunikasi lewat aplikasi.".to_string(),
        original: None,
        date: None,
        source: None,
        url: None,
        lang: Lang::Id,
        path: String::new(),
    };
    writer.add(&article)?;
    // Committed, not finished: the saved table does not know the segment.
    writer.commit()?;
    assert_eq!(ranked(&engine, "komunikasi")?, ["late"]);
    writer.finish()?;
    assert_eq!(ranked(&engine, "komunikasi")?, ["late"]);
    Ok(())
}
