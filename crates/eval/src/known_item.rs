//! Known-item search the way people search: queries written by hand from
//! the human summaries of Indonesian articles (`data/known_item_queries.tsv`:
//! two, three and five words, and a sentence), the summarised article (and
//! its exact copies) the one target, over the whole corpus.
//!
//! A fixed three tenths of the summaries (by a hash of the id) are held
//! out: tuning looks only at the rest, and the held-out figures are the
//! ones to quote.

use crate::data::Shared;
use crate::metrics::{recall, reciprocal_rank, Mean};
use crate::systems::{plain, rank_all, Ranker};
use anyhow::{Context, Result};
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// Results are cut off here.
pub const K: usize = 10;

/// The query lengths, in the order reported.
pub const KINDS: [&str; 4] = ["2w", "3w", "5w", "sentence"];

/// One query and what it should find.
pub struct Query {
    /// `2w`, `3w`, `5w` or `sentence`.
    pub kind: String,
    /// The text, as typed.
    pub text: String,
    /// The summarised article and its exact copies.
    pub relevant: HashSet<String>,
    /// Whether the summary is in the held-out part.
    pub held_out: bool,
}

/// FNV-1a of an id: a split that stays the same from run to run.
pub fn fnv(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Whether a summary is held out of tuning (three in ten).
pub fn held_out(summary_id: &str) -> bool {
    fnv(summary_id) % 10 < 3
}

/// Exact copies of each article, from `duplicates_id.tsv`.
pub fn exact_copies(shared: &Shared) -> Result<HashMap<String, Vec<String>>> {
    let text =
        std::fs::read_to_string(shared.eval("duplicates_id.tsv")).context("duplicates_id.tsv")?;
    let mut copies: HashMap<String, Vec<String>> = HashMap::new();
    for line in text.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() >= 4 && cols[3] == "exact" {
            copies
                .entry(cols[0].into())
                .or_default()
                .push(cols[1].into());
            copies
                .entry(cols[1].into())
                .or_default()
                .push(cols[0].into());
        }
    }
    Ok(copies)
}

/// The queries of `file` (`summary_id<TAB>kind<TAB>query`).
pub fn queries(shared: &Shared, file: &Path) -> Result<Vec<Query>> {
    let copies = exact_copies(shared)?;
    let text = std::fs::read_to_string(file).with_context(|| file.display().to_string())?;
    let mut out = Vec::new();
    for line in text.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 3 || cols[2].trim().is_empty() {
            continue;
        }
        let id = cols[0].trim();
        let mut relevant = HashSet::from([id.to_string()]);
        relevant.extend(copies.get(id).cloned().unwrap_or_default());
        out.push(Query {
            kind: cols[1].trim().to_string(),
            text: plain(cols[2]),
            relevant,
            held_out: held_out(id),
        });
    }
    Ok(out)
}

/// One system's MRR@10 and recall@10 on each kind, held out and not.
pub struct Scores {
    /// Per kind: (held-out MRR, held-out recall, tuning MRR, tuning recall).
    pub by_kind: Vec<(String, Mean, Mean, Mean, Mean)>,
    /// All kinds together, held out: (MRR, recall).
    pub held_out: (Mean, Mean),
}

/// Scores `ranker` on `queries`.
pub fn score(ranker: &dyn Ranker, queries: &[Query]) -> Scores {
    let texts: Vec<String> = queries.iter().map(|q| q.text.clone()).collect();
    let rankings = rank_all(ranker, &texts, K);
    let measures: Vec<(f64, f64)> = rankings
        .iter()
        .zip(queries)
        .map(|(ranked, q)| {
            (
                reciprocal_rank(ranked, &q.relevant, K),
                recall(ranked, &q.relevant, K),
            )
        })
        .collect();
    let select = |keep: &dyn Fn(&Query) -> bool| -> (Mean, Mean) {
        let (rr, rec): (Vec<f64>, Vec<f64>) = queries
            .iter()
            .zip(&measures)
            .filter(|(q, _)| keep(q))
            .map(|(_, m)| *m)
            .unzip();
        (Mean::of(&rr), Mean::of(&rec))
    };
    let by_kind = KINDS
        .iter()
        .map(|kind| {
            let (h_mrr, h_rec) = select(&|q| q.kind == *kind && q.held_out);
            let (t_mrr, t_rec) = select(&|q| q.kind == *kind && !q.held_out);
            (kind.to_string(), h_mrr, h_rec, t_mrr, t_rec)
        })
        .collect();
    Scores {
        by_kind,
        held_out: select(&|q| q.held_out),
    }
}
