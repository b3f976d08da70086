//! Prints what the reader recovers from the given paths (debugging aid).
//!
//! Usage: `cargo run -p warta-ingest --example dump -- PATH...`

use std::path::PathBuf;

use warta_ingest::{read_sources, Item};

fn main() {
    let paths: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    for item in read_sources(&paths) {
        match item {
            Item::Article(a) => {
                println!("== {} [{}] id={}", a.path, a.lang.code(), a.id);
                println!("title:  {}", a.title);
                println!("date:   {:?}", a.date);
                println!("source: {:?}  url: {:?}", a.source, a.url);
                println!("body:\n{}\n", a.body);
            }
            Item::Skipped(s) => println!("-- SKIP {} {}: {}", s.path, s.reason.as_str(), s.detail),
        }
    }
}
