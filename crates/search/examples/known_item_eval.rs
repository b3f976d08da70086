//! Known-item retrieval quality over the whole corpus of `../shared`:
//! Warta (and variants with one analysis choice switched off) against bare
//! Tantivy's `default` and `en_stem` tokenizers, on the same articles.
//!
//! Queries are the hand-written summaries of `eval-data/summaries_*.tsv`:
//! (1) the summary's first sentence, and (2) three content words drawn from
//! the summary with a fixed seed. Every system runs in match-any mode; the
//! relevant items are the summarised article and its exact duplicates.
//! Prints MRR@10 and recall@10 per system and query set as Markdown.
//!
//!     cargo run --release -p warta-search --example known_item_eval -- ../shared [--grid]
//!
//! `--grid` adds a table over title boost × stem weight.

use anyhow::{Context, Result};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;
use tantivy::collector::TopDocs;
use tantivy::query::QueryParser;
use tantivy::schema::{Schema, TextFieldIndexing, TextOptions, Value, STORED, STRING};
use tantivy::{doc, Index, TantivyDocument};
use warta_analysis::stem_id::IndonesianStemmer;
use warta_analysis::stopwords::is_stopword;
use warta_analysis::{Analyzer, AnalyzerOptions};
use warta_indexer::{Indexer, IndexerOptions};
use warta_ingest::{read_sources, Article, Item};
use warta_search::{MatchMode, SearchRequest, TantivyEngine, Tuning};

const K: usize = 10;

struct Query {
    text: String,
    relevant: HashSet<String>,
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let grid_wanted = args.iter().any(|a| a == "--grid");
    let shared = PathBuf::from(
        args.iter()
            .find(|a| !a.starts_with("--"))
            .cloned()
            .unwrap_or_else(|| "../shared".into()),
    );
    let started = Instant::now();
    let articles: Vec<Article> = read_sources(&[shared.join("corpus")])
        .filter_map(|item| match item {
            Item::Article(a) => Some(*a),
            Item::Skipped(_) => None,
        })
        .collect();
    eprintln!(
        "read {} articles in {:.1}s",
        articles.len(),
        started.elapsed().as_secs_f64()
    );
    let (sentences, words) = queries(&shared.join("eval-data"))?;
    eprintln!("{} known items", sentences.len());

    let work = tempfile::tempdir()?;
    let mut rows: Vec<(String, Score, Score)> = Vec::new();

