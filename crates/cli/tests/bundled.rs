//! The `warta` binary on the bundled article set, as a user runs it:
//! index, then search from the command line.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn warta(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_warta"))
        .args(args)
        .current_dir(workspace())
        .env_remove("WARTA_INDEX")
        .output()
        .expect("run warta")
}

/// One index of the bundled articles, built once for all tests here.
fn bundled_index() -> &'static str {
    static DIR: OnceLock<(tempfile::TempDir, String)> = OnceLock::new();
    &DIR.get_or_init(|| {
        let dir = tempfile::tempdir().expect("tempdir");
        let index = dir.path().join("index").to_string_lossy().into_owned();
        let out = warta(&["index", "index/articles", "--index", &index]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let summary = String::from_utf8_lossy(&out.stderr);
        assert!(summary.contains("read 5, added 5"), "{summary}");
        (dir, index)
    })
    .1
}

fn search(query: &str, extra: &[&str]) -> Value {
    let mut args = vec!["search", query, "--json", "--index", bundled_index()];
    args.extend_from_slice(extra);
    let out = warta(&args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("search --json prints JSON")
}

fn titles(results: &Value) -> Vec<String> {
    results["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .map(|h| h["title"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn komunikasi_finds_the_article_titled_berkomunikasi() {
    let results = search("komunikasi", &[]);
    assert!(
        titles(&results).iter().any(|t| t.contains("Berkomunikasi")),
        "{results:#}"
    );
}

#[test]
fn london_bridge_finds_the_indonesian_tamtam_article() {
    let results = search("\"London Bridge\"", &[]);
    let hits = results["hits"].as_array().expect("hits");
    assert_eq!(hits.len(), 1, "{results:#}");
    assert_eq!(hits[0]["lang"], "id");
    assert!(hits[0]["snippet"]
        .as_str()
        .unwrap_or_default()
        .contains("<mark>London</mark> <mark>Bridge</mark>"));
}

#[test]
fn communicating_finds_the_english_article_that_says_communicate() {
    let results = search("communicating", &[]);
    assert!(
        titles(&results)
            .iter()
            .any(|t| t == "What is Telegram? The app ISIS is using to communicate"),
        "{results:#}"
    );
}

#[test]
fn durov_in_english_returns_only_english_articles() {
    let results = search("Durov", &["--lang", "en"]);
    let hits = results["hits"].as_array().expect("hits");
    assert_eq!(hits.len(), 2, "{results:#}");
    assert!(hits.iter().all(|h| h["lang"] == "en"));
    let all = search("Durov", &[]);
    assert_eq!(all["total"], 4, "four seeds name Durov: {all:#}");
    assert_eq!(all["facets"]["lang"]["id"], 2);
    assert_eq!(all["facets"]["lang"]["en"], 2);
}

#[test]
fn sorting_by_date_puts_the_newest_dated_article_first() {
    let results = search("telegram", &["--sort", "date"]);
    let dates: Vec<&str> = results["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .filter_map(|h| h["date"].as_str())
        .collect();
    assert!(dates.len() >= 2, "{results:#}");
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
}

#[test]
fn indexing_the_same_files_again_changes_nothing() {
    let out = warta(&["index", "index/articles", "--index", bundled_index()]);
    let summary = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{summary}");
    assert!(
        summary.contains("added 0, updated 0, unchanged 5"),
        "{summary}"
    );
    assert!(summary.contains("5 articles in"), "{summary}");
}

#[test]
fn a_malformed_query_is_a_clear_error_not_a_panic() {
    let out = warta(&["search", "\"london bridge", "--index", bundled_index()]);
    assert!(!out.status.success());
    let message = String::from_utf8_lossy(&out.stderr);
    assert!(
        message.contains("never closed") && message.contains("character 0"),
        "{message}"
    );
    assert!(!message.contains("panicked"), "{message}");
}

#[test]
fn a_page_past_the_end_is_empty() {
    let results = search("telegram", &["--page", "50"]);
    assert_eq!(results["hits"].as_array().map(Vec::len), Some(0));
    assert!(results["total"].as_u64().unwrap_or(0) > 0);
}

#[test]
fn a_missing_index_says_how_to_build_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let missing = dir.path().join("nothing-here");
    let out = warta(&["search", "telegram", "--index", &missing.to_string_lossy()]);
    assert!(!out.status.success());
    let message = String::from_utf8_lossy(&out.stderr);
    assert!(message.contains("warta index"), "{message}");
}

#[test]
fn analyze_shows_stems_and_positions() {
    let out = warta(&["analyze", "--json", "Anak-anak menggunakan e-mail Durov's"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).expect("json");
    let column = |name: &str| -> Vec<String> {
        report["fields"][0]["tokens"]
            .as_array()
            .expect("tokens")
            .iter()
            .filter_map(|t| t[name].as_str().map(String::from))
            .collect()
    };
    assert_eq!(
        column("term"),
        vec!["anak", "menggunakan", "email", "e", "mail", "durov"]
    );
    assert_eq!(
        column("stem"),
        vec!["anak", "guna", "email", "e", "mail", "durov"]
    );
}
