//! Copy detection measured: the corpus's articles fingerprinted, the pairs
//! that share sampled 5-grams, against the silver duplicate pairs of
//! `eval-data/duplicates_{id,en}.tsv`.

use crate::data::Shared;
use anyhow::{Context, Result};
use std::collections::{HashMap, HashSet};
use warta_ingest::fingerprint::{fingerprint, shared, Fingerprint};
use warta_ingest::Article;

/// A sample held by more articles than this is boilerplate, not a copy.
const COMMON: usize = 20;

/// Pairs of articles sharing at least one uncommon sample, with the shared
/// count, each side's sample size and whether text or address match.
pub fn explore(shared_data: &Shared) -> Result<()> {
    let articles = shared_data.corpus(None);
    let prints: Vec<Fingerprint> = articles.iter().map(fingerprint).collect();
    let mut holders: HashMap<u64, Vec<u32>> = HashMap::new();
    for (n, print) in prints.iter().enumerate() {
        for s in &print.sample {
            holders.entry(*s).or_default().push(n as u32);
        }
    }
    let mut pairs: HashSet<(u32, u32)> = HashSet::new();
    for docs in holders.values().filter(|d| d.len() > 1 && d.len() <= COMMON) {
        for (i, a) in docs.iter().enumerate() {
            for b in &docs[i + 1..] {
                pairs.insert((*a, *b));
            }
        }
    }
    let silver = silver_pairs(shared_data)?;
    let index: HashMap<&str, u32> = articles
        .iter()
        .enumerate()
        .map(|(n, a)| (a.id.as_str(), n as u32))
        .collect();
    let mut rows = Vec::new();
    for (a, b) in &pairs {
        let (pa, pb) = (&prints[*a as usize], &prints[*b as usize]);
        let both = shared(&pa.sample, &pb.sample);
        let small = pa.sample.len().min(pb.sample.len()).max(1);
        let union = pa.sample.len() + pb.sample.len() - both;
        let key = pair_key(&articles[*a as usize], &articles[*b as usize]);
        let (x, y) = (&articles[*a as usize], &articles[*b as usize]);
        let gap = match (x.date, y.date) {
            (Some(d1), Some(d2)) => (d1 - d2).num_days().abs(),
            _ => 0,
        };
        let same_source = x.source.is_some() && x.source == y.source;
        rows.push((
            both,
            both as f64 / small as f64,
            both as f64 / union.max(1) as f64,
            silver.contains(&key),
            pa.text.is_some() && pa.text == pb.text,
            same_source,
            gap,
        ));
    }
    println!("pairs sharing an uncommon sample: {}", rows.len());
    println!("silver pairs: {} ({} both in the corpus)", silver.len(), silver.iter().filter(|(a, b)| index.contains_key(a.as_str()) && index.contains_key(b.as_str())).count());
    type R = (usize, f64, f64, bool, bool, bool, i64);
    println!("| rule | pairs | silver found |");
    let rules: Vec<(&str, Box<dyn Fn(&R) -> bool>)> = vec![
        ("exact text", Box::new(|r: &R| r.4)),
        ("near: res>=0.5, 3+ shared", Box::new(|r: &R| r.4 || (r.0 >= 3 && r.2 >= 0.5))),
        ("near, 3 days", Box::new(|r: &R| r.4 || (r.0 >= 3 && r.2 >= 0.5 && r.6 <= 3))),
        ("near + passage (6+, cont>=0.25, other outlet), 3 days", Box::new(|r: &R| r.4 || (r.6 <= 3 && ((r.0 >= 3 && r.2 >= 0.5) || (r.0 >= 6 && r.1 >= 0.25 && !r.5))))),
        ("near + passage any outlet, 3 days", Box::new(|r: &R| r.4 || (r.6 <= 3 && ((r.0 >= 3 && r.2 >= 0.5) || (r.0 >= 6 && r.1 >= 0.25))))),
        ("near 2+ shared + passage other outlet, 3 days", Box::new(|r: &R| r.4 || (r.6 <= 3 && ((r.0 >= 2 && r.2 >= 0.5) || (r.0 >= 6 && r.1 >= 0.25 && !r.5))))),
    ];
    for (name, rule) in &rules {
        let kept: Vec<_> = rows.iter().filter(|r| rule(r)).collect();
        let found = kept.iter().filter(|r| r.3).count();
        println!("| {name} | {} | {found} |", kept.len());
    }
    let joined = |r: &R| rules[3].1(r);
    let seeds: Vec<Article> = warta_ingest::read_sources(&[std::path::PathBuf::from("index/articles")])
        .filter_map(|item| match item {
            warta_ingest::Item::Article(a) => Some(*a),
            _ => None,
        })
        .collect();
    for (i, a) in seeds.iter().enumerate() {
        for b in &seeds[i + 1..] {
            let (pa, pb) = (fingerprint(a), fingerprint(b));
            let both = shared(&pa.sample, &pb.sample);
            println!(
                "seed {} ({}) vs {} ({}): {both} shared, containment {:.2}",
                a.id,
                pa.sample.len(),
                b.id,
                pb.sample.len(),
                both as f64 / pa.sample.len().min(pb.sample.len()).max(1) as f64
            );
        }
    }
    let mut shown = 0;
    for ((a, b), r) in pairs.iter().zip(&rows) {
        if !r.3 && joined(r) && (a * 7 + b) % 13 == 0 && shown < 30 {
            shown += 1;
            let (x, y) = (&articles[*a as usize], &articles[*b as usize]);
            println!("{} shared {:.2} cont {:.2} res | {} | {} || {} | {}", r.0, r.1, r.2, x.id, x.title, y.id, y.title);
        }
    }
    Ok(())
}

fn pair_key(a: &Article, b: &Article) -> (String, String) {
    if a.id < b.id {
        (a.id.clone(), b.id.clone())
    } else {
        (b.id.clone(), a.id.clone())
    }
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
