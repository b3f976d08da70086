//! The cross-lingual benchmark: a query in one language, its one relevant
//! article in the other, among that language's articles.
//!
//! 1. PUD: the first sentence of a PUD news document as the query, the
//!    document in the other language as the target, among every PUD
//!    document in that language and the corpus articles in it.
//! 2. PANL: an English (Indonesian) sentence as the query, its translation
//!    as the target, among the other sentences of that language.
//!
//! Sentences are long queries, so every system matches any word.

use crate::data::{article, dictionary, panl, pud, Shared};
use crate::metrics::{recall, reciprocal_rank, Mean};
use crate::systems::{build_warta, plain, rank_all, Bare, Layout, Ranker, Warta};
use anyhow::Result;
use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;
use warta_analysis::langid::Lang;
use warta_analysis::Analyzer;
use warta_ingest::Article;
use warta_search::{MatchMode, Translate};

/// Results are cut off here.
const K: usize = 10;

/// One task: the articles searched and the queries with their target.
struct Task {
    name: String,
    articles: Vec<Article>,
    queries: Vec<(String, String)>,
    /// The language queries are typed in.
    from: Lang,
}

/// One system's figures on one task.
pub struct Row {
    /// Task and direction.
    pub task: String,
    /// The system.
    pub system: &'static str,
    /// MRR@10.
    pub mrr: Mean,
    /// Recall@10.
    pub recall: Mean,
}

/// Every PANL query after this many pairs (a fixed sample).
const PANL_STRIDE: usize = 40;

fn tasks(shared: &Shared) -> Result<Vec<Task>> {
    let docs = pud(shared)?;
    let mut tasks = Vec::new();
    for (from, to) in [(Lang::En, Lang::Id), (Lang::Id, Lang::En)] {
        let mut articles = shared.corpus(Some(to));
        let mut queries = Vec::new();
        for doc in &docs {
            let target = format!("pud-{}-{}", to.code(), doc.id);
            let (text, first) = match to {
                Lang::Id => (&doc.id_text, &doc.en_first),
                _ => (&doc.en, &doc.id_first),
            };
            articles.push(article(target.clone(), to, "", text));
            queries.push((plain(first), target));
        }
        tasks.push(Task {
            name: format!("PUD {}→{}", from.code(), to.code()),
            articles,
            queries,
            from,
        });
    }
    let pairs = panl(shared)?;
    for (from, to) in [(Lang::En, Lang::Id), (Lang::Id, Lang::En)] {
        let articles = pairs
            .iter()
            .enumerate()
            .map(|(n, (en, id))| {
                let text = if to == Lang::Id { id } else { en };
                article(format!("panl-{n}"), to, "", text)
            })
            .collect();
        let queries = pairs
            .iter()
            .enumerate()
            .step_by(PANL_STRIDE)
            .map(|(n, (en, id))| {
                let text = if from == Lang::En { en } else { id };
                (plain(text), format!("panl-{n}"))
            })
            .collect();
        tasks.push(Task {
            name: format!("PANL {}→{}", from.code(), to.code()),
            articles,
            queries,
            from,
        });
    }
    Ok(tasks)
}

fn measure(
    task: &str,
    system: &'static str,
    ranker: &dyn Ranker,
    queries: &[(String, String)],
) -> Row {
    let texts: Vec<String> = queries.iter().map(|(q, _)| q.clone()).collect();
    let rankings = rank_all(ranker, &texts, K);
    let (mut rr, mut rec) = (Vec::new(), Vec::new());
    for (ranked, (_, target)) in rankings.iter().zip(queries) {
        let relevant = HashSet::from([target.clone()]);
        rr.push(reciprocal_rank(ranked, &relevant, K));
        rec.push(recall(ranked, &relevant, K));
    }
    eprintln!("  {task}: {system} done");
    Row {
        task: task.to_string(),
        system,
        mrr: Mean::of(&rr),
        recall: Mean::of(&rec),
    }
}

/// Runs every task with every system, building the indexes under `work`.
pub fn run(shared: &Shared, lexicon: &Path, work: &Path) -> Result<Vec<Row>> {
    let (en_id, id_en) = dictionary(lexicon)?;
    let (en_id, id_en) = (Arc::new(en_id), Arc::new(id_en));
    let analyzer = Arc::new(Analyzer::default());
    let mut rows = Vec::new();
    for (n, task) in tasks(shared)?.into_iter().enumerate() {
        eprintln!(
            "{}: {} articles, {} queries",
            task.name,
            task.articles.len(),
            task.queries.len()
        );
        let engine = build_warta(
            &work.join(format!("warta-{n}")),
            Arc::clone(&analyzer),
            &task.articles,
        )?;
        let bare = Bare::build(
            &work.join(format!("bare-{n}")),
            &task.articles,
            Layout::OneField,
        )?;
        let dictionary = bare.with_expansion(if task.from == Lang::En {
            Arc::clone(&en_id)
        } else {
            Arc::clone(&id_en)
        });
        let auto = Warta {
            engine: &engine,
            match_mode: MatchMode::Any,
            xl: Translate::Auto,
        };
        let off = Warta {
            xl: Translate::Off,
            ..auto
        };
        rows.push(measure(&task.name, "Warta, xl=auto", &auto, &task.queries));
        rows.push(measure(
            &task.name,
            "Warta, xl=off (words as typed)",
            &off,
            &task.queries,
        ));
        rows.push(measure(
            &task.name,
            "bare Tantivy (words as typed)",
            &bare,
            &task.queries,
        ));
        rows.push(measure(
            &task.name,
            "bare Tantivy + every dictionary sense",
            &dictionary,
            &task.queries,
        ));
    }
    Ok(rows)
}
