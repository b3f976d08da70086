//! Copy detection measured: the corpus indexed as `warta index` does, the
//! stories it gave read back, against the silver duplicate pairs of
//! `eval-data/duplicates_{id,en}.tsv` (found by 5-gram MinHash, Jaccard ≥
//! 0.5), and a sample of joined pairs and near misses written out to be
//! checked by hand.

use crate::data::Shared;
use crate::systems::build_warta;
use anyhow::{Context, Result};
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;
use warta_analysis::Analyzer;
use warta_ingest::fingerprint::{fingerprint, shared};
use warta_ingest::Article;

/// Pairs sampled for the hand check, of each kind.
const SAMPLE: usize = 50;

/// Builds the index, prints recall on the silver pairs and how stories
/// are spread, and writes `pairs_to_check.tsv` to `out`.
pub fn run(data: &Shared, work: &Path, out: &Path) -> Result<()> {
    let articles = data.corpus(None);
    let started = std::time::Instant::now();
    let engine = build_warta(
        &work.join("copies"),
        Arc::new(Analyzer::default()),
        &articles,
    )?;
    eprintln!(
        "indexed {} articles in {:.1} s",
        articles.len(),
        started.elapsed().as_secs_f64()
    );
    let story_of: HashMap<String, String> = engine.stories()?.into_iter().collect();
    let mut sizes: HashMap<&str, usize> = HashMap::new();
    for story in story_of.values() {
        *sizes.entry(story.as_str()).or_default() += 1;
    }
    let stories = sizes.len();
    let copied: usize = sizes.values().filter(|n| **n > 1).map(|n| n - 1).sum();
    println!(
        "\n### Copy detection on the corpus ({} articles)\n",
        articles.len()
    );
    println!("{stories} stories; {copied} articles join another's story; the largest story has {} copies.", sizes.values().max().unwrap_or(&0));
    let silver = silver_pairs(data)?;
    let found = silver
        .iter()
        .filter(|(a, b)| story_of.get(a).is_some_and(|s| story_of.get(b) == Some(s)))
        .count();
    println!(
        "Silver pairs in one story: {found} of {} ({:.1} %).",
        silver.len(),
        100.0 * found as f64 / silver.len().max(1) as f64
    );
    write_check_sample(&articles, &story_of, &silver, out)
}

/// Joined pairs the silver set lacks and near misses (pairs sharing
/// samples but kept apart), `SAMPLE` of each, with their titles and
/// openings, for a person to judge: same story or not.
fn write_check_sample(
    articles: &[Article],
    story_of: &HashMap<String, String>,
    silver: &HashSet<(String, String)>,
    out: &Path,
) -> Result<()> {
    let prints: Vec<_> = articles.iter().map(fingerprint).collect();
    let mut holders: HashMap<u64, Vec<usize>> = HashMap::new();
    for (n, print) in prints.iter().enumerate() {
        for sample in &print.sample {
            holders.entry(*sample).or_default().push(n);
        }
    }
    let mut pairs: HashSet<(usize, usize)> = HashSet::new();
    for docs in holders.values().filter(|d| (2..=20).contains(&d.len())) {
        for (i, a) in docs.iter().enumerate() {
            for b in &docs[i + 1..] {
                pairs.insert((*a, *b));
            }
        }
    }
    let mut pairs: Vec<(usize, usize)> = pairs.into_iter().collect();
    pairs.sort_unstable();
    let (mut joined, mut missed) = (Vec::new(), Vec::new());
    for (a, b) in pairs {
        let (x, y) = (&articles[a], &articles[b]);
        let key = if x.id < y.id {
            (x.id.clone(), y.id.clone())
        } else {
            (y.id.clone(), x.id.clone())
        };
        let both = shared(&prints[a].sample, &prints[b].sample);
        let same = story_of
            .get(&x.id)
            .is_some_and(|s| story_of.get(&y.id) == Some(s));
        // A fixed, spread-out choice: every pair's hash decides.
        let pick = (a * 2_654_435_761 + b * 40_503) % 7 == 0;
        if same && !silver.contains(&key) && pick {
            joined.push((a, b, both));
        } else if !same && both >= 3 && pick {
            missed.push((a, b, both));
        }
    }
    joined.truncate(SAMPLE);
    missed.truncate(SAMPLE);
    let line = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    let opening = |a: &Article| line(&a.body.chars().take(400).collect::<String>());
    let mut rows = vec!["kind\tshared\tid_a\tsource_a\tdate_a\ttitle_a\topening_a\tid_b\tsource_b\tdate_b\ttitle_b\topening_b\tsame_story".to_string()];
    for (kind, list) in [("joined", &joined), ("near_miss", &missed)] {
        for (a, b, both) in list {
            let (x, y) = (&articles[*a], &articles[*b]);
            let date = |a: &Article| a.date.map(|d| d.to_string()).unwrap_or_default();
            rows.push(format!(
                "{kind}\t{both}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t",
                x.id,
                x.source.as_deref().unwrap_or(""),
                date(x),
                line(&x.title),
                opening(x),
                y.id,
                y.source.as_deref().unwrap_or(""),
                date(y),
                line(&y.title),
                opening(y)
            ));
        }
    }
    std::fs::write(out, rows.join("\n") + "\n").with_context(|| out.display().to_string())?;
    eprintln!(
        "wrote {} joined pairs and {} near misses to {}",
        joined.len(),
        missed.len(),
        out.display()
    );
    Ok(())
}

/// The silver duplicate pairs, each as (smaller id, larger id).
pub fn silver_pairs(shared: &Shared) -> Result<HashSet<(String, String)>> {
    let mut pairs = HashSet::new();
    for file in ["duplicates_id.tsv", "duplicates_en.tsv"] {
        let text = std::fs::read_to_string(shared.eval(file)).with_context(|| file.to_string())?;
        for line in text.lines().skip(1) {
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() >= 2 {
                let (a, b) = (cols[0].to_string(), cols[1].to_string());
                pairs.insert(if a < b { (a, b) } else { (b, a) });
            }
        }
    }
    Ok(pairs)
}
