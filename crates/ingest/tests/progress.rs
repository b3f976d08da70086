//! `read_sources_counted` reports how far it has read, for progress and ETA.

use std::path::PathBuf;
use warta_ingest::{read_sources_counted, Item};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

#[test]
fn counts_every_byte_of_the_input_by_the_end() {
    let paths = [
        fixture("records.jsonl.gz"),
        fixture("records.jsonl"),
        fixture("page.html"),
    ];
    let expected: u64 = paths
        .iter()
        .map(|p| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0))
        .sum();
    let (items, progress) = read_sources_counted(&paths);
    assert_eq!(progress.total_bytes, expected);
    assert_eq!(progress.read_bytes(), 0, "nothing is read before iterating");
    let mut articles = 0;
    let mut seen = Vec::new();
    for item in items {
        if let Item::Article(_) = item {
            articles += 1;
        }
        seen.push(progress.read_bytes());
    }
    assert!(articles >= 3, "the fixtures hold articles");
    assert!(
        seen.windows(2).all(|w| w[0] <= w[1]),
        "never goes backwards"
    );
    assert_eq!(progress.read_bytes(), expected);
}

#[test]
fn a_missing_path_counts_nothing() {
    let (items, progress) = read_sources_counted(&[fixture("no-such-file.jsonl")]);
    assert_eq!(items.count(), 1, "one skip record");
    assert_eq!((progress.total_bytes, progress.read_bytes()), (0, 0));
}
