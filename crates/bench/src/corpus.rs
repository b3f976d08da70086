//! The article stream: the corpus as is, or replicated with fresh ids up to
//! any count, read one record at a time (never held whole in memory).

use std::path::PathBuf;
use warta_ingest::{read_sources, Article, Item};

/// Streams articles from `paths`; past the first round the corpus is read
/// again and each article's id gets the suffix `#r<round>` (nothing else
/// changes), until `limit` articles have been produced. With no limit, one
/// round. Skipped records are not counted.
pub struct Replicated {
    paths: Vec<PathBuf>,
    limit: Option<u64>,
    tag: String,
    round: u64,
    produced: u64,
    in_round: u64,
    current: Box<dyn Iterator<Item = Item> + Send>,
}

impl Replicated {
    /// A stream of `limit` articles (or one pass) over `paths`; `tag` is the
    /// id suffix stem (`r` gives `#r1`, `#r2`, ...).
    pub fn new(paths: &[PathBuf], limit: Option<u64>, tag: &str) -> Replicated {
        Replicated {
            paths: paths.to_vec(),
            limit,
            tag: tag.to_string(),
            round: 0,
            produced: 0,
            in_round: 0,
            current: read_sources(paths),
        }
    }

    /// A stream whose every article (from the first round on) carries the
    /// id suffix `#<tag>`: articles the index has never seen.
    pub fn fresh(paths: &[PathBuf], limit: u64, tag: &str) -> impl Iterator<Item = Article> {
        let tag = tag.to_string();
        Replicated::new(paths, Some(limit), "x").map(move |mut a| {
            a.id = format!("{}#{tag}", a.id);
            a
        })
    }
}

impl Iterator for Replicated {
    type Item = Article;

    fn next(&mut self) -> Option<Article> {
        if self.limit.is_some_and(|l| self.produced >= l) {
            return None;
        }
        loop {
            match self.current.next() {
                Some(Item::Article(article)) => {
                    let mut article = *article;
                    if self.round > 0 {
                        article.id = format!("{}#{}{}", article.id, self.tag, self.round);
                    }
                    self.produced += 1;
                    self.in_round += 1;
                    return Some(article);
                }
                Some(Item::Skipped(_)) => continue,
                None => {
                    // An empty corpus would loop forever; one pass when unlimited.
                    if self.limit.is_none() || self.in_round == 0 {
                        return None;
                    }
                    self.round += 1;
                    self.in_round = 0;
                    self.current = read_sources(&self.paths);
                }
            }
        }
    }
}

/// The `.jsonl.gz` / `.jsonl` files directly inside `dir`, sorted.
pub fn corpus_files(dir: &std::path::Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p.to_string_lossy();
            name.ends_with(".jsonl.gz") || name.ends_with(".jsonl")
        })
        .collect();
    files.sort();
    anyhow::ensure!(
        !files.is_empty(),
        "no .jsonl(.gz) files in {}",
        dir.display()
    );
    Ok(files)
}

/// Bytes of text (title and body) an article contributes.
pub fn text_bytes(article: &Article) -> u64 {
    (article.title.len() + article.body.len()) as u64
}
