//! Reads every source given (default `../shared/corpus`) and prints counts
//! by language and skip reason plus throughput; used to check the reader
//! on the real corpus in `--release`.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Instant;

use warta_ingest::{read_sources, Item};

fn main() {
    let mut paths: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    if paths.is_empty() {
        paths.push(PathBuf::from("../shared/corpus"));
    }
    let t0 = Instant::now();
    let (mut n, mut bytes, mut dated) = (0usize, 0usize, 0usize);
    let mut by_lang: BTreeMap<&str, usize> = BTreeMap::new();
    let mut skips: BTreeMap<&str, usize> = BTreeMap::new();
    for item in read_sources(&paths) {
        match item {
            Item::Article(a) => {
                n += 1;
                bytes += a.title.len() + a.body.len();
                dated += usize::from(a.date.is_some());
                *by_lang.entry(a.lang.code()).or_default() += 1;
            }
            Item::Skipped(s) => {
                *skips.entry(s.reason.as_str()).or_default() += 1;
                eprintln!("skip {} {}: {}", s.path, s.reason, s.detail);
            }
        }
    }
    let secs = t0.elapsed().as_secs_f64();
    println!("articles: {n} ({dated} dated), by lang: {by_lang:?}, skipped: {skips:?}");
    println!(
        "{secs:.2} s, {:.0} articles/s, {:.1} MB/s of clean text",
        n as f64 / secs,
        bytes as f64 / 1e6 / secs
    );
}
