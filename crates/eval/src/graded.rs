//! Graded topic sets (`data/graded/`): queries written by hand about topics
//! several articles cover, in English, in Indonesian, and in English about
//! Indonesian events. Judgments come from pooling every system's top 10
//! (`warta-eval pool`) and judging the pool blind to the systems, by the
//! written rules of `data/graded/RULES.md`; nDCG@10 scores each system.

use crate::metrics::{ndcg, Mean};
use crate::systems::{plain, rank_all, Ranker};
use anyhow::{Context, Result};
use std::collections::HashMap;
use std::path::Path;
use warta_ingest::Article;

/// Results are cut off here.
pub const K: usize = 10;

/// One topic query.
pub struct Topic {
    /// `en-01`…
    pub qid: String,
    /// `en`, `id` or `xl`.
    pub set: String,
    /// The query as typed.
    pub query: String,
    /// What the user wants, for the judge.
    pub description: String,
}

/// The topics of `queries.tsv`.
pub fn topics(file: &Path) -> Result<Vec<Topic>> {
    let text = std::fs::read_to_string(file).with_context(|| file.display().to_string())?;
    Ok(text
        .lines()
        .skip(1)
        .filter_map(|line| {
            let cols: Vec<&str> = line.split('\t').collect();
            (cols.len() >= 5).then(|| Topic {
                qid: cols[0].trim().to_string(),
                set: cols[1].trim().to_string(),
                query: cols[3].trim().to_string(),
                description: cols[4].trim().to_string(),
            })
        })
        .collect())
}

/// The judgments of `qrels.tsv` (`qid<TAB>article_id<TAB>grade`).
pub fn judgments(file: &Path) -> Result<HashMap<String, HashMap<String, u32>>> {
    let text = std::fs::read_to_string(file).with_context(|| file.display().to_string())?;
    let mut out: HashMap<String, HashMap<String, u32>> = HashMap::new();
    for line in text.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 3 {
            continue;
        }
        if let Ok(grade) = cols[2].trim().parse::<u32>() {
            out.entry(cols[0].trim().to_string())
                .or_default()
                .insert(cols[1].trim().to_string(), grade);
        }
    }
    Ok(out)
}

/// Every system's top 10 for every topic, merged into one list to judge:
/// each (topic, article) once, in an order that does not tell which
/// system found it, with the article's title and opening.
pub fn pool(
    topics: &[Topic],
    rankers: &[(&str, &dyn Ranker)],
    articles: &HashMap<String, &Article>,
) -> Vec<String> {
    let texts: Vec<String> = topics.iter().map(|t| plain(&t.query)).collect();
    let mut pooled: Vec<(u64, String, String)> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (_, ranker) in rankers {
        for (topic, ranked) in topics.iter().zip(rank_all(*ranker, &texts, K)) {
            for id in ranked {
                if seen.insert((topic.qid.clone(), id.clone())) {
                    let order = hash(&format!("{}\t{id}", topic.qid));
                    pooled.push((order, topic.qid.clone(), id));
                }
            }
        }
    }
    pooled.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
    let line = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut lines =
        vec!["qid\tquery\tdescription\tarticle_id\tlang\ttitle\topening\tgrade".to_string()];
    let by_qid: HashMap<&str, &Topic> = topics.iter().map(|t| (t.qid.as_str(), t)).collect();
    for (_, qid, id) in pooled {
        let (Some(topic), Some(article)) = (by_qid.get(qid.as_str()), articles.get(&id)) else {
            continue;
        };
        let opening: String = article.body.chars().take(700).collect();
        lines.push(format!(
            "{qid}\t{}\t{}\t{id}\t{}\t{}\t{}\t",
            topic.query,
            topic.description,
            article.lang.code(),
            line(&article.title),
            line(&opening)
        ));
    }
    lines
}

/// FNV-1a, for an order that hides the systems.
fn hash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// nDCG@10 of `ranker` on each set, and how much of its top 10 was judged.
pub fn score(
    ranker: &dyn Ranker,
    topics: &[Topic],
    judged: &HashMap<String, HashMap<String, u32>>,
) -> Vec<(String, Mean, f64)> {
    let texts: Vec<String> = topics.iter().map(|t| plain(&t.query)).collect();
    let rankings = rank_all(ranker, &texts, K);
    let mut sets: Vec<String> = topics.iter().map(|t| t.set.clone()).collect();
    sets.sort();
    sets.dedup();
    let empty = HashMap::new();
    sets.into_iter()
        .map(|set| {
            let mut values = Vec::new();
            let (mut shown, mut known) = (0usize, 0usize);
            for (topic, ranked) in topics.iter().zip(&rankings) {
                if topic.set != set {
                    continue;
                }
                let grades = judged.get(&topic.qid).unwrap_or(&empty);
                values.push(ndcg(ranked, grades, K));
                shown += ranked.len();
                known += ranked.iter().filter(|id| grades.contains_key(*id)).count();
            }
            let coverage = known as f64 / shown.max(1) as f64;
            (set, Mean::of(&values), coverage)
        })
        .collect()
}