    // One analysis or ranking choice switched off at a time from Warta's
    // defaults, so each line says what that choice buys.
    let on = AnalyzerOptions::default();
    let builds: [(&str, AnalyzerOptions); 4] = [
        ("warta (defaults)", on),
        (
            "warta, no Indonesian stemmer",
            AnalyzerOptions {
                indonesian: false,
                ..on
            },
        ),
        (
            "warta, no English stemmer",
            AnalyzerOptions {
                english: false,
                ..on
            },
        ),
        (
            "warta, no stemming",
            AnalyzerOptions {
                indonesian: false,
                english: false,
            },
        ),
    ];
    let tuned = Tuning::default();
    let mut grid: Vec<(String, Score, Score)> = Vec::new();
    for (n, (name, options)) in builds.iter().enumerate() {
        let dir = work.path().join(format!("warta-{n}"));
        let analyzer = Arc::new(Analyzer::with_options(IndonesianStemmer::new(), *options));
        let t = Instant::now();
        build_warta(&dir, analyzer.clone(), &articles)?;
        eprintln!("built {name} in {:.1}s", t.elapsed().as_secs_f64());
        let mut engine = TantivyEngine::open(&dir, analyzer)?;
        let mut measure = |tuning: Tuning| {
            engine.set_tuning(tuning);
            let run = |qs: &[Query]| {
                evaluate(qs, |text| {
                    let mut request = SearchRequest::new(text);
                    request.match_mode = MatchMode::Any;
                    engine.search_ids(&request, K).unwrap_or_default()
                })
            };
            (run(&sentences), run(&words))
        };
        let (a, b) = measure(tuned);
        rows.push((name.to_string(), a, b));
        if n != 0 {
            continue;
        }
        for (label, tuning) in [
            (
                "warta, title boost 1 (title weighs as body)",
                Tuning {
                    title_boost: 1.0,
                    ..tuned
                },
            ),
            (
                "warta, title boost 0.5",
                Tuning {
                    title_boost: 0.5,
                    ..tuned
                },
            ),
            (
                "warta, title boost 2",
                Tuning {
                    title_boost: 2.0,
                    ..tuned
                },
            ),
            (
                "warta, stem weight 1 (stems weigh as exact forms)",
                Tuning {
                    stem_weight: 1.0,
                    ..tuned
                },
            ),
            (
                "warta, stopwords kept in queries",
                Tuning {
                    drop_stopwords: false,
                    ..tuned
                },
            ),
        ] {
            let (a, b) = measure(tuning);
            rows.push((label.to_string(), a, b));
        }
        if grid_wanted {
            for title_boost in [0.1f32, 0.25, 0.35, 0.5, 1.0] {
                for stem_weight in [0.05f32, 0.1, 0.25, 1.0] {
                    let (a, b) = measure(Tuning {
                        title_boost,
                        stem_weight,
                        ..tuned
                    });
                    grid.push((
                        format!("title boost {title_boost}, stem weight {stem_weight}"),
                        a,
                        b,
                    ));
                }
            }
        }
    }
    for tokenizer in ["default", "en_stem"] {
        let dir = work.path().join(format!("tantivy-{tokenizer}"));
        let t = Instant::now();
        let (index, parser, id_field) = build_bare(&dir, tokenizer, &articles)?;
        eprintln!(
            "built bare tantivy {tokenizer} in {:.1}s",
            t.elapsed().as_secs_f64()
        );
        let searcher = index.reader()?.searcher();
        let run = |qs: &[Query]| {
            evaluate(qs, |text| {
                let (query, _) = parser.parse_query_lenient(text);
                let top = searcher
                    .search(&query, &TopDocs::with_limit(K).order_by_score())
                    .unwrap_or_default();
                top.into_iter()
                    .filter_map(|(_, address)| {
                        let d: TantivyDocument = searcher.doc(address).ok()?;
                        d.get_first(id_field)
                            .and_then(|v| v.as_str())
                            .map(str::to_string)
                    })
                    .collect()
            })
        };
        rows.push((
            format!("bare tantivy `{tokenizer}`"),
            run(&sentences),
            run(&words),
        ));
    }

    println!(
        "Known-item search over {} articles, {} queries per set, match any, top {K}",
        articles.len(),
        sentences.len()
    );
    println!();
    println!("| system | first sentence MRR@10 | first sentence recall@10 | three words MRR@10 | three words recall@10 |");
    println!("|---|---:|---:|---:|---:|");
    for (name, a, b) in &rows {
        println!(
            "| {name} | {:.4} | {:.4} | {:.4} | {:.4} |",
            a.mrr, a.recall, b.mrr, b.recall
        );
    }
    if !grid.is_empty() {
        println!();
        println!("Tuning grid on the default analysis:");
        println!();
        println!("| tuning | first sentence MRR@10 | first sentence recall@10 | three words MRR@10 | three words recall@10 |");
        println!("|---|---:|---:|---:|---:|");
        for (name, a, b) in &grid {
            println!(
                "| {name} | {:.4} | {:.4} | {:.4} | {:.4} |",
                a.mrr, a.recall, b.mrr, b.recall
            );
        }
    }
    Ok(())
}

#[derive(Clone, Copy)]
struct Score {
    mrr: f64,
    recall: f64,
}

fn evaluate(queries: &[Query], search: impl Fn(&str) -> Vec<String> + Sync) -> Score {
    let (rr, rec): (Vec<f64>, Vec<f64>) = std::thread::scope(|scope| {
        let halves: Vec<_> = queries
            .chunks(queries.len().div_ceil(2).max(1))
            .map(|chunk| {
                let search = &search;
                scope.spawn(move || {
                    chunk
                        .iter()
                        .map(|q| {
                            let ids = search(&q.text);
                            let rr = ids
                                .iter()
                                .position(|id| q.relevant.contains(id))
                                .map_or(0.0, |rank| 1.0 / (rank + 1) as f64);
                            let found = ids.iter().filter(|id| q.relevant.contains(*id)).count();
                            (rr, found as f64 / q.relevant.len() as f64)
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        halves
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .unzip()
    });
    let n = queries.len().max(1) as f64;
    Score {
        mrr: rr.iter().sum::<f64>() / n,
        recall: rec.iter().sum::<f64>() / n,
    }
}

fn build_warta(dir: &Path, analyzer: Arc<Analyzer>, articles: &[Article]) -> Result<()> {
    let options = IndexerOptions {
        commit_every: usize::MAX,
        ..IndexerOptions::default()
    };
    let mut indexer = Indexer::open(dir, analyzer, &options)?;
    for article in articles {
        indexer.add(article)?;
    }
    indexer.finish()?;
    Ok(())
}

fn build_bare(
    dir: &Path,
    tokenizer: &str,
    articles: &[Article],
) -> Result<(Index, QueryParser, tantivy::schema::Field)> {
    let mut builder = Schema::builder();
    let text = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(tokenizer)
                .set_index_option(tantivy::schema::IndexRecordOption::WithFreqsAndPositions),
        )
        .set_stored();
    let id = builder.add_text_field("id", STRING | STORED);
    let title = builder.add_text_field("title", text.clone());
    let body = builder.add_text_field("body", text);
    std::fs::create_dir_all(dir)?;
    let index = Index::create_in_dir(dir, builder.build())?;
    let mut writer = index.writer_with_num_threads(2, 256 * 1024 * 1024)?;
    for a in articles {
        writer.add_document(
            doc!(id => a.id.clone(), title => a.title.clone(), body => a.body.clone()),
        )?;
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    let parser = QueryParser::for_index(&index, vec![title, body]);
    Ok((index, parser, id))
}

/// Lowercased, with everything but letters, digits and spaces turned into
/// spaces, so no system sees query syntax in a summary.
fn plain(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_lowercase().next().unwrap_or(c)
            } else {
                ' '
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn first_sentence(summary: &str) -> &str {
    let end = summary
        .char_indices()
        .find(|&(i, c)| c == '.' && summary[i + 1..].starts_with(' ') && i > 20)
        .map_or(summary.len(), |(i, _)| i);
    &summary[..end]
}

/// Three content words of the summary, drawn with a seed from its id.
fn three_words(id: &str, summary: &str) -> String {
    let mut seen = HashSet::new();
    let words: Vec<String> = plain(summary)
        .split(' ')
        .filter(|w| {
            w.chars().count() >= 4 && !is_stopword(w) && !w.chars().all(|c| c.is_ascii_digit())
        })
        .filter(|w| seen.insert(w.to_string()))
        .map(str::to_string)
        .collect();
    let mut state = id.bytes().fold(0x9E37_79B9_7F4A_7C15u64, |h, b| {
        (h ^ b as u64).wrapping_mul(0x100_0000_01B3)
    });
    let mut pool = words;
    let mut chosen = Vec::new();
    while chosen.len() < 3 && !pool.is_empty() {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        chosen.push(pool.swap_remove((z % pool.len() as u64) as usize));
    }
    chosen.join(" ")
}

fn queries(eval: &Path) -> Result<(Vec<Query>, Vec<Query>)> {
    let mut duplicates: HashMap<String, Vec<String>> = HashMap::new();
    let dups =
        std::fs::read_to_string(eval.join("duplicates_id.tsv")).context("duplicates_id.tsv")?;
    for line in dups.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() >= 4 && cols[3] == "exact" {
            duplicates
                .entry(cols[0].into())
                .or_default()
                .push(cols[1].into());
            duplicates
                .entry(cols[1].into())
                .or_default()
                .push(cols[0].into());
        }
    }
    let mut sentences = Vec::new();
    let mut words = Vec::new();
    for file in [
        "summaries_id_detik_2025.tsv",
        "summaries_id_indosum_dev.tsv",
    ] {
        let text = std::fs::read_to_string(eval.join(file)).with_context(|| file.to_string())?;
        for line in text.lines().skip(1) {
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 3 {
                continue;
            }
            let (id, summary) = (cols[0], cols[2]);
            let mut relevant: HashSet<String> = HashSet::from([id.to_string()]);
            relevant.extend(duplicates.get(id).cloned().unwrap_or_default());
            sentences.push(Query {
                text: plain(first_sentence(summary)),
                relevant: relevant.clone(),
            });
            words.push(Query {
                text: three_words(id, summary),
                relevant,
            });
        }
    }
    Ok((sentences, words))
}
